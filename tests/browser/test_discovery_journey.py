"""In a real browser: search from the header box, click a node of the citation graph, and add a record of
the discovery index to the library from the search page."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from paperpass.search.bulk import ingest_rows
from paperpass.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("shot")]


def test_header_search_finds_lora(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/method")
    page.fill("header .site-search input", "low-rank adaptation")
    page.press("header .site-search input", "Enter")
    page.wait_for_url("**/search?q=*")
    first = page.locator("ol.hits li.hit h2 a").first
    assert "LoRA" in first.inner_text() and page.locator("ol.hits mark").count() > 0


def test_clicking_a_graph_node_opens_the_paper(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/graph")
    svg = page.locator("svg#graph")
    box = svg.bounding_box()
    page.mouse.move(box["x"] + 50, box["y"] + 50)
    page.mouse.wheel(0, -200)  # zoom in, then drag to pan: the page stays usable
    page.mouse.down()
    page.mouse.move(box["x"] + 90, box["y"] + 70, steps=5)
    page.mouse.up()
    assert "scale(" in (page.locator("#viewport").get_attribute("transform") or "")
    page.locator("button[data-zoom=reset]").click()
    node = page.locator('a.node[href="/papers/lora"] circle')
    node.click()
    page.wait_for_url("**/papers/lora")
    assert "LoRA" in page.locator("h1").inner_text()


def test_a_discovery_record_is_found_and_added_to_the_library(
    page: Any, live_server: Any, sqlite_library: Store
) -> None:
    now = datetime.now(UTC)
    ingest_rows(sqlite_library, [{
        "slug": "glacier-flow-2401-00007", "title": "Glacier Flow Transformers", "authors": ["Ada Lovelace"],
        "year": 2024, "venue": None, "abstract": "Crevasses and moraines.", "arxiv_id": "2401.00007",
        "arxiv_version": 1, "doi": None, "s2_id": None, "links": {"abs": "https://arxiv.org/abs/2401.00007"},
        "tags": ["cs.LG"], "guide": False, "created_at": now, "updated_at": now,
    }])  # fmt: skip
    page.goto(live_server.url + "/search?q=glacier+flow")
    assert page.locator("#no-results").is_visible()
    page.check("input[name=discover]")
    page.click("aside.filters button[type=submit]")
    page.wait_for_url("**discover=true**")
    hit = page.locator("ol.hits li.hit.discovery").first
    assert "discovery index" in hit.inner_text()
    hit.locator("button", has_text="Add to library").click()
    page.wait_for_url("**/papers/lovelace2024-glacier")
    assert "Glacier Flow Transformers" in page.locator("h1").inner_text()
    page.goto(live_server.url + "/papers")
    assert page.locator('a[href="/papers/lovelace2024-glacier"]').count() == 1
