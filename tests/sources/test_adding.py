"""Adding papers to the library: merge of duplicates, versions, PDFs, the sync queue, half-failed batches.

Runs on SQLite and PostgreSQL (the ``store`` fixture).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import pytest

from paperpass.catalog import load_catalog
from paperpass.config import Settings
from paperpass.models import Paper
from paperpass.papers.add import add_papers, queued, sync_queue
from paperpass.papers.details import paper_details
from paperpass.papers.transfer import export_bibtex, remove_paper
from paperpass.sources import Sources
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from support.library import library_for
from support.recorded import RecordedAPI

PDF = b"%PDF-1.4\n" + b"1" * 5000 + b"\n%%EOF\n"
ONE = {"id_list": "1605.08386"}


def _arxiv_single(api: RecordedAPI, *, pdf: bool = True) -> None:
    api.serve("arxiv/id_list_single_1605.08386.xml", query=ONE)
    if pdf:
        api.answer("/pdf/1605.08386v1", 200, PDF, headers={"content-type": "application/pdf"})


def test_add_arxiv_paper_with_pdf(
    store: Store, settings: Settings, sources: Sources, api: RecordedAPI
) -> None:
    _arxiv_single(api)
    report = add_papers(library_for(store, settings=settings), sources, ["arXiv:1605.08386"])
    [outcome] = report.outcomes
    assert outcome.action == "added" and outcome.paper is not None
    assert outcome.paper.slug == "stanley2016-heat" and outcome.reason == "added as stanley2016-heat"
    details = paper_details(library_for(store), "1605.08386")
    assert details.paper.arxiv_version == 1 and details.paper.abstract
    [file] = details.files
    assert (file.arxiv_version, file.sha256) == (1, hashlib.sha256(PDF).hexdigest())
    assert Path(file.path).read_bytes() == PDF and Path(file.path).parent == settings.pdf_dir


def test_same_paper_again_in_another_form_is_not_added_twice(
    store: Store, settings: Settings, sources: Sources, api: RecordedAPI
) -> None:
    _arxiv_single(api)
    add_papers(library_for(store, settings=settings), sources, ["1605.08386"])
    again = add_papers(
        library_for(store, settings=settings), sources, ["https://arxiv.org/abs/1605.08386", "1605.08386"]
    )
    assert [o.action for o in again.outcomes] == ["skipped", "skipped"]
    assert again.outcomes[0].reason == "already in the library as stanley2016-heat"
    with store.connect() as conn:
        assert paper_rows.count_papers(conn) == 1
    assert sum(r.url.path.startswith("/pdf/") for r in api.requests) == 1  # the PDF is not fetched again


def test_no_pdf(store: Store, settings: Settings, sources: Sources, api: RecordedAPI) -> None:
    _arxiv_single(api, pdf=False)
    assert (
        add_papers(library_for(store, settings=settings), sources, ["1605.08386"], pdf=False)
        .outcomes[0]
        .action
        == "added"
    )
    assert paper_details(library_for(store), "1605.08386").files == []


def test_half_failed_batch_keeps_what_succeeded(
    store: Store, settings: Settings, sources: Sources, api: RecordedAPI
) -> None:
    api.serve(
        "arxiv/id_list_multiple_one_unknown_0808.05394_1707.08567.xml",
        query={"id_list": "0808.05394,1707.08567"},
    )
    report = add_papers(
        library_for(store, settings=settings), sources, ["0808.05394", "not-an-id", "1707.08567"], pdf=False
    )
    by_input = {o.input: o for o in report.outcomes}
    assert by_input["1707.08567"].action == "added"
    assert by_input["0808.05394"].action == "failed"
    assert by_input["0808.05394"].reason == "not found at arXiv: arXiv:0808.05394"
    assert by_input["not-an-id"].action == "failed" and "accepted:" in by_input["not-an-id"].reason
    with store.connect() as conn:
        assert paper_rows.count_papers(conn) == 1


def _offline(request: httpx.Request) -> None:
    raise httpx.ConnectError("Name or service not known", request=request)


def test_offline_queues_and_sync_completes(
    store: Store, settings: Settings, sources: Sources, api: RecordedAPI
) -> None:
    api.fail("/api/query", _offline)
    report = add_papers(library_for(store, settings=settings), sources, ["1605.08386"], pdf=False)
    [outcome] = report.outcomes
    assert outcome.action == "queued" and "arXiv could not be reached" in outcome.reason
    assert (
        outcome.reason
        == "arXiv could not be reached (no connection); the look-up is queued: paperpass sources retry"
    )
    assert [q.input for q in queued(library_for(store))] == ["1605.08386"]
    api.routes.clear()
    _arxiv_single(api, pdf=False)
    synced = sync_queue(library_for(store, settings=settings), sources, pdf=False)
    assert [o.action for o in synced.outcomes] == ["added"]
    assert queued(library_for(store)) == []


def test_pdf_that_cannot_be_downloaded_keeps_the_paper_queued(
    store: Store, settings: Settings, sources: Sources, api: RecordedAPI
) -> None:
    _arxiv_single(api, pdf=False)
    api.answer("/pdf/1605.08386v1", 404, b"")
    [outcome] = add_papers(library_for(store, settings=settings), sources, ["1605.08386"]).outcomes
    assert outcome.action == "queued" and "PDF not downloaded" in outcome.reason
    assert outcome.paper is not None and paper_details(library_for(store), "1605.08386").queued_reason
    assert list(settings.pdf_dir.glob("*")) == []


def test_bibtex_entry_merges_into_the_arxiv_paper_and_exports_verbatim(
    store: Store, settings: Settings, sources: Sources, api: RecordedAPI, tmp_path: Path
) -> None:
    _arxiv_single(api, pdf=False)
    add_papers(library_for(store, settings=settings), sources, ["1605.08386"], pdf=False)
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{stanley2016heat,\n  title = {Heat-bath random walks with {M}arkov bases},\n"
        "  author = {Stanley, Caprice and Windisch, Tobias},\n  year = {2016},\n  month = may,\n"
        "  journal = {Advances in Applied Mathematics},\n}\n"
    )
    [outcome] = add_papers(library_for(store, settings=settings), sources, [str(bib)]).outcomes
    assert outcome.action == "merged" and outcome.reason == "merged into stanley2016-heat"
    paper = paper_details(library_for(store), "stanley2016-heat").paper
    assert paper.venue == "Advances in Applied Mathematics" and paper.arxiv_id == "1605.08386"
    exported = export_bibtex(library_for(store, catalog=load_catalog()), ["stanley2016-heat"])
    assert "title = {Heat-bath random walks with {M}arkov bases}" in exported and "month = may" in exported


def test_doi_from_crossref_and_not_found_anywhere(
    store: Store, settings: Settings, sources: Sources, api: RecordedAPI
) -> None:
    api.serve("crossref/works_doi_10.1038_s42256-024-00832-8.json")
    api.serve("crossref/works_not_found_404.txt")
    api.serve(
        "semanticscholar/paper_by_doi_not_found_404.json", path="/graph/v1/paper/DOI:10.1371/notarealdoi"
    )
    report = add_papers(
        library_for(store, settings=settings),
        sources,
        ["https://doi.org/10.1038/s42256-024-00832-8", "10.1371/notarealdoi"],
    )
    added, missing = report.outcomes
    assert added.action == "added" and added.paper is not None and added.paper.slug == "bran2024-augmenting"
    assert missing.action == "failed"
    assert missing.reason == "not found at Crossref or Semantic Scholar: DOI 10.1371/notarealdoi"


def test_nothing_is_half_written_when_a_merge_conflicts(
    store: Store, settings: Settings, sources: Sources, api: RecordedAPI, tmp_path: Path
) -> None:
    with store.transaction() as conn:
        paper_rows.insert_paper(conn, Paper(slug="other", title="Another paper", doi="10.1234/taken"))
        paper_rows.insert_paper(conn, Paper(slug="heat", title="Heat-bath random walks with Markov bases",
                                            arxiv_id="1605.08386"))  # fmt: skip
    bib = tmp_path / "conflict.bib"
    bib.write_text("@article{k, title={Heat-bath random walks}, eprint={1605.08386}, archiveprefix={arXiv},"
                   " doi={10.1234/taken}, note={two papers in one}}\n")  # fmt: skip
    [outcome] = add_papers(library_for(store, settings=settings), sources, [str(bib)]).outcomes
    assert outcome.action == "failed" and "matches two library papers (heat and other)" in outcome.reason
    heat = paper_details(library_for(store), "heat").paper
    assert heat.doi is None
    assert export_bibtex(library_for(store, catalog=load_catalog()), ["heat"]).startswith(
        "@misc{anonheatbath,"
    )  # no imported entry was kept


def test_local_pdf_is_added_from_its_own_text(
    store: Store, settings: Settings, sources: Sources, api: RecordedAPI, tmp_path: Path
) -> None:
    from support.pdfs import make_pdf

    api.serve("semanticscholar/search_match_not_found_404.json", query={})
    pdf = make_pdf(tmp_path / "caching.pdf")
    [outcome] = add_papers(library_for(store, settings=settings), sources, [str(pdf)]).outcomes
    assert outcome.action == "added" and outcome.paper is not None
    assert outcome.paper.title == "A Study of Caching Survey Sheets"
    [file] = paper_details(library_for(store), outcome.paper.slug).files
    assert file.sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()


def test_remove_keeps_the_notes(store: Store, settings: Settings) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from paperpass.store.tables import notes

    with store.transaction() as conn:
        paper = paper_rows.insert_paper(conn, Paper(slug="heat", title="Heat"))
        now = datetime.now(UTC)
        conn.execute(insert(notes).values(paper_id=paper.id, user_id=0, version=1, body="# My notes",
                                          created_at=now, updated_at=now))  # fmt: skip
    removed, kept = remove_paper(library_for(store, settings=settings), "heat")
    assert removed.slug == "heat" and kept is not None and kept.read_text() == "# My notes\n"
    with pytest.raises(Exception, match="no paper 'heat'"):
        paper_details(library_for(store), "heat")


def test_a_title_match_without_a_year_keeps_everything_the_library_paper_had(
    store: Store, settings: Settings, sources: Sources, tmp_path: Path
) -> None:
    """The duplicate check loads only what the title match reads; the paper it merges into is the whole
    stored paper (abstract, venue, tags, links), not that partial copy."""
    with store.transaction() as conn:
        paper_rows.insert_paper(conn, Paper(
            slug="kept", title="Sparse Mixtures of Experts for Retrieval", authors=["Ada Lovelace"],
            year=2021, abstract="What the abstract says.", venue="ICML", tags=["moe"],
            links={"code": "https://x.org/c"},
        ))  # fmt: skip
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@misc{love,\n  title = {SPARSE MIXTURES OF EXPERTS FOR RETRIEVAL.},\n  author = {Lovelace, Ada},\n"
        "  doi = {10.1000/moe.42},\n}\n"
    )
    [outcome] = add_papers(library_for(store, settings=settings), sources, [str(bib)], pdf=False).outcomes
    assert outcome.action == "merged" and outcome.reason == "merged into kept"
    paper = paper_details(library_for(store), "kept").paper
    assert (paper.abstract, paper.venue, paper.tags) == ("What the abstract says.", "ICML", ["moe"])
    assert paper.links.get("code") == "https://x.org/c" and paper.year == 2021
    assert paper.doi == "10.1000/moe.42"  # what the entry brought is merged in
