"""After a meeting: its notes and decisions (versioned: a stale save is a conflict) and who attended."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from paperpass.errors import InvalidInputError, NotFoundError
from paperpass.groups.access import require_member, require_organizer
from paperpass.groups.schedule import GroupSchedule, Meeting, load_schedule
from paperpass.library import Library
from paperpass.store import groups as group_rows
from paperpass.store.groups import MeetingRecord, MemberRecord

MAX_MINUTES_CHARS = 50_000
MAX_DECISIONS = 50


@dataclass(frozen=True)
class MeetingView:
    """A meeting with its record and attendance (member -> present, for members marked)."""

    schedule: GroupSchedule
    meeting: Meeting
    record: MeetingRecord | None
    attendance: dict[int, bool]

    @property
    def version(self) -> int:
        """The minutes' version an edit starts from."""
        return self.record.version if self.record else 0


def open_meeting(library: Library, slug: str, day: date) -> MeetingView:
    """A meeting of a group the viewer may see.

    Raises:
        NotFoundError: no such group, or the viewer is not a member.
        InvalidInputError: the group does not meet on ``day``.
    """
    schedule = load_schedule(library, slug)
    require_member(library.viewer, schedule.group, schedule.members)
    meeting = schedule.meeting_on(day)
    with library.store.connect() as conn:
        record = group_rows.get_meeting(conn, schedule.group.id, day)
        present = group_rows.attendance(conn, record.id) if record else {}
    return MeetingView(schedule, meeting, record, present)


def _pin(library: Library, slug: str, day: date) -> MeetingView:
    view = open_meeting(library, slug, day)
    require_organizer(library.viewer, view.schedule.group, view.schedule.members)
    meeting = view.meeting
    with library.store.transaction() as conn:
        record = group_rows.pin_meeting(
            conn,
            view.schedule.group.id,
            day,
            paper_id=meeting.reading.paper_id if meeting.reading else None,
            entry_slug=meeting.reading.entry_slug if meeting.reading else None,
            presenter_id=meeting.presenter.id if meeting.presenter else None,
        )
    return MeetingView(view.schedule, meeting, record, view.attendance)


def clean_decisions(decisions: Sequence[str]) -> list[str]:
    """Non-empty decisions, stripped.

    Raises:
        InvalidInputError: more than 50 decisions or one longer than 1000 characters.
    """
    cleaned = [d.strip() for d in decisions if d.strip()]
    if len(cleaned) > MAX_DECISIONS or any(len(d) > 1000 for d in cleaned):
        raise InvalidInputError(f"at most {MAX_DECISIONS} decisions of up to 1000 characters each")
    return cleaned


def record_minutes(
    library: Library,
    slug: str,
    day: date,
    notes: str,
    decisions: Sequence[str],
    *,
    expected_version: int | None = None,
) -> MeetingRecord:
    """Save a meeting's notes and decisions (organizers only).

    Args:
        expected_version: the version the edit started from; None saves over whatever is there (the CLI).

    Raises:
        ConflictError: someone saved since ``expected_version``; carries both texts; nothing was saved.
        InvalidInputError: no meeting that day, or notes too long.
        ForbiddenError: the viewer is not an organizer.
    """
    if len(notes) > MAX_MINUTES_CHARS:
        raise InvalidInputError(f"the meeting notes are longer than {MAX_MINUTES_CHARS} characters")
    cleaned = clean_decisions(decisions)
    view = _pin(library, slug, day)
    assert view.record is not None
    base = view.record.version if expected_version is None else expected_version
    with library.store.transaction() as conn:
        return group_rows.save_minutes(
            conn, view.record, notes.strip(), cleaned, base, user_id=library.viewer.user_id
        )


def record_attendance(
    library: Library, slug: str, day: date, present: Sequence[str], absent: Sequence[str] = ()
) -> dict[str, bool]:
    """Mark members (by name) present or absent at a meeting (organizers only).

    Returns:
        Every marked member's name -> present.

    Raises:
        NotFoundError: a name that is not a member.
        InvalidInputError: a name both present and absent, or no meeting that day.
    """
    both = {n.casefold() for n in present} & {n.casefold() for n in absent}
    if both:
        raise InvalidInputError(f"marked both present and absent: {', '.join(sorted(both))}")
    view = _pin(library, slug, day)
    assert view.record is not None
    marks = {_member(view.schedule.members, n).id: True for n in present}
    marks |= {_member(view.schedule.members, n).id: False for n in absent}
    with library.store.transaction() as conn:
        group_rows.set_attendance(conn, view.record.id, marks)
        group_rows.touch_group(conn, view.schedule.group.id)
        marked = group_rows.attendance(conn, view.record.id)
    names = {m.id: m.name for m in view.schedule.members}
    return {names[m]: p for m, p in marked.items() if m in names}


def _member(members: Sequence[MemberRecord], name: str) -> MemberRecord:
    for member in members:
        if member.name.casefold() == name.strip().casefold():
            return member
    raise NotFoundError(f"no member {name!r}", [m.name for m in members][:5])
