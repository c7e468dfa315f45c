"""The reading loop in a real browser: add a paper by id (recorded answers from a local server) and by PDF
upload, open the PDF, select text on a page and quote it into the note, highlight it, the pass timer across
a reload, a session read elsewhere, pass-done refused then overridden, a plan item ticked from the web, and
the navigation on a phone."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from browser.conftest import LiveServer
from paperpass.config import Settings, load_settings
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from paperpass.store import reading as reading_rows
from paperpass.store import timers as timer_rows
from support.corpus import install_attention_pdf
from support.pdfs import make_pdf
from support.recorded import RecordedAPI, recorded_fixtures_api, serving_sources

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("shot")]
SCREENSHOTS = os.environ.get("PAPERPASS_SCREENSHOTS")  # a folder to keep screenshots in, for a look
ATTENTION = "attention-is-all-you-need"
PDF = b"%PDF-1.4\n" + b"2" * 3000 + b"\n%%EOF\n"


def keep(page: Any, name: str, *, full: bool = False) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=full)


@pytest.fixture
def api() -> Iterator[RecordedAPI]:
    yield from recorded_fixtures_api()


@pytest.fixture
def sourced_server(api: RecordedAPI, monkeypatch: pytest.MonkeyPatch, sqlite_library: Store) -> Iterator[Any]:
    """The web app with every source's base URL on a local server of recorded answers."""
    from paperpass.web.app import create_app

    with serving_sources(api, monkeypatch), LiveServer(create_app(load_settings(), sqlite_library)) as server:
        yield server


def _sessions(store: Store, slug: str) -> list[Any]:
    with store.connect() as conn:
        paper = paper_rows.get_paper(conn, slug)
        return reading_rows.sessions(conn, [paper.id or 0], user_id=0)


def test_add_by_arxiv_id_lands_on_the_paper(page: Any, sourced_server: Any, api: RecordedAPI) -> None:
    api.serve("arxiv/id_list_single_1605.08386.xml", query={"id_list": "1605.08386"})
    api.answer("/pdf/1605.08386v1", 200, PDF, headers={"content-type": "application/pdf"})
    page.goto(sourced_server.url + "/papers")
    page.fill("#add-identifier", "https://arxiv.org/abs/1605.08386")
    page.keyboard.press("Enter")
    page.wait_for_url("**/papers/stanley2016-heat", timeout=15000)
    assert "Heat-bath random walks" in page.locator("h1").inner_text()
    assert page.locator("a.open-pdf").get_attribute("href") == "/papers/stanley2016-heat/pdf"


def test_a_refused_identifier_is_said_in_place(page: Any, sourced_server: Any) -> None:
    page.goto(sourced_server.url + "/papers")
    page.fill("#add-identifier", "not-an-id")
    page.click(".add-submit")
    error = page.locator(".add-error")
    error.wait_for(state="visible", timeout=10000)
    assert "not a paper identifier" in error.inner_text() and page.url.endswith("/papers")
    assert page.locator("#add-identifier").input_value() == "not-an-id"  # nothing typed is lost


def test_add_by_pdf_upload(page: Any, sourced_server: Any, api: RecordedAPI, tmp_path: Path) -> None:
    api.serve("semanticscholar/search_match_not_found_404.json", query={})
    pdf = make_pdf(tmp_path / "caching.pdf")
    page.goto(sourced_server.url + "/papers")
    page.set_input_files("form.add-box input[type=file]", str(pdf))  # choosing a file sends it
    page.wait_for_url(re.compile(r"/papers/[^/]+$"), timeout=15000)
    assert page.locator("h1").inner_text() == "A Study of Caching Survey Sheets"
    page.click("text=Read it")
    page.locator("#page-1").scroll_into_view_if_needed()
    page.locator("#page-1 .text-layer span", has_text="Caching").first.wait_for(timeout=10000)


def test_open_the_pdf_itself(page: Any, live_server: Any, settings: Settings) -> None:
    install_attention_pdf(settings.pdf_dir)
    page.goto(f"{live_server.url}/papers/{ATTENTION}")
    with page.expect_popup() as opened:
        page.click("a.open-pdf")
    response = opened.value.request.get(f"{live_server.url}/papers/{ATTENTION}/pdf")
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    assert response.body()[:5] == b"%PDF-"


def _select_words(page: Any, page_number: int, first: str, last: str) -> None:
    """Select from word ``first`` to word ``last`` on a page with the mouse, as a reader would."""
    page.locator(f"#page-{page_number}").scroll_into_view_if_needed()  # words load as a page comes near
    layer = f"#page-{page_number} .text-layer span"
    page.locator(layer).first.wait_for(timeout=10000)
    start = page.locator(layer, has_text=first).first
    end = page.locator(layer, has_text=last).first
    start.scroll_into_view_if_needed()
    a, b = start.bounding_box(), end.bounding_box()
    page.mouse.move(a["x"] + 1, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] - 1, b["y"] + b["height"] / 2, steps=8)
    page.mouse.up()


