"""Importing files on both back ends: NUL characters (which PostgreSQL text cannot hold) are removed from a
BibTeX file or an arXiv metadata record instead of ending the import in a crash, and the same papers come
out of SQLite and PostgreSQL."""

from __future__ import annotations

import json
import random
from pathlib import Path

from paperpass.config import Settings
from paperpass.models import Paper
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


def test_a_large_file_merges_its_repeated_entries_and_the_library_papers_it_names(
    store: Store, settings: Settings, sources: Sources, tmp_path: Path
) -> None:
    with store.transaction() as conn:
        paper_rows.insert_paper(conn, Paper(slug="known-doi", title="Old title", doi="10.5555/bench.7"))
        paper_rows.insert_paper(conn, Paper(slug="known-title", title="Routing Sparse Experts 1100 Ways",
                                            authors=["Ada Wang"], year=2021))  # fmt: skip
    rng = random.Random(5)
    words = [
        "sparse",
        "routing",
        "experts",
        "scaling",
        "tokens",
        "attention",
        "memory",
        "kernels",
        "graphs",  # fmt: skip
        "agents",
        "rewards",
        "policies",
        "latent",
        "diffusion",
        "retrieval",
        "alignment",
        "quantized",
    ]
    titles = [" ".join(rng.sample(words, 6)).capitalize() for _ in range(1200)]
    entries = []
    for n, title in enumerate(titles):  # three batches of 500
        entries.append(f"@article{{a{n}, title={{{title}}}, author={{Wang{n % 97}, Ada}},"
                       f" year={{{2010 + n % 12}}}, doi={{10.5555/bench.{n}}}}}")  # fmt: skip
    entries.append(f"@inproceedings{{again, title={{{titles[3]}}}, author={{Wang3, Ada}}, year=2014,"
                   " booktitle={ICML}}")  # the same paper as a3, by title, in another batch  # fmt: skip
    entries.append("@misc{t, title={Routing sparse experts 1100 ways}, author={Wang, Ada}, year=2022}")
    bib = tmp_path / "big.bib"
    bib.write_text("\n".join(entries) + "\n", encoding="utf-8")
    report = add_papers(library_for(store, settings=settings), sources, [str(bib)], pdf=False)
    assert (report.count("added"), report.count("merged"), report.count("failed")) == (1199, 3, 0)
    by_input = {o.input.rsplit("#", 1)[1]: o for o in report.outcomes}
    assert by_input["a7"].paper is not None and by_input["a7"].paper.slug == "known-doi"
    again_paper, first_paper = by_input["again"].paper, by_input["a3"].paper
    assert again_paper is not None and first_paper is not None and again_paper.slug == first_paper.slug
    assert by_input["t"].reason == "merged into known-title"
    with store.connect() as conn:
        papers = paper_rows.list_papers(conn)
        assert len(papers) == 2 + 1199 and len({p.slug for p in papers}) == len(papers)
        again = paper_rows.get_paper(conn, first_paper.slug)
    assert again.venue == "ICML"  # the second entry filled the gap
    bibtex = export_bibtex(library_for(store), ["known-doi"])
    assert "title = {Old title}" in bibtex or "title = {{Old title}}" in bibtex  # the library's title wins
