"""A group's schedule: one paper a week on its weekday and time, skipping marked dates, presenters in turn.

The schedule is computed from the group's settings, its paper list, its members and its skipped dates, so a
new skip pushes every later paper a week back. A meeting with something recorded (minutes, attendance) is
pinned: its paper and presenter stay as they were.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from paperpass.catalog import top15_slugs
from paperpass.errors import InvalidInputError
from paperpass.groups.access import visible_to
from paperpass.library import Library
from paperpass.store import groups as group_rows
from paperpass.store import guide as guide_rows
from paperpass.store import papers as paper_rows
from paperpass.store.groups import GroupRecord, MeetingRecord, MemberRecord

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SOURCES = ("guide", "top15", "custom", "library")


@dataclass(frozen=True)
class Reading:
    """A paper on the group's list: a guide entry (with its library paper, if any) or a library paper."""

    title: str
    paper_id: int | None = None
    paper_slug: str | None = None
    entry_slug: str | None = None

    @property
    def key(self) -> tuple[int | None, str | None]:
        """What identifies the reading when a meeting pins it."""
        return (self.paper_id, self.entry_slug)


@dataclass(frozen=True)
class Meeting:
    """One date of the schedule. ``number`` counts held meetings (0 for a skipped date)."""

    day: date
    starts_at: datetime
    ends_at: datetime
    number: int = 0
    reading: Reading | None = None
    presenter: MemberRecord | None = None
    skipped: bool = False
    skip_reason: str = ""
    record: MeetingRecord | None = None


@dataclass(frozen=True)
class GroupSchedule:
    """A group with its members and every date from its first meeting to its last paper."""

    group: GroupRecord
    members: list[MemberRecord]
    meetings: list[Meeting] = field(default_factory=list)

    def meeting_on(self, day: date) -> Meeting:
        """The scheduled (not skipped) meeting on ``day``.

        Raises:
            InvalidInputError: the group does not meet that day.
        """
        for meeting in self.meetings:
            if meeting.day == day:
                if meeting.skipped:
                    raise InvalidInputError(f"{self.group.name}: {day} is skipped")
                return meeting
        raise InvalidInputError(f"{self.group.name} has no meeting on {day}")

    def upcoming(self, today: date) -> Meeting | None:
        """The first meeting on or after ``today`` that is not skipped."""
        return next((m for m in self.meetings if m.day >= today and not m.skipped), None)

    def after(self, meeting: Meeting) -> Meeting | None:
        """The next held meeting after ``meeting``."""
        return next((m for m in self.meetings if m.day > meeting.day and not m.skipped), None)


def parse_weekday(text: str) -> int:
    """Monday=0 ... Sunday=6 from a day name or its first three letters.

    Raises:
        InvalidInputError: not a day of the week.
    """
    wanted = text.strip().lower()
    for number, name in enumerate(WEEKDAYS):
        if wanted in (name, name[:3]):
            return number
    raise InvalidInputError(f"not a day of the week: {text!r} (monday ... sunday, or mon ... sun)")


def parse_time(text: str) -> time:
    """A 24-hour ``HH:MM`` time.

    Raises:
        InvalidInputError: not HH:MM.
    """
    try:
        hours, minutes = (int(part) for part in text.strip().split(":"))
        return time(hours, minutes)
    except ValueError:
        raise InvalidInputError(f"not a time: {text!r} (24-hour HH:MM, e.g. 17:30)") from None


def parse_zone(name: str) -> ZoneInfo:
    """An IANA time zone.

    Raises:
        InvalidInputError: unknown zone.
    """
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInputError(f"unknown time zone: {name!r} (an IANA name like Europe/Berlin)") from None


def parse_day(text: str) -> date:
    """An ISO date.

    Raises:
        InvalidInputError: not YYYY-MM-DD.
    """
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(f"not a date: {text!r} (YYYY-MM-DD)") from None


def first_meeting_day(group: GroupRecord) -> date:
    """The first date on or after the group's start that falls on its weekday."""
    return group.starts_on + timedelta(days=(group.weekday - group.starts_on.weekday()) % 7)


