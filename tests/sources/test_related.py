"""Connected papers (ranked by recommendation, citation, co-citation, coupling); code and discussion links."""

from __future__ import annotations

from paperpass.models import Paper
from paperpass.papers.details import discussion_links, paper_details, refresh_code_links
from paperpass.papers.related import connected_papers, identifier_for, rank_connected
from paperpass.sources import Sources
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from support.library import library_for
from support.recorded import RecordedAPI


def _p(s2_id: str, title: str = "") -> Paper:
    return Paper(slug="", title=title or s2_id, s2_id=s2_id)


def test_ranking_counts_co_citation_and_coupling() -> None:
    references = [_p("r1"), _p("r2"), _p("r3")]
    citations = [_p("c1"), _p("c2")]
    recommendations = [_p("x")]
    # c1 and c2 both cite x (co-cited with the seed twice); c1 shares r1 and r2 with the seed (coupling 2).
    lists = {"c1": [_p("x"), _p("r1"), _p("r2"), _p("seed")], "c2": [_p("x"), _p("seed")]}
    ranked = rank_connected("seed", references, citations, recommendations, lists)
    assert [r.paper.s2_id for r in ranked][:2] == ["x", "c1"]
    assert ranked[0].score == 2.0 + 0.5 * 2 and ranked[0].reasons == ["recommended", "co-cited ×2"]
    assert ranked[1].score == 1.0 + 0.5 * 2 and ranked[1].reasons == ["cites it", "coupled ×2"]
    assert "seed" not in {r.paper.s2_id for r in ranked}


def test_connected_papers_over_recorded_answers(store: Store, sources: Sources, api: RecordedAPI) -> None:
    doi = "10.2139/ssrn.2250500"
    base = f"/graph/v1/paper/DOI:{doi}"
    api.serve(
        "semanticscholar/paper_references_offset0_limit50.json",
        path=f"{base}/references",
        query={"offset": "0"},
    )
    api.serve("semanticscholar/paper_references_offset50_last_page.json", path=f"{base}/references",
              query={"offset": "50"})  # fmt: skip
    api.serve("semanticscholar/paper_citations_offset0_limit100.json", path=f"{base}/citations")
    api.serve(
        "semanticscholar/recommendations_for_paper.json",
        path=f"/recommendations/v1/papers/forpaper/DOI:{doi}",
    )
    api.serve("semanticscholar/paper_batch_post_with_null.json")
    sources.semanticscholar.page_size = 50
    seed = Paper(slug="micro", title="Microcredit", doi=doi)
    found = connected_papers(sources, seed, citations_limit=100)
    assert (len(found.references), len(found.citations), len(found.recommendations)) == (67, 100, 100)
    assert found.ranking[0].reasons[0] == "recommended" and found.ranking[0].score >= 2.0
    assert len(api.requests) == 2 + 1 + 1 + 1  # two reference pages, one citation page, recs, the batch
    assert identifier_for(found.ranking[0].paper) == found.ranking[0].paper.s2_id


def test_code_links_from_huggingface_and_the_abstract(
    store: Store, sources: Sources, api: RecordedAPI
) -> None:
    api.serve("huggingface/papers_search_llama_3_herd.json", query={"q": "llama 3 herd"})
    with store.transaction() as conn:
        paper_rows.insert_paper(conn, Paper(slug="moa", title="llama 3 herd", arxiv_id="2503.05856",
                                            abstract="Code at https://github.com/example/moa."))  # fmt: skip
    details = refresh_code_links(library_for(store), sources, "moa")
    assert [(c.url, c.source) for c in details.code_links] == [
        ("https://github.com/example/moa", "abstract"),
        ("https://github.com/lorenzflow/robust-moa", "huggingface"),
    ]
    assert paper_details(library_for(store), "2503.05856").code_links == details.code_links


def test_discussion_links_search_the_title() -> None:
    links = discussion_links(Paper(slug="t", title="Attention Is All You Need"))
    assert [d.name for d in links] == ["r/MachineLearning", "YouTube", "X"]
    assert all("%22Attention+Is+All+You+Need%22" in d.url for d in links)
