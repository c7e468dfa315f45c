"""Key journeys in a real browser: home -> entry page -> discussion points, and the pages around them."""

from __future__ import annotations

from typing import Any

import pytest

from paperpass.catalog import load_catalog

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("shot")]


def test_home_to_entry_shows_its_discussion_points(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/")
    assert page.title().startswith("Reading plan")
    assert page.locator("section.category").count() == 6
    assert page.locator("aside.checklist li").count() == 15
    page.locator("section.plan a", has_text="LoRA").first.click()
    page.wait_for_url("**/guide/lora")
    assert page.locator("h1").inner_text().startswith("6. LoRA")
    lora = next(e for e in load_catalog().entries if e.slug == "lora")
    points = page.locator("ol.discussion-points li")
    assert points.count() == len(lora.discussion_points)
    assert points.first.is_visible()
    assert "4-64" in page.locator("#discussion").inner_text()


def test_checklist_link_and_paper_page(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/")
    page.locator("aside.checklist a", has_text="Mamba-2").click()
    page.wait_for_url("**/guide/mamba-2")
    page.locator("section.works a", has_text="Jamba").click()
    page.wait_for_url("**/papers/jamba")
    assert "2403.19887" in page.locator("dl.ids").inner_text()
    page.locator("article.entry-summary a").first.click()
    page.wait_for_url("**/guide/mamba-2")


def test_phone_layout_stacks_the_checklist_under_the_plan(page: Any, live_server: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    plan = page.locator("section.plan").bounding_box()
    checklist = page.locator("aside.checklist").bounding_box()
    assert checklist["y"] > plan["y"] + plan["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_unknown_page_shows_the_404_page(page: Any, live_server: Any) -> None:
    response = page.goto(live_server.url + "/guide/not-a-paper")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Not found"
