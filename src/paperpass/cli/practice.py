"""Interview practice on the command line: ``paperpass questions``, ``questions add``, ``practice``, ``mock``,
``ready`` and ``anki export``."""

from __future__ import annotations

import sys
import time
from collections.abc import Collection
from datetime import timedelta
from pathlib import Path

import typer
from fsrs import Rating
from rich.markup import escape
from rich.table import Table

from paperpass.catalog import find_entry
from paperpass.cli import common
from paperpass.config import Settings
from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.models import Question
from paperpass.plan import Readiness, ReadinessReport, readiness_report
from paperpass.practice import (
    ROLE_NAMES,
    Grader,
    MockInterview,
    MockItem,
    PointGrade,
    add_question,
    answer_exact,
    answer_question,
    card_for_question,
    export_anki,
    get_mock,
    list_questions,
    make_grader,
    mark_answer,
    parse_rating,
    practice_queue,
    proposed_rating,
    questions_json,
    report_json,
    reveal,
    review,
    show_question,
    start_mock,
    sync_bank,
)

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


HINT_SIGNS = {"covered": ("✓", "green"), "missed": ("✗", "red"), "unsure": ("?", "yellow")}
MARK_SIGNS = {"covered": ("✓", "green"), "shaky": ("~", "yellow"), "missed": ("✗", "red")}


def _print_points(
    points: list[str],
    grades: list[PointGrade] | None,
    marks: list[str] | None = None,
    flagged: Collection[str] = (),
) -> None:
    """The numbered points, each with the user's mark (when given) and the grader's hint beside it."""
    out = common.console()
    for number, point in enumerate(points, start=1):
        line = f"  [bold]{number}[/bold]. "
        if marks is not None:
            sign, colour = MARK_SIGNS[marks[number - 1]]
            line += f"[{colour}]{sign}[/{colour}] "
        line += escape(point)
        if point in flagged:
            line += " [dim](missed last time)[/dim]"
        out.print(line)
        grade = grades[number - 1] if grades else None
        if grade is not None:
            sign, colour = HINT_SIGNS[grade.verdict]
            said = f' "{escape(grade.evidence)}"' if grade.evidence else ""
            why = f" [dim]({escape(grade.reason)})[/dim]" if grade.reason else ""
            out.print(f"       [{colour}]hint: {sign} {grade.verdict}[/{colour}]{said}{why}")


def _grader(settings: Settings) -> Grader:
    """One grader for the whole command: the LLM grader says once, on stderr, what it sends where."""
    grader = make_grader(settings, notify=lambda message: typer.echo(message, err=True))
    if grader.name == "semantic":
        typer.echo("(the semantic judge loads its model on the first answer: a few seconds)", err=True)
    return grader


def parse_ticks(text: str, count: int, *, shaky: bool = False) -> list[str]:
    """The marks typed for ``count`` points: numbers of the covered points ("1 3", "1,3"), "a" for all,
    nothing for none; with ``shaky``, "2?" marks point 2 shaky.

    Raises:
        InvalidInputError: a number out of range, or anything else.
    """
    words = text.replace(",", " ").split()
    if [w.lower() for w in words] in (["a"], ["all"]):
        return ["covered"] * count
    marks = ["missed"] * count
    for word in words:
        unsure = shaky and word.endswith("?")
        number = word[:-1] if unsure else word
        if not (number.isascii() and number.isdigit()) or not 1 <= int(number) <= count:
            extra = ", 2? for shaky" if shaky else ""
            raise InvalidInputError(
                f"not a point: {word!r} (type numbers from 1 to {count}{extra}, a for all)"
            )
        marks[int(number) - 1] = "shaky" if unsure else "covered"
    return marks


def _read_line(label: str) -> str:
    typer.echo(label)
    line = sys.stdin.readline()  # CliRunner swaps stdin in tests
    if not line:
        raise _EndOfInput
    return line.strip()


def _ask_ticks(count: int, *, shaky: bool = False) -> list[str] | None:
    """The user's marks on ``count`` points (None when they quit)."""
    extra = ", 2? if shaky" if shaky else ""
    while True:
        text = _read_line(f"Which points did you cover? Their numbers (e.g. 1 3{extra}), a = all, "
                          "Enter = none, q = quit:")  # fmt: skip
        if text.lower() in {"q", "quit"}:
            return None
        try:
            return parse_ticks(text, count, shaky=shaky)
        except InvalidInputError as error:
            typer.echo(error.message, err=True)


