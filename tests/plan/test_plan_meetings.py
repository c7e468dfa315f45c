"""Reading-group meetings in the study plan: on their days in the plan (CLI, JSON, web) and in its calendar
file as the group's own calendar has them; a skipped date is no meeting; an account sees its own groups."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import vobject

from paperpass.accounts.users import add_user, viewer_for
from paperpass.catalog import load_catalog
from paperpass.config import Settings
from paperpass.groups import manage
from paperpass.groups.calendar import meeting_uid
from paperpass.groups.schedule import load_schedule
from paperpass.library import Library
from paperpass.plan.calendar import plan_calendar
from paperpass.plan.service import current_plan, make_plan
from paperpass.store import Store
from support.cli import CliRun
from support.library import library_for

TODAY = date(2027, 1, 4)  # a Monday
INTERVIEW = date(2027, 1, 25)
THURSDAYS = [date(2027, 1, 7), date(2027, 1, 14), date(2027, 1, 21)]
BERLIN = ZoneInfo("Europe/Berlin")


def _club(lib: Library) -> str:
    group = manage.create_group(lib, "Club", "thu", "18:00", "Europe/Berlin", starts_on=TODAY)
    manage.skip_date(lib, group.slug, THURSDAYS[1], "holiday")
    return group.slug


def test_meetings_are_on_their_days_and_a_skipped_date_is_not(local_library: Library) -> None:
    _club(local_library)
    make_plan(local_library, interview=INTERVIEW, hours_per_day=1.5, today=TODAY)
    plan = current_plan(local_library, today=TODAY)
    days = {d.day: d for d in plan.days}
    assert [m.day for m in plan.meetings] == [THURSDAYS[0], THURSDAYS[2]]
    first = days[THURSDAYS[0]].meetings[0]
    assert first.title == "Reading group Club: Attention Is All You Need, 18:00-18:45"
    assert first.meeting.starts_at == datetime(2027, 1, 7, 18, 0, tzinfo=BERLIN)
    assert days[THURSDAYS[0]].items  # the study items of the day are still there
    assert days[THURSDAYS[1]].meetings == []  # skipped
    second = load_catalog().entries[1].title  # the next paper moves a week on
    assert days[THURSDAYS[2]].meetings[0].meeting.reading.title == second  # type: ignore[union-attr]
    as_json = plan.as_json()
    meeting_days = [d for d in as_json["days"] if d["meetings"]]
    assert [d["day"] for d in meeting_days] == ["2027-01-07", "2027-01-21"]
    assert meeting_days[0]["meetings"][0]["paper"] == "Attention Is All You Need"
    assert meeting_days[0]["meetings"][0]["starts_at"] == "2027-01-07T18:00:00+01:00"


def test_the_plan_calendar_has_the_meetings_as_the_group_calendar_has_them(
    sqlite_library: Store, settings: Settings
) -> None:
    lib = library_for(sqlite_library, settings=settings)
    slug = _club(lib)
    make_plan(lib, interview=INTERVIEW, hours_per_day=1.5, today=TODAY)
    parsed = vobject.readOne(plan_calendar(current_plan(lib, today=TODAY)).decode())
    parsed.validate()
    timed = [e for e in parsed.vevent_list if isinstance(e.dtstart.value, datetime)]
    schedule = load_schedule(lib, slug)
    held = [m for m in schedule.meetings if m.day in (THURSDAYS[0], THURSDAYS[2])]
    assert sorted(e.uid.value for e in timed) == sorted(meeting_uid(schedule, m) for m in held)
    first = min(timed, key=lambda e: e.dtstart.value)
    assert first.summary.value == "Club: Attention Is All You Need"
    assert first.dtstart.value == datetime(2027, 1, 7, 18, 0, tzinfo=BERLIN)
    assert first.dtstart.value.utcoffset() == timedelta(hours=1)
    # the study days are still all-day events, one per day with work
    all_day = [e for e in parsed.vevent_list if not isinstance(e.dtstart.value, datetime)]
    assert len(all_day) > 10


def test_plan_and_today_show_the_meeting_in_the_cli_and_the_web(
    sqlite_library: Store, settings: Settings, cli: CliRun, web_client: Any
) -> None:
    _club(library_for(sqlite_library, settings=settings))
    made = cli(
        "plan", "--interview", INTERVIEW.isoformat(), "--hours-per-day", "1.5", "--today", TODAY.isoformat()
    )
    assert made.code == 0, made.err
    assert made.out.count("Reading group Club:") == 2
    assert "Reading group Club: Attention Is All You Need, 18:00-18:45" in made.out
    today = cli("today", "--today", THURSDAYS[0].isoformat(), "--json")
    assert [m["paper"] for m in json.loads(today.out)["meetings"]] == ["Attention Is All You Need"]
    web_client.app.state.plan_today = THURSDAYS[0]
    page = web_client.get("/plan").text
    title = "Reading group Club: Attention Is All You Need, 18:00-18:45"
    link = f'<a href="/groups/club/meetings/2027-01-07">{title}</a>'
    assert page.count(link) == 2  # in today's list and in the calendar
    assert '<a href="/groups/club/meetings/2027-01-14">' not in page  # skipped
    assert link in web_client.get("/").text  # today's plan on the home page
    assert web_client.get("/api/plan").json()["days"][3]["meetings"][0]["group"] == "club"


def test_an_account_sees_its_own_groups_and_when_it_presents(account_library: Library) -> None:
    store = account_library.store
    manage.create_group(account_library, "Mine", "thu", "18:00", "UTC", starts_on=TODAY)
    bob = library_for(store, viewer=viewer_for(add_user(store, "bob", "bob's password")))
    manage.create_group(bob, "Other", "wed", "18:00", "UTC", starts_on=TODAY)
    make_plan(account_library, interview=INTERVIEW, hours_per_day=1.5, today=TODAY)
    meetings = current_plan(account_library, today=TODAY).meetings
    assert {m.group_name for m in meetings} == {"Mine"} and len(meetings) == 3
    assert meetings[0].presenting and meetings[0].title.endswith("(you present), 18:00-18:45")
