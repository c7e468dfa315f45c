"""Plan and comparison pages in-process: the calendar, today's list on the home page, the calendar file,
comparisons with their Markdown handout and drill, and errors as 4xx pages."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from support.html import Page, squash, submitted

TODAY = date(2027, 1, 4)


@pytest.fixture
def client(web_client: Any) -> Any:
    web_client.app.state.plan_today = TODAY
    return web_client


def html(response: Any) -> Page:
    assert response.status_code == 200, response.text
    return Page(response.text)


def test_make_a_plan_and_see_it_as_a_calendar_and_on_home(client: Any) -> None:
    empty = html(client.get("/plan")).form("/plan")
    assert empty["method"] == "post" and empty.select('input[type="date"][name="interview"][required]')
    response = client.post(
        "/plan", data={"interview": "2027-01-18", "hours_per_day": "1.5", "focus": "top15"}
    )
    assert response.status_code == 200  # followed the redirect
    page = html(client.get("/plan"))
    days = page.all("table.plan-calendar td.day")
    assert len(days) == 14 and all(any(c.startswith("kind-") for c in day["class"]) for day in days)
    assert [day["data-day"] for day in days] == [str(TODAY + timedelta(days=n)) for n in range(14)]
    assert page.text_of("table.plan-calendar td.interview").endswith("Interview")
    assert page.one("table.plan-calendar td.day.today")["data-day"] == TODAY.isoformat()
    assert page.has("table.plan-calendar td.day.kind-slack")
    assert "DOES NOT FIT" in page.text_of("section.plan-report.short")
    home = html(client.get("/"))
    today = home.texts("aside .plan-today ul.plan-items > li.plan-item")
    assert any(item.startswith("○ Pass 1 (survey): Transformer") for item in today)
    ics = client.get("/plan.ics")
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    assert client.get("/api/plan").json()["today"] == "2027-01-04"
    assert client.post("/plan/replan").status_code == 200


def test_bad_plan_input_is_a_4xx(client: Any) -> None:
    assert client.post("/plan", data={"interview": "2020-01-01", "hours_per_day": "1"}).status_code == 400
    # Out of the described ranges: refused by validation (422), the page says which field.
    zero = client.post("/plan", data={"interview": "2027-02-01", "hours_per_day": "0"})
    assert zero.status_code == 422 and "hours_per_day" in Page(zero.text).text_of("main .error-message")
    assert client.post("/plan", data={"interview": "soon", "hours_per_day": "1"}).status_code == 422
    assert client.get("/plan.ics").status_code == 404
    assert not html(client.get("/")).has(".plan-today")


def test_entry_page_links_its_presets_and_the_comparison_renders(client: Any) -> None:
    page = html(client.get("/guide/react"))
    assert page.attrs("section.compare-presets a.preset", "href") == ["/compare?preset=cot-tot-react"]
    page = html(client.get("/compare?preset=cot-tot-react"))
    columns = 'table.compare thead th[scope="col"] > a'
    assert page.texts(columns) == ["Chain-of-Thought", "Tree of Thoughts", "ReAct"]
    assert all(href.startswith("/guide/") for href in page.attrs(columns, "href"))
    [limitations] = page.table_rows("table.compare tbody tr.field-limitations")
    assert limitations[0] == "Limitations" and len(limitations) == 4 and all(limitations[1:])
    prompts = [
        squash("".join(question.find_all(string=True, recursive=False)))
        for question in page.all("section.linking-questions > ol > li")
    ]
    assert "Compare CoT, ToT, and ReAct" in prompts
    assert submitted(page.form("/compare/drill"))["preset"] == ["cot-tot-react"]
    markdown = client.get("/compare.md?preset=cot-tot-react")
    assert markdown.status_code == 200 and markdown.text.startswith("# CoT, ToT and ReAct")
    drilled = client.post("/compare/drill", data={"preset": "cot-tot-react"})
    assert drilled.status_code == 200 and drilled.url.path == "/practice"
    assert client.get("/compare?e=lora&e=nope").status_code == 404
    assert client.get("/compare?e=lora").status_code == 400
    presets = html(client.get("/compare")).attrs("ul.presets > li > a", "href")
    assert "/compare?preset=cot-tot-react" in presets
    assert client.get("/api/compare?e=dpo&e=kto").json()["columns"][0]["slug"] == "dpo"


def test_todays_reading_items_open_the_reading_view_and_tick_off_from_the_web(client: Any) -> None:
    client.post("/plan", data={"interview": "2027-01-18", "hours_per_day": "1.5", "focus": "top15"})
    for path in ("/", "/plan"):
        first = html(client.get(path)).all(".plan-today li.kind-read")[0]
        link = first.select("a")[0]["href"]
        assert link.startswith("/papers/") and link.endswith("/read")  # the reading view, not the guide
        [tick] = first.select('form.tick-form[action="/plan/tick"]')
        sent = submitted(tick)
        assert sent["key"][0].startswith("read/") and sent["next"] == [path]
    key = sent["key"][0]
    ticked = client.post(
        "/plan/tick", data={"key": key, "minutes": "9", "next": "/plan"}, follow_redirects=False
    )
    assert ticked.status_code == 303 and ticked.headers["location"] == "/plan"
    [item] = html(client.get("/plan")).all(f'.plan-today li.kind-read:has(a[href="{link}"])')
    assert "done" in item["class"] and item.select("form.tick-form") == []
    assert squash(item.select(".tick")[0].get_text()) == "✓"
    slug = link.split("/")[2]
    read = html(client.get(link)).all(".pass-list .pass-row")[0]
    assert "9 min" in squash(read.select(".pass-time")[0].get_text(" ")), slug
    assert client.post("/plan/tick", data={"key": "practice"}).status_code in (400, 404)
    assert client.post("/plan/tick", data={"key": "read/nope/p1"}).status_code == 404


def _todays_first_reading_item(client: Any) -> Any:
    return html(client.get("/plan")).all(".plan-today li.kind-read")[0]


def test_a_ticked_item_whose_pass_is_open_says_so_until_pass_done(client: Any) -> None:
    """A reading item ticked off by logging its time says its pass is not complete yet until pass-done
    accepts it: the plan's tick and the paper's stage never seem to disagree."""
    client.post("/plan", data={"interview": "2027-01-18", "hours_per_day": "1.5", "focus": "top15"})
    first = _todays_first_reading_item(client)
    assert first.select_one(".pass-open") is None  # not ticked yet: nothing to say
    key = first.select_one('input[name="key"]')["value"]
    link = first.select_one("a")["href"]
    client.post("/plan/tick", data={"key": key, "minutes": "9", "next": "/plan"})
    ticked = _todays_first_reading_item(client)
    assert "done" in ticked["class"]
    hint = ticked.select_one(".pass-open")
    assert hint is not None and "complete once its exit criteria are checked" in squash(hint.get_text(" "))
    assert hint.select_one("a")["href"] == link  # the reading view, where pass done is
    number = key.rsplit("/p", 1)[1]
    item = next(i for d in client.get("/api/plan").json()["days"] for i in d["items"] if i["key"] == key)
    assert item["done"] and item["pass_complete"] is False
    slug = link.split("/")[2]
    forced = client.post(f"/papers/{slug}/passes/{number}/done", data={"force": "1"}, follow_redirects=False)
    assert forced.status_code == 303
    assert _todays_first_reading_item(client).select_one(".pass-open") is None