def _ask_rating(proposed: Rating, ticked: int, total: int) -> Rating | None:
    """The proposed rating, kept with Enter or changed (1-4 or a name); None when the user quits."""
    while True:
        text = _read_line(f"Proposed: {proposed.name} ({ticked} of {total} points). Enter keeps it; "
                          "or 1 again · 2 hard · 3 good · 4 easy · q quit:")  # fmt: skip
        if not text:
            return proposed
        if text.lower() in {"q", "quit"}:
            return None
        try:
            return parse_rating(text)
        except InvalidInputError as error:
            typer.echo(error.message, err=True)


def _practise_one(lib: Library, question: Question, grader: Grader, label: str) -> bool:
    """Ask, reveal with hints, let the user tick the points covered and confirm the rating; False on quit."""
    about = f"{question.kind} · {', '.join(question.entries)}"
    common.console().print(f"\n[bold]{label}[/bold] [dim]{about}[/dim]")
    if question.kind in {"cloze", "choice"}:
        return _practise_exact(lib, question)
    common.console().print(escape(question.prompt))
    started = time.monotonic()
    answer = _read_answer("Type your answer (or just think it), then an empty line to reveal:")
    elapsed = int((time.monotonic() - started) * 1000)
    shown = reveal(lib, grader, question.id or 0, answer)
    points = question.reference_points
    hint = f" — hints from the {grader.name} grader; they tick nothing for you" if shown.grades else ""
    typer.echo(f"Reference points{hint}:")
    _print_points(points, shown.grades, flagged=shown.missed_last_time)
    marks = _ask_ticks(len(points))
    if marks is None:
        return False
    ticked = [m == "covered" for m in marks]
    rating = _ask_rating(proposed_rating(ticked, elapsed), sum(ticked), len(points))
    if rating is None:
        return False
    outcome = review(lib, question.id or 0, rating, answer=shown.answer, ticked=ticked,
                     hints=[g.verdict for g in shown.grades or []], duration_ms=elapsed)  # fmt: skip
    typer.echo(f"rated {rating.name} · next review in {_interval(outcome.interval_days)}")
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
    """Due cards, then new ones: tick the points you covered; cloze and choice cards grade themselves.

    After an open card's answer, tick the reference points it covered (the grader's hints are shown beside
    them, ticking nothing); the rating is proposed from the ticks and can be changed. A cloze or choice
    card's rating comes from correctness and time (see docs/cli.md).
    """
    lib = common.library(ctx)
    slug = find_entry(lib.catalog, entry).slug if entry else None
    sync_bank(lib)
    queue = practice_queue(lib, new_limit=new, entry=slug, kind=kind)[:limit]
    if not queue:
        typer.echo("Nothing due. Come back later, or add new questions with --new.")
        return
    grader = _grader(lib.settings)
    done = 0
    try:
        for number, question in enumerate(queue, start=1):
            if not _practise_one(lib, question, grader, f"[{number}/{len(queue)}]"):
                break
            done += 1
    except (_EndOfInput, typer.Abort):
        typer.echo("")
    typer.echo(f"{done} card{'s' if done != 1 else ''} reviewed; every review is saved.")


def mock(
    ctx: typer.Context,
    minutes: int = typer.Option(45, "--minutes", "-m", help="Length of the interview (5-180 minutes)."),
    entry: str | None = typer.Option(None, help="The top-15 paper to discuss (default: one at random)."),
    seed: int | None = typer.Option(None, help="Random seed, to replay the same interview."),
    as_json: bool = typer.Option(False, "--json", help="Print the final report as JSON."),
) -> None:
    """A timed mock interview that reacts: follow-ups on what you missed; missed points become cards.

    Four planned questions (a specific one on a top-15 paper, its limitations, a comparison, an open
    question). After each answer, mark the points you covered (the grader's hints are shown beside them);
    a point you missed or were shaky on gets a follow-up and becomes a card due for practice today.
    """
    lib = common.library(ctx)
    grader = _grader(lib.settings)
    mock_id = start_mock(lib, minutes, grader.name, entry=entry, seed=seed)
    typer.echo(f"Mock interview {mock_id}: {minutes} minutes, four questions and follow-ups on what you "
               "miss. End each answer with an empty line.")  # fmt: skip
    try:
        _run_mock(lib, mock_id, grader)
    except (_EndOfInput, typer.Abort):
        typer.echo("\nInterview stopped; the answers given so far are saved.")
    interview = get_mock(lib, mock_id)
    if as_json:
        common.print_json(report_json(interview))
    else:
        _print_report(interview)


