"""Practice, mock interview and readiness pages in-process."""

from __future__ import annotations

import re
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def hint_judge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERPASS_JUDGE", "hint")


def test_practice_reveal_shows_hints_ticks_nothing_and_saves_the_ticks(
    client_on_each_back_end: Any, library_with_guide: Any
) -> None:
    client = client_on_each_back_end
    page = client.get("/practice", params={"kind": "specific", "entry": "dpo"}).text
    assert 'name="kind" value="specific"' in page and "<textarea" in page
    bank = client.get("/api/questions", params={"entry": "dpo", "kind": "specific"}).json()
    qid = str(next(q["id"] for q in bank if q["facet"] == "limitations"))  # three points
    answer = "DPO needs paired preferences, and paired data is cheap to collect."
    reveal = client.post(f"/practice/{qid}/reveal", data={"answer": answer, "elapsed_ms": "90000",
                                                          "kind": "specific", "entry": "dpo"})  # fmt: skip
    assert reveal.status_code == 200
    ticks = re.findall(
        r'<input type="checkbox" name="tick" value="(\d+)" data-tick="\d+"([^>]*)>', reveal.text
    )
    assert ticks and all(rest == "" for _, rest in ticks)  # every point unticked, whatever the hints say
    assert reveal.text.count('class="hint hint-') == len(ticks) and "<q>" in reveal.text
    assert "proposed from your ticks" in reveal.text and 'name="rating"' in reveal.text
    assert " checked" not in reveal.text.split('<fieldset class="rating">')[1].split("</fieldset>")[0]
    form = {"tick": ["0"], "points": str(len(ticks)), "answer": answer, "elapsed_ms": "90000",
            "hints": ",".join(["unsure"] * len(ticks)), "kind": "specific", "entry": "dpo"}  # fmt: skip
    rated = client.post(f"/practice/{qid}/rate", data=form, follow_redirects=False)
    assert rated.status_code == 303 and rated.headers["location"] == "/practice?entry=dpo&kind=specific"
    logged = _self_graded(library_with_guide)[int(qid)]
    assert len(ticks) == 3 and logged == (2, [True, False, False], ["unsure"] * 3)  # some ticked: Hard
    assert client.post(f"/practice/{qid}/rate", data={**form, "rating": "easy"}).status_code == 200
    assert _self_graded(library_with_guide)[int(qid)][0] == 4  # the user changed the proposal
    assert client.post(f"/practice/{qid}/rate", data={**form, "tick": ["9"]}).status_code == 400
    assert client.post(f"/practice/{qid}/rate", data={**form, "rating": "9"}).status_code == 400
    assert client.post(f"/practice/{qid}/rate", data={**form, "points": "4"}).status_code == 400
    everything = {**form, "tick": ["0", "1", "2"], "elapsed_ms": "20000"}  # all, within 15 s a point
    assert client.post(f"/practice/{qid}/rate", data=everything).status_code == 200
    assert _self_graded(library_with_guide)[int(qid)][:2] == (4, [True, True, True])
    client.post(f"/practice/{qid}/rate", data=form)  # points 2 and 3 left unticked
    again = client.post(f"/practice/{qid}/reveal", data={"answer": ""}).text
    assert again.count("missed last time") == 2 and "You answered in your head." in again


def _self_graded(store: Any) -> dict[int, tuple[int, list[bool] | None, list[str] | None]]:
    from paperpass.store import practice as rows

    with store.connect() as conn:
        return {r.question_id: (r.rating, r.ticked, r.hints) for r in rows.reviews(conn, 0)}


def _answer_and_mark(client: Any, url: str, answer: str, covered: list[str] | None) -> str:
    """Answer the current question and mark the points ``covered`` (None: every point)."""
    page = client.get(url).text
    action = re.search(r'action="(/mock/\d+/answer/\d+)"', page).group(1)  # type: ignore[union-attr]
    marking = client.post(action, data={"answer": answer})
    assert marking.url.path == url and "Mark what your answer covered" in marking.text
    assert answer in marking.text and 'name="shaky"' in marking.text
    points = int(re.search(r'name="points" value="(\d+)"', marking.text).group(1))  # type: ignore[union-attr]
    action = re.search(r'action="(/mock/\d+/marks/\d+)"', marking.text).group(1)  # type: ignore[union-attr]
    ticks = [str(n) for n in range(points)] if covered is None else covered
    marked = client.post(action, data={"points": str(points), "covered": ticks}, follow_redirects=False)
    assert marked.status_code == 303
    return page


def test_mock_follows_up_on_a_missed_point_and_reports_the_answers(client_on_each_back_end: Any) -> None:
    client = client_on_each_back_end
    start = client.post("/mock", data={"minutes": "8", "entry": "dpo"}, follow_redirects=False)
    url = start.headers["location"]
    first = _answer_and_mark(client, url, "DPO learns from preferences", [])
    assert "data-timer" in first and "question 1 of 5" in first
    follow = client.get(url).text
    assert "a follow-up" in follow and "on your answer to" in follow
    assert re.search(r"You did not (mention|compare it with) ", follow)
    _answer_and_mark(client, url, "I am not sure about that part", ["0"])
    for n in range(4):
        _answer_and_mark(client, url, f"planned answer {n}", None)
    report = client.get(url, follow_redirects=True)
    assert report.url.path.endswith("/report") and "What to review" in report.text
    assert "DPO learns from preferences" in report.text and "I am not sure about that part" in report.text
    assert report.text.count('class="answer-review"') >= 5 and "hint: " in report.text
    api = client.get(url.replace("/mock/", "/api/mock/")).json()
    assert api["finished"] and api["questions"][1]["role"] == "follow-up"
    assert client.post("/mock", data={"minutes": "1"}).status_code == 422  # out of the described range
    bad = client.post(url + "/marks/1", data={"points": "3"})
    assert bad.status_code == 400  # question 1 is marked already


def test_the_llm_notice_shows_once_and_the_llm_writes_the_follow_up(
    settings: Any, sqlite_library: Any
) -> None:
    from dataclasses import replace

    from paperpass.web.app import create_app
    from support.fake_llm import FOLLOW_UP, fake_llm
    from support.web import BrowserClient

    with fake_llm() as server:
        configured = replace(settings, judge="auto", llm_url=server.url, llm_model="fake-grader")
        with BrowserClient(create_app(configured, sqlite_library)) as client:
            page = client.get("/practice", params={"kind": "specific"}).text
            qid = re.search(r'data-question="(\d+)"', page).group(1)  # type: ignore[union-attr]
            said = client.post(f"/practice/{qid}/reveal", data={"answer": "an answer"}).text
            assert 'class="notice"' in said and f"{server.url}/chat/completions" in said
            again = client.post(f"/practice/{qid}/reveal", data={"answer": "another answer"}).text
            assert 'class="notice"' not in again and len(server.requests) == 2
            start = client.post("/mock", data={"minutes": "8", "entry": "dpo"}, follow_redirects=False)
            url = start.headers["location"]
            _answer_and_mark(client, url, "DPO learns from preferences", [])
            follow = client.get(url).text
            assert FOLLOW_UP in follow and "written by the LLM grader" in follow


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
    from paperpass.web.app import create_app
    from support.web import BrowserClient

    with BrowserClient(create_app(settings, library_with_guide)) as client:
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
    assert web_client.get("/questions", params={"kind": "bogus"}).status_code == 422
