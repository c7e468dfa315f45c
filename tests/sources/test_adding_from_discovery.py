"""Adding papers beside the discovery index: a known record is promoted without a look-up, duplicates are
found by indexed look-ups once per paper, and an attached PDF is searchable at once.

Runs on SQLite and PostgreSQL (the ``store`` fixture).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pymupdf
import pytest

from paperpass.catalog import load_catalog
from paperpass.config import Settings
from paperpass.errors import NotFoundError
from paperpass.library import get_paper, list_papers
from paperpass.papers.add import add_papers
from paperpass.search import search
from paperpass.search.bulk import ingest_rows
from paperpass.sources import Sources
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from support.library import library_for
from support.recorded import RecordedAPI


def record(arxiv_id: str, title: str, authors: list[str], year: int | None = 2016) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "slug": f"{title.lower().replace(' ', '-')[:40]}-{arxiv_id.replace('.', '-')}", "title": title,
        "authors": authors, "year": year, "venue": None, "abstract": f"{title}: an abstract on glaciers.",
        "arxiv_id": arxiv_id, "arxiv_version": 2, "doi": None, "s2_id": None,
        "links": {"abs": f"https://arxiv.org/abs/{arxiv_id}"}, "tags": ["cs.LG"], "guide": False,
        "created_at": now, "updated_at": now,
    }  # fmt: skip


def pdf_bytes(words: str) -> bytes:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 90), "A first page", fontsize=12)
    doc.new_page().insert_text((72, 90), words, fontsize=12)
    data: bytes = doc.tobytes()
    return data


def test_a_discovery_record_is_added_without_a_look_up(
    store: Store, settings: Settings, sources: Sources, api: RecordedAPI
) -> None:
    ingest_rows(store, [record("2401.00001", "Glacier Flow Transformers", ["Ada Lovelace", "Alan Turing"])])
    assert list_papers(library_for(store)) == []
    with pytest.raises(NotFoundError, match="discovery index.*paperpass add 2401.00001"):
        get_paper(library_for(store), "2401.00001")
    report = add_papers(library_for(store, settings=settings), sources, ["arXiv:2401.00001"], pdf=False)
    [outcome] = report.outcomes
    assert outcome.action == "added" and outcome.paper is not None and not outcome.paper.discovery
    assert outcome.reason == "added from the discovery index as lovelace2016-glacier"
    assert api.requests == []  # no metadata fetched again
    paper = get_paper(library_for(store), "lovelace2016-glacier")
    assert paper.arxiv_id == "2401.00001" and paper.authors == ["Ada Lovelace", "Alan Turing"]
    assert [p.slug for p in list_papers(library_for(store))] == ["lovelace2016-glacier"]
    hits = search(library_for(store, catalog=load_catalog()), "glacier flow").hits
    assert [h.paper.slug for h in hits if h.paper] == ["lovelace2016-glacier"]


def test_an_attached_pdf_is_searchable_at_once(
    store: Store, settings: Settings, sources: Sources, api: RecordedAPI
) -> None:
    ingest_rows(store, [record("2401.00002", "Glacier Flow Transformers", ["Ada Lovelace"])])
    api.answer("/pdf/2401.00002v2", 200, pdf_bytes("Crevasse tomography of narwhal fjords"),
               headers={"content-type": "application/pdf"})  # fmt: skip
    [outcome] = add_papers(library_for(store, settings=settings), sources, ["2401.00002"]).outcomes
    assert outcome.action == "added"
    hit = search(library_for(store, catalog=load_catalog()), "narwhal crevasse").hits[0]
    assert hit.paper is not None and hit.paper.arxiv_id == "2401.00002"
    assert hit.url == "/papers/lovelace2016-glacier/read#page-2"


def test_a_paper_found_at_a_source_merges_into_the_record_it_duplicates(
    store: Store, settings: Settings, sources: Sources, api: RecordedAPI
) -> None:
    title = "Heat-bath random walks with Markov bases"  # the recorded arXiv paper 1605.08386, no id here
    twin = {**record("0000.00000", title, ["Caprice Stanley", "Tobias Windisch"]), "arxiv_id": None}
    ingest_rows(store, [twin, record("2401.00003", "Unrelated Glaciers", ["Ada Lovelace"])])
    api.serve("arxiv/id_list_single_1605.08386.xml", query={"id_list": "1605.08386"})
    [outcome] = add_papers(library_for(store, settings=settings), sources, ["1605.08386"], pdf=False).outcomes
    assert outcome.action == "added" and outcome.paper is not None
    assert outcome.reason.startswith("added from the discovery index as stanley2016-heat")
    assert outcome.paper.arxiv_id == "1605.08386" and not outcome.paper.discovery
    with store.connect() as conn:
        assert paper_rows.count_papers(conn) == 1 and paper_rows.count_papers(conn, discovery=True) == 1


def test_duplicates_are_looked_for_once_per_paper_by_index(
    store: Store, settings: Settings, sources: Sources, api: RecordedAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    from paperpass.papers import add as adding

    ingest_rows(store, [record("2401.00004", "Unrelated Glaciers", ["Ada Lovelace"])])
    checks: list[str] = []
    lookups: list[str] = []
    finding, looking = adding.find_duplicate, paper_rows.title_candidates

    def find_duplicate(conn: Any, paper: Any, titles: Any = None) -> Any:
        checks.append(paper.title)
        return finding(conn, paper, titles)

    def title_candidates(conn: Any, title: str, year: int | None, **kw: Any) -> Any:
        lookups.append(title)
        return looking(conn, title, year, **kw)

    monkeypatch.setattr(adding, "find_duplicate", find_duplicate)
    monkeypatch.setattr(paper_rows, "title_candidates", title_candidates)
    api.serve("arxiv/id_list_single_1605.08386.xml", query={"id_list": "1605.08386"})
    pdf = {"content-type": "application/pdf"}
    api.answer("/pdf/1605.08386v1", 200, pdf_bytes("Markov moves"), headers=pdf)
    [outcome] = add_papers(library_for(store, settings=settings), sources, ["1605.08386"]).outcomes
    assert outcome.action == "added" and len(checks) == 1 and len(lookups) == 1


@pytest.mark.parametrize(
    ("stored", "incoming", "same"),
    [
        ("Attention Is All You Need", "Attention is all you need.", True),
        (
            "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
            "BERT: Pretraining of deep bidirectional transformers for language understanding.",
            True,
        ),
        (
            "The Power of Scale for Parameter-Efficient Prompt Tuning",
            "Power of Scale for Parameter-Efficient Prompt Tuning",
            True,
        ),
        ("Attention Is All You Need", "Attention Is Not All You Need", False),
    ],
)
def test_title_duplicates_are_found_among_discovery_records_with_or_without_a_year(
    store: Store, stored: str, incoming: str, same: bool
) -> None:
    from paperpass.models import Paper
    from paperpass.papers.add import find_duplicate

    ingest_rows(store, [record("2401.00009", stored, ["Ashish Vaswani"], year=2017)])
    for year in (2017, 2018, None):
        with store.connect() as conn:
            found = find_duplicate(conn, Paper(slug="", title=incoming, authors=["A. Vaswani"], year=year))
        assert (found is not None and found.arxiv_id == "2401.00009") is same


def test_slugs_stay_unique_when_a_base_is_taken_often(store: Store) -> None:
    from paperpass.models import Paper

    with store.transaction() as conn:
        for n in range(25):
            slug = paper_rows.unique_slug(conn, "smith2020-graphs")
            paper_rows.insert_paper(conn, Paper(slug=slug, title=f"Graphs {n}"))
        taken = [p.slug for p in paper_rows.list_papers(conn)]
    assert len(set(taken)) == 25 and "smith2020-graphs-25" in taken
