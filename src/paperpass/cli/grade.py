"""``paperpass grade``: per reference point covered / missed / unsure, with the answer's words as evidence."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from paperpass.cli import common

if TYPE_CHECKING:
    from paperpass.practice.grades import PointGrade


def register(app: typer.Typer) -> None:
    """Add the command of this module to ``app``."""
    app.command("grade")(grade)


def grade(
    ctx: typer.Context,
    point: list[str] = typer.Option([], "--point", "-p", help="A reference point (repeat for several)."),
    answer: str | None = typer.Option(None, "--answer", "-a", help="The answer to grade, in quotes."),
    batch: Path | None = typer.Option(
        None, "--batch", help='A JSON-lines file of {"point": ..., "answer": ...} pairs (- for stdin).'
    ),
    judge: str | None = typer.Option(
        None, "--judge", help="Override the judge setting: hint, llm, lexical, ..."
    ),
    as_json: bool = typer.Option(False, "--json", help='Print {"points": [{point, verdict, evidence}]}.'),
) -> None:
    """Grade an answer against reference points: covered, missed or unsure, with the evidence."""
    from paperpass.errors import InvalidInputError
    from paperpass.practice.grading import make_grader

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
    from paperpass.errors import InvalidInputError

    points = [p.strip() for p in points if p.strip()]
    if not points:
        raise InvalidInputError("no reference point: give at least one --point TEXT")
    if answer is None:
        raise InvalidInputError("no answer: give --answer TEXT (or --batch FILE)")
    return points, answer


def _read_batch(path: Path) -> list[tuple[list[str], str]]:
    """Every pair of the file, read and checked before anything is graded (a bad line prints nothing)."""
    from paperpass.errors import InvalidInputError, NotFoundError

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
    from paperpass.errors import InvalidInputError

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
        or not all(isinstance(p, str) and p.strip() for p in points)
        or not points
    ):
        raise InvalidInputError(f'{where}: "point" must be a non-empty string')
    answer = data.get("answer")
    if not isinstance(answer, str):
        raise InvalidInputError(f'{where}: "answer" must be a string')
    return [p.strip() for p in points], answer


def _with_judge(settings: Any, judge: str) -> Any:
    from dataclasses import replace

    from paperpass.config import JUDGES
    from paperpass.errors import InvalidInputError

    if judge not in JUDGES:
        raise InvalidInputError(f"--judge must be one of {', '.join(JUDGES)}, not {judge!r}")
    return replace(settings, values={**settings.values, "judge": judge})


def _print_json(results: list[list[PointGrade]], batch: bool) -> None:
    if not batch:
        common.print_json({"points": [g.as_json() for g in results[0]]})
        return
    out = sys.stdout
    for grades in results:
        line = {"verdict": grades[0].verdict, "points": [g.as_json() for g in grades]}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")


def _print_table(pairs: list[tuple[list[str], str]], results: list[list[PointGrade]]) -> None:
    from rich.markup import escape
    from rich.table import Table

    marks = {
        "covered": "[green]✓ covered[/green]",
        "missed": "[red]✗ missed[/red]",
        "unsure": "[yellow]? unsure[/yellow]",
    }
    table = Table(show_lines=len(pairs) > 1)
    if len(pairs) > 1:
        table.add_column("#", justify="right")
    table.add_column("verdict")
    table.add_column("point")
    table.add_column("evidence / why")
    for number, grades in enumerate(results, 1):
        for g in grades:
            why = f"“{escape(g.evidence)}”" + (f"\n[dim]{escape(g.reason)}[/dim]" if g.reason else "")
            cells = [
                marks[g.verdict],
                escape(g.point),
                why if g.evidence else f"[dim]{escape(g.reason)}[/dim]",
            ]
            table.add_row(*([str(number)] if len(pairs) > 1 else []), *cells)
    common.console().print(table)
