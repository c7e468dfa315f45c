"""The reading loop in-process: the PDF itself, page words, the timer kept on the server, sessions read
elsewhere, pass-done refused then overridden, highlights, the appendix folded, a paper without a PDF."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from paperpass.config import Settings
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from paperpass.store import reading as reading_rows
from paperpass.store import timers as timer_rows
from support.components import CORPUS
from support.corpus import install_attention_pdf
from support.html import Page, squash, submitted
from support.notes import GOOD_NOTE, without

ATTENTION = "attention-is-all-you-need"


def html(response: Any) -> Page:
    return Page(response.text)


@pytest.fixture
def with_pdf(settings: Settings) -> Path:
    return install_attention_pdf(settings.pdf_dir)


def _sessions(store: Store, slug: str) -> list[Any]:
    with store.connect() as conn:
        paper = paper_rows.get_paper(conn, slug)
        assert paper.id is not None
        return reading_rows.sessions(conn, [paper.id], user_id=0)


def test_the_pdf_itself_is_served_inline(web_client: Any, with_pdf: Path) -> None:
    response = web_client.get(f"/papers/{ATTENTION}/pdf")
    assert response.status_code == 200 and response.content == with_pdf.read_bytes()
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    for page in (f"/papers/{ATTENTION}", f"/papers/{ATTENTION}/read"):
        link = html(web_client.get(page)).one(f'main a.open-pdf[href="/papers/{ATTENTION}/pdf"]')
        assert link.get_text() == "Open the PDF" and link["target"] == "_blank", page


def test_no_pdf_is_a_404_page(web_client: Any) -> None:
    response = web_client.get("/papers/lora/pdf")
    assert response.status_code == 404 and "has no PDF" in html(response).text_of("main .error-message")
    assert web_client.get("/papers/no-such-paper/pdf").status_code == 404


def test_page_words_have_boxes_on_the_page(web_client: Any, with_pdf: Path) -> None:
    data = web_client.get(f"/papers/{ATTENTION}/pages/1/words").json()
    assert data["page"] == 1 and (data["width"], data["height"]) == (612.0, 792.0)
    words = data["words"]
    texts = [w["text"] for w in words]
    assert "Attention" in texts and "Abstract" in texts and len(words) > 300
    assert all(0 <= w["x0"] < w["x1"] <= 1 and 0 <= w["y0"] < w["y1"] <= 1 for w in words)
    title = next(w for w in words if w["text"] == "Attention")
    abstract = next(w for w in words if w["text"] == "Abstract")
    assert title["y0"] < abstract["y0"]  # top of the page first: the boxes are in image coordinates
    assert not any("arXiv:1706.03762v5" in t or t == "[cs.CL]" for t in texts)  # the rotated margin stamp
    assert texts.index("Ashish") < texts.index("Google") < texts.index("Noam")  # as drawn: author by author
    assert web_client.get(f"/papers/{ATTENTION}/pages/99/words").status_code == 404
    assert web_client.get("/papers/lora/pages/1/words").status_code == 404


def test_reading_view_has_a_text_layer_per_page_and_the_appendix_folded(
    web_client: Any, settings: Settings
) -> None:
    cot = CORPUS / "pdfs" / "2201.11903.pdf"
    if not cot.is_file():
        pytest.skip("the corpus is not there")
    settings.pdf_dir.mkdir(parents=True, exist_ok=True)
    (settings.pdf_dir / "2201.11903.pdf").write_bytes(cot.read_bytes())
    slug = web_client.get("/api/papers/2201.11903").json()["slug"]
    page = html(web_client.get(f"/papers/{slug}/read"))
    pages = page.all("section.pdf-pages > .pdf-page")
    assert len(pages) == 43  # each page an image with its text layer over it
    assert all(len(p.select(":scope > img")) == len(p.select(":scope > .text-layer")) == 1 for p in pages)
    main = page.texts(".gallery > .figures figure figcaption")
    folded = page.all(".gallery details.appendix:not([open]) figure")
    assert (len(main), len(folded)) == (8, 33)  # Chain-of-Thought: 33 of its 41 captions are appendix
    assert all(caption.startswith("Figure") for caption in main)
    summary = page.text_of(".gallery details.appendix > summary")
    assert "3 figures" in summary and "30 tables" in summary
    assert page.one(".outline details.appendix:not([open]) > summary").get_text().startswith("Appendix")
    assert "main body" in page.text_of("#sheet-h")


def test_timer_is_kept_on_the_server_and_stopping_logs_a_session(
    web_client: Any, sqlite_library: Store
) -> None:
    started = web_client.post("/papers/lora/timer", data={"action": "start", "pass": "1"},
                              headers={"Accept": "application/json"})  # fmt: skip
    assert started.status_code == 200 and started.json()["timer"]["running"] is True
    # A reload shows the running timer: its clock comes from the server.
    _shift_timer(sqlite_library, "lora", minutes=7)
    view = html(web_client.get("/papers/lora/read"))
    timer = view.one("section.pass-timer")
    assert timer["data-running"] == "true" and 419 <= float(str(timer["data-elapsed"])) <= 430
    assert view.text_of("section.pass-timer .timer-clock").startswith("07:0")
    assert "within budget" in view.text_of("section.pass-timer .timer-state")
    shown = view.attrs('section.pass-timer button[name="action"]:not([hidden])', "value")
    assert shown == ["pause", "stop", "reset"]  # no Start while it runs
    paused = web_client.post(
        "/papers/lora/timer", data={"action": "pause"}, headers={"Accept": "application/json"}
    )
    assert paused.json()["timer"]["running"] is False
    stopped = web_client.post("/papers/lora/timer", data={"action": "stop"}, follow_redirects=False)
    assert stopped.status_code == 303 and stopped.headers["location"] == "/papers/lora/read#timer"
    [session] = _sessions(sqlite_library, "lora")
    assert session.pass_number == 1 and 6.9 <= session.minutes <= 7.2
    assert html(web_client.get("/papers/lora/read")).one("section.pass-timer")["data-active"] == "false"


def _shift_timer(store: Store, slug: str, minutes: float) -> None:
    """Pretend the reader started the timer ``minutes`` ago."""
    with store.transaction() as conn:
        paper = paper_rows.get_paper(conn, slug)
        assert paper.id is not None
        row = timer_rows.get_timer(conn, paper.id, 0)
        assert row is not None and row.running_since is not None
        earlier = row.running_since - timedelta(minutes=minutes)
        timer_rows.put_timer(conn, timer_rows.TimerRow(row.paper_id, row.user_id, row.pass_number,
                                                       earlier, earlier, row.elapsed_seconds))  # fmt: skip


def test_timer_refusals_are_4xx(web_client: Any, sqlite_library: Store) -> None:
    assert web_client.post("/papers/lora/timer", data={"action": "stop"}).status_code == 400
    assert web_client.post("/papers/lora/timer", data={"action": "dance", "pass": "1"}).status_code == 400
    assert web_client.post("/papers/lora/timer", data={"action": "start", "pass": "4"}).status_code == 422
    assert web_client.post("/papers/lora/timer", data={"action": "start", "pass": "1"}).status_code == 200
    other = web_client.post("/papers/lora/timer", data={"action": "start", "pass": "2"})
    assert other.status_code == 409 and "stop it" in html(other).text_of("main .error-message")
    quick = web_client.post(
        "/papers/lora/timer", data={"action": "stop"}, headers={"Accept": "application/json"}
    )
    assert quick.json()["logged"] is None and "nothing logged" in quick.json()["message"]
    assert _sessions(sqlite_library, "lora") == []  # a zero-minute session is never logged


def test_log_a_session_read_elsewhere(web_client: Any, sqlite_library: Store) -> None:
    logged = web_client.post(
        "/papers/dpo/sessions", data={"pass": "2", "minutes": "40"}, follow_redirects=False
    )
    assert logged.status_code == 303 and logged.headers["location"] == "/papers/dpo/read#passes"
    [session] = _sessions(sqlite_library, "dpo")
    assert (session.pass_number, session.minutes) == (2, 40)
    times = html(web_client.get("/papers/dpo/read")).texts(".pass-list > li.pass-row .pass-time")
    assert [time.split(" of ")[0] for time in times] == ["0 min", "40 min", "0 min"]
    for bad in (
        {"pass": "2", "minutes": "0"},
        {"pass": "2", "minutes": "-5"},
        {"pass": "2", "minutes": "2000"},
    ):
        response = web_client.post("/papers/dpo/sessions", data=bad)
        assert response.status_code == 400 and html(response).text_of("main .error-message")
    assert web_client.post("/papers/dpo/sessions", data={"pass": "5", "minutes": "5"}).status_code == 422
    assert web_client.post("/papers/dpo/sessions", data={"pass": "1", "minutes": "lots"}).status_code == 422
    assert len(_sessions(sqlite_library, "dpo")) == 1
    away = web_client.post("/papers/dpo/sessions", data={"pass": "1", "minutes": "5", "next": "https://evil.example/"},
                           follow_redirects=False)  # fmt: skip
    assert away.headers["location"] == "/papers/dpo/read#passes"


def test_pass_done_refused_lists_what_is_missing_then_override(
    web_client: Any, sqlite_library: Store
) -> None:
    view = html(web_client.get("/papers/lora/read"))
    assert view.text_of(".exit-check h3") == "To finish pass 1"
    assert view.texts(".exit-check ul.missing > li")[:1] == [
        "no note yet: write and save it (`paperpass note lora`, or beside the paper in the web app)"
    ]
    refused = web_client.post("/papers/lora/passes/1/done")
    page = html(refused)
    assert refused.status_code == 409 and "still missing" in page.text_of("section.exit-refused h2")
    assert page.texts("section.exit-refused ul.missing > li") == view.texts(".exit-check ul.missing > li")
    override = page.one("section.exit-refused form.override")
    assert override["action"] == "/papers/lora/passes/1/done" and submitted(override)["force"] == ["true"]
    assert _sessions(sqlite_library, "lora") == []  # nothing written when refused
    forced = web_client.post("/papers/lora/passes/1/done", data={"force": "true"}, follow_redirects=False)
    assert forced.status_code == 303
    [session] = _sessions(sqlite_library, "lora")
    assert session.completed and session.forced and "missing" in session.note
    view = html(web_client.get("/papers/lora/read"))
    assert "complete" in view.all(".pass-list > li.pass-row")[0]["class"]
    assert view.texts(".pass-list > li.pass-row .pass-state")[0] == "✓ complete (override)"


def test_pass_done_with_the_criteria_met_and_as_json(web_client: Any, sqlite_library: Store) -> None:
    web_client.post(
        f"/papers/{ATTENTION}/note", data={"text": without(GOOD_NOTE, "Connections"), "version": "0"}
    )
    done = web_client.post(f"/papers/{ATTENTION}/passes/1/done", headers={"Accept": "application/json"})
    assert done.status_code == 200 and done.json() == {
        "pass": 1,
        "completed": True,
        "forced": False,
        "missing": [],
    }
    refused = web_client.post(f"/papers/{ATTENTION}/passes/3/done", headers={"Accept": "application/json"})
    assert refused.status_code == 409 and refused.json()["completed"] is False
    assert any("Connections" in m for m in refused.json()["missing"])
    assert web_client.post(f"/papers/{ATTENTION}/passes/4/done").status_code == 400


def test_highlights_are_kept_per_paper_listed_and_deleted(web_client: Any, with_pdf: Path) -> None:
    body = {
        "page": 3,
        "text": "The Transformer follows this overall archi-\ntecture",
        "rects": [[0.1, 0.2, 0.5, 0.22]],
    }
    made = web_client.post(f"/api/papers/{ATTENTION}/highlights", json=body)
    assert made.status_code == 201
    data = made.json()
    assert data["text"] == "The Transformer follows this overall architecture"
    assert data["quote"] == "> The Transformer follows this overall architecture [p. 3]"
    view = html(web_client.get(f"/papers/{ATTENTION}/read"))
    [listed] = view.all(".highlight-list > li.highlight")
    assert listed["data-page"] == "3" and listed["id"] == f"highlight-{data['id']}"
    assert view.attrs(".highlight-list a.highlight-page", "href") == ["#page-3"]
    assert view.text_of(".highlight-list .highlight-text") == data["text"]
    assert view.attrs(".highlight-list .quote-highlight", "data-quote") == [data["quote"]]
    delete = f"/papers/{ATTENTION}/highlights/{data['id']}/delete"
    assert view.form(delete)["method"] == "post"
    assert web_client.get("/api/papers/lora/highlights").json()["highlights"] == []
    for bad in ({"page": 0, "text": "x"}, {"page": 1, "text": "   "},
                {"page": 1, "text": "x", "rects": [[0.5, 0.5, 0.1, 0.1]]},
                {"page": 1, "text": "x", "rects": [[1, 2]]}, {"page": 16, "text": "x"}):  # fmt: skip
        assert 400 <= web_client.post(f"/api/papers/{ATTENTION}/highlights", json=bad).status_code < 500
    beyond = web_client.post(f"/api/papers/{ATTENTION}/highlights", json={"page": 16, "text": "x"})
    assert beyond.json()["error"] == "the PDF has no page 16 (it has 15)"
    no_pdf = web_client.post("/api/papers/lora/highlights", json={"page": 1, "text": "x"})
    assert no_pdf.status_code == 404 and "no PDF" in no_pdf.json()["error"]
    gone = web_client.post(f"/papers/{ATTENTION}/highlights/{data['id']}/delete", follow_redirects=False)
    assert gone.status_code == 303
    assert web_client.get(f"/api/papers/{ATTENTION}/highlights").json()["highlights"] == []
    assert web_client.post(f"/papers/{ATTENTION}/highlights/{data['id']}/delete").status_code == 404


def test_a_paper_without_a_pdf_shows_the_guide_facts_and_an_upload(web_client: Any) -> None:
    page = html(web_client.get("/papers/lora/read"))
    assert page.text_of("#no-pdf-h") == "No PDF for this paper yet"
    form = page.form("/papers/lora/pdf")
    assert "attach-pdf" in form["class"]
    assert (form["method"], form["enctype"]) == ("post", "multipart/form-data")
    assert form.select('input[type="file"][name="pdf"]') and list(submitted(form)) == ["csrf_token"]
    assert "LoRA" in page.text_of(".facts .entry-summary h2")
    facts = [squash(fact.get_text(" ")) for fact in page.all(".facts .entry-summary p > strong")]
    assert facts[:2] == ["Problem.", "Key idea."]
    assert page.has("section.pass-timer form.timer-form") and page.has("section#passes ol.pass-list")
    assert html(web_client.get("/papers/lora")).form("/papers/lora/pdf")["enctype"] == "multipart/form-data"


def test_a_timer_belongs_to_its_user(web_client: Any, sqlite_library: Store) -> None:
    from paperpass.library import get_paper
    from paperpass.reading.timer import current_timer
    from support.library import library_for

    web_client.post("/papers/lora/timer", data={"action": "start", "pass": "2"})
    mine = library_for(sqlite_library)
    lora = get_paper(mine, "lora")
    later = datetime.now(UTC) + timedelta(minutes=3)
    timer = current_timer(mine, lora, clock=lambda: later)
    assert timer is not None and timer.pass_number == 2 and 179 <= timer.elapsed_seconds <= 200
    assert current_timer(library_for(sqlite_library, user=7), lora) is None
