"""Reading groups, as the guide recommends: one paper a week, a 30-60 minute discussion.

``manage`` creates groups, adds members, skips dates; ``schedule`` lays the papers out week by week with
presenters in turn; ``calendar`` exports it as iCalendar; ``agenda`` timeboxes a meeting; ``meetings``
keeps its notes, decisions and attendance; ``questions`` reads members' shared open questions from notes.
"""

from __future__ import annotations

from paperpass.groups.access import own_membership, viewer_role
from paperpass.groups.agenda import Agenda, agenda_markdown, build_agenda
from paperpass.groups.calendar import schedule_calendar, write_calendar
from paperpass.groups.manage import (
    add_member,
    create_group,
    open_group,
    share_questions,
    skip_date,
    slugify,
    visible_groups,
)
from paperpass.groups.meetings import open_meeting, record_attendance, record_minutes
from paperpass.groups.notes import share_choices, share_note, shared_notes
from paperpass.groups.schedule import SOURCES, WEEKDAYS, GroupSchedule, load_schedule, parse_day

__all__ = [
    "Agenda",
    "GroupSchedule",
    "SOURCES",
    "WEEKDAYS",
    "add_member",
    "agenda_markdown",
    "build_agenda",
    "create_group",
    "load_schedule",
    "open_group",
    "open_meeting",
    "own_membership",
    "parse_day",
    "record_attendance",
    "record_minutes",
    "schedule_calendar",
    "share_choices",
    "share_note",
    "share_questions",
    "shared_notes",
    "skip_date",
    "slugify",
    "viewer_role",
    "visible_groups",
    "write_calendar",
]
