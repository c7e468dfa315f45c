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


def _ratings(store: Any) -> dict[str, int]:
    from paperpass.store import practice as rows

    with store.connect() as conn:
        keys = {q.id: q.key for q in rows.list_questions(conn, 0)}
        return {keys[r.question_id]: r.rating for r in rows.reviews(conn, 0)}


def test_cloze_and_choice_cards_with_the_keyboard(page: Any, live_server: Any, sqlite_library: Any) -> None:
    page.goto(live_server.url + "/practice?kind=cloze&entry=instructgpt")
    assert "___" in page.locator("h2.prompt").inner_text()
    page.wait_for_selector("input.cloze-input:focus")
    page.keyboard.type("1.3 billion")  # the box has the focus
    page.keyboard.press("Enter")
    page.wait_for_selector("p.verdict.right")
    assert "1.3B" in page.locator("p.verdict").inner_text()
    page.keyboard.press("Enter")  # next card, same kind
    page.wait_for_url("**/practice?entry=instructgpt&kind=cloze")
    assert "___" in page.locator("h2.prompt").inner_text() and page.locator("input.cloze-input").count() == 1
    page.goto(live_server.url + "/practice?kind=choice&entry=deepseek-r1")
    options = page.locator("button.option").all_inner_texts()
    right = next(n for n, text in enumerate(options, start=1) if text.endswith("GRPO"))
    page.locator("body").click()
    page.keyboard.press(str(right))
    page.wait_for_selector("p.verdict.right")
    logged = _ratings(sqlite_library)
    assert logged["cloze/instructgpt/small-model"] == 4  # right within 15 seconds: Easy
    assert logged["choice/deepseek-r1/algorithm"] == 4
