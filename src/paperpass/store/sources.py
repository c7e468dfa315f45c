"""Queries for what sources bring: PDF files, code links, BibTeX entries as imported, the sync queue,
and the candidates for duplicate detection."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, false, insert, or_, select, update

from paperpass.models import Paper
from paperpass.store.papers import _to_paper
from paperpass.store.tables import (
    bibtex_entries,
    code_links,
    notes,
    paper_files,
    papers,
    source_queue,
    utcnow,
)


@dataclass(frozen=True)
class PaperFile:
    """A file kept for a paper (a PDF): where, its sha256 and, for arXiv, which version it is."""

    paper_id: int
    path: str
    sha256: str
    size: int
    arxiv_version: int | None = None
    source_url: str | None = None
    kind: str = "pdf"


@dataclass(frozen=True)
class StoredCodeLink:
    """A code or project link stored for a paper."""

    url: str
    source: str
    kind: str


@dataclass(frozen=True)
class QueuedInput:
    """An ``add`` argument waiting for ``sync``: what was typed, the paper made so far, and why it waits."""

    id: int
    input: str
    paper_id: int | None
    reason: str
    attempts: int
    updated_at: datetime


def add_file(conn: Connection, file: PaperFile) -> None:
    """Record a file for a paper (the same bytes twice are recorded once)."""
    exists = conn.execute(
        select(paper_files.c.id).where(
            paper_files.c.paper_id == file.paper_id, paper_files.c.sha256 == file.sha256
        )
    ).first()
    if exists is None:
        conn.execute(
            insert(paper_files).values(
                paper_id=file.paper_id, kind=file.kind, path=file.path, sha256=file.sha256, size=file.size,
                arxiv_version=file.arxiv_version, source_url=file.source_url, created_at=utcnow(),
            )
        )  # fmt: skip


def files_for(conn: Connection, paper_id: int) -> list[PaperFile]:
    """A paper's files, newest first."""
    rows = conn.execute(
        select(paper_files).where(paper_files.c.paper_id == paper_id).order_by(paper_files.c.id.desc())
    ).mappings()
    return [
        PaperFile(
            r["paper_id"], r["path"], r["sha256"], r["size"], r["arxiv_version"], r["source_url"], r["kind"]
        )
        for r in rows
    ]


def add_code_links(conn: Connection, paper_id: int, links: Iterable[StoredCodeLink]) -> int:
    """Add code links a paper does not have yet; returns how many were new."""
    links = list(links)
    if not links:
        return 0
    have = set(conn.execute(select(code_links.c.url).where(code_links.c.paper_id == paper_id)).scalars())
    added = 0
    for link in links:
        if link.url in have:
            continue
        have.add(link.url)
        conn.execute(
            insert(code_links).values(
                paper_id=paper_id, url=link.url, source=link.source, kind=link.kind, created_at=utcnow()
            )
        )
        added += 1
    return added


def code_links_for(conn: Connection, paper_id: int) -> list[StoredCodeLink]:
    """A paper's code and project links in the order they were found."""
    rows = conn.execute(
        select(code_links.c.url, code_links.c.source, code_links.c.kind)
        .where(code_links.c.paper_id == paper_id)
        .order_by(code_links.c.id)
    )
    return [StoredCodeLink(url, source, kind) for url, source, kind in rows]


def set_bibtex(
    conn: Connection,
    paper_id: int,
    entry_type: str,
    key: str,
    fields: dict[str, str],
    *,
    replace: bool = True,
) -> None:
    """Keep a paper's BibTeX entry exactly as imported (replacing an earlier one, unless the caller knows
    there is none: ``replace=False`` saves a statement per entry of a large import)."""
    if replace:
        conn.execute(delete(bibtex_entries).where(bibtex_entries.c.paper_id == paper_id))
    conn.execute(
        insert(bibtex_entries).values(
            paper_id=paper_id, entry_type=entry_type, citation_key=key, fields=fields, updated_at=utcnow()
        )
    )


def bibtex_for(conn: Connection, paper_ids: Iterable[int]) -> dict[int, tuple[str, str, dict[str, str]]]:
    """Imported BibTeX entries by paper id: ``(entry_type, citation_key, fields)``."""
    rows = conn.execute(
        select(bibtex_entries).where(bibtex_entries.c.paper_id.in_(list(paper_ids)))
    ).mappings()
    return {r["paper_id"]: (r["entry_type"], r["citation_key"], dict(r["fields"])) for r in rows}


