"""Reading groups, as the guide recommends: one paper a week, a 30-60 minute discussion.

``manage`` creates groups, adds members, skips dates; ``schedule`` lays the papers out week by week with
presenters in turn; ``calendar`` exports it as iCalendar; ``agenda`` timeboxes a meeting; ``meetings``
keeps its notes, decisions and attendance; ``questions`` reads members' shared open questions from notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperpass.lazy import Exports, exports

if TYPE_CHECKING:
    from paperpass.groups.access import own_membership as own_membership
    from paperpass.groups.access import viewer_role as viewer_role
    from paperpass.groups.agenda import Agenda as Agenda
    from paperpass.groups.agenda import agenda_markdown as agenda_markdown
    from paperpass.groups.agenda import build_agenda as build_agenda
    from paperpass.groups.calendar import schedule_calendar as schedule_calendar
    from paperpass.groups.calendar import write_calendar as write_calendar
    from paperpass.groups.invitations import INVITATION_DAYS as INVITATION_DAYS
    from paperpass.groups.invitations import answer as answer_invitation
    from paperpass.groups.invitations import invite as invite
    from paperpass.groups.invitations import my_invitations as my_invitations
    from paperpass.groups.invitations import sent_invitations as sent_invitations
    from paperpass.groups.invitations import withdraw as withdraw_invitation
    from paperpass.groups.manage import MINUTES_RANGE as MINUTES_RANGE
    from paperpass.groups.manage import add_member as add_member
    from paperpass.groups.manage import create_group as create_group
    from paperpass.groups.manage import open_group as open_group
    from paperpass.groups.manage import share_questions as share_questions
    from paperpass.groups.manage import skip_date as skip_date
    from paperpass.groups.manage import slugify as slugify
    from paperpass.groups.manage import visible_groups as visible_groups
    from paperpass.groups.meetings import open_meeting as open_meeting
    from paperpass.groups.meetings import record_attendance as record_attendance
    from paperpass.groups.meetings import record_minutes as record_minutes
    from paperpass.groups.notes import share_choices as share_choices
    from paperpass.groups.notes import share_note as share_note
    from paperpass.groups.notes import shared_notes as shared_notes
    from paperpass.groups.schedule import SOURCES as SOURCES
    from paperpass.groups.schedule import WEEKDAYS as WEEKDAYS
    from paperpass.groups.schedule import GroupSchedule as GroupSchedule
    from paperpass.groups.schedule import load_schedule as load_schedule
    from paperpass.groups.schedule import parse_day as parse_day

_EXPORTS: Exports = {
    "Agenda": ("paperpass.groups.agenda", "Agenda"),
    "GroupSchedule": ("paperpass.groups.schedule", "GroupSchedule"),
    "INVITATION_DAYS": ("paperpass.groups.invitations", "INVITATION_DAYS"),
    "MINUTES_RANGE": ("paperpass.groups.manage", "MINUTES_RANGE"),
    "SOURCES": ("paperpass.groups.schedule", "SOURCES"),
    "WEEKDAYS": ("paperpass.groups.schedule", "WEEKDAYS"),
    "add_member": ("paperpass.groups.manage", "add_member"),
    "agenda_markdown": ("paperpass.groups.agenda", "agenda_markdown"),
    "answer_invitation": ("paperpass.groups.invitations", "answer"),
    "build_agenda": ("paperpass.groups.agenda", "build_agenda"),
    "create_group": ("paperpass.groups.manage", "create_group"),
    "invite": ("paperpass.groups.invitations", "invite"),
    "load_schedule": ("paperpass.groups.schedule", "load_schedule"),
    "my_invitations": ("paperpass.groups.invitations", "my_invitations"),
    "open_group": ("paperpass.groups.manage", "open_group"),
    "open_meeting": ("paperpass.groups.meetings", "open_meeting"),
    "own_membership": ("paperpass.groups.access", "own_membership"),
    "parse_day": ("paperpass.groups.schedule", "parse_day"),
    "record_attendance": ("paperpass.groups.meetings", "record_attendance"),
    "record_minutes": ("paperpass.groups.meetings", "record_minutes"),
    "schedule_calendar": ("paperpass.groups.calendar", "schedule_calendar"),
    "sent_invitations": ("paperpass.groups.invitations", "sent_invitations"),
    "share_choices": ("paperpass.groups.notes", "share_choices"),
    "share_note": ("paperpass.groups.notes", "share_note"),
    "share_questions": ("paperpass.groups.manage", "share_questions"),
    "shared_notes": ("paperpass.groups.notes", "shared_notes"),
    "skip_date": ("paperpass.groups.manage", "skip_date"),
    "slugify": ("paperpass.groups.manage", "slugify"),
    "viewer_role": ("paperpass.groups.access", "viewer_role"),
    "visible_groups": ("paperpass.groups.manage", "visible_groups"),
    "withdraw_invitation": ("paperpass.groups.invitations", "withdraw"),
    "write_calendar": ("paperpass.groups.calendar", "write_calendar"),
}
"""What the package offers: name -> (module, name there)."""

__all__ = [
    "Agenda",
    "GroupSchedule",
    "INVITATION_DAYS",
    "MINUTES_RANGE",
    "SOURCES",
    "WEEKDAYS",
    "add_member",
    "agenda_markdown",
    "answer_invitation",
    "build_agenda",
    "create_group",
    "invite",
    "load_schedule",
    "my_invitations",
    "open_group",
    "open_meeting",
    "own_membership",
    "parse_day",
    "record_attendance",
    "record_minutes",
    "schedule_calendar",
    "sent_invitations",
    "share_choices",
    "share_note",
    "share_questions",
    "shared_notes",
    "skip_date",
    "slugify",
    "viewer_role",
    "visible_groups",
    "withdraw_invitation",
    "write_calendar",
]

if not TYPE_CHECKING:  # type checkers see the imports above; a name not offered is an error there
    __getattr__ = exports(globals(), _EXPORTS)
