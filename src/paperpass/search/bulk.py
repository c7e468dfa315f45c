"""Bulk import of a metadata dump as the discovery index: the arXiv metadata snapshot, streamed.

Its papers are discovery records (``papers.discovery``): searched with ``paperpass search --discover``,
never part of the library's lists, and made library papers by ``paperpass add`` (or the web's "add to
library") without fetching their metadata again.

The snapshot (``arxiv-metadata-oai-snapshot.json``) is JSON lines, one paper per line, with ``id``,
``title``, ``authors`` (and ``authors_parsed``), ``abstract``, ``categories`` (space-separated), ``doi``,
``journal-ref`` and ``versions`` (``[{"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"}]``).

The file is read line by line and written in batches; after each batch the byte offset reached is saved
in the same transaction, so an interrupted import resumes where it stopped. A paper already stored (in
the library or the index: same arXiv id, DOI or slug) is skipped, never overwritten.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import orjson

from paperpass.errors import InvalidInputError
from paperpass.models import title_key
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from paperpass.store import search_bulk as loader

BATCH = loader.COMMIT_EVERY
OPTIMIZE_AFTER = 100_000
"""After adding this many papers (or any, resuming an import), the full-text index is merged into one
segment (faster queries): bulk transactions leave a segment per chunk (see :mod:`search_bulk`)."""
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_AUTHOR_SPLIT = re.compile(r",\s*|\s+and\s+")


@dataclass
class ImportReport:
    """What a bulk import did."""

    read: int = 0
    added: int = 0
    skipped: int = 0
    invalid: int = 0
    resumed_at: int = 0
    done: bool = False


def slug_for(title: str, arxiv_id: str) -> str:
    """A readable, unique slug: the title's first words and the arXiv id."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = _NOT_SLUG.sub("-", ascii_title).strip("-")[:60].rstrip("-")
    tail = _NOT_SLUG.sub("-", arxiv_id.lower()).strip("-")
    return f"{words}-{tail}" if words else f"arxiv-{tail}"


def _authors(record: Mapping[str, Any]) -> list[str]:
    parsed = record.get("authors_parsed")
    if isinstance(parsed, list) and parsed:
        names = []
        for part in parsed:
            if isinstance(part, list) and part:
                last, first = str(part[0]), str(part[1]) if len(part) > 1 else ""
                names.append(_squeezed(f"{first} {last}"))
        return [n for n in names if n]
    text = _squeezed(record.get("authors"))
    return [a.strip() for a in _AUTHOR_SPLIT.split(text) if a.strip()]


def _year_and_version(versions: object) -> tuple[int | None, int | None]:
    if not isinstance(versions, list) or not versions:
        return None, None
    year = None
    first = versions[0]
    if isinstance(first, dict) and first.get("created"):
        try:
            year = _year_of(str(first["created"]))
        except (TypeError, ValueError):
            year = None
    last = versions[-1]
    label = str(last.get("version", "")) if isinstance(last, dict) else ""
    return year, int(label[1:]) if label[1:].isdigit() else None


def _squeezed(value: object) -> str:
    """``value`` as text, each run of white space one space, none at the ends."""
    return " ".join(str(value or "").split())


def _year_of(created: str) -> int:
    """The year of a version's RFC 2822 date (``Mon, 2 Apr 2007 19:18:42 GMT``), read directly when the
    date has that usual shape (parsing it whole costs more than the rest of a record)."""
    parts = created.split()
    if len(parts) == 6 and parts[0].endswith(",") and len(parts[3]) == 4 and parts[3].isdigit():
        return int(parts[3])
    return parsedate_to_datetime(created).year


def paper_row(record: Mapping[str, Any], now: datetime) -> dict[str, Any] | None:
    """The ``papers`` row for one snapshot record, or None when it has no id or title."""
    arxiv_id = str(record.get("id") or "").strip()
    title = _squeezed(record.get("title"))
    if not arxiv_id or not title:
        return None
    year, version = _year_and_version(record.get("versions"))
    doi = str(record.get("doi") or "").strip().lower() or None
    return {
        "slug": slug_for(title, arxiv_id),
        "title": title,
        "authors": _authors(record),
        "year": year,
        "venue": str(record.get("journal-ref") or "").strip() or None,
        "abstract": _squeezed(record.get("abstract")) or None,
        "arxiv_id": arxiv_id,
        "arxiv_version": version,
        "doi": doi.split()[0] if doi else None,
        "s2_id": None,
        "links": {"abs": f"https://arxiv.org/abs/{arxiv_id}", "pdf": f"https://arxiv.org/pdf/{arxiv_id}"},
        "tags": str(record.get("categories") or "").split(),
        "guide": False,
        "created_at": now,
        "updated_at": now,
        "discovery": True,
        "title_key": title_key(title),
    }


