"""``paperpass group ...``: create a reading group, add members and invite accounts (who accept or
decline), show and export its schedule, skip dates, print a meeting's agenda, record minutes and
attendance."""

from __future__ import annotations

import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from paperpass.cli import common
from paperpass.errors import InvalidInputError
from paperpass.groups import (
    GroupSchedule,
    agenda_markdown,
    answer_invitation,
    build_agenda,
    create_group,
    load_schedule,
    my_invitations,
    open_meeting,
    parse_day,
    record_attendance,
    record_minutes,
    sent_invitations,
    share_questions,
    skip_date,
    slugify,
    visible_groups,
    write_calendar,
)
from paperpass.groups import add_member as adding
from paperpass.groups import invite as invite_member

group_app = typer.Typer(
    help="Reading groups: one paper a week, a 30-60 minute discussion.", no_args_is_help=True
)

GroupArg = Annotated[str, typer.Argument(help="The group's slug or name.")]
DayArg = Annotated[str, typer.Argument(help="A meeting date, YYYY-MM-DD.")]


def _slug(key: str) -> str:

    return slugify(key)


def _day(text: str) -> date:

    return parse_day(text)


def _schedule(ctx: typer.Context, key: str) -> GroupSchedule:

    return load_schedule(common.library(ctx), _slug(key))


@group_app.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The group's name.")],
    weekly: Annotated[tuple[str, str], typer.Option("--weekly", help="Day and time: --weekly thu 17:00.")],
    tz: Annotated[str, typer.Option("--tz", help="IANA time zone, e.g. Europe/Berlin.")],
    start: Annotated[
        str | None, typer.Option(help="First possible date, YYYY-MM-DD (default today).")
    ] = None,
    source: Annotated[
        str, typer.Option("--from", help="Papers from: guide (order), top15, custom (--paper ...), library.")
    ] = "guide",
    paper: Annotated[
        list[str] | None, typer.Option(help="A paper of a custom list (repeat, in order).")
    ] = None,
    minutes: Annotated[int, typer.Option(help="Meeting length, 30-60 minutes.")] = 45,
) -> None:
    """Create a group that meets weekly, with one paper a week."""

    begin = _day(start) if start else date.today()
    group = create_group(
        common.library(ctx),
        name,
        weekly[0],
        weekly[1],
        tz,
        starts_on=begin,
        source=source,
        papers=paper or [],
        minutes=minutes,
    )
    common.console().print(
        f"Created group {group.name!r} ({group.slug}): "
        f"every {weekly[0]} at {group.meet_time} {group.timezone}.",
        markup=False,
    )


