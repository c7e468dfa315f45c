"""The search box, results page, graph and timeline in-process; /api/search."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from paperpass.models import Paper
from paperpass.search.bulk import ingest_rows
from paperpass.store import Store
from paperpass.store import papers as paper_rows


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


def _records(store: Store, count: int, start: int = 0, **extra: Any) -> None:
    """``count`` discovery records about glaciers (the bulk import's path)."""
    now = datetime.now(UTC)
    rows = [
        {"slug": f"glacier-{n}", "title": f"Glacier flow study {n}", "authors": ["Ada Lovelace"],
         "year": 2020, "venue": None, "abstract": "Crevasses and moraines.", "arxiv_id": f"2401.{n:05d}",
         "arxiv_version": 1, "doi": None, "s2_id": None, "tags": ["cs.LG"], "guide": False,
         "links": {"abs": f"https://arxiv.org/abs/2401.{n:05d}"}, "created_at": now, "updated_at": now,
         **extra}
        for n in range(start, start + count)
    ]  # fmt: skip
    ingest_rows(store, rows)


def test_the_library_list_is_paginated_and_leaves_out_discovery_records(
    web_client: Any, sqlite_library: Store
) -> None:
    _records(sqlite_library, 30)
    with sqlite_library.transaction() as conn:
        for n in range(120):
            paper_rows.insert_paper(conn, Paper(slug=f"mine-{n}", title=f"Paper of mine {n}"))
    with sqlite_library.connect() as conn:
        total = paper_rows.count_papers(conn)
    first = web_client.get("/papers")
    assert first.status_code == 200 and first.text.count('<a href="/papers/') == 100
    assert "glacier" not in first.text and f"{total} papers" in first.text
    assert 'rel="next" href="/papers?page=2"' in first.text
    second = web_client.get("/papers", params={"page": 2})
    assert second.text.count('<a href="/papers/') == total - 100 and 'rel="next"' not in second.text
    data = web_client.get("/api/papers", params={"per_page": 100}).json()
    assert (data["total"], data["pages"], len(data["papers"])) == (total, 2, 100)
    assert data["next"] == "/api/papers?page=2&per_page=100"
    rest = web_client.get(data["next"]).json()
    assert rest["next"] is None and len(rest["papers"]) == total - 100
    assert not {p["slug"] for p in data["papers"] + rest["papers"]} & {f"glacier-{n}" for n in range(30)}
    assert web_client.get("/api/papers", params={"per_page": 1000}).status_code == 422


def test_a_discovery_record_found_by_search_is_added_from_the_page(
    web_client: Any, sqlite_library: Store
) -> None:
    _records(sqlite_library, 3)
    assert "Glacier flow study" not in web_client.get("/search", params={"q": "glacier"}).text
    page = web_client.get("/search", params={"q": "glacier flow", "discover": "true"})
    assert page.status_code == 200 and page.text.count("Add to library") == 3
    assert 'name="discover" value="true" checked' in page.text
    added = web_client.post("/papers/add", data={"key": "2401.00001"}, follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"] == "/papers/lovelace2020-glacier"
    assert "Glacier flow study 1" in web_client.get("/papers/lovelace2020-glacier").text
    assert "lovelace2020-glacier" in web_client.get("/papers").text
    assert web_client.post("/papers/add", data={"key": "2401.99999"}).status_code == 404


def test_search_results_come_a_page_at_a_time(web_client: Any, sqlite_library: Store) -> None:
    _records(sqlite_library, 45)
    data = web_client.get("/api/search", params={"q": "glacier", "discover": "true", "limit": 20}).json()
    assert (data["total"], data["more"], data["page"], len(data["hits"])) == (45, True, 1, 20)
    last = web_client.get("/api/search", params={"q": "glacier", "discover": "true", "limit": 20, "page": 3})
    assert len(last.json()["hits"]) == 5 and last.json()["more"] is False
    html = web_client.get("/search", params={"q": "glacier", "discover": "true", "limit": 20, "page": 2}).text
    assert "21–40 of 45" in html and 'rel="prev"' in html and 'rel="next"' in html


def test_a_search_without_full_matches_shows_partial_ones_with_a_notice(web_client: Any) -> None:
    html = web_client.get("/search", params={"q": "low-rank adaptation zeppelins"}).text
    assert "no result has every word" in html and '<a href="/papers/lora">' in html and "zeppelins" in html
    data = web_client.get("/api/search", params={"q": "low-rank adaptation zeppelins"}).json()
    assert data["partial"] == 2 and data["hits"][0]["missing"] == ["zeppelins"] and data["notices"]


def test_a_hit_names_only_the_first_authors(web_client: Any, sqlite_library: Store) -> None:
    _records(sqlite_library, 1, authors=[f"Physicist {n}" for n in range(3000)])
    [hit] = web_client.get("/api/search", params={"q": "glacier", "discover": "true"}).json()["hits"]
    assert len(hit["authors"]) == 20 and hit["authors_total"] == 3000 and hit["in_library"] is False
