"""PDF downloads: streamed to a temporary file beside the target, checked, then renamed into place.

A download that is cut off, times out or is not a PDF leaves nothing behind: the target appears only
when every byte arrived (``os.replace`` is atomic on one file system).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import httpx

from paperpass.errors import SourceError
from paperpass.sources.http import PoliteSession

MAX_PDF_BYTES = 200 * 1024 * 1024
"""A PDF larger than this is refused (arXiv caps submissions far below it)."""


@dataclass(frozen=True)
class DownloadedFile:
    """A file on disk with its checksum."""

    path: Path
    sha256: str
    size: int
    url: str


def download_pdf(
    session: PoliteSession, url: str, target: Path, *, service: str, interval: float,
    max_bytes: int = MAX_PDF_BYTES,
) -> DownloadedFile:  # fmt: skip
    """Download ``url`` to ``target`` atomically and return its sha256.

    Raises:
        SourceError: the server failed, the transfer was cut off, or the body is not a PDF; no file is left.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    digest = hashlib.sha256()
    size = 0
    try:
        with session.stream(service, url, interval=interval) as response, partial.open("wb") as out:
            expected = response.headers.get("content-length")
            for chunk in response.iter_bytes(1 << 16):
                if size == 0 and not chunk.lstrip()[:5].startswith(b"%PDF"):
                    raise SourceError(f"{url} is not a PDF")
                size += len(chunk)
                if size > max_bytes:
                    raise SourceError(f"{url} is larger than {max_bytes // (1 << 20)} MB")
                digest.update(chunk)
                out.write(chunk)
            if expected and expected.isdigit() and int(expected) != size:
                raise SourceError(f"download of {url} was cut off at {size} of {expected} bytes")
            out.flush()
            os.fsync(out.fileno())
        if size == 0:
            raise SourceError(f"{url} answered an empty file")
        os.replace(partial, target)
    except httpx.HTTPError as exc:
        why = "it timed out" if isinstance(exc, httpx.TimeoutException) else "the connection broke"
        raise SourceError(f"download of {url} was cut off after {size} bytes: {why}") from None
    finally:
        partial.unlink(missing_ok=True)
    return DownloadedFile(target, digest.hexdigest(), size, url)
