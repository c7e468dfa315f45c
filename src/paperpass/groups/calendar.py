"""The schedule as an RFC 5545 calendar (icalendar), for Google Calendar, Outlook, Thunderbird, Apple.

Each meeting date keeps one UID for the life of the group (the date and the group's own uuid), so importing
a newer export updates events instead of duplicating them; SEQUENCE is the group's change counter, so
calendar apps accept the update. Skipped dates stay in the file as cancelled events. Start and end carry
the group's TZID and the file holds the matching VTIMEZONE, written with yearly RRULEs
(:mod:`paperpass.groups.timezones`) so that every reader keeps a meeting at 17:00 local across a
daylight-saving change.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from paperpass.errors import InvalidInputError
from paperpass.groups.schedule import GroupSchedule, Meeting
from paperpass.groups.timezones import vtimezone
from paperpass.groups.upcoming import GroupMeeting

if TYPE_CHECKING:
    from icalendar import Calendar, Event

PRODID = "-//paperpass//reading groups//EN"


def meeting_uid(schedule: GroupSchedule, meeting: Meeting) -> str:
    """The event's UID: stable across exports, unique across groups."""
    return f"{meeting.day:%Y%m%d}-{schedule.group.uid}@paperpass"


def _event(schedule: GroupSchedule, meeting: Meeting, base_url: str | None) -> Event:
    from icalendar import Event  # when a calendar is written (~30 ms), not with every page importing this

    group = schedule.group
    event = Event()
    event.add("uid", meeting_uid(schedule, meeting))
    event.add("dtstamp", group.updated_at.astimezone(UTC))
    event.add("sequence", group.revision)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    if meeting.skipped:
        event.add("summary", f"{group.name}: no meeting")
        event.add("status", "CANCELLED")
        if meeting.skip_reason:
            event.add("description", meeting.skip_reason)
        return event
    assert meeting.reading is not None
    event.add("summary", f"{group.name}: {meeting.reading.title}")
    event.add("status", "CONFIRMED")
    details = [f"Paper: {meeting.reading.title}"]
    if meeting.presenter:
        details.append(f"Presenter: {meeting.presenter.name}")
    if base_url:
        link = f"{base_url.rstrip('/')}/groups/{group.slug}/meetings/{meeting.day.isoformat()}"
        details.append(f"Agenda: {link}")
        event.add("url", link)
    event.add("description", "\n".join(details))
    return event


def schedule_calendar(schedule: GroupSchedule, *, base_url: str | None = None) -> bytes:
    """The schedule as iCalendar bytes (CRLF lines, folded), with VTIMEZONE for the group's zone."""
    from icalendar import Calendar  # see _event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", schedule.group.name)
    calendar.add("x-wr-timezone", schedule.group.timezone)
    if schedule.meetings:
        first, last = schedule.meetings[0].starts_at, schedule.meetings[-1].ends_at
        calendar.add_component(vtimezone(schedule.group.timezone, min(first, last), max(first, last)))
    for meeting in schedule.meetings:
        calendar.add_component(_event(schedule, meeting, base_url))
    data: bytes = calendar.to_ical()
    return data


def write_calendar(schedule: GroupSchedule, path: Path, *, base_url: str | None = None) -> Path:
    """Write the calendar to ``path`` atomically (a temp file renamed over it: never half-written).

    Raises:
        InvalidInputError: the directory does not exist or cannot be written.
    """
    return write_ics(schedule_calendar(schedule, base_url=base_url), path)


def write_ics(data: bytes, path: Path) -> Path:
    """Write iCalendar bytes to ``path`` atomically (shared by the group schedule and the study plan).

    Raises:
        InvalidInputError: the directory does not exist or cannot be written.
    """
    target = path.expanduser()
    try:
        handle, temp = tempfile.mkstemp(prefix=".paperpass-", suffix=".ics", dir=target.parent or Path("."))
    except OSError as exc:
        raise InvalidInputError(f"cannot write {target}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise InvalidInputError(f"cannot write {target}: {exc.strerror}") from None
    return target


def add_meetings(calendar: Calendar, meetings: list[GroupMeeting], *, base_url: str | None = None) -> None:
    """Add some groups' meetings to another calendar (the study plan's): each as its group's own calendar
    has it (same UID and SEQUENCE, so a calendar holding both keeps one event), with its VTIMEZONE."""
    zones: dict[str, list[GroupMeeting]] = {}
    for planned in meetings:
        zones.setdefault(planned.schedule.group.timezone, []).append(planned)
    for zone, held in sorted(zones.items()):
        starts = [m.meeting.starts_at for m in held] + [m.meeting.ends_at for m in held]
        calendar.add_component(vtimezone(zone, min(starts), max(starts)))
    for planned in meetings:
        calendar.add_component(_event(planned.schedule, planned.meeting, base_url))
