"""``paperpass read``, ``log``, ``pass-done`` and ``progress``: the three passes on the command line."""

from __future__ import annotations

import select
import sys

import typer
from rich.console import RenderableType
from rich.live import Live
from rich.markdown import Markdown
from rich.progress_bar import ProgressBar
from rich.table import Table

from paperpass import reading
from paperpass.cli import common
from paperpass.cli.guide import STATUS_STYLE
from paperpass.library import Library, get_paper
from paperpass.models import Paper

STATE_STYLE = {"under": "cyan", "within": "green", "over": "yellow"}
PASS_OPTION = typer.Option(..., "--pass", "-p", min=1, max=3, help="The pass: 1, 2 or 3.")


def _clock_minutes(minutes: float) -> str:
    total = int(minutes * 60)
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


def timer_view(timer: reading.PassTimer, number: int) -> RenderableType:
    """The live timer: elapsed time, a bar against the budget, and where it stands (over is not red)."""

    low, high = timer.budget
    minutes = timer.minutes()
    state = timer.state()
    words = {
        "under": f"{low - minutes:.0f} min to the budget's low end",
        "within": "within budget",
        "over": f"{minutes - high:.0f} min over the {high}-minute budget — fine, it is noted",
    }[state]
    grid = Table.grid(padding=(0, 1))
    grid.add_row(
        f"[bold]Pass {number}[/bold]",
        f"[bold {STATE_STYLE[state]}]{_clock_minutes(minutes)}[/]",
        ProgressBar(total=high, completed=min(minutes, high), width=30, complete_style=STATE_STYLE[state]),
        f"[dim]budget {low}-{high} min · {words}[/dim]",
    )
    grid.add_row("", "[dim]Enter stops and logs the session (Ctrl-C too)[/dim]", "", "")
    return grid


def _wait_for_enter(seconds: float = 0.5) -> bool:
    """True when the reader pressed Enter (or stdin ended); False after ``seconds`` without input."""

    try:
        ready, _, _ = select.select([sys.stdin], [], [], seconds)
    except (OSError, ValueError, TypeError, AttributeError):
        sys.stdin.readline()  # stdin that cannot be polled (a test runner's buffer): wait for a line
        return True
    if ready:
        sys.stdin.readline()
        return True
    return False


def _run_timer(lib: Library, paper: Paper, number: int, budget: tuple[int, int]) -> None:
    timer = reading.PassTimer.start(budget)
    console = common.console()
    with Live(timer_view(timer, number), console=console, refresh_per_second=4, transient=False) as live:
        result = reading.run_timed_session(
            lib,
            paper,
            number,
            timer,
            wait=_wait_for_enter,
            on_tick=lambda t: live.update(timer_view(t, number)),
        )
    how = " (interrupted)" if result.interrupted else ""
    if result.session is None:
        console.print(f"Nothing logged: the timer ran {result.minutes * 60:.0f} s, under half a minute{how}.")
        return
    console.print(f"Logged {result.session.minutes:.1f} min of pass {number} on {paper.slug}{how}.")


def _print_completion(done: reading.Completion, paper: Paper, number: int) -> None:
    console = common.console()
    if done.completed and done.forced:
        console.print(
            f"[yellow]Pass {number} of {paper.slug} marked complete with --force[/yellow] (logged)."
        )
        for item in done.check.missing:
            console.print(f"  [dim]missing: {item}[/dim]")
    elif done.completed:
        console.print(f"[green]Pass {number} of {paper.slug} complete[/green]: exit criteria met.")
    else:
        err = common.console(stderr=True)
        err.print(f"Pass {number} of {paper.slug} is not complete yet; missing:")
        for item in done.check.missing:
            err.print(f"  - {item}")
        err.print("(write them in the note, or use --force to mark it complete anyway)")
        raise typer.Exit(1)


