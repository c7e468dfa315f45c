"""Reading-group pages in local single-user mode: list, create, schedule, agenda, minutes, attendance, XSS."""

from __future__ import annotations

import re
from typing import Any

from icalendar import Calendar

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _create(client: Any, name: str = "ML club") -> str:
    response = client.post(
        "/groups",
        data={
            "name": name,
            "weekday": "thursday",
            "at": "17:00",
            "zone": "Europe/Berlin",
            "starts_on": "2026-10-01",
            "source": "guide",
            "minutes": "45",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def test_local_forms_carry_a_csrf_field_and_need_no_login(web_client: Any) -> None:
    page = web_client.get("/groups").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert 'action="/groups"' in page and token is not None
    assert f'<meta name="csrf-token" content="{token.group(1)}">' in page
    assert 'href="/groups"' in web_client.get("/").text
    assert web_client.get("/login", follow_redirects=False).headers["location"] == "/"


def test_a_group_is_run_from_the_browser_pages(web_client: Any) -> None:
    url = _create(web_client)
    assert url == "/groups/ml-club"
    for name in ("Ana", "Ben"):
        assert web_client.post(f"{url}/members", data={"name": name}).status_code == 200
    assert web_client.post(f"{url}/skips", data={"day": "2026-10-08", "reason": "holiday"}).status_code == 200
    page = web_client.get(url).text
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", page.split('id="schedule"')[1], re.S)
    assert "Attention Is All You Need" in rows[1] and "Ana" in rows[1]
    assert "skipped: holiday" in rows[2]
    assert "Ben" in rows[3]
    meeting = web_client.get(f"{url}/meetings/2026-10-01?minutes=30")
    assert meeting.status_code == 200
    minutes = [int(m) for m in re.findall(r'class="timebox" data-minutes="(\d+)"', meeting.text)]
    assert len(minutes) == 6 and sum(minutes) == 30
    assert "@media print" in web_client.get("/static/groups.css").text
    md = web_client.get(f"{url}/meetings/2026-10-01/agenda.md?minutes=60")
    assert md.headers["content-type"].startswith("text/markdown") and "60 minutes" in md.text
    saved = web_client.post(
        f"{url}/meetings/2026-10-01/minutes",
        data={"version": "0", "notes": "Good talk", "decisions": "More math\nLoRA next"},
    )
    assert saved.status_code == 200 and "Good talk" in saved.text and "LoRA next" in saved.text
    web_client.post(f"{url}/meetings/2026-10-01/attendance", data={"present": ["Ana"]})
    page = web_client.get(f"{url}/meetings/2026-10-01").text
    assert re.search(r'value="Ana" checked', page) and not re.search(r'value="Ben" checked', page)
    ics = web_client.get(f"{url}/schedule.ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    assert len(Calendar.from_ical(ics.content).walk("VEVENT")) > 20


def test_a_stale_minutes_save_is_a_409_page_with_both_texts(web_client: Any) -> None:
    url = _create(web_client)
    web_client.post(f"{url}/meetings/2026-10-01/minutes", data={"version": "0", "notes": "theirs <b>"})
    stale = web_client.post(f"{url}/meetings/2026-10-01/minutes", data={"version": "0", "notes": "mine <i>"})
    assert stale.status_code == 409
    assert '<pre class="mine">mine &lt;i&gt;</pre>' in stale.text
    assert '<pre class="theirs">theirs &lt;b&gt;</pre>' in stale.text


def test_xss_in_group_names_members_and_notes_is_inert(web_client: Any) -> None:
    url = _create(web_client, "Club " + XSS)
    web_client.post(f"{url}/members", data={"name": XSS})
    day = "2026-10-01"
    web_client.post(f"{url}/meetings/{day}/minutes", data={"version": "0", "notes": XSS, "decisions": XSS})
    web_client.post(f"{url}/skips", data={"day": "2026-10-08", "reason": XSS})
    for page in (
        web_client.get("/groups").text,
        web_client.get(url).text,
        web_client.get(f"{url}/meetings/{day}").text,
    ):
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page


def test_bad_input_is_a_4xx_page(web_client: Any) -> None:
    url = _create(web_client)
    assert web_client.get(f"{url}/meetings/2026-10-02").status_code == 400
    not_a_date = web_client.get(f"{url}/meetings/not-a-date")  # refused by the described type: a date
    assert not_a_date.status_code == 422 and "day" in not_a_date.text
    assert web_client.get("/groups/nope").status_code == 404
    assert web_client.post(f"{url}/skips", data={"day": "2026-10-09"}).status_code == 400
    bad = web_client.post(
        "/groups",
        data={"name": "x", "weekday": "thu", "at": "17:00", "zone": "No/Where", "starts_on": "2026-10-01"},
    )
    assert bad.status_code == 400 and "unknown time zone" in bad.text
    assert web_client.post(f"{url}/members", data={"name": "Ana"}).status_code == 200
    assert web_client.post(f"{url}/members", data={"name": "Ana"}).status_code == 409
