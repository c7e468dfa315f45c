"""Practice, mock interview and readiness pages in-process."""

from __future__ import annotations

import re
from typing import Any

import pytest

from support.html import Page, squash, submitted


@pytest.fixture(autouse=True)
def hint_judge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERPASS_JUDGE", "hint")


def test_practice_reveal_shows_hints_ticks_nothing_and_saves_the_ticks(
    client_on_each_back_end: Any, library_with_guide: Any
) -> None:
    client = client_on_each_back_end
    page = Page(client.get("/practice", params={"kind": "specific", "entry": "dpo"}).text)
    asked = submitted(page.one("article.card form.answer-form"))
    assert asked["kind"] == ["specific"] and asked["entry"] == ["dpo"] and asked["answer"] == [""]
    assert page.has("form.answer-form textarea#answer")
    bank = client.get("/api/questions", params={"entry": "dpo", "kind": "specific"}).json()
    qid = str(next(q["id"] for q in bank if q["facet"] == "limitations"))  # three points
    answer = "DPO needs paired preferences, and paired data is cheap to collect."
    reveal = client.post(f"/practice/{qid}/reveal", data={"answer": answer, "elapsed_ms": "90000",
                                                          "kind": "specific", "entry": "dpo"})  # fmt: skip
    assert reveal.status_code == 200
    shown = Page(reveal.text)
    grading = shown.form(f"/practice/{qid}/rate")
    points = shown.all("ol.tick-list > li")
    ticks = shown.attrs('ol.tick-list > li input[type="checkbox"][name="tick"]', "value")
    assert ticks == [str(n) for n in range(len(points))]
    sent = submitted(grading)
    assert "tick" not in sent  # every point unticked, whatever the hints say
    assert [len(point.select("p.hint")) for point in points] == [1] * len(points)  # one hint a point
    assert shown.has("p.hint q")  # a hint quotes the answer's words it relied on
    assert shown.text_of("fieldset.rating .proposal").startswith("proposed from your ticks")
    assert shown.all('fieldset.rating input[type="radio"][name="rating"]') and "rating" not in sent
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
    again = Page(client.post(f"/practice/{qid}/reveal", data={"answer": ""}).text)
    flagged = [point.select_one(".flag") is not None for point in again.all("ol.tick-list > li")]
    assert flagged == [False, True, True] and set(again.texts("ol.tick-list .flag")) == {"missed last time"}
    assert "You answered in your head." in again.texts("article.card > p.muted")


def _self_graded(store: Any) -> dict[int, tuple[int, list[bool] | None, list[str] | None]]:
    from paperpass.store import practice as rows

    with store.connect() as conn:
        return {r.question_id: (r.rating, r.ticked, r.hints) for r in rows.reviews(conn, 0)}


def _answer_and_mark(client: Any, url: str, answer: str, covered: list[str] | None) -> Page:
    """Answer the current question and mark the points ``covered`` (None: every point)."""
    page = Page(client.get(url).text)
    action = str(page.one("article.card form.answer-form")["action"])
    assert re.fullmatch(r"/mock/\d+/answer/\d+", action)
    marking = client.post(action, data={"answer": answer})
    assert marking.url.path == url
    marks = Page(marking.text)
    assert marks.text_of("form.self-grade fieldset.ticks legend").startswith("Mark what your answer covered")
    assert marks.text_of("article.card blockquote.your-answer") == answer
    form = marks.one("article.card form.self-grade")
    assert re.fullmatch(r"/mock/\d+/marks/\d+", str(form["action"]))
    points = int(submitted(form)["points"][0])
    rows = marks.all("ol.tick-list > li")
    assert len(rows) == points and all(row.select('input[type="checkbox"][name="shaky"]') for row in rows)
    ticks = [str(n) for n in range(points)] if covered is None else covered
    marked = client.post(
        str(form["action"]), data={"points": str(points), "covered": ticks}, follow_redirects=False
    )
    assert marked.status_code == 303
    return page


def test_mock_follows_up_on_a_missed_point_and_reports_the_answers(client_on_each_back_end: Any) -> None:
    client = client_on_each_back_end
    start = client.post("/mock", data={"minutes": "8", "entry": "dpo"}, follow_redirects=False)
    url = start.headers["location"]
    first = _answer_and_mark(client, url, "DPO learns from preferences", [])
    assert first.has("p.timer[data-timer][data-budget]") and "question 1 of 5" in first.text_of("main h1")
    follow = Page(client.get(url).text)
    assert follow.text_of("main h1").endswith("question 1a of 5 (a follow-up)")  # on question 1
    assert follow.has("article.card.follow-up")
    assert "on your answer to" in follow.text_of("article.card p.kind")
    assert re.match(r"You did not (mention|compare it with) ", follow.text_of("article.card h2.prompt"))
    _answer_and_mark(client, url, "I am not sure about that part", ["0"])
    for n in range(4):
        _answer_and_mark(client, url, f"planned answer {n}", None)
    report = client.get(url, follow_redirects=True)
    assert report.url.path.endswith("/report")
    reviewed = Page(report.text)
    assert "What to review" in reviewed.texts("main > h2") and reviewed.all("section.review ul.points > li")
    answers = reviewed.texts("section.answer-review blockquote.your-answer")
    assert answers[:2] == ["DPO learns from preferences", "I am not sure about that part"]
    assert len(reviewed.all("section.answer-review")) >= 5
    hints = reviewed.texts("section.answer-review ul.marked > li .hint")
    assert hints and all(hint.startswith("hint: ") for hint in hints)
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
            page = Page(client.get("/practice", params={"kind": "specific"}).text)
            qid = page.one("article.card[data-question]")["data-question"]
            said = Page(client.post(f"/practice/{qid}/reveal", data={"answer": "an answer"}).text)
            [notice] = said.texts(".notices .notice")
            assert f"{server.url}/chat/completions" in notice
            again = Page(client.post(f"/practice/{qid}/reveal", data={"answer": "another answer"}).text)
            assert not again.has(".notice") and len(server.requests) == 2
            start = client.post("/mock", data={"minutes": "8", "entry": "dpo"}, follow_redirects=False)
            url = start.headers["location"]
            _answer_and_mark(client, url, "DPO learns from preferences", [])
            follow = Page(client.get(url).text)
            assert follow.text_of("article.card.follow-up h2.prompt") == FOLLOW_UP
            assert "written by the LLM grader" in follow.text_of("article.card p.kind")


