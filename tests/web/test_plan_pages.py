"""Plan and comparison pages in-process: the calendar, today's list on the home page, the calendar file,
comparisons with their Markdown handout and drill, and errors as 4xx pages."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

TODAY = date(2027, 1, 4)


@pytest.fixture
def client(web_client: Any) -> Any:
    web_client.app.state.plan_today = TODAY
    return web_client


def html(response: Any) -> str:
    assert response.status_code == 200, response.text
    return str(response.text)


def test_make_a_plan_and_see_it_as_a_calendar_and_on_home(client: Any) -> None:
    assert 'name="interview"' in html(client.get("/plan"))
    response = client.post(
        "/plan", data={"interview": "2027-01-18", "hours_per_day": "1.5", "focus": "top15"}
    )
    assert response.status_code == 200  # followed the redirect
    page = html(client.get("/plan"))
    assert len(re.findall(r'<td class="day kind-', page)) == 14 and '<td class="interview">' in page
    assert " today" in page and "kind-slack" in page and "DOES NOT FIT" in page
    home = html(client.get("/"))
    assert 'class="plan-today"' in home and "Pass 1 (survey): Transformer" in home
    ics = client.get("/plan.ics")
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    assert client.get("/api/plan").json()["today"] == "2027-01-04"
    assert client.post("/plan/replan").status_code == 200


def test_bad_plan_input_is_a_4xx(client: Any) -> None:
    assert client.post("/plan", data={"interview": "2020-01-01", "hours_per_day": "1"}).status_code == 400
    # Out of the described ranges: refused by validation (422), the page says which field.
    zero = client.post("/plan", data={"interview": "2027-02-01", "hours_per_day": "0"})
    assert zero.status_code == 422 and "hours_per_day" in zero.text
    assert client.post("/plan", data={"interview": "soon", "hours_per_day": "1"}).status_code == 422
    assert client.get("/plan.ics").status_code == 404
    assert 'class="plan-today"' not in html(client.get("/"))


def test_entry_page_links_its_presets_and_the_comparison_renders(client: Any) -> None:
    page = html(client.get("/guide/react"))
    assert '<a class="preset" href="/compare?preset=cot-tot-react">' in page
    page = html(client.get("/compare?preset=cot-tot-react"))
    headers = re.findall(r'<th scope="col"><a href="/guide/[^"]+">([^<]+)</a></th>', page)
    assert headers == ["Chain-of-Thought", "Tree of Thoughts", "ReAct"]
    assert 'class="field-limitations"' in page and "Compare CoT, ToT, and ReAct" in page
    markdown = client.get("/compare.md?preset=cot-tot-react")
    assert markdown.status_code == 200 and markdown.text.startswith("# CoT, ToT and ReAct")
    drilled = client.post("/compare/drill", data={"preset": "cot-tot-react"})
    assert drilled.status_code == 200 and drilled.url.path == "/practice"
    assert client.get("/compare?e=lora&e=nope").status_code == 404
    assert client.get("/compare?e=lora").status_code == 400
    assert 'class="presets"' in html(client.get("/compare"))
    assert client.get("/api/compare?e=dpo&e=kto").json()["columns"][0]["slug"] == "dpo"


def test_todays_reading_items_open_the_reading_view_and_tick_off_from_the_web(client: Any) -> None:
    from bs4 import BeautifulSoup

    client.post("/plan", data={"interview": "2027-01-18", "hours_per_day": "1.5", "focus": "top15"})
    for page in ("/", "/plan"):
        today = BeautifulSoup(html(client.get(page)), "html.parser").select_one(".plan-today")
        first = today.select_one("li.kind-read")
        link = first.select_one("a")["href"]
        assert link.startswith("/papers/") and link.endswith("/read")  # the reading view, not the guide
        assert first.select_one('form.tick-form input[name="key"]')["value"].startswith("read/")
    key = first.select_one('input[name="key"]')["value"]
    ticked = client.post(
        "/plan/tick", data={"key": key, "minutes": "9", "next": "/plan"}, follow_redirects=False
    )
    assert ticked.status_code == 303 and ticked.headers["location"] == "/plan"
    item = next(
        li
        for li in BeautifulSoup(html(client.get("/plan")), "html.parser").select(".plan-today li.kind-read")
        if li.select_one("a")["href"] == link
    )
    assert "done" in item["class"] and item.select_one("form.tick-form") is None
    slug = link.split("/")[2]
    read = BeautifulSoup(html(client.get(link)), "html.parser").select(".pass-list .pass-row")[0]
    assert "9 min" in read.select_one(".pass-time").text, slug
    assert client.post("/plan/tick", data={"key": "practice"}).status_code in (400, 404)
    assert client.post("/plan/tick", data={"key": "read/nope/p1"}).status_code == 404
