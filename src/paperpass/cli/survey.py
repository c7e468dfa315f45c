"""``paperpass survey PDF…``: the pass-1 survey sheet of one or more PDFs."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.progress import track
from rich.rule import Rule
from rich.tree import Tree

from paperpass.cli import common
from paperpass.errors import InvalidInputError
from paperpass.papers import cached_survey
from paperpass.pdf import Survey

PROGRESS_ABOVE = 3


def survey(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="PDF files to survey.", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (a list when several files are given)."),
    markdown: bool = typer.Option(False, "--markdown", help="Print Markdown."),
    timeout: float = typer.Option(30.0, help="Seconds allowed per document."),
    cache: bool = typer.Option(True, "--cache/--no-cache", help="Use the library's cache of sheets."),
) -> None:
    """Pass 1 in seconds: title, abstract, the intro's last paragraph, outline, conclusion, captions."""

    if timeout <= 0:
        raise InvalidInputError("--timeout must be a positive number of seconds")
    store = common.store(ctx) if cache else None
    sheets = []
    if len(paths) > PROGRESS_ABOVE and not (as_json or markdown):
        for path in track(paths, description="Surveying", console=common.console(stderr=True)):
            sheets.append(cached_survey(store, path, timeout=timeout))
    else:
        sheets = [cached_survey(store, path, timeout=timeout) for path in paths]
    if as_json:
        data = [s.to_json() for s in sheets]
        common.print_json(data if len(paths) > 1 else data[0])
    elif markdown:
        typer.echo("\n---\n\n".join(s.to_markdown() for s in sheets), nl=False)
    else:
        out = common.console()
        for sheet in sheets:
            print_sheet(out, sheet)


def print_sheet(out: Console, sheet: Survey) -> None:
    """Render a survey sheet in the terminal."""

    out.print(Rule(f"[bold]{escape(sheet.title or '(untitled)')}[/bold]"))
    if sheet.authors:
        out.print(f"[dim]{escape(', '.join(sheet.authors))}[/dim]")
    out.print(
        f"[dim]{sheet.pages} pages · pass 2 ≈ {sheet.estimated_pass2_minutes} min · "
        f"{len(sheet.figures)} figures · {len(sheet.tables)} tables[/dim]\n"
    )
    out.print(Panel(escape(sheet.abstract or "(not found)"), title="Abstract", title_align="left"))
    out.print(
        Panel(
            escape(sheet.intro_last_paragraph or "(not found)"),
            title="Introduction, last paragraph",
            title_align="left",
        )  # fmt: skip
    )
    outline = Tree("[bold]Outline[/bold]")
    parents: dict[int, Tree] = {0: outline}
    for section in sheet.sections:
        level = max(1, min(3, section.level))
        parent = parents.get(level - 1) or parents[max(k for k in parents if k < level)]
        number = f"{section.number} " if section.number else ""
        style = "dim" if section.appendix else ""
        label = f"{escape(number + section.title)} [dim]p. {section.page}[/dim]"
        parents[level] = parent.add(f"[{style}]{label}[/{style}]" if style else label)
        for deeper in [k for k in parents if k > level]:
            del parents[deeper]
    out.print(outline)
    if sheet.conclusion:
        out.print(
            Panel(escape(sheet.conclusion.text), title=escape(sheet.conclusion.heading), title_align="left")
        )
    for name, captions in (("Figures", sheet.figures), ("Tables", sheet.tables)):
        if captions:
            out.print(f"\n[bold]{name}[/bold]")
            for caption in captions:
                out.print(f"  {escape(caption.caption)} [dim](p. {caption.page})[/dim]")
    for warning in sheet.warnings:
        out.print(f"[yellow]warning:[/yellow] {escape(warning)}")
    out.print()


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
"""This module's top-level commands (see :mod:`paperpass.cli.registry`)."""
cli.command("survey")(survey)
