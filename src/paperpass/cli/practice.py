"""Interview practice on the command line: ``paperpass questions``, ``questions add``, ``practice``, ``mock``,
``ready`` and ``anki export``."""

from __future__ import annotations

import sys
import time
from datetime import timedelta
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from paperpass.catalog import find_entry
from paperpass.cli import common
from paperpass.config import Settings
from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.models import Question
from paperpass.practice.anki import export_anki
from paperpass.practice.exact import answer_exact, card_for_question, questions_json
from paperpass.practice.judges import CoverageJudge, PointVerdict
from paperpass.practice.judging import make_judge
from paperpass.practice.mock import (
    ROLE_NAMES,
    MockInterview,
    answer_question,
    get_mock,
    report_json,
    show_question,
    start_mock,
)
from paperpass.practice.questions import add_question, list_questions, sync_bank
from paperpass.practice.readiness import Readiness, ReadinessReport, readiness_report
from paperpass.practice.scheduling import parse_rating, practice_queue, review

questions_app = typer.Typer(help="The interview question bank: the guide's, your notes' and your own.")
anki_app = typer.Typer(help="Anki interop.")


def _minutes(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


@questions_app.callback(invoke_without_command=True)
def questions(
    ctx: typer.Context,
    as_json: bool = typer.Option(
        False, "--json", help="Print {id, key, kind, entries, prompt, reference_points, ...}."
    ),
    kind: str | None = typer.Option(
        None, help="Only this kind: specific, comparative, open, scenario, cloze, choice, note, user."
    ),
    entry: str | None = typer.Option(None, help="Only questions about this guide entry (slug or number)."),
) -> None:
    """List the question bank, with each question's reference points in --json."""
    if ctx.invoked_subcommand is not None:
        return

    lib = common.library(ctx)
    found = list_questions(lib, kind=kind, entry=entry)
    if as_json:
        common.print_json(questions_json(lib.catalog, found))
        return
    table = Table(title=f"{len(found)} questions")
    table.add_column("id", justify="right")
    table.add_column("kind")
    table.add_column("question")
    table.add_column("entries")
    for q in found:
        table.add_row(str(q.id), q.kind, escape(q.prompt), ", ".join(q.entries))
    common.console().print(table)


@questions_app.command("add")
def questions_add(
    ctx: typer.Context,
    prompt: str = typer.Argument(..., help="The question, in quotes."),
    point: list[str] = typer.Option([], "--point", "-p", help="A reference point (repeat for several)."),
    entry: list[str] = typer.Option([], "--entry", "-e", help="A guide entry it is about (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print the new question as JSON."),
) -> None:
    """Add a question of your own, with the reference points a good answer covers."""

    added = add_question(common.library(ctx), prompt, point, entry)
    if as_json:
        common.print_json(added.as_json())
    else:
        typer.echo(f"added question {added.id} ({len(added.reference_points)} reference points)")


class _EndOfInput(Exception):
    """The user closed the input (Ctrl-D) or asked to stop."""


def _read_answer(label: str) -> str:
    """Lines typed until an empty line; EOF before anything ends the session."""
    typer.echo(label)
    stream = sys.stdin  # CliRunner swaps it in tests
    lines: list[str] = []
    while True:
        line = stream.readline()
        if not line:
            if not lines:
                raise _EndOfInput
            break
        if not line.strip():
            break
        lines.append(line.rstrip("\n"))
    return "\n".join(lines)


def _print_points(points: list[str], verdicts: list[PointVerdict] | None) -> None:

    out = common.console()
    for number, point in enumerate(points):
        if verdicts is None:
            out.print(f"  • {escape(point)}")
        elif verdicts[number].covered:
            out.print(f"  [green]✓ {escape(point)}[/green]")
        elif verdicts[number].verdict == "unsure":
            out.print(f"  [yellow]? {escape(point)}[/yellow]")
        else:
            out.print(f"  [red]✗ {escape(point)}[/red]")


def _judge(settings: Settings) -> CoverageJudge:

    judge = make_judge(settings, notify=lambda message: typer.echo(message, err=True))
    if judge.name == "semantic":
        typer.echo("(the semantic judge loads its model on the first answer: a few seconds)", err=True)
    return judge


def _ask_rating() -> int | None:

    while True:
        text = typer.prompt(
            "Rate 1 again · 2 hard · 3 good · 4 easy · q quit", default="", show_default=False
        )
        if text.strip().lower() in {"q", "quit"}:
            return None
        try:
            return int(parse_rating(text))
        except InvalidInputError as error:
            typer.echo(error.message, err=True)


def _practise_one(lib: Library, question: Question, judge: CoverageJudge | None, label: str) -> bool:
    """Ask, reveal, rate one card; False when the user quits."""

    about = f"{question.kind} · {', '.join(question.entries)}"
    common.console().print(f"\n[bold]{label}[/bold] [dim]{about}[/dim]")
    if question.kind in {"cloze", "choice"}:
        return _practise_exact(lib, question)
    common.console().print(escape(question.prompt))
    started = time.monotonic()
    answer = _read_answer("Type your answer (or just think it), then an empty line to reveal:")
    verdicts = judge.judge(answer, question.reference_points) if judge and answer.strip() else None
    typer.echo("Reference points" + (" (✓ covered, ✗ missed, ? unsure: a hint):" if verdicts else ":"))
    _print_points(question.reference_points, verdicts)
    rating = _ask_rating()
    if rating is None:
        return False

    outcome = review(lib, question.id or 0, parse_rating(rating),
                     answer=answer, covered=[v.covered for v in verdicts or []],
                     duration_ms=int((time.monotonic() - started) * 1000))  # fmt: skip
    typer.echo(f"next review in {_interval(outcome.interval_days)}")
    return True


def _practise_exact(lib: Library, question: Question) -> bool:
    """Ask a cloze or choice card, grade the answer and schedule it from correctness and time."""
    card = card_for_question(lib.catalog, question)
    out = common.console()
    out.print(escape(question.prompt))
    for number, option in enumerate(card.options, start=1):
        out.print(f"  [bold]{number}[/bold]  {escape(option.text)}")
    hint = "Fill the blank (q to stop):"
    if card.options:
        hint = f"Your choice (1-{len(card.options)}, q to stop):"
    started = time.monotonic()
    while True:
        typer.echo(hint)
        line = sys.stdin.readline()  # CliRunner swaps stdin in tests
        if not line:
            raise _EndOfInput
        if line.strip().lower() in {"q", "quit"}:
            return False
        try:
            elapsed = int((time.monotonic() - started) * 1000)
            result = answer_exact(lib, question.id or 0, line.strip(), duration_ms=elapsed)
        except InvalidInputError as error:
            typer.echo(error.message, err=True)
            continue
        break
    verdict = result.verdict
    if verdict.correct:
        note = "" if verdict.how == "exact" else f" ({verdict.how})"
        out.print(f"[green]✓ right{escape(note)}[/green]: {escape(card.fact.answer)}")
    else:
        given = f"you answered {escape(verdict.given)}; " if verdict.given else ""
        out.print(f"[red]✗ {given}the answer is {escape(card.fact.answer)}[/red]")
    out.print(f"  {escape(card.fact.sentence)}")
    typer.echo(f"rated {result.rating.name} · next review in {_interval(result.interval_days)}")
    return True


def _interval(days: float) -> str:
    if days < 1 / 24:
        return f"{max(1, round(days * 1440))} min"
    if days < 1:
        return f"{round(days * 24)} h"
    return f"{round(days)} days"


def practice(
    ctx: typer.Context,
    new: int = typer.Option(10, "--new", min=0, help="New questions to add after the due ones."),
    limit: int = typer.Option(50, "--limit", min=1, help="At most this many cards in the session."),
    entry: str | None = typer.Option(None, help="Only questions about this guide entry."),
    kind: str | None = typer.Option(
        None, help="Only this kind of card, e.g. cloze or choice (graded and scheduled for you), scenario."
    ),
) -> None:
    """Today's due cards, then new ones: open cards you rate, cloze and choice cards graded for you.

    A cloze or choice card's rating comes from correctness and time (see docs/cli.md).
    """
    lib = common.library(ctx)
    slug = find_entry(lib.catalog, entry).slug if entry else None
    sync_bank(lib)
    queue = practice_queue(lib, new_limit=new, entry=slug, kind=kind)[:limit]
    if not queue:
        typer.echo("Nothing due. Come back later, or add new questions with --new.")
        return
    judge = _judge(lib.settings)
    done = 0
    try:
        for number, question in enumerate(queue, start=1):
            if not _practise_one(lib, question, judge, f"[{number}/{len(queue)}]"):
                break
            done += 1
    except (_EndOfInput, typer.Abort):
        typer.echo("")
    typer.echo(f"{done} card{'s' if done != 1 else ''} reviewed; every review is saved.")


def mock(
    ctx: typer.Context,
    minutes: int = typer.Option(45, "--minutes", "-m", help="Length of the interview (4-180 minutes)."),
    entry: str | None = typer.Option(None, help="The top-15 paper to discuss (default: one at random)."),
    seed: int | None = typer.Option(None, help="Random seed, to replay the same interview."),
    as_json: bool = typer.Option(False, "--json", help="Print the final report as JSON."),
) -> None:
    """A timed mock interview: a paper, a follow-up on its limitations, a comparison, an open question."""

    lib = common.library(ctx)
    judge = _judge(lib.settings)
    mock_id = start_mock(lib, minutes, judge.name, entry=entry, seed=seed)
    typer.echo(
        f"Mock interview {mock_id}: {minutes} minutes, four questions. End each answer with an empty line."
    )
    try:
        _run_mock(lib, mock_id, judge)
    except (_EndOfInput, typer.Abort):
        typer.echo("\nInterview stopped; the answers given so far are saved.")
    interview = get_mock(lib, mock_id)
    if as_json:
        common.print_json(report_json(interview))
    else:
        _print_report(interview)


def _run_mock(lib: Library, mock_id: int, judge: CoverageJudge) -> None:

    while (item := show_question(lib, mock_id)) is not None:
        deadline = item.started_at or item.answered_at
        clock = (
            (deadline + timedelta(seconds=item.budget_seconds)).astimezone().strftime("%H:%M")
            if deadline
            else ""
        )
        common.console().print(
            f"\n[bold]{item.position}/4 · {ROLE_NAMES[item.role]}[/bold] "
            f"[yellow]⏱ {_minutes(item.budget_seconds)} (until {clock})[/yellow]"
        )
        common.console().print(escape(item.question.prompt))
        answer = _read_answer("Your answer:")
        judged = answer_question(lib, judge, mock_id, item.position, answer)
        over = (judged.seconds or 0) > judged.budget_seconds
        typer.echo(f"answered in {_minutes(judged.seconds)} of {_minutes(judged.budget_seconds)}"
                   + (" — over time" if over else ""))  # fmt: skip
        typer.echo(
            f"Reference points ({len(judged.covered)}/{len(judged.verdicts)} covered, judge: {judge.name}):"
        )
        _print_points(judged.question.reference_points, judged.verdicts)


def _print_report(interview: MockInterview) -> None:

    table = Table(
        title=f"Mock interview {interview.id}: {interview.points_covered}/{interview.points_total} points"
    )
    for column in ("#", "question", "time", "covered"):
        table.add_column(column)
    for item in interview.items:
        covered = f"{len(item.covered)}/{len(item.verdicts)}" if item.answered else "not answered"
        time = f"{_minutes(item.seconds)} / {_minutes(item.budget_seconds)}"
        table.add_row(str(item.position), escape(item.question.prompt), time, covered)
    out = common.console()
    out.print(table)
    review = interview.to_review()
    if review:
        out.print("[bold]To review[/bold]")
        for item, missed in review:
            out.print(f"  {escape(item.question.prompt)} [dim]({', '.join(item.question.entries)})[/dim]")
            for point in missed:
                out.print(f"    ✗ {escape(point)}")


def ready(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print the report as JSON.")
) -> None:
    """How ready you are: per top-15 item and category, an overall figure, and what to do next."""

    report = readiness_report(common.library(ctx))
    if as_json:
        common.print_json(report.as_json())
        return
    _print_readiness(report)


def _bar(score: float, width: int = 20) -> str:
    filled = round(score * width)
    return "█" * filled + "·" * (width - filled)


def _readiness_table(title: str, rows: list[Readiness]) -> object:

    table = Table(title=title)
    for column in ("item", "pass", "note", "recall", "last practised", "readiness"):
        table.add_column(column)
    for r in rows:
        last = r.last_practised.astimezone().strftime("%Y-%m-%d") if r.last_practised else "never"
        note = "✓" if r.note_complete else "·"
        table.add_row(
            r.label, f"{r.pass_reached}/3", note, f"{r.recall:.0%}", last, f"{_bar(r.score)} {r.score:.0%}"
        )
    return table


def _print_readiness(report: ReadinessReport) -> None:
    out = common.console()
    out.print(_readiness_table("Top 15", report.items))
    out.print(_readiness_table("Categories", report.categories))
    out.print(f"[bold]Overall readiness: {report.overall:.0%}[/bold]")
    out.print(f"[dim]{report.definition}[/dim]")
    out.print("[bold]Next steps[/bold]")
    for item in report.next_steps:
        out.print(f"  • {item.next_step()}")


@anki_app.command("export")
def anki_export(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="The .apkg file to write (replaced if it exists)."),
) -> None:
    """Export the question bank and note cards as an Anki deck; re-importing updates, never duplicates."""

    result = export_anki(common.library(ctx), file)
    typer.echo(f"wrote {result.notes} notes to {result.path}")


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
"""This module's top-level commands (see :mod:`paperpass.cli.registry`)."""
cli.add_typer(questions_app, name="questions")
cli.command("practice")(practice)
cli.command("mock")(mock)
cli.command("ready")(ready)
cli.add_typer(anki_app, name="anki")
