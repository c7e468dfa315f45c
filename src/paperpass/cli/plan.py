"""Interview study plans and comparisons on the command line: ``paperpass plan``, ``today``, ``compare``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from paperpass.cli import common
from paperpass.errors import InvalidInputError
from paperpass.plan import (
    FIELDS,
    Comparison,
    PlanDay,
    StudyPlan,
    compare_papers,
    current_plan,
    hours,
    local_today,
    make_plan,
    plan_json,
    presets,
    to_markdown,
    write_plan_calendar,
)
from paperpass.plan import drill as drill_comparison
from paperpass.plan import replan as replan_from_today

MISSED = "{} item(s) of earlier days are not done: `paperpass plan --replan` moves them."


def _date(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(f"{what}: not a date: {text!r} (use YYYY-MM-DD)") from None


def _focus(values: list[str]) -> list[str]:
    return [word for value in values for word in value.replace(",", " ").split()]


def plan(
    ctx: typer.Context,
    interview: str | None = typer.Option(None, "--interview", help="The interview date, YYYY-MM-DD."),
    hours_per_day: float | None = typer.Option(None, "--hours-per-day", help="Hours a day you can study."),
    focus: list[str] = typer.Option([], "--focus", help="top15 (default), all, or a category (repeatable)."),
    replan: bool = typer.Option(False, "--replan", help="Re-plan the stored plan from today (a missed day)."),
    ics: Path | None = typer.Option(None, "--ics", help="Also write the plan as an iCalendar file."),
    as_json: bool = typer.Option(False, "--json", help="Print the plan as JSON."),
    on: str | None = typer.Option(None, "--today", help="Plan as if today were this date (YYYY-MM-DD)."),
) -> None:
    """Build a day-by-day plan to the interview (or show the stored one): passes, practice, mocks, slack."""

    lib = common.library(ctx)
    day = _date(on, "--today") or local_today()
    when = _date(interview, "--interview")
    if when is not None:
        if hours_per_day is None:
            raise InvalidInputError("--hours-per-day is needed with --interview")
        made = make_plan(lib, interview=when, hours_per_day=hours_per_day,
                                 focus=_focus(focus), today=day)  # fmt: skip
    elif replan:
        made = replan_from_today(lib, today=day, hours_per_day=hours_per_day)
    else:
        made = current_plan(lib, today=day)
    if ics is not None:
        written = write_plan_calendar(made, ics)
        typer.echo(f"wrote {written}", err=as_json)
    if as_json:
        common.print_json(plan_json(made, day))
        return
    _print_plan(made, day)


def _mark(done: bool) -> str:
    return "[green]✓[/green]" if done else "·"


def _print_day(d: PlanDay, today: date) -> None:
    out = common.console()
    label = f"{d.day:%a %Y-%m-%d}" + ("  [bold](today)[/bold]" if d.day == today else "")
    if d.kind == "slack":
        out.print(f"{label}  [dim]slack: kept free to catch up[/dim]")
    else:
        out.print(f"{label}  [dim]{hours(d.minutes)}{' · mock day' if d.kind == 'mock' else ''}[/dim]")
    for item in d.items:
        star = " ★" if item.top15 and item.kind == "read" else ""
        out.print(f"  {_mark(item.done)} {escape(item.title)}{star} [dim]({item.minutes} min)[/dim]")
        if item.pass_open:
            out.print(f"    [dim]time logged; pass {item.pass_number} is complete once `paperpass pass-done` "
                      "accepts it (its exit criteria)[/dim]")  # fmt: skip
    for meeting in d.meetings:
        out.print(f"  [cyan]◆[/cyan] {escape(meeting.title)}", soft_wrap=True)


def _print_plan(made: StudyPlan, today: date) -> None:
    out = common.console()
    out.print(
        f"[bold]Study plan to the interview on {made.interview:%a %Y-%m-%d}[/bold] "
        f"({len(made.days)} days, {made.hours_per_day:g} h a day, focus: {', '.join(made.focus)})"
    )
    for line in made.report.summary():
        out.print(escape(line))
    out.print("")
    for d in made.days:
        _print_day(d, today)
    missed = made.missed(today)
    if missed:
        out.print(f"\n{MISSED.format(len(missed))}")


def today(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print today's items as JSON."),
    on: str | None = typer.Option(None, "--today", help="Show this date instead (YYYY-MM-DD)."),
) -> None:
    """Today's items of the study plan, ticked off as reading sessions, practice and mocks are logged."""

    day = _date(on, "--today") or local_today()
    made = current_plan(common.library(ctx), today=day)
    current = made.day(day)
    missed = made.missed(day)
    if as_json:
        items = current.items if current else []
        common.print_json({"day": day.isoformat(), "kind": current.kind if current else None,
                           "items": [i.as_json() for i in items],
                           "meetings": [m.as_json() for m in current.meetings] if current else [],
                           "missed": [i.as_json() for i in missed]})  # fmt: skip
        return
    if current is None:
        typer.echo(f"{day.isoformat()} is not a day of the plan (it runs {made.starts_on} to "
                   f"{made.interview}).")  # fmt: skip
    else:
        _print_day(current, day)
        left = [i for i in current.items if not i.done]
        if current.items and not left:
            typer.echo("All done for today.")
    if missed:
        typer.echo(MISSED.format(len(missed)))


