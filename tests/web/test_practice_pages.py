"""Practice, mock interview and readiness pages in-process."""

from __future__ import annotations

import re
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def lexical_judge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERPASS_JUDGE", "lexical")


def test_practice_reveal_and_rate(web_client: Any) -> None:
    page = web_client.get("/practice").text
    qid = re.search(r'data-question="(\d+)"', page).group(1)  # type: ignore[union-attr]
    assert 'action="/practice/' in page and "<textarea" in page
    reveal = web_client.post(f"/practice/{qid}/reveal", data={"answer": "recurrent networks are sequential"})
    assert reveal.status_code == 200
    assert 'class="covered"' in reveal.text or 'class="missed"' in reveal.text
    assert reveal.text.count('name="rating"') == 4 and 'data-key="1"' in reveal.text
    rated = web_client.post(
        f"/practice/{qid}/rate", data={"rating": "3", "covered": "1"}, follow_redirects=False
    )
    assert rated.status_code == 303 and rated.headers["location"] == "/practice"
    assert f'data-question="{qid}"' not in web_client.get("/practice").text
    assert web_client.post(f"/practice/{qid}/rate", data={"rating": "9"}).status_code == 400


def test_mock_flow_and_report(web_client: Any) -> None:
    start = web_client.post("/mock", data={"minutes": "8", "entry": "dpo"}, follow_redirects=False)
    url = start.headers["location"]
    for _ in range(4):
        page = web_client.get(url)
        assert "data-timer" in page.text
        action = re.search(r'action="(/mock/\d+/answer/\d+)"', page.text).group(1)  # type: ignore[union-attr]
        feedback = web_client.post(action, data={"answer": "DPO needs paired preferences"})
        assert "reference points covered" in feedback.text
    report = web_client.get(url, follow_redirects=True)
    assert report.url.path.endswith("/report") and "What to review" in report.text
    api = web_client.get(url.replace("/mock/", "/api/mock/")).json()
    assert api["finished"] and len(api["questions"]) == 4
    assert web_client.post("/mock", data={"minutes": "1"}).status_code == 400


def test_ready_page_has_chart_definition_and_next_steps(web_client: Any) -> None:
    page = web_client.get("/ready").text
    assert "<svg" in page and page.count("<rect") == 30
    assert "Overall readiness" in page and page.count("<li>") >= 3
    data = web_client.get("/api/ready").json()
    assert len(data["items"]) == 15 and len(data["next_steps"]) == 3


def test_questions_api(web_client: Any) -> None:
    data = web_client.get("/api/questions", params={"entry": "lora"}).json()
    assert all("lora" in q["entries"] for q in data) and len(data) >= 6


@pytest.fixture
def client_on_each_back_end(settings: Any, library_with_guide: Any) -> Any:
    """The web app on a SQLite file and on a real PostgreSQL database."""
    from fastapi.testclient import TestClient

    from paperpass.web.app import create_app

    with TestClient(create_app(settings, library_with_guide)) as client:
        yield client


def _reviews(store: Any) -> dict[str, tuple[int, list[bool], str]]:
    from paperpass.store import practice as rows

    with store.connect() as conn:
        keys = {q.id: q.key for q in rows.list_questions(conn, 0)}
        return {keys[r.question_id]: (r.rating, r.covered, r.answer) for r in rows.reviews(conn, 0)}


def test_cloze_and_choice_cards_grade_themselves(
    client_on_each_back_end: Any, library_with_guide: Any
) -> None:
    client = client_on_each_back_end
    page = client.get("/practice", params={"kind": "cloze", "entry": "instructgpt"}).text
    assert 'name="response"' in page and 'class="cloze-input"' in page and "___" in page
    action = re.search(r'action="(/practice/\d+/answer)"', page).group(1)  # type: ignore[union-attr]
    answered = client.post(action, data={"response": "1.3 billion", "elapsed_ms": "5000", "kind": "cloze"},
                           follow_redirects=False)  # fmt: skip
    assert answered.status_code == 303 and answered.headers["location"].endswith("/result?kind=cloze")
    shown = client.get(answered.headers["location"]).text
    assert "✓ Right" in shown and 'data-rating="4"' in shown and 'href="/practice?kind=cloze"' in shown
    page = client.get("/practice", params={"kind": "choice", "entry": "deepseek-r1"}).text
    options = re.findall(
        r'<button type="submit" name="response" value="(\d)" data-key="\d" class="option">\d · ([^<]+)<', page
    )
    assert len(options) == 2 and {text for _, text in options} == {"GRPO", "PPO"}
    wrong = next(number for number, text in options if text == "PPO")
    action = re.search(r'action="(/practice/\d+/answer)"', page).group(1)  # type: ignore[union-attr]
    shown = client.post(action, data={"response": wrong, "elapsed_ms": "3000"}).text
    assert "✗ You answered <strong>PPO</strong>" in shown and 'data-rating="1"' in shown
    assert client.post(action, data={"response": "7"}).status_code == 400
    logged = _reviews(library_with_guide)
    assert logged["cloze/instructgpt/small-model"] == (4, [True], "1.3 billion")
    assert logged["choice/deepseek-r1/algorithm"] == (1, [False], "PPO")
    lora = client.get("/api/questions", params={"entry": "lora", "kind": "cloze"}).json()
    assert lora and all(q["kind"] == "cloze" and "answer" in q for q in lora)


def test_questions_page_shows_and_filters_the_bank_by_kind(web_client: Any) -> None:
    page = web_client.get("/questions").text
    for kind in ("specific", "comparative", "open", "scenario", "cloze", "choice", "note", "user"):
        assert f'href="/questions?kind={kind}#bank"' in page
    assert 'data-kind="scenario"' in page and 'data-kind="cloze"' in page
    only = web_client.get("/questions", params={"kind": "scenario"}).text
    kinds = set(re.findall(r'<li data-kind="(\w+)"', only))
    assert kinds == {"scenario"} and "8xH100 node" in only and 'href="/practice?kind=scenario"' in only
    choice = web_client.get("/questions", params={"kind": "choice"}).text
    assert '<ol class="options">' in choice
    assert web_client.get("/questions", params={"kind": "bogus"}).status_code == 400