def check_meeting_day(group: GroupRecord, day: date) -> None:
    """Refuse a date the group never meets on.

    Raises:
        InvalidInputError: wrong weekday or before the first meeting.
    """
    if day.weekday() != group.weekday:
        raise InvalidInputError(
            f"{day} is a {WEEKDAYS[day.weekday()].title()}; {group.name} meets on "
            f"{WEEKDAYS[group.weekday].title()}s"
        )
    if day < first_meeting_day(group):
        raise InvalidInputError(f"{day} is before {group.name}'s first meeting ({first_meeting_day(group)})")


def _times(group: GroupRecord, day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, parse_time(group.meet_time), tzinfo=ZoneInfo(group.timezone))
    return start, start + timedelta(minutes=group.minutes)


def plan_meetings(
    group: GroupRecord,
    readings: Sequence[Reading],
    members: Sequence[MemberRecord],
    skipped: dict[date, str],
    pinned: dict[date, MeetingRecord],
) -> list[Meeting]:
    """Lay the readings out one a week, skipping dates and rotating presenters in member order.

    Pinned meetings keep their recorded paper and presenter, and their paper leaves the queue.
    """
    pinned_keys = {(m.paper_id, m.entry_slug) for m in pinned.values()}
    queue = [r for r in readings if r.key not in pinned_keys]
    by_key = {r.key: r for r in readings}
    by_member = {m.id: m for m in members}
    last_pinned = max(pinned, default=date.min)
    plan: list[Meeting] = []
    day, held = first_meeting_day(group), 0
    while queue or day <= last_pinned:
        start, end = _times(group, day)
        record = pinned.get(day)
        if record is not None:
            held += 1
            reading = by_key.get((record.paper_id, record.entry_slug)) or Reading(
                "(a paper no longer on the list)", record.paper_id, None, record.entry_slug
            )
            presenter = by_member.get(record.presenter_id or -1)
            plan.append(Meeting(day, start, end, held, reading, presenter, record=record))
        elif day in skipped:
            plan.append(Meeting(day, start, end, skipped=True, skip_reason=skipped[day]))
        else:
            presenter = members[held % len(members)] if members else None
            held += 1
            plan.append(Meeting(day, start, end, held, queue.pop(0), presenter))
        day += timedelta(days=7)
    return plan


def group_readings(library: Library, group: GroupRecord) -> list[Reading]:
    """The group's paper list, from the guide order, the top-15 order, its custom list or the library."""
    with library.store.connect() as conn:
        entry_papers = guide_rows.entry_paper_ids(conn)
        if group.source in ("custom", "library"):
            ids = group_rows.group_paper_ids(conn, group.id) if group.source == "custom" else None
            listed = paper_rows.list_papers(conn)[::-1]  # oldest first
            by_id = {p.id: p for p in listed}
            papers = [by_id[i] for i in ids if i in by_id] if ids is not None else listed
            entry_of = {pid: slug for slug, pid in entry_papers.items() if pid is not None}
            return [Reading(p.title, p.id, p.slug, entry_of.get(p.id or -1)) for p in papers]
        paper_slugs = {p.id: p.slug for p in paper_rows.list_papers(conn, guide=True)}
    entries = library.catalog.entries
    if group.source == "top15":
        order = [slug for item in library.catalog.checklist for slug in item.entries]
        by_slug = {e.slug: e for e in library.catalog.entries}
        wanted = top15_slugs(library.catalog)
        entries = [by_slug[s] for s in dict.fromkeys(order) if s in wanted and s in by_slug]
    readings = []
    for entry in entries:
        paper_id = entry_papers.get(entry.slug)
        readings.append(Reading(entry.title, paper_id, paper_slugs.get(paper_id), entry.slug))
    return readings


def load_schedule(library: Library, slug: str) -> GroupSchedule:
    """A group's full schedule.

    Raises:
        NotFoundError: no such group.
    """
    with library.store.connect() as conn:
        group = group_rows.get_group(conn, slug, visible_to=visible_to(library.viewer))
        members = group_rows.list_members(conn, group.id)
        skipped = group_rows.skips(conn, group.id)
        pinned = group_rows.meetings(conn, group.id)
    readings = group_readings(library, group)
    return GroupSchedule(group, members, plan_meetings(group, readings, members, skipped, pinned))