def queue_input(conn: Connection, text: str, reason: str, paper_id: int | None = None) -> None:
    """Put an input on the sync queue, or update its reason and count one more attempt."""
    now = utcnow()
    row = conn.execute(
        select(source_queue.c.id, source_queue.c.attempts).where(source_queue.c.input == text)
    ).first()
    if row is None:
        conn.execute(
            insert(source_queue).values(
                input=text, paper_id=paper_id, reason=reason, attempts=1, created_at=now, updated_at=now
            )
        )
        return
    values: dict[str, object] = {"reason": reason, "attempts": row.attempts + 1, "updated_at": now}
    if paper_id is not None:
        values["paper_id"] = paper_id
    conn.execute(update(source_queue).where(source_queue.c.id == row.id).values(**values))


def queued_inputs(conn: Connection) -> list[QueuedInput]:
    """Every input waiting for ``sync``, oldest first."""
    rows = conn.execute(select(source_queue).order_by(source_queue.c.id)).mappings()
    return [
        QueuedInput(r["id"], r["input"], r["paper_id"], r["reason"], r["attempts"], r["updated_at"])
        for r in rows
    ]


def unqueue(conn: Connection, text: str) -> None:
    """Take an input off the sync queue."""
    conn.execute(delete(source_queue).where(source_queue.c.input == text))


def papers_with_identifiers(
    conn: Connection, *, arxiv_ids: Iterable[str], dois: Iterable[str], s2_ids: Iterable[str]
) -> list[Paper]:
    """Papers (library or discovery) having any of these identifiers (DOIs compared in lower case), each
    once."""
    found: dict[int, Paper] = {}
    for column, values in ((papers.c.arxiv_id, arxiv_ids), (papers.c.doi, [d.lower() for d in dois]),
                           (papers.c.s2_id, s2_ids)):  # fmt: skip
        wanted = list(dict.fromkeys(v for v in values if v))
        for start in range(0, len(wanted), 500):
            rows = conn.execute(select(papers).where(column.in_(wanted[start : start + 500]))).mappings()
            found.update((r["id"], _to_paper(r)) for r in rows)
    return list(found.values())


def add_bibtex_entries(conn: Connection, entries: Iterable[tuple[int, str, str, dict[str, str]]]) -> None:
    """Keep the imported entries of papers that have none yet: ``(paper_id, entry_type, key, fields)``."""
    now = utcnow()
    rows = [{"paper_id": pid, "entry_type": kind, "citation_key": key, "fields": fields, "updated_at": now}
            for pid, kind, key, fields in entries]  # fmt: skip
    if rows:
        conn.execute(insert(bibtex_entries), rows)


def papers_of_years(conn: Connection, years: Sequence[int] | None) -> list[Paper]:
    """Library papers of these years and of unknown year (every library paper when ``years`` is None),
    holding only what a title match reads: id, slug, title, authors, year and identifiers (the rest of each
    paper is left out: a one-off ``paperpass add`` with no year loads the whole library, ten times faster
    so). The discovery index's records are looked up by their titles' keys instead
    (:func:`paperpass.store.papers.title_candidates`)."""
    columns = [papers.c[name] for name in MATCH_FIELDS]
    query = select(*columns).where(papers.c.discovery == false())
    if years is not None:
        query = query.where(or_(papers.c.year.in_(list(years)), papers.c.year.is_(None)))
    return [
        Paper(id=r.id, slug=r.slug, title=r.title, authors=list(r.authors or []), year=r.year,
              arxiv_id=r.arxiv_id, doi=r.doi, s2_id=r.s2_id)
        for r in conn.execute(query)
    ]  # fmt: skip


MATCH_FIELDS = ("id", "slug", "title", "authors", "year", "arxiv_id", "doi", "s2_id")
"""The fields :func:`papers_of_years` fills in."""


def note_bodies(conn: Connection, paper_id: int) -> list[str]:
    """The text of every note kept for a paper (any user), so removing the paper can keep them."""

    return [
        str(b) for b in conn.execute(select(notes.c.body).where(notes.c.paper_id == paper_id)).scalars() if b
    ]