def test_select_text_and_quote_it_into_the_note_then_highlight(
    page: Any, live_server: Any, settings: Settings
) -> None:
    install_attention_pdf(settings.pdf_dir)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/papers/{ATTENTION}/read")
    _select_words(page, 1, "dominant", "transduction")
    selected = page.evaluate("window.getSelection().toString()")
    assert "dominant" in selected and "transduction" in selected
    page.locator(".selection-tools").wait_for(state="visible")
    keep(page, "reading-selection")
    page.click(".quote-selection")
    note = page.locator("#note-text").input_value()
    quote = next(line for line in note.splitlines() if line.endswith("[p. 1]"))
    assert quote == "> dominant sequence transduction [p. 1]"
    assert note.index(quote) > note.index("## Source material")  # the untouched note's quotes section
    page.locator("#note-save").click()
    page.locator("#note-message", has_text="Saved version 1.").wait_for(timeout=5000)
    _select_words(page, 1, "recurrent", "networks")
    page.locator(".selection-tools").wait_for(state="visible")
    page.click(".highlight-selection")
    item = page.locator(".highlight-list li.highlight").first
    item.wait_for(timeout=5000)
    assert item.locator(".highlight-page").inner_text() == "p. 1" and "recurrent" in item.inner_text()
    page.reload()
    painted = page.locator("#page-1 .highlight-layer div")
    assert painted.count() >= 1 and painted.first.bounding_box()["width"] > 20
    assert "> dominant sequence transduction [p. 1]" in page.locator("#note-text").input_value()
    keep(page, "reading-highlight")


def test_timer_start_and_stop_across_a_reload(page: Any, live_server: Any, sqlite_library: Store) -> None:
    page.goto(f"{live_server.url}/papers/lora/read")
    page.select_option(".timer-form select[name=pass]", "1")
    page.click(".timer-start")
    page.locator(".timer-pause").wait_for(state="visible")
    with sqlite_library.transaction() as conn:  # the reader started 6 minutes ago
        paper = paper_rows.get_paper(conn, "lora")
        row = timer_rows.get_timer(conn, paper.id or 0, 0)
        assert row is not None and row.running_since is not None
        earlier = row.running_since - timedelta(minutes=6)
        timer_rows.put_timer(conn, timer_rows.TimerRow(row.paper_id, 0, 1, earlier, earlier, 0.0))
    page.reload()
    assert page.locator(".timer-clock").inner_text().startswith("06:0")
    assert "within budget" in page.locator(".timer-state").inner_text()
    assert page.locator(".timer-form select[name=pass]").is_disabled()
    expect(page.locator(".timer-clock")).not_to_have_text("06:00", timeout=4000)  # it ticks (no eval: CSP)
    keep(page, "timer-running")
    page.click(".timer-stop")
    page.locator(".timer-message", has_text="Logged 6").wait_for(timeout=5000)
    assert page.locator(".timer-start").inner_text() == "Start"
    [session] = _sessions(sqlite_library, "lora")
    assert session.pass_number == 1 and 6 <= session.minutes < 6.5
    page.reload()
    assert page.locator(".timer-clock").inner_text() == "00:00"
    assert "6" in page.locator(".pass-list .pass-row").first.locator(".pass-time").inner_text()


def test_log_a_session_read_elsewhere(page: Any, live_server: Any, sqlite_library: Store) -> None:
    page.goto(f"{live_server.url}/papers/dpo/read")
    page.click("text=Log a session read elsewhere")
    page.select_option(".log-session select[name=pass]", "2")
    page.fill(".log-session input[name=minutes]", "35")
    page.click(".log-session button")
    page.wait_for_url("**/papers/dpo/read#passes")
    assert "35 min" in page.locator(".pass-list .pass-row").nth(1).inner_text()
    [session] = _sessions(sqlite_library, "dpo")
    assert (session.pass_number, session.minutes) == (2, 35)


def test_pass_done_refused_then_overridden(page: Any, live_server: Any, sqlite_library: Store) -> None:
    page.goto(f"{live_server.url}/papers/lora/read")
    page.click(".pass-done-form button")
    result = page.locator(".pass-done-result")
    result.locator("ul.missing li").first.wait_for(timeout=5000)
    assert "not complete yet" in result.inner_text() and "no note yet" in result.inner_text()
    assert _sessions(sqlite_library, "lora") == []
    keep(page, "pass-done-refused")
    page.click(".pass-done-result .override-button")
    page.locator(".pass-list .pass-row.complete").first.wait_for(timeout=5000)
    first = page.locator(".pass-list .pass-row").first.inner_text()
    assert "complete" in first and "override" in first
    assert page.locator(".exit-check h3").inner_text() == "To finish pass 2"
    [done] = _sessions(sqlite_library, "lora")
    assert done.completed and done.forced


def test_a_plan_item_opens_the_reading_view_and_is_ticked_from_the_web(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/plan")
    page.click("form.plan-form button[type=submit]")
    item = page.locator(".plan-today li.kind-read").first
    link = item.locator("a").get_attribute("href")
    assert link.startswith("/papers/") and link.endswith("/read")
    item.locator("input[name=minutes]").fill("8")
    item.locator("button").click()
    page.wait_for_url("**/plan")
    ticked = page.locator(f'.plan-today li.kind-read:has(a[href="{link}"])')
    assert "done" in (ticked.get_attribute("class") or "") and ticked.locator("form").count() == 0
    keep(page, "plan-ticked")
    page.click(f'.plan-today a[href="{link}"]')
    page.wait_for_url(f"**{link}")
    assert "8 min" in page.locator(".pass-list .pass-row").first.inner_text()


def test_every_page_is_reachable_from_the_phone_menu(page: Any, live_server: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    menu = page.locator(".menu-toggle")
    links = page.locator(".site-menu > a")
    assert menu.is_visible() and not links.first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways strip
    names = ["Guide", "Plan", "Library", "Method", "Questions", "Practice", "Mock", "Ready", "Groups",
             "Graph", "Timeline"]  # fmt: skip
    for name in names:
        menu.click()
        assert menu.get_attribute("aria-expanded") == "true"
        target = page.locator(".site-menu > a", has_text=name).first
        assert target.is_visible()
        box = target.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        target.click()
        page.wait_for_load_state()
        assert page.locator('.site-menu > a[aria-current="page"]', has_text=name).count() == 1
    menu.click()
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false" and not links.first.is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not menu.is_visible() and links.first.is_visible()  # a desktop shows the links themselves