def ingest_rows(store: Store, rows: Iterable[dict[str, Any]], batch: int = BATCH) -> int:
    """Write ``papers`` rows as discovery records in large transactions (the bulk path shared by the
    import and the scale benchmark: see :mod:`paperpass.store.search_bulk`).

    Returns:
        How many were new.
    """
    chunk = max(1, min(batch, loader.CHUNK))
    chunks = ((part, None) for part in _chunked(_as_discovery(rows), chunk))
    return loader.write_papers(store, chunks, commit_every=batch)


def _as_discovery(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """``rows`` marked as discovery records, with their title keys (on the loader's helper thread)."""
    for row in rows:
        row["discovery"] = True
        if "title_key" not in row:
            row["title_key"] = title_key(row["title"])
        yield row


def _chunked(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    while part := list(itertools.islice(rows, size)):
        yield part


def _checkpoint_key(path: Path) -> str:
    return f"arxiv_import:{path.resolve()}"


def _lines(path: Path, offset: int) -> Iterator[tuple[int, bytes]]:
    with path.open("rb") as handle:
        handle.seek(offset)
        for line in handle:
            offset += len(line)
            yield offset, line


def import_arxiv_metadata(
    store: Store,
    path: Path,
    *,
    restart: bool = False,
    progress: Callable[[int], None] | None = None,
    batch: int = BATCH,
) -> ImportReport:
    """Stream an arXiv metadata snapshot into the library, resuming an interrupted import of the same file.

    Args:
        store: the library.
        path: the JSON-lines file.
        restart: ignore the saved position and read the file from the start.
        progress: called with the byte offset reached after each batch.
        batch: papers per transaction.

    Raises:
        InvalidInputError: the file cannot be read.
    """
    if not path.is_file():
        raise InvalidInputError(f"{path}: no such file")
    key = _checkpoint_key(path)
    with store.connect() as conn:
        saved = paper_rows.get_meta(conn, key)
    report = ImportReport(resumed_at=0 if restart or not saved else int(saved))
    if report.resumed_at > path.stat().st_size:
        report.resumed_at = 0
    now = datetime.now(UTC)
    chunks = _record_chunks(path, report, now, max(1, min(batch, loader.CHUNK)))

    def committed(added: int, position: str | None) -> None:
        report.added += added
        if progress is not None and position is not None:
            progress(int(position))

    loader.write_papers(
        store, chunks, checkpoint=loader.Checkpoint(key), commit_every=batch, on_commit=committed
    )
    report.skipped = report.read - report.invalid - report.added
    if report.added >= OPTIMIZE_AFTER or (report.added and report.resumed_at):  # unmerged segments
        loader.merge_index(store)
    report.done = True
    return report


def _record_chunks(path: Path, report: ImportReport, now: datetime, size: int) -> Iterator[loader.Chunk]:
    """The file's papers rows in chunks, each with the byte offset reached after it."""
    pending: list[dict[str, Any]] = []
    reached = report.resumed_at
    try:
        for reached, line in _lines(path, report.resumed_at):
            row = _parse_line(line, now, report)
            if row is not None:
                pending.append(row)
            if len(pending) >= size:
                yield pending, str(reached)
                pending = []
    except OSError as exc:
        raise InvalidInputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    yield pending, str(reached)


def _parse_line(line: bytes, now: datetime, report: ImportReport) -> dict[str, Any] | None:
    if not line.strip():
        return None
    report.read += 1
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError:
        record = None
    if b"\\u0000" in line and isinstance(record, dict):
        record = _without_nul(record)  # PostgreSQL text cannot hold NUL; SQLite would keep it
    row = paper_row(record, now) if isinstance(record, dict) else None
    if row is None:
        report.invalid += 1
    return row


def _without_nul(value: Any) -> Any:
    """``value`` (parsed JSON) with every NUL character removed from its strings."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_nul(v) for k, v in value.items()}
    return value
