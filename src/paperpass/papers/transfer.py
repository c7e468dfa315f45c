"""Export (BibTeX, CSL-JSON), import (BibTeX) and removal of library papers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.models import Paper
from paperpass.sources.bibtex import csl_json, paper_entry, write_bibtex
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


def export_bibtex(library: Library, keys: Sequence[str] = ()) -> str:
    """BibTeX for the papers: imported entries exactly as they were read, others made from the metadata."""
    papers = select_papers(library, keys)
    with library.store.connect() as conn:
        stored = source_rows.bibtex_for(conn, [p.id for p in papers if p.id is not None])
    entries = []
    for paper in papers:
        kept = stored.get(paper.id) if paper.id is not None else None
        entries.append(BibtexFields(*kept) if kept else paper_entry(paper))
    return write_bibtex(entries)


def export_csl_json(library: Library, keys: Sequence[str] = ()) -> list[dict[str, Any]]:
    """CSL-JSON items for the papers."""
    return [csl_json(p) for p in select_papers(library, keys)]


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
