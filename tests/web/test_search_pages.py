"""The search box, results page, graph and timeline in-process; /api/search."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from paperpass.models import Paper
from paperpass.search.bulk import ingest_rows
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from support.html import Page, submitted


def test_every_page_has_the_search_box(web_client: Any) -> None:
    for path in ("/", "/papers", "/method", "/graph"):
        box = Page(web_client.get(path).text).one('header nav form[role="search"]')
        assert (box["action"], box["method"]) == ("/search", "get"), path
        assert box.select('input[type="search"][name="q"]'), path


def test_results_are_highlighted_and_link_to_papers(web_client: Any) -> None:
    response = web_client.get("/search", params={"q": "low-rank adaptation"})
    assert response.status_code == 200
    page = Page(response.text)
    assert "/papers/lora" in page.attrs("ol.hits > li.hit h2 > a", "href")
    marked = page.texts('ol.hits > li.hit h2 > a[href="/papers/lora"] mark')
    assert {word.lower() for word in marked} == {"low-rank", "adaptation"}


def test_filters_and_hostile_input(web_client: Any) -> None:
    params = {"q": '"(<script>alert(1)</script>', "category": "foundational", "year": "2017-2020",
              "status": "to-read", "notes": "without", "top15": "true"}  # fmt: skip
    response = web_client.get("/search", params=params)
    assert response.status_code == 200
    page = Page(response.text)
    assert page.active_content() == [] and not page.has("main script")
    assert page.text_of("#no-results") == f"No results for “{params['q']}”."  # shown as text
    kept = submitted(page.one("form#search-form"))  # the query and the filters, as values of the form
    assert kept == {key: [value] for key, value in params.items()}


@pytest.mark.parametrize("query", [{"year": "soon"}, {"status": "reading"}, {"limit": "0"}])
def test_bad_filters_are_4xx(web_client: Any, query: dict[str, str]) -> None:
    assert 400 <= web_client.get("/search", params=query).status_code < 500
    assert "error" in web_client.get("/api/search", params=query).json()


def test_api_search_is_the_cli_json(web_client: Any) -> None:
    data = web_client.get("/api/search", params={"q": "flash attention"}).json()
    assert data["hits"][0]["slug"] == "flash-attention" and data["mode"] in {"lexical", "hybrid"}


def test_graph_is_an_svg_with_paper_links(web_client: Any) -> None:
    page = Page(web_client.get("/graph").text)
    assert page.has('svg#graph a.node[href="/papers/attention-is-all-you-need"]')
    assert any(src.endswith("/static/graph.js") for src in page.attrs("script", "src"))
    assert len(page.all("svg#graph line.edge.related")) > 5


def test_timeline_spans_the_guides_years(web_client: Any) -> None:
    page = Page(web_client.get("/timeline").text)
    years = page.texts('table.timeline thead th[scope="col"]')
    assert years[0] == "2017" and "2024" in years and years == sorted(years)
    lora = page.one('table.timeline tbody td a.chip[href="/papers/lora"]')
    assert lora.get_text().startswith("LoRA")


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
    assert first.status_code == 200
    listed = Page(first.text)
    links = listed.attrs("table.papers tbody tr > td:first-child > a", "href")
    assert len(links) == len(listed.all("table.papers tbody tr")) == 100
    assert not [link for link in links if "glacier" in link] and "glacier" not in listed.text.lower()
    assert listed.text_of("main h1 small") == f"{total} papers"
    assert listed.attrs('nav.pages a[rel="next"]', "href") == ["/papers?page=2"]
    second = Page(web_client.get("/papers", params={"page": 2}).text)
    rest = second.attrs("table.papers tbody tr > td:first-child > a", "href")
    assert len(rest) == total - 100 and not set(rest) & set(links) and not second.has('a[rel="next"]')
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
    library_only = Page(web_client.get("/search", params={"q": "glacier"}).text)
    assert library_only.all("ol.hits > li") == [] and "Glacier flow study" not in library_only.text
    response = web_client.get("/search", params={"q": "glacier flow", "discover": "true"})
    assert response.status_code == 200
    page = Page(response.text)
    hits = page.all("ol.hits > li.hit.discovery")
    assert len(hits) == len(page.all("ol.hits > li")) == 3
    for hit in hits:
        [form] = hit.select('form.add-to-library[action="/papers/add"]')
        assert submitted(form)["key"][0].startswith("2401.")
        assert [button.get_text() for button in form.select('button[type="submit"]')] == ["Add to library"]
    assert submitted(page.one("form#search-form"))["discover"] == ["true"]  # the toggle stays on
    added = web_client.post("/papers/add", data={"key": "2401.00001"}, follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"] == "/papers/lovelace2020-glacier"
    paper = Page(web_client.get("/papers/lovelace2020-glacier").text)
    assert paper.text_of("main h1") == "Glacier flow study 1"
    listed = Page(web_client.get("/papers").text)
    added_row = 'table.papers tbody a[href="/papers/lovelace2020-glacier"]'
    assert listed.text_of(added_row) == "Glacier flow study 1"
    assert web_client.post("/papers/add", data={"key": "2401.99999"}).status_code == 404


def test_search_results_come_a_page_at_a_time(web_client: Any, sqlite_library: Store) -> None:
    _records(sqlite_library, 45)
    data = web_client.get("/api/search", params={"q": "glacier", "discover": "true", "limit": 20}).json()
    assert (data["total"], data["more"], data["page"], len(data["hits"])) == (45, True, 1, 20)
    last = web_client.get("/api/search", params={"q": "glacier", "discover": "true", "limit": 20, "page": 3})
    assert len(last.json()["hits"]) == 5 and last.json()["more"] is False
    html = web_client.get("/search", params={"q": "glacier", "discover": "true", "limit": 20, "page": 2}).text
    page = Page(html)
    assert "21–40 of 45" in page.text_of("#summary") and len(page.all("ol.hits > li")) == 20
    assert page.one("ol.hits")["start"] == "21"
    assert page.has('nav.pages a[rel="prev"][href]') and page.has('nav.pages a[rel="next"][href]')


def test_a_search_without_full_matches_shows_partial_ones_with_a_notice(web_client: Any) -> None:
    page = Page(web_client.get("/search", params={"q": "low-rank adaptation zeppelins"}).text)
    assert page.text_of("main p.notice").startswith("no result has every word")
    lora = 'ol.hits > li.hit:has(a[href="/papers/lora"])'
    assert page.text_of(f"{lora} p.snippet.missing") == "without zeppelins"  # the word it lacks
    data = web_client.get("/api/search", params={"q": "low-rank adaptation zeppelins"}).json()
    assert data["partial"] == 2 and data["hits"][0]["missing"] == ["zeppelins"] and data["notices"]


def test_a_hit_names_only_the_first_authors(web_client: Any, sqlite_library: Store) -> None:
    _records(sqlite_library, 1, authors=[f"Physicist {n}" for n in range(3000)])
    [hit] = web_client.get("/api/search", params={"q": "glacier", "discover": "true"}).json()["hits"]
    assert len(hit["authors"]) == 20 and hit["authors_total"] == 3000 and hit["in_library"] is False
