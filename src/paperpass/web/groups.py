"""Reading-group pages: the list, a group's schedule and members, a meeting's agenda, minutes, attendance."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from paperpass.groups import (
    INVITATION_DAYS,
    MINUTES_RANGE,
    SOURCES,
    WEEKDAYS,
    agenda_markdown,
    build_agenda,
    load_schedule,
    my_invitations,
    open_group,
    open_meeting,
    own_membership,
    record_attendance,
    record_minutes,
    schedule_calendar,
    sent_invitations,
    share_questions,
    shared_notes,
    skip_date,
    viewer_role,
    visible_groups,
    withdraw_invitation,
)
from paperpass.groups import add_member as add_group_member
from paperpass.groups import create_group as new_group
from paperpass.groups import invite as invite_member
from paperpass.ids import MAX_ID
from paperpass.library import get_paper
from paperpass.notes import render_markdown
from paperpass.web.deps import LibraryDep
from paperpass.web.openapi import CalendarResponse, MarkdownResponse
from paperpass.web.params import RowId
from paperpass.web.templating import render

router = APIRouter(prefix="/groups")
Weekday = Literal[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun",
]  # fmt: skip
CLOCK = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"
AgendaMinutes = Annotated[int | None, Query(ge=MINUTES_RANGE[0], le=MINUTES_RANGE[1])]


def _back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


@router.get("", response_class=HTMLResponse)
def groups_page(request: Request, lib: LibraryDep) -> HTMLResponse:
    """The groups the viewer belongs to (every group for the local user and admins), and a create form."""
    groups = visible_groups(lib)
    personal = not lib.viewer.local and bool(lib.viewer.username)
    return render(
        request,
        "groups.html",
        groups=groups,
        invitations=my_invitations(lib) if personal else [],
        weekdays=WEEKDAYS,
        sources=SOURCES,
        today=date.today().isoformat(),
    )


@router.post("")
def create_group(
    request: Request,
    lib: LibraryDep,
    name: Annotated[str, Form(min_length=1, max_length=200, pattern=r"\S")],
    weekday: Annotated[Weekday, Form()],
    at: Annotated[str, Form(pattern=CLOCK, description="24-hour HH:MM, e.g. 17:30.")],
    zone: Annotated[str, Form(min_length=1, max_length=64, description="An IANA time zone: Europe/Berlin.")],
    starts_on: Annotated[date, Form()],
    source: Annotated[Literal["guide", "top15", "library"], Form()] = "guide",
    minutes: Annotated[int, Form(ge=MINUTES_RANGE[0], le=MINUTES_RANGE[1])] = 45,
) -> RedirectResponse:
    """Create a group (its creator is its first organizer on a team server)."""
    group = new_group(
        lib,
        name,
        weekday,
        at,
        zone,
        starts_on=starts_on,
        source=source,
        minutes=minutes,
    )
    return _back(f"/groups/{group.slug}")


@router.get("/{slug}", response_class=HTMLResponse)
def group_page(request: Request, slug: str, lib: LibraryDep) -> HTMLResponse:
    """The group's schedule (papers, presenters, skipped dates), its members, and the organizer's forms."""
    open_group(lib, slug)
    schedule = load_schedule(lib, slug)
    role = viewer_role(lib.viewer, schedule.members)
    can_organize = role in ("admin", "organizer")
    return render(
        request,
        "group.html",
        schedule=schedule,
        group=schedule.group,
        weekday=WEEKDAYS[schedule.group.weekday].title(),
        can_organize=can_organize,
        invited=sent_invitations(lib, slug) if can_organize else [],
        invitation_days=INVITATION_DAYS,
        mine=own_membership(lib.viewer, schedule.members),
        upcoming=schedule.upcoming(date.today()),
    )


@router.get("/{slug}/schedule.ics", response_class=CalendarResponse)
def group_calendar(request: Request, slug: str, lib: LibraryDep) -> Response:
    """The schedule as an iCalendar file."""
    open_group(lib, slug)
    schedule = load_schedule(lib, slug)
    body = schedule_calendar(schedule, base_url=str(request.base_url))
    headers = {"Content-Disposition": f'attachment; filename="{slug}.ics"'}
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)


@router.post("/{slug}/members")
def add_member(
    request: Request,
    slug: str,
    lib: LibraryDep,
    name: Annotated[str, Form(min_length=1, max_length=200, pattern=r"\S")],
    role: Annotated[Literal["member", "organizer"], Form()] = "member",
) -> RedirectResponse:
    """Add a member by name at the end of the rotation (organizers); accounts join by invitation."""
    add_group_member(lib, slug, name, role=role)
    return _back(f"/groups/{slug}#members")


@router.post("/{slug}/invitations")
def invite(
    request: Request,
    slug: str,
    lib: LibraryDep,
    username: Annotated[str, Form(min_length=1, max_length=80, pattern=r"\S")],
    name: Annotated[str, Form(max_length=200)] = "",
    role: Annotated[Literal["member", "organizer"], Form()] = "member",
) -> RedirectResponse:
    """Invite an account (organizers): the same answer whether or not the account exists."""
    invite_member(lib, slug, username, name=name.strip() or None, role=role)
    return _back(f"/groups/{slug}#invitations")


@router.post("/{slug}/invitations/{invitation_id}/withdraw")
def withdraw(request: Request, slug: str, invitation_id: RowId, lib: LibraryDep) -> RedirectResponse:
    """Withdraw an invitation that was not accepted yet (organizers)."""
    withdraw_invitation(lib, slug, invitation_id)
    return _back(f"/groups/{slug}#invitations")


@router.post("/{slug}/skips")
def skip(
    request: Request,
    slug: str,
    lib: LibraryDep,
    day: Annotated[date, Form()],
    reason: Annotated[str, Form(max_length=300)] = "",
    undo: Annotated[bool, Form()] = False,
) -> RedirectResponse:
    """Skip a date, or meet on it again (organizers)."""
    skip_date(lib, slug, day, reason, undo=undo)
    return _back(f"/groups/{slug}#schedule")


@router.post("/{slug}/share")
def share(
    request: Request, slug: str, lib: LibraryDep, share: Annotated[bool, Form()] = False
) -> RedirectResponse:
    """Share (or stop sharing) the viewer's open questions from their notes with this group."""
    share_questions(lib, slug, share)
    return _back(f"/groups/{slug}#members")