def compare(
    ctx: typer.Context,
    slugs: list[str] = typer.Argument(None, help="Two or more guide entries (slug, number or short name)."),
    preset: str | None = typer.Option(None, "--preset", help="A preset (run without arguments to list)."),
    markdown: Path | None = typer.Option(None, "--markdown", help="Write a Markdown handout ('-': stdout)."),
    drill: bool = typer.Option(False, "--drill", help="Put the comparative questions in today's practice."),
    as_json: bool = typer.Option(False, "--json", help="Print the comparison as JSON."),
) -> None:
    """Papers side by side: note fields (the guide's facts where empty), year, category, linking questions."""

    if not slugs and preset is None:
        for p in presets():
            typer.echo(f"{p.slug:26} {p.title}")
        return
    lib = common.library(ctx)
    found = compare_papers(lib, list(slugs or []), preset=preset)
    if markdown is not None:
        text = to_markdown(found)
        if str(markdown) == "-":
            typer.echo(text, nl=False)
        else:
            markdown.expanduser().write_text(text, encoding="utf-8")
            typer.echo(f"wrote {markdown}", err=True)
    if drill:
        count = drill_comparison(lib, found)
        typer.echo(f"{count} comparative question(s) are due now: `paperpass practice`", err=as_json)
    if as_json:
        common.print_json(found.as_json())
    elif markdown is None or str(markdown) != "-":
        _print_comparison(found)


def _print_comparison(found: Comparison) -> None:
    table = Table(title=escape(found.title), show_lines=True)
    table.add_column("")
    for c in found.columns:
        table.add_column(escape(c.name))
    table.add_row("year", *[str(c.year or "—") for c in found.columns])
    table.add_row("category", *[escape(c.category) for c in found.columns])
    for key, heading in FIELDS:
        cells = []
        for c in found.columns:
            cell = c.cells[key]
            tag = " [dim](guide)[/dim]" if cell.source == "guide" and c.slug else ""
            cells.append(escape(cell.text or "—") + tag)
        table.add_row(heading, *cells)
    out = common.console()
    out.print(table)
    if found.questions:
        out.print("[bold]Questions that link them[/bold]")
        for q in found.questions:
            out.print(f"  • {escape(q.prompt)}")


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
"""This module's top-level commands (see :mod:`paperpass.cli.registry`)."""
cli.command("plan")(plan)
cli.command("today")(today)
cli.command("compare")(compare)
