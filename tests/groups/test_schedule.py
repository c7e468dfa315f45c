"""Schedules on SQLite and PostgreSQL: a paper a week, skipped dates, presenter rotation, pinned meetings."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from paperpass.catalog import load_catalog
from paperpass.errors import ConflictError, InvalidInputError, NotFoundError
from paperpass.groups import manage
from paperpass.groups.meetings import record_minutes
from paperpass.groups.schedule import load_schedule, plan_meetings
from paperpass.store import Store
from paperpass.store.groups import GroupRecord, MemberRecord
from support.library import library_for

START = date(2026, 10, 1)  # a Thursday


def _group(store: Store, **kwargs: object) -> str:
    options = {"starts_on": START, **kwargs}
    group = manage.create_group(library_for(store), "ML club", "thu", "17:00", "Europe/Berlin", **options)  # type: ignore[arg-type]
    for name in ("Ana", "Ben", "Cy"):
        manage.add_member(library_for(store), group.slug, name)
    return group.slug


def test_one_guide_paper_a_week_with_presenters_in_turn(library_with_guide: Store) -> None:
    slug = _group(library_with_guide)
    schedule = load_schedule(library_for(library_with_guide, catalog=load_catalog()), slug)
    catalog = load_catalog()
    assert len(schedule.meetings) == len(catalog.entries)
    assert [m.reading.entry_slug for m in schedule.meetings if m.reading] == [e.slug for e in catalog.entries]
    assert [m.day for m in schedule.meetings[:3]] == [START, START + timedelta(7), START + timedelta(14)]
    presenters = [m.presenter.name for m in schedule.meetings[:7] if m.presenter]
    assert presenters == ["Ana", "Ben", "Cy", "Ana", "Ben", "Cy", "Ana"]
    first = schedule.meetings[0]
    assert first.starts_at == datetime(2026, 10, 1, 17, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert first.ends_at - first.starts_at == timedelta(minutes=45)


def test_a_skipped_date_moves_later_papers_a_week_and_keeps_the_rotation(library_with_guide: Store) -> None:
    slug = _group(library_with_guide)
    before = load_schedule(library_for(library_with_guide, catalog=load_catalog()), slug)
    assert manage.skip_date(library_for(library_with_guide), slug, START + timedelta(7), "conference")
    assert not manage.skip_date(library_for(library_with_guide), slug, START + timedelta(7))
    after = load_schedule(library_for(library_with_guide, catalog=load_catalog()), slug)
    skipped = after.meetings[1]
    assert skipped.skipped and skipped.skip_reason == "conference" and skipped.reading is None
    held_before = [(m.reading, m.presenter) for m in before.meetings]
    held_after = [(m.reading, m.presenter) for m in after.meetings if not m.skipped]
    assert held_after == held_before
    assert after.meetings[2].day == START + timedelta(14)
    assert after.meetings[2].reading == before.meetings[1].reading
    assert after.meetings[-1].day == before.meetings[-1].day + timedelta(7)
    manage.skip_date(library_for(library_with_guide), slug, START + timedelta(7), undo=True)
    assert (
        load_schedule(library_for(library_with_guide, catalog=load_catalog()), slug).meetings
        == before.meetings
    )


def test_skipping_a_day_the_group_does_not_meet_is_refused(library_with_guide: Store) -> None:
    slug = _group(library_with_guide)
    with pytest.raises(InvalidInputError, match="is a Friday; ML club meets on Thursdays"):
        manage.skip_date(library_for(library_with_guide), slug, date(2026, 10, 2))
    with pytest.raises(InvalidInputError, match="before"):
        manage.skip_date(library_for(library_with_guide), slug, START - timedelta(7))


def test_a_meeting_with_minutes_keeps_its_paper_and_presenter(library_with_guide: Store) -> None:
    slug = _group(library_with_guide)
    catalog = load_catalog()
    record_minutes(library_for(library_with_guide, catalog=catalog), slug, START + timedelta(7), "we met", [])
    manage.skip_date(library_for(library_with_guide), slug, START)
    manage.add_member(library_for(library_with_guide), slug, "Dee")
    schedule = load_schedule(library_for(library_with_guide, catalog=catalog), slug)
    pinned = schedule.meeting_on(START + timedelta(7))
    assert pinned.reading and pinned.reading.entry_slug == catalog.entries[1].slug
    assert pinned.presenter and pinned.presenter.name == "Ben"
    assert schedule.meetings[2].reading and schedule.meetings[2].reading.entry_slug == catalog.entries[0].slug
    with pytest.raises(InvalidInputError, match="already has minutes"):
        manage.skip_date(library_for(library_with_guide), slug, START + timedelta(7))


def test_top15_order_and_custom_lists(library_with_guide: Store) -> None:
    catalog = load_catalog()
    top = manage.create_group(
        library_for(library_with_guide), "Top", "mon", "09:30", "UTC", starts_on=START, source="top15"
    )
    order = list(dict.fromkeys(s for item in catalog.checklist for s in item.entries))
    readings = [
        m.reading.entry_slug
        for m in load_schedule(library_for(library_with_guide, catalog=catalog), top.slug).meetings
        if m.reading
    ]
    assert readings == order
    custom = manage.create_group(
        library_for(library_with_guide),
        "Mine",
        "tue",
        "18:00",
        "UTC",
        starts_on=START,
        source="custom",
        papers=["lora", "1706.03762"],
    )
    meetings = load_schedule(library_for(library_with_guide, catalog=catalog), custom.slug).meetings
    assert [m.reading.paper_slug for m in meetings if m.reading] == ["lora", "attention-is-all-you-need"]
    assert meetings[0].reading and meetings[0].reading.entry_slug == "lora"
    with pytest.raises(NotFoundError):
        manage.create_group(
            library_for(library_with_guide),
            "Bad",
            "tue",
            "18:00",
            "UTC",
            starts_on=START,
            source="custom",
            papers=["no-such-paper"],
        )
    assert [g.slug for g in manage.visible_groups(library_for(library_with_guide))] == ["mine", "top"]


@pytest.mark.parametrize(
    ("day", "at", "zone", "message"),
    [
        ("someday", "17:00", "UTC", "not a day of the week"),
        ("thu", "25:00", "UTC", "not a time"),
        ("thu", "5pm", "UTC", "not a time"),
        ("thu", "17:00", "Mars/Olympus", "unknown time zone"),
        ("thu", "17:00", "../../etc/passwd", "unknown time zone"),
    ],
)
def test_bad_weekly_settings_are_one_line_errors_and_nothing_is_written(
    library_with_guide: Store, day: str, at: str, zone: str, message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        manage.create_group(library_for(library_with_guide), "G", day, at, zone, starts_on=START)
    assert manage.visible_groups(library_for(library_with_guide)) == []


def test_names_lengths_and_duplicates(library_with_guide: Store) -> None:
    with pytest.raises(InvalidInputError, match="empty"):
        manage.create_group(library_for(library_with_guide), "  ", "thu", "17:00", "UTC", starts_on=START)
    with pytest.raises(InvalidInputError, match="30-60 minutes"):
        manage.create_group(
            library_for(library_with_guide), "G", "thu", "17:00", "UTC", starts_on=START, minutes=90
        )
    slug = _group(library_with_guide)
    with pytest.raises(ConflictError, match="already a group"):
        manage.create_group(
            library_for(library_with_guide), "ML Club", "fri", "17:00", "UTC", starts_on=START
        )
    with pytest.raises(ConflictError, match="already has a member"):
        manage.add_member(library_for(library_with_guide), slug, "Ana")
    with pytest.raises(NotFoundError, match="did you mean: ml-club"):
        manage.open_group(library_for(library_with_guide), "ml-clu")


def test_plan_without_members_has_no_presenters() -> None:
    group = GroupRecord(1, "g", "G", "u", 3, "17:00", "UTC", START, "guide", 30, 1, 0, datetime.now())
    from paperpass.groups.schedule import Reading

    plan = plan_meetings(group, [Reading("A"), Reading("B")], [], {}, {})
    assert [(m.number, m.reading and m.reading.title, m.presenter) for m in plan] == [
        (1, "A", None),
        (2, "B", None),
    ]
    member = MemberRecord(1, 1, "Solo", None, "member", False, 1)
    assert {m.presenter for m in plan_meetings(group, [Reading("A"), Reading("B")], [member], {}, {})} == {
        member
    }