@group_app.command("list")
def list_groups(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """List the reading groups."""

    groups = visible_groups(common.library(ctx))
    if as_json:
        common.print_json([asdict(g) for g in groups])
        return
    if not groups:
        common.console().print(
            "No reading groups yet: paperpass group create NAME --weekly DAY TIME --tz ZONE"
        )
    for group in groups:
        common.console().print(f"{group.slug}: {group.name}", markup=False)


@group_app.command("add-member")
def add_member(
    ctx: typer.Context,
    group: GroupArg,
    name: Annotated[str, typer.Argument(help="The member's name, as shown in the rotation.")],
    organizer: Annotated[bool, typer.Option(help="Make the member an organizer.")] = False,
) -> None:
    """Add a member by name at the end of the presenter rotation (an account joins by invitation)."""
    member = adding(common.library(ctx), _slug(group), name, role="organizer" if organizer else "member")
    common.console().print(
        f"Added {member.name} ({member.role}, presenter #{member.position}).", markup=False
    )


@group_app.command("invite")
def invite(
    ctx: typer.Context,
    group: GroupArg,
    username: Annotated[str, typer.Argument(help="The account to invite.")],
    name: Annotated[
        str | None, typer.Option(help="The name shown in the rotation (default: the username).")
    ] = None,
    organizer: Annotated[bool, typer.Option(help="Invite as an organizer.")] = False,
) -> None:
    """Invite an account to join a group; it joins when its owner accepts."""
    sent = invite_member(
        common.library(ctx), _slug(group), username, name=name, role="organizer" if organizer else "member"
    )
    common.console().print(
        f"Invited {sent.username} as {sent.member_name} until {sent.expires_at:%Y-%m-%d}: if the account "
        "exists, its owner sees the invitation and accepts or declines it.",
        markup=False,
    )


@group_app.command("invitations")
def list_invitations(
    ctx: typer.Context,
    group: Annotated[
        str | None, typer.Argument(help="A group you organize: the invitations it sent (default: yours).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Your pending invitations (with --user), or those a group you organize has sent."""
    library = common.library(ctx)
    if group is not None:
        sent = sent_invitations(library, _slug(group))
        rows = [{"id": i.id, "username": i.username, "name": i.member_name, "role": i.role,
                 "expires": i.expires_at.date().isoformat()} for i in sent]  # fmt: skip
        empty = "No open invitations."
    else:
        received = my_invitations(library)
        rows = [{"id": i.id, "group": i.group.slug, "group_name": i.group.name, "name": i.member_name,
                 "role": i.role, "invited_by": i.invited_by, "expires": i.expires_at.date().isoformat()}
                for i in received]  # fmt: skip
        empty = "No pending invitations."
    if as_json:
        common.print_json(rows)
        return
    if not rows:
        common.console().print(empty)
    for row in rows:
        where = (
            f"{row['group']} ({row['group_name']}), from {row['invited_by']}"
            if "group" in row
            else row["username"]
        )
        common.console().print(
            f"{where}: as {row['name']} ({row['role']}) until {row['expires']}", markup=False
        )


@group_app.command("accept")
def accept(ctx: typer.Context, group: GroupArg) -> None:
    """Accept your invitation to a group: you join it (with --user)."""
    joined = answer_invitation(common.library(ctx), _slug(group), True)
    common.console().print(f"You joined {joined.name} ({joined.slug}).", markup=False)


@group_app.command("decline")
def decline(ctx: typer.Context, group: GroupArg) -> None:
    """Decline your invitation to a group (with --user)."""
    answer_invitation(common.library(ctx), _slug(group), False)
    common.console().print("Declined.")


@group_app.command("share")
def share(
    ctx: typer.Context,
    group: GroupArg,
    stop: Annotated[bool, typer.Option("--stop", help="Stop sharing.")] = False,
) -> None:
    """Share the open questions of your notes with a group's agendas (with --user; --stop to stop)."""
    share_questions(common.library(ctx), _slug(group), not stop)
    said = "no longer shares" if stop else "now shares"
    common.console().print(f"Your membership {said} the open questions of your notes.", markup=False)


def _schedule_rows(schedule: GroupSchedule) -> list[dict[str, Any]]:
    rows = []
    for m in schedule.meetings:
        rows.append(
            {
                "date": m.day.isoformat(),
                "starts_at": m.starts_at.isoformat(),
                "number": m.number,
                "skipped": m.skipped,
                "reason": m.skip_reason,
                "paper": m.reading.title if m.reading else None,
                "paper_slug": m.reading.paper_slug if m.reading else None,
                "entry": m.reading.entry_slug if m.reading else None,
                "presenter": m.presenter.name if m.presenter else None,
            }
        )
    return rows


@group_app.command("schedule")
def show_schedule(
    ctx: typer.Context,
    group: GroupArg,
    ics: Annotated[Path | None, typer.Option(help="Also write the schedule as an iCalendar file.")] = None,
    base_url: Annotated[str | None, typer.Option(help="Server URL to link each event's agenda.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the schedule: date, paper, presenter; skipped dates marked."""

    schedule = _schedule(ctx, group)
    if ics is not None:
        write_calendar(schedule, ics, base_url=base_url)
    if as_json:
        common.print_json(_schedule_rows(schedule))
        return

    g = schedule.group
    table = Table(title=f"{g.name} · {g.meet_time} {g.timezone}", title_justify="left")
    for column in ("#", "Date", "Paper", "Presenter"):
        table.add_column(column)
    for m in schedule.meetings:
        if m.skipped:
            table.add_row("", f"{m.day:%a %Y-%m-%d}", f"skipped {m.skip_reason}".strip(), "", style="dim")
        else:
            assert m.reading is not None
            table.add_row(
                str(m.number),
                f"{m.day:%a %Y-%m-%d}",
                m.reading.title,
                m.presenter.name if m.presenter else "—",
            )
    common.console().print(table, markup=False)
    if ics is not None:
        common.console().print(f"Calendar written to {ics}", markup=False)


@group_app.command("skip")
def skip(
    ctx: typer.Context,
    group: GroupArg,
    day: DayArg,
    reason: Annotated[str, typer.Option(help="Why (shown in the schedule and calendar).")] = "",
    undo: Annotated[bool, typer.Option(help="Meet on that date again.")] = False,
) -> None:
    """Skip a meeting date; later papers move one week back."""

    changed = skip_date(common.library(ctx), _slug(group), _day(day), reason, undo=undo)
    if changed:
        what = "meets again on" if undo else "skips"
    else:
        what = "already meets on" if undo else "already skips"
    common.console().print(f"The group {what} {day}.")


@group_app.command("agenda")
def agenda(
    ctx: typer.Context,
    group: GroupArg,
    day: Annotated[str | None, typer.Argument(help="Meeting date (default: the next meeting).")] = None,
    minutes: Annotated[int | None, typer.Option(help="Meeting length: 30, 45 or 60 (30-60).")] = None,
) -> None:
    """Print a meeting's timeboxed agenda as Markdown."""

    schedule = _schedule(ctx, group)
    if day is None:
        upcoming = schedule.upcoming(date.today())
        if upcoming is None:
            raise InvalidInputError(f"{schedule.group.name} has no meeting ahead; give a DATE")
        when = upcoming.day
    else:
        when = _day(day)
    built = build_agenda(common.library(ctx), schedule, when, minutes)
    typer.echo(agenda_markdown(built), nl=False)


@group_app.command("minutes")
def minutes_command(
    ctx: typer.Context,
    group: GroupArg,
    day: DayArg,
    notes: Annotated[str | None, typer.Option(help="The meeting notes (Markdown).")] = None,
    file: Annotated[
        Path | None, typer.Option(help="Read the meeting notes from a file ('-': stdin).")
    ] = None,
    decision: Annotated[list[str] | None, typer.Option(help="A decision taken (repeat).")] = None,
) -> None:
    """Record a meeting's notes and decisions; without options, print them."""

    lib, slug, when = common.library(ctx), _slug(group), _day(day)
    if notes is None and file is None and decision is None:
        view = open_meeting(lib, slug, when)
        record = view.record
        typer.echo(record.notes if record and record.notes else "(no notes yet)")
        for item in record.decisions if record else []:
            typer.echo(f"- decision: {item}")
        return
    text = notes if notes is not None else _read_text(file)
    if text is None or decision is None:
        current = open_meeting(lib, slug, when).record
        text = text if text is not None else (current.notes if current else "")
        decision = decision if decision is not None else (current.decisions if current else [])
    saved = record_minutes(lib, slug, when, text, decision)
    common.console().print(
        f"Minutes of {when} saved (version {saved.version}, {len(saved.decisions)} decisions)."
    )


def _read_text(file: Path | None) -> str | None:

    if file is None:
        return None
    if str(file) == "-":
        return sys.stdin.read()
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"cannot read {file}: {exc}") from None


@group_app.command("attend")
def attend(
    ctx: typer.Context,
    group: GroupArg,
    day: DayArg,
    present: Annotated[list[str] | None, typer.Argument(help="Members who were there.")] = None,
    absent: Annotated[list[str] | None, typer.Option(help="A member who was not there (repeat).")] = None,
) -> None:
    """Record who attended a meeting."""

    marks = record_attendance(common.library(ctx), _slug(group), _day(day), present or [], absent or [])
    there = [n for n, p in marks.items() if p]
    common.console().print(
        f"{len(there)} of {len(marks)} marked present: {', '.join(there) or '—'}", markup=False
    )


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
"""This module's top-level commands (see :mod:`paperpass.cli.registry`)."""
cli.add_typer(group_app, name="group")
