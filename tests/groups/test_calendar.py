"""The iCalendar export: parses back, stable UIDs, the right TZID across a daylight-saving change."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import vobject
from dateutil import tz as dateutil_tz
from icalendar import Calendar

from paperpass.catalog import load_catalog
from paperpass.errors import InvalidInputError
from paperpass.groups import manage
from paperpass.groups.calendar import schedule_calendar, write_calendar
from paperpass.groups.schedule import load_schedule
from paperpass.store import Store
from support.library import library_for

START = date(2026, 10, 15)  # Thursdays around the end of summer time in Europe (25 Oct 2026)


@pytest.fixture
def group_slug(sqlite_library: Store) -> str:
    group = manage.create_group(
        library_for(sqlite_library), "ML <club>", "thu", "17:00", "Europe/Berlin", starts_on=START
    )
    manage.add_member(library_for(sqlite_library), group.slug, "Ana")
    return group.slug


def _events(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_the_calendar_parses_back_with_one_event_per_meeting(sqlite_library: Store, group_slug: str) -> None:
    schedule = load_schedule(library_for(sqlite_library, catalog=load_catalog()), group_slug)
    calendar = Calendar.from_ical(schedule_calendar(schedule, base_url="https://papers.example/"))
    assert str(calendar["VERSION"]) == "2.0" and "paperpass" in str(calendar["PRODID"])
    events = calendar.walk("VEVENT")
    assert len(events) == len(schedule.meetings)
    first = events[0]
    assert str(first["SUMMARY"]) == "ML <club>: Attention Is All You Need"
    assert "Presenter: Ana" in str(first["DESCRIPTION"])
    assert str(first["URL"]) == f"https://papers.example/groups/{group_slug}/meetings/2026-10-15"
    assert first.decoded("DTEND") - first.decoded("DTSTART") == timedelta(minutes=45)


def test_times_stay_17h_local_across_the_dst_change(sqlite_library: Store, group_slug: str) -> None:
    schedule = load_schedule(library_for(sqlite_library, catalog=load_catalog()), group_slug)
    data = schedule_calendar(schedule)
    assert b"DTSTART;TZID=Europe/Berlin:20261022T170000" in data
    assert b"DTSTART;TZID=Europe/Berlin:20261029T170000" in data
    calendar = Calendar.from_ical(data)
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Berlin"]
    starts = {e.decoded("DTSTART").date(): e.decoded("DTSTART") for e in calendar.walk("VEVENT")}
    before, after = starts[date(2026, 10, 22)], starts[date(2026, 10, 29)]
    assert before.astimezone(UTC) == datetime(2026, 10, 22, 15, 0, tzinfo=UTC)  # CEST, UTC+2
    assert after.astimezone(UTC) == datetime(2026, 10, 29, 16, 0, tzinfo=UTC)  # CET, UTC+1
    assert (
        before.astimezone(ZoneInfo("Europe/Berlin")).hour
        == after.astimezone(ZoneInfo("Europe/Berlin")).hour
        == 17
    )


def test_uids_are_stable_and_a_skip_updates_instead_of_duplicating(
    sqlite_library: Store, group_slug: str
) -> None:
    catalog = load_catalog()
    first = schedule_calendar(load_schedule(library_for(sqlite_library, catalog=catalog), group_slug))
    assert schedule_calendar(load_schedule(library_for(sqlite_library, catalog=catalog), group_slug)) == first
    manage.skip_date(library_for(sqlite_library), group_slug, date(2026, 10, 22), "holiday")
    second = schedule_calendar(load_schedule(library_for(sqlite_library, catalog=catalog), group_slug))
    old = {str(e["UID"]): e for e in _events(first)}
    new = {str(e["UID"]): e for e in _events(second)}
    assert set(old) < set(new) and len(new) == len(old) + 1
    assert all(uid.endswith("@paperpass") for uid in new)
    skipped = next(e for e in _events(second) if e.decoded("DTSTART").date() == date(2026, 10, 22))
    assert str(skipped["STATUS"]) == "CANCELLED"
    uid = str(skipped["UID"])
    assert int(new[uid]["SEQUENCE"]) > int(old[uid]["SEQUENCE"])
    assert str(old[uid]["SUMMARY"]).endswith(
        "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"
    )


def test_uids_differ_between_groups(sqlite_library: Store, group_slug: str) -> None:
    other = manage.create_group(
        library_for(sqlite_library), "Other", "thu", "17:00", "Europe/Berlin", starts_on=START
    )
    catalog = load_catalog()
    mine = {
        str(e["UID"])
        for e in _events(
            schedule_calendar(load_schedule(library_for(sqlite_library, catalog=catalog), group_slug))
        )
    }
    theirs = {
        str(e["UID"])
        for e in _events(
            schedule_calendar(load_schedule(library_for(sqlite_library, catalog=catalog), other.slug))
        )
    }
    assert not mine & theirs


def test_write_calendar_is_atomic_and_reports_bad_directories(
    sqlite_library: Store, group_slug: str, tmp_path: Path
) -> None:
    schedule = load_schedule(library_for(sqlite_library, catalog=load_catalog()), group_slug)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "club.ics"
    target.write_text("old")
    write_calendar(schedule, target)
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert [p.name for p in target.parent.iterdir()] == ["club.ics"]
    with pytest.raises(InvalidInputError, match="cannot write"):
        write_calendar(schedule, tmp_path / "missing" / "club.ics")


@pytest.mark.parametrize(
    ("zone", "first"),
    [("Europe/Berlin", date(2027, 2, 4)), ("America/New_York", date(2027, 2, 4)),
     ("Australia/Sydney", date(2026, 9, 3)), ("Asia/Kolkata", date(2027, 2, 4)),
     ("America/Sao_Paulo", date(2027, 2, 4))],
)  # fmt: skip
def test_every_reader_agrees_on_every_meeting_across_clock_changes(
    sqlite_library: Store, zone: str, first: date
) -> None:
    library = library_for(sqlite_library)
    group = manage.create_group(library, "Club", "thu", "17:00", zone, starts_on=first)
    data = schedule_calendar(load_schedule(library, group.slug))
    text = data.decode()
    zone_text = text[text.index("BEGIN:VTIMEZONE") : text.index("END:VTIMEZONE") + len("END:VTIMEZONE")]
    assert "RDATE" not in zone_text  # vobject reads only the first date of an RDATE list
    parsed = vobject.readOne(text)
    parsed.validate()
    from_file = dateutil_tz.tzical(io.StringIO(zone_text)).get()
    meetings = list(parsed.vevent_list)
    assert len(meetings) >= 20
    for meeting in meetings:
        start = meeting.dtstart.value
        local = start.replace(tzinfo=None)
        expected = local.replace(tzinfo=ZoneInfo(zone)).utcoffset()
        assert local.hour == 17
        assert start.utcoffset() == local.replace(tzinfo=from_file).utcoffset() == expected, local


def test_meetings_after_the_spring_change_are_an_hour_later_in_utc_for_vobject(
    sqlite_library: Store,
) -> None:
    library = library_for(sqlite_library)
    group = manage.create_group(library, "Club", "thu", "17:00", "Europe/Berlin", starts_on=date(2027, 3, 18))
    parsed = vobject.readOne(schedule_calendar(load_schedule(library, group.slug)).decode())
    offsets = {m.dtstart.value.date(): m.dtstart.value.utcoffset() for m in parsed.vevent_list}
    assert offsets[date(2027, 3, 25)] == timedelta(hours=1)  # CET; the clocks go forward on 28 March
    assert offsets[date(2027, 4, 1)] == offsets[date(2027, 7, 1)] == timedelta(hours=2)  # CEST
