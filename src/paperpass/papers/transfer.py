"""Export (BibTeX, CSL-JSON), import (BibTeX) and removal of library papers.

Both exports give one answer per paper: the library's merged record for title, authors, year and
identifiers, and the imported BibTeX entry (when there is one) for everything else. Guide papers not yet
completed from arXiv name only their first authors; both formats say so (``and others``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from paperpass.catalog import Catalog, Entry, Work
from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.models import Paper
from paperpass.sources.bibtex import bibtex_entry, write_bibtex
from paperpass.sources.csl import csl_json
from paperpass.sources.record import BibtexFields
from paperpass.store import papers as paper_rows
from paperpass.store import sources as source_rows


def select_papers(library: Library, keys: Sequence[str]) -> list[Paper]:
    """The papers named by ``keys`` (any identifier or slug), or every paper when ``keys`` is empty.

    Raises:
        NotFoundError: a key names no paper.
    """
    with library.store.connect() as conn:
        if not keys:
            return list(reversed(paper_rows.list_papers(conn)))
        return [paper_rows.get_paper(conn, key) for key in keys]


def first_authors_only(catalog: Catalog) -> dict[str, list[str]]:
    """The guide's author lists that name only the first authors, by arXiv id and by slug."""
    lists: dict[str, list[str]] = {}
    for entry in catalog.entries:
        items: list[Entry | Work] = [entry, *entry.works]
        for item in items:
            if item.et_al:
                lists[item.slug] = list(item.authors)
                if item.arxiv:
                    lists[item.arxiv] = list(item.authors)
    return lists


def authors_truncated(paper: Paper, lists: dict[str, list[str]]) -> bool:
    """True for a guide paper whose authors are still the guide's first authors only."""
    if not paper.guide:
        return False
    guide_list = lists.get(paper.arxiv_id or "") or lists.get(paper.slug)
    return guide_list is not None and guide_list == paper.authors


def _with_entries(library: Library, keys: Sequence[str]) -> list[tuple[Paper, BibtexFields | None, bool]]:
    papers = select_papers(library, keys)
    with library.store.connect() as conn:
        stored = source_rows.bibtex_for(conn, [p.id for p in papers if p.id is not None])
    lists = first_authors_only(library.catalog)
    out = []
    for paper in papers:
        kept = stored.get(paper.id) if paper.id is not None else None
        out.append((paper, BibtexFields(*kept) if kept else None, authors_truncated(paper, lists)))
    return out


def export_bibtex(library: Library, keys: Sequence[str] = ()) -> str:
    """BibTeX for the papers: imported entries as they were read, others made from the metadata."""
    return write_bibtex(
        bibtex_entry(paper, kept, authors_truncated=cut) for paper, kept, cut in _with_entries(library, keys)
    )


def export_csl_json(library: Library, keys: Sequence[str] = ()) -> list[dict[str, Any]]:
    """CSL-JSON items for the papers."""
    return [csl_json(paper, kept, authors_truncated=cut) for paper, kept, cut in _with_entries(library, keys)]


def bib_file(path: str | Path) -> str:
    """Check that ``path`` is a readable ``.bib`` file and return it as ``add`` expects it.

    Raises:
        InvalidInputError: not a .bib file or missing.
    """
    file = Path(path).expanduser()
    if file.suffix.lower() != ".bib":
        raise InvalidInputError(f"{path}: not a .bib file")
    if not file.is_file():
        raise InvalidInputError(f"{path}: no such file")
    return str(file)


def remove_paper(library: Library, key: str) -> tuple[Paper, Path | None]:
    """Remove a paper from the library, keeping its notes in ``<home>/removed-notes/<slug>.md``.

    Returns:
        The removed paper and the file its notes were saved to (None when it had none).

    Raises:
        NotFoundError: no such paper.
    """
    with library.store.transaction() as conn:
        paper = paper_rows.get_paper(conn, key)
        assert paper.id is not None
        notes = source_rows.note_bodies(conn, paper.id)
        kept: Path | None = None
        if notes:
            kept = library.settings.home / "removed-notes" / f"{paper.slug}.md"
            kept.parent.mkdir(parents=True, exist_ok=True)
            kept.write_text("\n\n".join(notes) + "\n", encoding="utf-8")
        paper_rows.delete_paper(conn, paper.id)
    return paper, kept