def _ask_question(lib: Library, mock_id: int, item: MockItem, grader: Grader) -> MockItem:
    interview = get_mock(lib, mock_id)
    started = item.started_at
    clock = (
        (started + timedelta(seconds=item.budget_seconds)).astimezone().strftime("%H:%M") if started else ""
    )
    role = ROLE_NAMES.get(item.role, item.role)
    common.console().print(
        f"\n[bold]{interview.number(item)}/{interview.planned} · {role}[/bold] "
        f"[yellow]⏱ {_minutes(item.budget_seconds)} (until {clock})[/yellow]"
    )
    common.console().print(escape(item.question.prompt))
    answer = _read_answer("Your answer:")
    judged = answer_question(lib, grader, mock_id, item.position, answer)
    over = (judged.seconds or 0) > judged.budget_seconds
    typer.echo(f"answered in {_minutes(judged.seconds)} of {_minutes(judged.budget_seconds)}"
               + (" — over time" if over else ""))  # fmt: skip
    return judged


def _run_mock(lib: Library, mock_id: int, grader: Grader) -> None:
    while (item := show_question(lib, mock_id)) is not None:
        if not item.answered:
            item = _ask_question(lib, mock_id, item, grader)
        typer.echo(f"Reference points (hints from the {grader.name} grader; you mark them):")
        _print_points(item.points, item.grades)
        marks = _ask_ticks(len(item.points), shaky=True)
        if marks is None:
            raise _EndOfInput
        result = mark_answer(lib, grader, mock_id, item.position, marks)
        marked = result.item
        typer.echo(f"{len(marked.covered)} covered · {len(marked.shaky)} shaky · {len(marked.missed)} missed"
                   + (f" · {len(result.cards)} to practise today" if result.cards else ""))  # fmt: skip
        if result.follow_up is not None:
            common.console().print("[bold]The interviewer follows up.[/bold]")


def _print_report(interview: MockInterview) -> None:
    out = common.console()
    title = (
        f"Mock interview {interview.id}: {interview.points_covered}/{interview.points_total} points covered"
    )
    table = Table(title=title)
    for column in ("#", "question", "time", "covered"):
        table.add_column(column)
    for item in interview.items:
        covered = f"{len(item.covered)}/{len(item.points)}" if item.graded else "not answered"
        if item.shaky:
            covered += f" ({len(item.shaky)} shaky)"
        spent = f"{_minutes(item.seconds)} / {_minutes(item.budget_seconds)}"
        table.add_row(interview.number(item), escape(item.question.prompt), spent, covered)
    out.print(table)
    for item in interview.items:
        if not item.answered:
            continue
        out.print(f"\n[bold]{interview.number(item)}. {escape(item.question.prompt)}[/bold]")
        out.print(f"[dim]Your answer:[/dim] {escape(item.answer or '(nothing)')}")
        _print_points(item.points, item.grades or None, item.point_marks or None)
    review = interview.to_review()
    if review:
        out.print("\n[bold]To review[/bold] (each point below is a card due today: paperpass practice)")
        for item, gaps in review:
            out.print(f"  {escape(item.question.prompt)} [dim]({', '.join(item.question.entries)})[/dim]")
            for point in gaps:
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
    for column in ("item", "pass", "note", "recall", "last practised", "mock", "readiness"):
        table.add_column(column)
    for r in rows:
        last = r.last_practised.astimezone().strftime("%Y-%m-%d") if r.last_practised else "never"
        note = "✓" if r.note_complete else "·"
        mock = f"{r.mock_covered}/{r.mock_points}" if r.mock_points else "—"
        table.add_row(
            r.label,
            f"{r.pass_reached}/3",
            note,
            f"{r.recall:.0%} ({r.practised}/{r.cards} cards practised)",
            last,
            mock,
            f"{_bar(r.score)} {r.score:.0%}",
        )
    return table


def _print_readiness(report: ReadinessReport) -> None:
    out = common.console()
    out.print(_readiness_table("Top 15", report.items))
    out.print(_readiness_table("Categories", report.categories))
    out.print(f"[bold]Overall readiness: {report.overall:.0%}[/bold]")
    out.print(f"[dim]{report.definition}[/dim]")
    out.print("[bold]Next steps[/bold] [dim](in the study plan's order)[/dim]")
    for item in report.next_steps:
        out.print(f"  • {escape(item.next_step())}")


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