def read(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help="Paper slug or id (arXiv id, DOI ... work too)."),
    number: int = PASS_OPTION,
    minutes: float = typer.Option(
        None, "--minutes", "-m", help="Log this many minutes instead of the timer."
    ),
    complete: bool = typer.Option(False, "--complete", help="Afterwards, mark the pass complete."),
    force: bool = typer.Option(
        False, "--force", help="With --complete: override the exit criteria (logged)."
    ),
) -> None:
    """Show what a pass reads, time it against the pass's budget, and log the session."""

    lib = common.library(ctx)
    paper = get_paper(lib, slug)
    plan = reading.pass_plan(lib, paper, number)
    common.console().print(Markdown(plan.to_markdown()))
    if minutes is not None:
        session = reading.log_minutes(lib, paper, number, minutes)
        common.console().print(f"Logged {session.minutes:g} min of pass {number} on {paper.slug}.")
    else:
        _run_timer(lib, paper, number, plan.budget)
    if complete:
        _complete(lib, paper, number, force)


def _complete(lib: Library, paper: Paper, number: int, force: bool) -> None:
    _print_completion(reading.complete_pass(lib, paper, number, force=force), paper, number)


def log(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help="Paper slug or id."),
    number: int = PASS_OPTION,
    minutes: float = typer.Option(..., "--minutes", "-m", help="Minutes read (on paper, on a tablet ...)."),
    note: str = typer.Option("", "--note", help="A word on the session, kept in the log."),
) -> None:
    """Record a reading session done elsewhere."""

    lib = common.library(ctx)
    paper = get_paper(lib, slug)
    session = reading.log_minutes(lib, paper, number, minutes, note=note)
    common.console().print(f"Logged {session.minutes:g} min of pass {number} on {paper.slug}.")


def pass_done(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help="Paper slug or id."),
    number: int = typer.Argument(..., min=1, max=3, help="The pass to mark complete: 1, 2 or 3."),
    force: bool = typer.Option(False, "--force", help="Mark it complete even if exit criteria are unmet."),
) -> None:
    """Mark a pass complete once its exit criteria are met (exit status 1 lists what is missing)."""

    lib = common.library(ctx)
    _complete(lib, get_paper(lib, slug), number, force)


def _minutes_cell(minutes: float, budget: tuple[int, int]) -> str:
    if not minutes:
        return "[dim]—[/dim]"
    return f"[{STATE_STYLE[reading.budget_state(minutes, budget)]}]{minutes:g}[/]"


def progress(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print progress as JSON.")
) -> None:
    """Progress per category and top-15 item: pass reached, minutes per pass vs budget, weekly reading."""

    result = reading.reading_progress(common.library(ctx))
    if as_json:
        common.print_json(result.as_json())
        return
    budgets = result.budgets
    heads = [f"Pass {n} ({budgets[n][0]}-{budgets[n][1]} min)" for n in (1, 2, 3)]
    table = Table(title="By category")
    for head in ["Category", "Started", *heads]:
        table.add_column(head, justify="left" if head == "Category" else "right")
    for c in result.categories:
        table.add_row(
            c.category.name, f"{c.started}/{len(c.entries)}", *(f"{c.minutes[n]:g}" for n in (1, 2, 3))
        )
    top = Table(title="Top 15 for interviews (minutes per paper vs the pass budget)")
    for head in ["#", "Paper", "Reached", *heads]:
        top.add_column(head, justify="left" if head in ("Paper", "Reached") else "right")
    for row in result.checklist:
        mark, style = STATUS_STYLE[row.status]
        cells = [_minutes_cell(row.minutes[n], budgets[n]) for n in (1, 2, 3)]
        top.add_row(str(row.item.number), row.item.label, f"[{style}]{mark} {row.status}[/]", *cells)
    console = common.console()
    console.print(table)
    console.print(top)
    weeks = [w.minutes for w in result.weekly]
    console.print(
        f"Reading per week (last {len(weeks)}): {reading.sparkline(weeks)}  this week {weeks[-1]:g} min · "
        f"total {result.total_minutes:g} min in {result.sessions} sessions"
    )


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
"""This module's top-level commands (see :mod:`paperpass.cli.registry`)."""
cli.command("read")(read)
cli.command("log")(log)
cli.command("pass-done")(pass_done)
cli.command("progress")(progress)
