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
from paperpass.pdf import Caption, Section, Survey
from paperpass.reading import sheet_markdown, split_sheet

PROGRESS_ABOVE = 3


def survey(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="PDF files to survey.", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (a list when several files are given)."),
    markdown: bool = typer.Option(False, "--markdown", help="Print Markdown."),
    timeout: float = typer.Option(30.0, help="Seconds allowed per document."),
    cache: bool = typer.Option(True, "--cache/--no-cache", help="Use the library's cache of sheets."),
    appendix: bool = typer.Option(
        False, "--appendix", help="List the appendix's sections, figures and tables (folded by default)."
    ),
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
        text = [sheet_markdown(s, appendix="list" if appendix else "details") for s in sheets]
        typer.echo("\n---\n\n".join(text), nl=False)
    else:
        out = common.console()
        for sheet in sheets:
            print_sheet(out, sheet, appendix=appendix)


def print_sheet(out: Console, sheet: Survey, *, appendix: bool = False) -> None:
    """Render a survey sheet in the terminal: the main paper, then the appendix folded to one line
    (``appendix`` lists it)."""
    parts = split_sheet(sheet)
    main_figures = sum(c.label.lower().startswith("fig") for _, c in parts.main_captions)
    main_tables = len(parts.main_captions) - main_figures
    out.print(Rule(f"[bold]{escape(sheet.title or '(untitled)')}[/bold]"))
    if sheet.authors:
        out.print(f"[dim]{escape(', '.join(sheet.authors))}[/dim]")
    out.print(
        f"[dim]{sheet.pages} pages · pass 2 ≈ {sheet.estimated_pass2_minutes} min (main body) · "
        f"{main_figures} figures · {main_tables} tables[/dim]\n"
    )
    out.print(Panel(escape(sheet.abstract or "(not found)"), title="Abstract", title_align="left"))
    out.print(
        Panel(
            escape(sheet.intro_last_paragraph or "(not found)"),
            title="Introduction, last paragraph",
            title_align="left",
        )  # fmt: skip
    )
    out.print(_outline("[bold]Outline[/bold]", parts.main_sections))
    if sheet.conclusion:
        out.print(
            Panel(escape(sheet.conclusion.text), title=escape(sheet.conclusion.heading), title_align="left")
        )
    _print_captions(out, parts.main_captions)
    summary = parts.appendix_summary()
    if summary:
        out.print(f"\n[bold]Appendix[/bold] [dim]({escape(summary)})[/dim]")
        if appendix:
            out.print(_outline("[dim]Outline[/dim]", parts.appendix_sections))
            _print_captions(out, parts.appendix_captions)
        else:
            out.print("  [dim]folded: after the main body, not part of pass 1 (--appendix lists it)[/dim]")
    for warning in sheet.warnings:
        out.print(f"[yellow]warning:[/yellow] {escape(warning)}")
    out.print()


def _outline(title: str, sections: list[Section]) -> Tree:
    outline = Tree(title)
    parents: dict[int, Tree] = {0: outline}
    for section in sections:
        level = max(1, min(3, section.level))
        parent = parents.get(level - 1) or parents[max(k for k in parents if k < level)]
        number = f"{section.number} " if section.number else ""
        parents[level] = parent.add(f"{escape(number + section.title)} [dim]p. {section.page}[/dim]")
        for deeper in [k for k in parents if k > level]:
            del parents[deeper]
    return outline


def _print_captions(out: Console, captions: list[tuple[int, Caption]]) -> None:
    for name, prefix in (("Figures", "fig"), ("Tables", "tab")):
        wanted = [c for _, c in captions if c.label.lower().startswith(prefix)]
        if wanted:
            out.print(f"\n[bold]{name}[/bold]")
            for caption in wanted:
                out.print(f"  {escape(caption.caption)} [dim](p. {caption.page})[/dim]")


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
"""This module's top-level commands (see :mod:`paperpass.cli.registry`)."""
cli.command("survey")(survey)
