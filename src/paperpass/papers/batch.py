"""Storing many records at once (the entries of a ``.bib`` file): what :mod:`paperpass.papers.add` does for
one record, in a few statements for a whole batch.

Each record is matched in memory, in file order, against the library (the batch's identifiers looked up in
one query, titles through the :class:`~paperpass.papers.matching.TitleIndex`) and against the new papers
of the batch before it, with the same rules as :func:`~paperpass.papers.add.find_duplicate`. New papers
(several entries of one paper merged first) are inserted together with their BibTeX entries. Records that
duplicate a paper already in the library are left to the caller, which merges them one by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from paperpass.errors import ConflictError, PaperpassError
from paperpass.models import Paper
from paperpass.papers.matching import TitleIndex, merge_papers, slug_base
from paperpass.sources.bibtex import merge_entries
from paperpass.sources.record import BibtexFields, SourceRecord, github_links
from paperpass.store import Connection
from paperpass.store import papers as paper_rows
from paperpass.store import sources as source_rows

SLUG_TRIES = 5
"""Slugs tried per paper in one look-up (``base``, ``base-2`` ... ``base-5``) before the next five."""


@dataclass
class _New:
    """A paper the batch adds: its metadata (a temporary negative id until stored), entry and links."""

    paper: Paper
    entry: BibtexFields | None
    links: list[source_rows.StoredCodeLink]
    positions: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Stored:
    """What became of the record at ``position``: added (the first record of a new paper), merged into a
    new paper of the batch, or failed."""

    position: int
    action: str
    paper: Paper | None = None
    error: PaperpassError | None = None


Target = Paper | _New


def _name(target: Target) -> str:
    return target.slug if isinstance(target, Paper) else "an earlier entry of the file"


def _identifiers(paper: Paper) -> list[tuple[str, str]]:
    pairs = [
        ("arxiv", paper.arxiv_id),
        ("doi", paper.doi.lower() if paper.doi else None),
        ("s2", paper.s2_id),
    ]
    return [(kind, value) for kind, value in pairs if value]


def _links(record: SourceRecord) -> list[source_rows.StoredCodeLink]:
    links = [source_rows.StoredCodeLink(url, record.source, "code") for url in github_links(record.comment)]
    return links + [
        source_rows.StoredCodeLink(url, "abstract", "code") for url in github_links(record.paper.abstract)
    ]


class _Batch:
    """The matching state of one batch: identifiers of library papers and of the batch's new papers."""

    def __init__(self, conn: Connection, records: Sequence[SourceRecord], titles: TitleIndex) -> None:
        self.titles = titles
        self.by_id: dict[tuple[str, str], Target] = {}
        self.new: list[_New] = []
        self.temporary: dict[int, _New] = {}
        papers = [r.paper for r in records]
        known = source_rows.papers_with_identifiers(
            conn, arxiv_ids=[p.arxiv_id or "" for p in papers], dois=[p.doi or "" for p in papers],
            s2_ids=[p.s2_id or "" for p in papers],
        )  # fmt: skip
        for paper in known:
            for key in _identifiers(paper):
                self.by_id[key] = paper

    def match(self, paper: Paper) -> Target | None:
        """The library paper or new paper ``paper`` duplicates (identifiers first, then the title).

        Raises:
            ConflictError: its identifiers name two different papers.
        """
        targets: list[Target] = []
        for key in _identifiers(paper):
            target = self.by_id.get(key)
            if target is not None and not any(t is target for t in targets):
                targets.append(target)
        if len(targets) > 1:
            names = " and ".join(sorted(_name(t) for t in targets))
            raise ConflictError(f"{paper.title!r} matches two library papers ({names}); nothing was changed")
        if targets:
            return targets[0]
        found = self.titles.find(paper)
        if found is None:
            return None
        return self.temporary.get(found.id or 0, found)

    def add(self, position: int, record: SourceRecord) -> None:
        """A new paper made of this record."""
        paper = record.paper.with_changes(id=-(len(self.new) + 1))
        new = _New(paper, record.bibtex, _links(record), [position])
        self.new.append(new)
        self.temporary[paper.id or 0] = new
        self._index(new)

    def merge(self, new: _New, position: int, record: SourceRecord) -> None:
        """Another record of a new paper: gaps filled as :func:`merge_papers` does."""
        merged = merge_papers(new.paper, record.paper)
        self.titles.replace(new.paper, merged)
        new.paper = merged
        new.entry = merge_entries(new.entry, record.bibtex) if record.bibtex else new.entry
        new.links += [link for link in _links(record) if link not in new.links]
        new.positions.append(position)
        self._index(new)

    def _index(self, new: _New) -> None:
        for key in _identifiers(new.paper):
            self.by_id.setdefault(key, new)
        self.titles.add(new.paper)  # once per paper: the index keeps the first copy of an id


def _slugs(conn: Connection, papers: list[Paper]) -> list[str]:
    """A free slug for each new paper: ``base``, else ``base-2`` ... (also free of each other)."""
    bases = [slug_base(p) for p in papers]
    chosen: list[str | None] = [None] * len(papers)
    used: set[str] = set()
    start = 1
    while any(c is None for c in chosen):
        waiting = [n for n, c in enumerate(chosen) if c is None]
        tries = {n: [bases[n] if k == 1 else f"{bases[n]}-{k}" for k in range(start, start + SLUG_TRIES)]
                 for n in waiting}  # fmt: skip
        taken = paper_rows.taken_slugs(conn, (slug for slugs in tries.values() for slug in slugs))
        for n in waiting:
            free = next((slug for slug in tries[n] if slug not in taken and slug not in used), None)
            if free is not None:
                chosen[n] = free
                used.add(free)
        start += SLUG_TRIES
    return [c for c in chosen if c is not None]


def store_new_records(
    conn: Connection, records: Sequence[SourceRecord], titles: TitleIndex
) -> tuple[list[Stored], list[int]]:
    """Insert the batch's new papers in the caller's transaction.

    Returns:
        What became of each record that made or joined a new paper (or failed), and the positions of the
        records that duplicate library papers, for the caller to merge one by one.

    Raises:
        ConflictError: the papers could not be inserted together (a slug or identifier taken meanwhile);
            nothing was written and the title index is as it was.
    """
    batch = _Batch(conn, records, titles)
    results: list[Stored] = []
    later: list[int] = []
    for position, record in enumerate(records):
        try:
            target = batch.match(record.paper)
        except PaperpassError as error:
            results.append(Stored(position, "failed", error=error))
            continue
        if target is None:
            batch.add(position, record)
        elif isinstance(target, _New):
            batch.merge(target, position, record)
        else:
            later.append(position)
    fresh = [new.paper.with_changes(id=None, slug=slug) for new, slug in
             zip(batch.new, _slugs(conn, [n.paper for n in batch.new]), strict=True)]  # fmt: skip
    try:
        stored = paper_rows.insert_papers(conn, fresh)
    except ConflictError:
        for new in batch.new:
            titles.remove(new.paper)
        raise
    entries = []
    for new, paper in zip(batch.new, stored, strict=True):
        assert paper.id is not None
        titles.replace(new.paper, paper)
        if new.entry is not None:
            entries.append((paper.id, new.entry.entry_type, new.entry.key, new.entry.fields))
        if new.links:
            source_rows.add_code_links(conn, paper.id, new.links)
        results += [Stored(p, "added" if n == 0 else "merged", paper) for n, p in enumerate(new.positions)]
    source_rows.add_bibtex_entries(conn, entries)
    return results, later
