"""Reading-group pages in local single-user mode: list, create, schedule, agenda, minutes, attendance, XSS."""

from __future__ import annotations

from typing import Any

from icalendar import Calendar

from support.html import Page, submitted

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
    page = Page(web_client.get("/groups").text)
    create = page.form("/groups")
    assert create["method"] == "post" and create["id"] == "create-group"
    token = submitted(create)["csrf_token"]
    assert token == [page.one('head meta[name="csrf-token"]')["content"]] and token[0]
    assert Page(web_client.get("/").text).text_of('header nav a[href="/groups"]') == "Groups"
    assert web_client.get("/login", follow_redirects=False).headers["location"] == "/"


def test_a_group_is_run_from_the_browser_pages(web_client: Any) -> None:
    url = _create(web_client)
    assert url == "/groups/ml-club"
    for name in ("Ana", "Ben"):
        assert web_client.post(f"{url}/members", data={"name": name}).status_code == 200
    assert web_client.post(f"{url}/skips", data={"day": "2026-10-08", "reason": "holiday"}).status_code == 200
    page = Page(web_client.get(url).text)
    assert page.texts("#schedule + table.schedule thead th") == ["#", "Date", "Paper", "Presenter"]
    rows = page.table_rows("#schedule + table.schedule tbody")
    assert rows[0] == ["1", "Thu 2026-10-01", "Attention Is All You Need", "Ana"]
    assert rows[1] == ["", "Thu 2026-10-08", "skipped: holiday"]
    assert rows[2][0] == "2" and rows[2][3] == "Ben"  # the rotation goes on after the skipped week
    meeting = web_client.get(f"{url}/meetings/2026-10-01?minutes=30")
    assert meeting.status_code == 200
    minutes = [int(m) for m in Page(meeting.text).attrs("article.agenda section.timebox", "data-minutes")]
    assert len(minutes) == 6 and sum(minutes) == 30
    assert "@media print" in web_client.get("/static/groups.css").text
    md = web_client.get(f"{url}/meetings/2026-10-01/agenda.md?minutes=60")
    assert md.headers["content-type"].startswith("text/markdown") and "60 minutes" in md.text
    saved = web_client.post(
        f"{url}/meetings/2026-10-01/minutes",
        data={"version": "0", "notes": "Good talk", "decisions": "More math\nLoRA next"},
    )
    assert saved.status_code == 200
    recorded = Page(saved.text)
    assert recorded.text_of("#minutes .meeting-notes") == "Good talk"
    assert recorded.texts("#minutes ul.decisions > li") == ["More math", "LoRA next"]
    web_client.post(f"{url}/meetings/2026-10-01/attendance", data={"present": ["Ana"]})
    page = Page(web_client.get(f"{url}/meetings/2026-10-01").text)
    attendance = page.form(f"{url}/meetings/2026-10-01/attendance")
    assert page.attrs('#attendance-form input[name="present"]', "value") == ["Ana", "Ben"]
    assert submitted(attendance)["present"] == ["Ana"]  # Ana ticked present, Ben not
    ics = web_client.get(f"{url}/schedule.ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    assert len(Calendar.from_ical(ics.content).walk("VEVENT")) > 20


def test_a_stale_minutes_save_is_a_409_page_with_both_texts(web_client: Any) -> None:
    url = _create(web_client)
    web_client.post(f"{url}/meetings/2026-10-01/minutes", data={"version": "0", "notes": "theirs <b>"})
    stale = web_client.post(f"{url}/meetings/2026-10-01/minutes", data={"version": "0", "notes": "mine <i>"})
    assert stale.status_code == 409
    conflict = Page(stale.text)
    assert conflict.texts("section.conflict pre.mine") == ["mine <i>"]
    assert conflict.texts("section.conflict pre.theirs") == ["theirs <b>"]
    assert conflict.all("section.conflict i, section.conflict b") == []  # shown as text, not markup


def test_xss_in_group_names_members_and_notes_is_inert(web_client: Any) -> None:
    url = _create(web_client, "Club " + XSS)
    web_client.post(f"{url}/members", data={"name": XSS})
    day = "2026-10-01"
    web_client.post(f"{url}/meetings/{day}/minutes", data={"version": "0", "notes": XSS, "decisions": XSS})
    web_client.post(f"{url}/skips", data={"day": "2026-10-08", "reason": XSS})
    groups, group, meeting = (
        Page(web_client.get(path).text) for path in ("/groups", url, f"{url}/meetings/{day}")
    )
    for page in (groups, group, meeting):
        assert page.active_content() == [], page.text_of("title")
        assert not page.has('main script, main img[src="x"]'), page.text_of("title")
    # Every payload is there as text, where the reader looks for the name, the member, the notes.
    assert groups.texts("ul.groups > li > a") == ["Club " + XSS]
    assert group.text_of("h1.group-name") == "Club " + XSS
    assert group.texts("ol.members .member-name") == [XSS]
    assert "skipped: " + XSS in [row[-1] for row in group.table_rows("table.schedule tbody")]
    assert meeting.text_of("#minutes .meeting-notes") == XSS and meeting.texts("ul.decisions > li") == [XSS]


def test_bad_input_is_a_4xx_page(web_client: Any) -> None:
    url = _create(web_client)
    assert web_client.get(f"{url}/meetings/2026-10-02").status_code == 400
    not_a_date = web_client.get(f"{url}/meetings/not-a-date")  # refused by the described type: a date
    assert not_a_date.status_code == 422 and "day" in Page(not_a_date.text).text_of("main .error-message")
    assert web_client.get("/groups/nope").status_code == 404
    assert web_client.post(f"{url}/skips", data={"day": "2026-10-09"}).status_code == 400
    bad = web_client.post(
        "/groups",
        data={"name": "x", "weekday": "thu", "at": "17:00", "zone": "No/Where", "starts_on": "2026-10-01"},
    )
    assert bad.status_code == 400 and "unknown time zone" in Page(bad.text).text_of("main .error-message")
    assert web_client.post(f"{url}/members", data={"name": "Ana"}).status_code == 200
    assert web_client.post(f"{url}/members", data={"name": "Ana"}).status_code == 409
