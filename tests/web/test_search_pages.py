"""The search box, results page, graph and timeline in-process; /api/search."""

from __future__ import annotations

from typing import Any

import pytest


def test_every_page_has_the_search_box(web_client: Any) -> None:
    for path in ("/", "/papers", "/method", "/graph"):
        html = web_client.get(path).text
        assert 'action="/search"' in html and 'name="q"' in html


def test_results_are_highlighted_and_link_to_papers(web_client: Any) -> None:
    response = web_client.get("/search", params={"q": "low-rank adaptation"})
    assert response.status_code == 200
    assert '<a href="/papers/lora">' in response.text and "<mark>" in response.text


def test_filters_and_hostile_input(web_client: Any) -> None:
    params = {"q": '"(<script>alert(1)</script>', "category": "foundational", "year": "2017-2020",
              "status": "to-read", "notes": "without", "top15": "true"}  # fmt: skip
    response = web_client.get("/search", params=params)
    assert response.status_code == 200 and "<script>alert" not in response.text


@pytest.mark.parametrize("query", [{"year": "soon"}, {"status": "reading"}, {"limit": "0"}])
def test_bad_filters_are_4xx(web_client: Any, query: dict[str, str]) -> None:
    assert 400 <= web_client.get("/search", params=query).status_code < 500
    assert "error" in web_client.get("/api/search", params=query).json()


def test_api_search_is_the_cli_json(web_client: Any) -> None:
    data = web_client.get("/api/search", params={"q": "flash attention"}).json()
    assert data["hits"][0]["slug"] == "flash-attention" and data["mode"] in {"lexical", "hybrid"}


def test_graph_is_an_svg_with_paper_links(web_client: Any) -> None:
    html = web_client.get("/graph").text
    assert "<svg" in html and 'href="/papers/attention-is-all-you-need"' in html and "graph.js" in html
    assert html.count('class="edge related"') > 5


def test_timeline_spans_the_guides_years(web_client: Any) -> None:
    html = web_client.get("/timeline").text
    assert ">2017<" in html and ">2024<" in html and "/papers/lora" in html
