"""Pass-1 survey sheets with a cache in the library: re-surveying a PDF is instant, and a new extractor
version recomputes."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from paperpass.errors import PDFError
from paperpass.pdf import EXTRACTOR_VERSION, Caption, Conclusion, Section, Survey, survey
from paperpass.store import Store
from paperpass.store import surveys as survey_rows


def file_sha256(path: Path) -> str:
    """The sha256 of a file, read in chunks.

    Raises:
        PDFError: the file cannot be read.
    """
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        raise PDFError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return digest.hexdigest()


def survey_from_json(data: dict[str, Any]) -> Survey:
    """Rebuild a :class:`Survey` from its :meth:`Survey.to_json` form."""
    conclusion = data.get("conclusion")
    return Survey(
        title=data["title"],
        authors=list(data["authors"]),
        abstract=data["abstract"],
        intro_last_paragraph=data["intro_last_paragraph"],
        sections=[Section(**s) for s in data["sections"]],
        conclusion=Conclusion(**conclusion) if conclusion else None,
        figures=[Caption(**c) for c in data["figures"]],
        tables=[Caption(**c) for c in data["tables"]],
        pages=data["pages"],
        warnings=list(data.get("warnings", [])),
        sha256=data.get("sha256", ""),
        extractor_version=data.get("extractor_version", EXTRACTOR_VERSION),
        estimated_pass2_minutes=data.get("estimated_pass2_minutes", 30),
        words=data.get("words", 0),
        arxiv_id=data.get("arxiv_id", ""),
        doi=data.get("doi", ""),
    )


def cached_survey(store: Store | None, path: Path, *, timeout: float = 30.0) -> Survey:
    """The survey sheet of a PDF, from the library's cache when this extractor version made one.

    Args:
        store: the library, or None to skip the cache.
        path: the PDF.
        timeout: seconds allowed for a fresh extraction.

    Raises:
        PDFError: the file is missing, unreadable or not a usable PDF.
    """
    if not path.is_file():
        raise PDFError(f"{path}: no such file")
    if store is None:
        return survey(path, timeout=timeout)
    sha = file_sha256(path)
    with store.connect() as conn:
        data = survey_rows.get_survey(conn, sha, EXTRACTOR_VERSION)
    if data is not None:
        return survey_from_json(data)
    sheet = survey(path, timeout=timeout)
    if not any("time limit" in w for w in sheet.warnings):  # a partial sheet is not cached
        with store.transaction() as conn:
            survey_rows.put_survey(conn, sha, EXTRACTOR_VERSION, sheet.to_json())
    return sheet
