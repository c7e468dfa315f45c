"""The reading-group meetings a user goes to between two dates, for their study plan and its calendar.

The local single user goes to every group of the library (they run them all); an account goes to the
groups it is a member of (an admin's study plan holds only their own groups, not every group they may
manage). Skipped dates are not meetings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from paperpass.groups.access import own_membership
from paperpass.groups.schedule import GroupSchedule, Meeting, load_schedule
from paperpass.library import Library
from paperpass.store import groups as group_rows


@dataclass(frozen=True)
class GroupMeeting:
    """One meeting of one of the user's groups: what is read, who presents, whether it is the user."""

    schedule: GroupSchedule
    meeting: Meeting
    presenting: bool = False

    @property
    def group_name(self) -> str:
        """The group's name."""
        return self.schedule.group.name

    @property
    def group_slug(self) -> str:
        """The group's slug (its page is ``/groups/SLUG``)."""
        return self.schedule.group.slug

    @property
    def day(self) -> date:
        """The meeting's date (in the group's time zone)."""
        return self.meeting.day

    @property
    def title(self) -> str:
        """What the plan says: 'Reading group Club: LoRA (you present), 17:00-18:00'."""
        reading = self.meeting.reading.title if self.meeting.reading else "no paper chosen yet"
        who = " (you present)" if self.presenting else (
            f" (presented by {self.meeting.presenter.name})" if self.meeting.presenter else "")  # fmt: skip
        hours = f"{self.meeting.starts_at:%H:%M}-{self.meeting.ends_at:%H:%M}"
        return f"Reading group {self.group_name}: {reading}{who}, {hours}"

    @property
    def minutes(self) -> int:
        """How long the meeting is."""
        return int((self.meeting.ends_at - self.meeting.starts_at).total_seconds() // 60)

    def as_json(self) -> dict[str, Any]:
        """The meeting as JSON data."""
        reading = self.meeting.reading
        return {
            "group": self.group_slug,
            "group_name": self.group_name,
            "day": self.day.isoformat(),
            "starts_at": self.meeting.starts_at.isoformat(),
            "ends_at": self.meeting.ends_at.isoformat(),
            "minutes": self.minutes,
            "paper": reading.title if reading else None,
            "entry": reading.entry_slug if reading else None,
            "paper_slug": reading.paper_slug if reading else None,
            "presenter": self.meeting.presenter.name if self.meeting.presenter else None,
            "presenting": self.presenting,
            "title": self.title,
        }


def meetings_between(library: Library, first: date, last: date) -> list[GroupMeeting]:
    """The meetings of the viewer's groups from ``first`` to ``last`` (both included), by start time."""
    viewer = library.viewer
    with library.store.connect() as conn:
        groups = group_rows.list_groups(conn, user_id=None if viewer.local else viewer.user_id)
    found: list[GroupMeeting] = []
    for group in groups:
        schedule = load_schedule(library, group.slug)
        mine = own_membership(viewer, schedule.members)
        for meeting in schedule.meetings:
            if meeting.skipped or not first <= meeting.day <= last:
                continue
            presenter = meeting.presenter
            presenting = mine is not None and presenter is not None and presenter.id == mine.id
            found.append(GroupMeeting(schedule, meeting, presenting))
    return sorted(found, key=lambda m: m.meeting.starts_at)
