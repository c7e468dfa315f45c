"""Practice journeys in a real browser: a mock interview answer shows covered points; keyboard rating."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("shot")]


@pytest.fixture(autouse=True)
def lexical_judge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERPASS_JUDGE", "lexical")


def test_mock_interview_shows_covered_points(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/mock")
    page.fill("input[name=minutes]", "8")
    page.select_option("select[name=entry]", "lora")
    page.click("button[type=submit]")
    page.wait_for_url("**/mock/*")
    timer = page.locator("[data-timer] [data-left]")
    first = timer.inner_text()
    page.wait_for_timeout(1200)
    assert timer.inner_text() != first  # the timer counts down
    report = page.request.get(page.url.replace("/mock/", "/api/mock/")).json()
    point = report["questions"][0]["question"]["reference_points"][0]
    page.fill("textarea[name=answer]", f"I would say: {point}")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("h3.coverage")
    assert page.locator("ul.points li.covered").count() >= 1
    assert "reference points covered" in page.locator("h3.coverage").inner_text()


def test_practice_with_keyboard_shortcuts(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/practice")
    prompt = page.locator("h2.prompt").inner_text()
    page.fill("textarea[name=answer]", "recurrence is sequential")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("form.ratings")
    page.locator("body").click()
    page.keyboard.press("3")
    page.wait_for_url("**/practice")
    page.wait_for_selector("h2.prompt")
    assert page.locator("h2.prompt").inner_text() != prompt
