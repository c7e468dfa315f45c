"""Practice journeys in a real browser: self-grading with the keyboard, a mock interview that follows up."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("shot")]


@pytest.fixture(autouse=True)
def hint_judge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERPASS_JUDGE", "hint")


def test_self_grading_with_the_keyboard(page: Any, live_server: Any, sqlite_library: Any) -> None:
    page.goto(live_server.url + "/practice?kind=scenario&entry=dpo")
    bank = page.request.get(live_server.url + "/api/questions?entry=dpo&kind=scenario").json()
    first = page.locator("article.card").get_attribute("data-question")
    points = next(len(q["reference_points"]) for q in bank if str(q["id"]) == first)
    page.fill("textarea[name=answer]", "It removes the reward model and learns from preference pairs.")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("form[data-self-grade]")
    page.wait_for_load_state()  # practice.js (deferred) listens to the keys
    assert page.locator("input[data-tick]:checked").count() == 0  # hints are shown, nothing is ticked
    assert page.locator("p.hint").count() == points
    proposal = page.locator("[data-proposal]")
    assert "Again" in proposal.inner_text()
    page.locator("h1").click()  # the keys act on the page, not on a text box
    page.keyboard.press("1")
    assert page.locator('input[data-tick="1"]').is_checked()
    assert points > 1 and "Hard" in proposal.inner_text()  # some points ticked
    assert page.locator('input[data-rating="hard"]').is_checked()
    page.keyboard.press("1")
    page.keyboard.press("1")  # toggled off and on again
    page.keyboard.press("g")  # the proposal changed by the user
    assert page.locator('input[data-rating="good"]').is_checked() and "chosen by you" in proposal.inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url("**/practice?entry=dpo&kind=scenario")
    page.wait_for_selector("h2.prompt")
    from paperpass.store import practice as rows

    with sqlite_library.connect() as conn:
        (logged,) = rows.reviews(conn, 0, int(first or 0))
    assert logged.rating == 3 and logged.ticked == [True] + [False] * (points - 1)
    assert page.locator("article.card").get_attribute("data-question") != first


def test_mock_interview_follows_up_and_reports_the_answers(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/mock")
    page.fill("input[name=minutes]", "8")
    page.select_option("select[name=entry]", "lora")
    page.click("button[type=submit]")
    page.wait_for_url("**/mock/*")
    timer = page.locator("[data-timer] [data-left]")
    first = timer.inner_text()
    page.wait_for_timeout(1200)
    assert timer.inner_text() != first  # the timer counts down
    page.fill("textarea[name=answer]", "LoRA freezes the weights and trains a low-rank update.")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("form[data-mark-form]")
    page.wait_for_load_state()
    assert page.locator("input[data-tick]:checked").count() == 0
    page.locator("h1").click()
    page.keyboard.press("Enter")  # nothing marked: every point missed
    page.wait_for_selector("article.card.follow-up")
    prompt = page.locator("h2.prompt").inner_text()
    report = page.request.get(page.url.replace("/mock/", "/api/mock/")).json()
    missed = report["questions"][0]["points"][0]["point"]
    named = re.match(r"You did not (?:mention|compare it with) (.+?)\. ", prompt)
    assert named is not None and report["questions"][1]["question"]["reference_points"] == [missed]
    assert _plain(named.group(1)) <= _plain(missed)  # the follow-up names the missed point
    page.fill("textarea[name=answer]", "It changes only a small part of the model.")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("form[data-mark-form]")
    page.wait_for_load_state()
    page.locator("h1").click()
    page.keyboard.press("Shift+Digit1")  # shaky
    assert page.locator('input[data-shaky="1"]').is_checked()
    page.keyboard.press("Enter")
    for n in range(4):
        page.wait_for_selector("textarea[name=answer]")
        page.fill("textarea[name=answer]", f"Planned answer {n}")
        page.keyboard.press("Control+Enter")
        page.wait_for_selector("form[data-mark-form]")
        page.wait_for_load_state()
        for box in page.locator("input[data-tick]").all():
            box.check()
        page.locator("h1").click()
        page.keyboard.press("Enter")
    page.wait_for_url("**/report")
    text = page.locator("main").inner_text()
    assert "LoRA freezes the weights" in text and "It changes only a small part" in text
    assert "What to review" in text and page.locator("section.answer-review").count() == 6


def _plain(text: str) -> set[str]:
    return set(re.sub(r"[^\w\s'-]", " ", text.lower()).split())


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
