"""The Semantic Scholar client against recorded answers: look-ups, batches, paging, errors."""

from __future__ import annotations

import pytest

from paperpass.config import Settings
from paperpass.errors import NotFoundError, SourceError
from paperpass.sources import Sources
from support.recorded import RecordedAPI

GRAPH = "/graph/v1/paper"


def test_paper_by_arxiv_doi_gives_one_arxiv_identifier(api: RecordedAPI, sources: Sources) -> None:
    api.serve("semanticscholar/paper_by_arxiv_doi_2312.07559.json")
    paper = sources.semanticscholar.paper("DOI:10.48550/arxiv.2312.07559").paper
    assert paper.title.startswith("PaperQA")
    assert (paper.arxiv_id, paper.doi, paper.s2_id) == (
        "2312.07559",
        None,
        "7e55d8701785818776323b4147cb13354c820469",
    )
    assert paper.authors[0] == "Jakub L'ala" and paper.year == 2023


def test_unknown_paper_is_not_found_at_semantic_scholar(api: RecordedAPI, sources: Sources) -> None:
    api.serve("semanticscholar/paper_not_found_404.json")
    with pytest.raises(NotFoundError, match="Semantic Scholar has no paper 0"):
        sources.semanticscholar.paper("0")


def test_bad_api_key_is_a_source_error_naming_the_setting(api: RecordedAPI, sources: Sources) -> None:
    api.serve("semanticscholar/forbidden_invalid_api_key_403.json")
    with pytest.raises(SourceError, match="PAPERPASS_S2_API_KEY"):
        sources.semanticscholar.batch(["CorpusId:470667"])


def test_batch_keeps_order_and_none_for_unknown(api: RecordedAPI, sources: Sources) -> None:
    api.serve("semanticscholar/paper_batch_post_with_null.json")
    ids = [
        "CorpusId:211530585",
        "CorpusId:470667",
        "10.2139/ssrn.2250500",
        "0f40b1f08821e22e859c6050916cec3667778613",
    ]
    found = sources.semanticscholar.batch(ids)
    assert len(found) == 4 and found[0] is None
    assert found[1] is not None and found[1].paper.doi == "10.2139/ssrn.288970"
    assert found[1].pdf_url == "http://papers.nber.org/papers/w8841.pdf"
    assert len(api.requests) == 1 and api.requests[0].method == "POST"


def test_title_match_and_no_match(api: RecordedAPI, sources: Sources) -> None:
    api.serve(
        "semanticscholar/search_match_attention_is_all_you_need.json",
        query={"query": "Attention is All you Need"},
    )
    api.serve("semanticscholar/search_match_not_found_404.json", query={"query": "askldjrq3rjaw938h"})
    match = sources.semanticscholar.match_title("Attention is All you Need")
    assert match is not None
    assert (match.paper.arxiv_id, match.paper.doi, match.pdf_url) == ("1706.03762", None, None)
    assert sources.semanticscholar.match_title("askldjrq3rjaw938h") is None


def test_references_follow_next_until_the_last_page(
    api: RecordedAPI, sources: Sources, sleeps: list[float]
) -> None:
    path = f"{GRAPH}/10.2139/ssrn.2250500/references"
    api.serve("semanticscholar/paper_references_offset0_limit50.json", path=path, query={"offset": "0"})
    api.serve("semanticscholar/paper_references_offset50_last_page.json", path=path, query={"offset": "50"})
    sources.semanticscholar.page_size = 50
    refs = sources.semanticscholar.references("10.2139/ssrn.2250500")
    assert len(refs) == 67 and len(api.requests) == 2
    assert sum(p.s2_id is None for p in refs) == 10 + 13  # unresolved references keep their titles
    assert sleeps == [1.0]  # one request per second


def test_citations_stop_at_the_limit(api: RecordedAPI, sources: Sources) -> None:
    api.serve("semanticscholar/paper_citations_offset0_limit100.json", query={"offset": "0", "limit": "100"})
    cites = sources.semanticscholar.citations("CorpusID:14514057", limit=100)
    assert len(cites) == 100 and len(api.requests) == 1
    assert cites[0].title.startswith("We\u2019ve got you covered!")


def test_recommendations(api: RecordedAPI, sources: Sources) -> None:
    api.serve("semanticscholar/recommendations_for_paper.json")
    recs = sources.semanticscholar.recommendations("10.2139/ssrn.2250500")
    assert len(recs) == 100 and all(p.s2_id for p in recs)


def test_api_key_is_sent_when_set(api: RecordedAPI, settings: Settings) -> None:
    from paperpass.config import load_settings
    from paperpass.sources import open_sources

    api.serve("semanticscholar/paper_not_found_404.json")
    keyed = load_settings({"PAPERPASS_S2_API_KEY": "secret"}, home=settings.home)
    with (
        open_sources(keyed, transport=api.transport(), sleep=lambda _: None) as sources,
        pytest.raises(NotFoundError),
    ):
        sources.semanticscholar.paper("0")
    assert api.requests[0].headers["x-api-key"] == "secret"
    assert api.requests[0].headers["user-agent"].startswith("paperpass/")
