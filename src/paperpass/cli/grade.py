"""``paperpass grade``: per reference point covered / missed / unsure, with the answer's words as evidence."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from paperpass.cli import common
from paperpass.config import JUDGES, Settings
from paperpass.errors import InvalidInputError, NotFoundError
from paperpass.practice import PointGrade, make_grader

MARKS = {
    "covered": "[green]✓ covered[/green]",
    "missed": "[red]✗ missed[/red]",
    "unsure": "[yellow]? unsure[/yellow]",
}


def grade(
    ctx: typer.Context,
    point: list[str] = typer.Option([], "--point", "-p", help="A reference point (repeat for several)."),
    answer: str | None = typer.Option(None, "--answer", "-a", help="The answer to grade, in quotes."),
    batch: Path | None = typer.Option(
        None, "--batch", help='A JSON-lines file of {"point": ..., "answer": ...} pairs (- for stdin).'
    ),
    judge: str | None = typer.Option(
        None, "--judge", help="Override the judge setting: hint, llm, lexical, semantic."
    ),
    as_json: bool = typer.Option(False, "--json", help='Print {"points": [{point, verdict, evidence}]}.'),
) -> None:
    """Grade an answer against reference points: covered, missed or unsure, with the evidence."""
    if batch is not None and (point or answer is not None):
        raise InvalidInputError("give either --batch FILE or --point/--answer, not both")
    pairs = _read_batch(batch) if batch is not None else [_single(point, answer)]
    settings = common.settings(ctx)
    if judge is not None:
        settings = _with_judge(settings, judge)
    grader = make_grader(settings, notify=lambda message: typer.echo(message, err=True))
    results = [grader.grade(text, points) for points, text in pairs]
    if as_json:
        _print_json(results, batch is not None)
    else:
        _print_table(pairs, results)


def _single(points: list[str], answer: str | None) -> tuple[list[str], str]:
    points = [p.strip() for p in points if p.strip()]
    if not points:
        raise InvalidInputError("no reference point: give at least one --point TEXT")
    if answer is None:
        raise InvalidInputError("no answer: give --answer TEXT (or --batch FILE)")
    return points, answer


def _read_batch(path: Path) -> list[tuple[list[str], str]]:
    """Every pair of the file, read and checked before anything is graded (a bad line prints nothing)."""
    if str(path) == "-":
        text = sys.stdin.read()
    else:
        if not path.is_file():
            raise NotFoundError(f"{path}: no such file")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InvalidInputError(f"{path}: cannot be read as UTF-8 text ({error})") from None
    pairs = [_pair(line, number, path) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not pairs:
        raise InvalidInputError(f"{path}: no pairs to grade")
    return pairs


def _pair(line: str, number: int, path: Path) -> tuple[list[str], str]:
    where = f"{path}:{number}"
    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as error:
        raise InvalidInputError(f"{where}: not valid JSON ({error.msg})") from None
    if not isinstance(data, dict):
        raise InvalidInputError(f'{where}: expected an object {{"point": ..., "answer": ...}}')
    points = data.get("points", [data["point"]] if "point" in data else [])
    if isinstance(points, str):
        points = [points]
    if (
        not isinstance(points, list)
        or not points
        or not all(isinstance(p, str) and p.strip() for p in points)
    ):
        raise InvalidInputError(f'{where}: "point" must be a non-empty string')
    answer = data.get("answer")
    if not isinstance(answer, str):
        raise InvalidInputError(f'{where}: "answer" must be a string')
    return [p.strip() for p in points], answer


def _with_judge(settings: Settings, judge: str) -> Settings:
    if judge not in JUDGES:
        raise InvalidInputError(f"--judge must be one of {', '.join(JUDGES)}, not {judge!r}")
    return replace(settings, judge=judge)


def _print_json(results: list[list[PointGrade]], batch: bool) -> None:
    if not batch:
        common.print_json({"points": [g.as_json() for g in results[0]]})
        return
    for grades in results:
        line = {"verdict": grades[0].verdict, "points": [g.as_json() for g in grades]}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


def _print_table(pairs: list[tuple[list[str], str]], results: list[list[PointGrade]]) -> None:
    numbered = len(pairs) > 1
    table = Table(show_lines=numbered)
    if numbered:
        table.add_column("#", justify="right")
    table.add_column("verdict")
    table.add_column("point")
    table.add_column("evidence / why")
    for number, grades in enumerate(results, 1):
        for g in grades:
            reason = f"[dim]{escape(g.reason)}[/dim]"
            why = f"“{escape(g.evidence)}”\n{reason}" if g.evidence else reason
            table.add_row(*([str(number)] if numbered else []), MARKS[g.verdict], escape(g.point), why)
    common.console().print(table)


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
cli.command("grade")(grade)
