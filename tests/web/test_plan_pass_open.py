"""A reading item ticked off by logging its time says its pass is not complete yet, on the web and in the
CLI, until ``pass-done`` accepts the pass: the plan's tick and the paper's stage never seem to disagree."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from support.html import Page

TODAY = date(2027, 1, 4)


@pytest.fixture
def client(web_client: Any) -> Any:
    web_client.app.state.plan_today = TODAY
    return web_client


def html(response: Any) -> str:
    assert response.status_code == 200, response.text
    return str(response.text)


def _todays_first_reading_item(client: Any) -> Any:
    return Page(html(client.get("/plan"))).all(".plan-today li.kind-read")[0]


def test_a_ticked_item_whose_pass_is_open_says_so_until_pass_done(client: Any) -> None:
    client.post("/plan", data={"interview": "2027-01-18", "hours_per_day": "1.5", "focus": "top15"})
    first = _todays_first_reading_item(client)
    assert first.select_one(".pass-open") is None  # not ticked yet: nothing to say
    key = first.select_one('input[name="key"]')["value"]
    link = first.select_one("a")["href"]
    client.post("/plan/tick", data={"key": key, "minutes": "9", "next": "/plan"})
    ticked = _todays_first_reading_item(client)
    assert "done" in ticked["class"]
    hint = ticked.select_one(".pass-open")
    assert hint is not None and "complete once its exit criteria are checked" in hint.get_text()
    assert hint.select_one("a")["href"] == link  # the reading view, where pass done is
    number = key.rsplit("/p", 1)[1]
    item = next(i for d in client.get("/api/plan").json()["days"] for i in d["items"] if i["key"] == key)
    assert item["done"] and item["pass_complete"] is False
    slug = link.split("/")[2]
    forced = client.post(f"/papers/{slug}/passes/{number}/done", data={"force": "1"}, follow_redirects=False)
    assert forced.status_code in (200, 303)
    assert _todays_first_reading_item(client).select_one(".pass-open") is None