@router.get("/{slug}/meetings/{day}", response_class=HTMLResponse)
def meeting_page(
    request: Request, slug: str, day: date, lib: LibraryDep, minutes: AgendaMinutes = None
) -> HTMLResponse:
    """A meeting: the printable timeboxed agenda, then its notes, decisions and attendance."""
    view = open_meeting(lib, slug, day)
    agenda = build_agenda(lib, view.schedule, view.meeting.day, minutes)
    role = viewer_role(lib.viewer, view.schedule.members)
    return render(
        request,
        "meeting.html",
        view=view,
        agenda=agenda,
        group=view.schedule.group,
        can_organize=role in ("admin", "organizer"),
    )


@router.get("/{slug}/meetings/{day}/agenda.md", response_class=MarkdownResponse)
def meeting_agenda_markdown(
    request: Request, slug: str, day: date, lib: LibraryDep, minutes: AgendaMinutes = None
) -> Response:
    """The agenda as Markdown."""
    view = open_meeting(lib, slug, day)
    agenda = build_agenda(lib, view.schedule, view.meeting.day, minutes)
    return PlainTextResponse(agenda_markdown(agenda), media_type="text/markdown; charset=utf-8")


@router.post("/{slug}/meetings/{day}/minutes")
def save_minutes(
    request: Request,
    slug: str,
    day: date,
    lib: LibraryDep,
    version: Annotated[int, Form(ge=0, le=MAX_ID)],
    notes: Annotated[str, Form(max_length=60_000)] = "",
    decisions: Annotated[str, Form(max_length=60_000)] = "",
) -> RedirectResponse:
    """Save the meeting's notes and decisions (one per line); a stale version is a 409 with both texts."""
    record_minutes(
        lib,
        slug,
        day,
        notes,
        decisions.splitlines(),
        expected_version=version,
    )
    return _back(f"/groups/{slug}/meetings/{day}#minutes")


@router.post("/{slug}/meetings/{day}/attendance")
async def save_attendance(request: Request, slug: str, day: date, lib: LibraryDep) -> RedirectResponse:
    """Mark every member present (checked) or absent (unchecked)."""
    form = await request.form()
    present = [v for v in form.getlist("present") if isinstance(v, str)]
    view = await run_in_threadpool(open_meeting, lib, slug, day)
    names = {m.name.casefold() for m in view.schedule.members}
    chosen = [p for p in present if p.casefold() in names]
    absent = [
        m.name for m in view.schedule.members if m.name.casefold() not in {c.casefold() for c in chosen}
    ]
    await run_in_threadpool(record_attendance, lib, slug, view.meeting.day, chosen, absent)
    return _back(f"/groups/{slug}/meetings/{day}#attendance")


@router.get("/{slug}/notes/{paper}", response_class=HTMLResponse)
def shared_notes_page(request: Request, slug: str, paper: str, lib: LibraryDep) -> HTMLResponse:
    """The notes on a paper that members shared with the group: read-only, rendered and sanitized."""
    group, _ = open_group(lib, slug)
    found = get_paper(lib, paper)
    notes = [(n, render_markdown(n.body)) for n in shared_notes(lib, slug, found)]
    return render(request, "shared_notes.html", group=group, paper=found, notes=notes)
