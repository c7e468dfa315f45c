"""Importing files on both back ends: NUL characters (which PostgreSQL text cannot hold) are removed from a
BibTeX file or an arXiv metadata record instead of ending the import in a crash, and the same papers come
out of SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from paperpass.config import Settings
from paperpass.papers.add import add_papers
from paperpass.papers.transfer import export_bibtex
from paperpass.search.bulk import import_arxiv_metadata
from paperpass.sources import Sources
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from support.library import library_for


def test_nul_in_a_bibtex_file_is_removed(
    store: Store, settings: Settings, sources: Sources, tmp_path: Path
) -> None:
    bib = tmp_path / "nul.bib"
    bib.write_text(
        "@article{k,\n  title = {Sparse\x00 Mixtures of Experts},\n"
        "  author = {Doe, Jane\x00 and Roe, Rick},\n"
        "  journal = {J\x00MLR}, year = {2021}, note = {\x00}\n}\n",
        encoding="utf-8",
    )
    report = add_papers(library_for(store, settings=settings), sources, [str(bib)], pdf=False)
    assert [o.action for o in report.outcomes] == ["added"]
    with store.connect() as conn:
        [paper] = paper_rows.list_papers(conn)
    assert (paper.title, paper.authors, paper.venue) == (
        "Sparse Mixtures of Experts",
        ["Jane Doe", "Rick Roe"],
        "JMLR",
    )
    exported = export_bibtex(library_for(store))
    assert "\x00" not in exported and "title = {Sparse Mixtures" in exported


def test_nul_in_an_arxiv_record_is_removed(store: Store, tmp_path: Path) -> None:
    record = {
        "id": "2101.00001", "title": "Nul\u0000 Title", "authors": "A. Bee\u0000", "abstract": "x\u0000y",
        "categories": "cs.LG", "versions": [{"version": "v1", "created": "Mon, 4 Jan 2021 00:00:00 GMT"}],
    }  # fmt: skip
    snapshot = tmp_path / "arxiv.jsonl"
    snapshot.write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = import_arxiv_metadata(store, snapshot)
    assert (report.read, report.added, report.invalid) == (1, 1, 0)
    with store.connect() as conn:
        paper = paper_rows.find_paper(conn, "2101.00001", discovery=True)  # a discovery record
    assert paper is not None and (paper.title, paper.abstract) == ("Nul Title", "xy")
