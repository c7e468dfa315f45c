"""In a real browser: search from the header box, and click a node of the citation graph."""

from __future__ import annotations

from typing import Any

import pytest

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