def test_ready_page_has_chart_definition_and_next_steps(web_client: Any) -> None:
    page = Page(web_client.get("/ready").text)
    bars = page.all("svg.chart > g")
    assert len(bars) == 15 and all(len(bar.select("rect")) == 2 for bar in bars)  # a track and a bar each
    assert "Overall readiness" in page.text_of("p.definition") and page.text_of("h1 .overall").endswith("%")
    assert len(page.all("ol.next-steps > li > a[href]")) == 3
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
    page = Page(client.get("/practice", params={"kind": "cloze", "entry": "instructgpt"}).text)
    assert page.has('form.exact-form input.cloze-input[name="response"]')
    assert "___" in page.text_of("article.card h2.prompt")
    action = str(page.one("article.card form.exact-form")["action"])
    assert re.fullmatch(r"/practice/\d+/answer", action)
    answered = client.post(action, data={"response": "1.3 billion", "elapsed_ms": "5000", "kind": "cloze"},
                           follow_redirects=False)  # fmt: skip
    assert answered.status_code == 303 and answered.headers["location"].endswith("/result?kind=cloze")
    shown = Page(client.get(answered.headers["location"]).text)
    assert shown.text_of("article.exact-result p.verdict.right").startswith("✓ Right")
    assert shown.one("article.exact-result p.rating")["data-rating"] == "4"
    assert shown.attrs('article.exact-result a[data-key="Enter"]', "href") == ["/practice?kind=cloze"]
    page = Page(client.get("/practice", params={"kind": "choice", "entry": "deepseek-r1"}).text)
    buttons = page.all('form.exact-form ol.options > li > button.option[type="submit"][name="response"]')
    labels = [squash(button.get_text()).split(" · ", 1) for button in buttons]
    numbers = [str(button["value"]) for button in buttons]
    assert (
        numbers == ["1", "2"] == [number for number, _ in labels] == page.attrs("button.option", "data-key")
    )
    options = {number: text for number, text in labels}
    assert sorted(options.values()) == ["GRPO", "PPO"]
    wrong = next(number for number, text in options.items() if text == "PPO")
    action = str(page.one("article.card form.exact-form")["action"])
    shown = Page(client.post(action, data={"response": wrong, "elapsed_ms": "3000"}).text)
    assert shown.text_of("article.exact-result p.verdict.wrong").startswith("✗ You answered PPO")
    assert shown.texts("article.exact-result p.verdict.wrong strong")[0] == "PPO"
    assert shown.one("article.exact-result p.rating")["data-rating"] == "1"
    assert client.post(action, data={"response": "7"}).status_code == 400
    logged = _reviews(library_with_guide)
    assert logged["cloze/instructgpt/small-model"] == (4, [True], "1.3 billion")
    assert logged["choice/deepseek-r1/algorithm"] == (1, [False], "PPO")
    lora = client.get("/api/questions", params={"entry": "lora", "kind": "cloze"}).json()
    assert lora and all(q["kind"] == "cloze" and "answer" in q for q in lora)


def test_questions_page_shows_and_filters_the_bank_by_kind(web_client: Any) -> None:
    page = Page(web_client.get("/questions").text)
    filters = page.attrs("p.kinds > a", "href")
    for kind in ("specific", "comparative", "open", "scenario", "cloze", "choice", "note", "user"):
        assert f"/questions?kind={kind}#bank" in filters
    assert {"scenario", "cloze"} <= set(page.attrs("details.bank-kind", "data-kind"))
    only = Page(web_client.get("/questions", params={"kind": "scenario"}).text)
    assert set(only.attrs("ul.bank-questions > li", "data-kind")) == {"scenario"}
    assert any("8xH100 node" in question for question in only.texts("ul.bank-questions > li"))
    assert only.attrs("p.kinds > a", "href")[-1] == "/practice?kind=scenario"
    choice = Page(web_client.get("/questions", params={"kind": "choice"}).text)
    assert all(question.select("ol.options > li") for question in choice.all("ul.bank-questions > li"))
    assert web_client.get("/questions", params={"kind": "bogus"}).status_code == 422
