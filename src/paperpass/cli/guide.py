"""``paperpass guide``, ``paperpass guide show SLUG`` and ``paperpass checklist``."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from paperpass import plan, reading
from paperpass.catalog import (
    Catalog,
    Entry,
    catalog_as_json,
    entry_as_json,
    find_entry,
    load_catalog,
    top15_slugs,
)
from paperpass.cli import common

STATUS_STYLE = {
    "to-read": ("·", "dim"),
    "pass-1": ("1", "yellow"),
    "pass-2": ("2", "cyan"),
    "pass-3": ("3", "blue"),
    "done": ("✓", "green"),
}

guide_app = typer.Typer(help="The guide's 23 papers by category, with your reading status.")


def _progress(ctx: typer.Context) -> tuple[Catalog, list[reading.EntryProgress]]:
    catalog = load_catalog()
    return catalog, reading.guide_progress(common.library(ctx))


@guide_app.callback(invoke_without_command=True)
def guide(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the full catalog as JSON."),
) -> None:
    """List the guide's entries by category with each one's reading status."""
    if ctx.invoked_subcommand is not None:
        return
    if as_json:
        common.print_json(catalog_as_json(load_catalog()))
        return

    catalog, progress = _progress(ctx)
    table = Table(title=catalog.title, show_lines=False, expand=False)
    table.add_column("#", justify="right")
    table.add_column("Paper")
    table.add_column("Year", justify="right")
    table.add_column("Top 15", justify="center")
    table.add_column("Status")
    names = {c.slug: c.name for c in catalog.categories}
    current = None
    for row in progress:
        if row.entry.category != current:
            current = row.entry.category
            table.add_section()
            table.add_row("", f"[bold]{names[current]}[/bold]", "", "", "")
        mark, style = STATUS_STYLE[row.status]
        table.add_row(
            str(row.entry.number),
            f"{row.entry.title} [dim]({row.entry.slug})[/dim]",
            str(row.entry.year or "—"),
            "★" if row.top15 else "",
            f"[{style}]{mark} {row.status}[/{style}]",
        )
    common.console().print(table)


@guide_app.command("show")
def show(
    slug: str = typer.Argument(..., help="Entry slug, number, arXiv id or short name."),
    as_json: bool = typer.Option(False, "--json", help="Print the entry as JSON."),
) -> None:
    """Everything the guide says about one entry."""

    catalog = load_catalog()
    entry = find_entry(catalog, slug)
    if as_json:
        common.print_json(entry_as_json(catalog, entry))
        return
    _print_entry(catalog, entry)


def _bullets(items: list[str]) -> str:
    return "\n".join(f"  • {item}" for item in items)


def _print_entry(catalog: Catalog, entry: Entry) -> None:
    category = next(c.name for c in catalog.categories if c.slug == entry.category)
    byline = ", ".join(entry.authors) + (" et al." if len(entry.authors) > 3 else "")
    lines = [
        f"[dim]{escape(category)} · {entry.year or 'several years'} · {escape(byline)}[/dim]",
    ]
    if entry.link:
        lines.append(f"[link={entry.link}]{entry.link}[/link]")
    if entry.slug in top15_slugs(catalog):
        lines.append("[yellow]★ on the top-15 checklist[/yellow]")
    sections = [
        ("Problem", entry.problem),
        ("Key idea", entry.key_idea),
        ("Method", _bullets(entry.method)),
        ("Results", _bullets(entry.results)),
        ("Key insight", entry.key_insight or ""),
        ("Example", entry.example or ""),
        ("Discussion points", _bullets(entry.discussion_points)),
    ]
    for name, text in sections:
        if text:
            lines += ["", f"[bold]{name}[/bold]", escape(text)]
    for work in entry.works:
        lines += ["", f"[bold]{escape(work.title)}[/bold] ({work.year})", escape(work.summary)]
    numbers = {e.number: e for e in catalog.entries}
    related = [next(e for e in catalog.entries if e.slug == s) for s in entry.related]
    related += [numbers[n] for n in entry.see_also if numbers[n] not in related]
    if related:
        lines += [
            "",
            "[bold]Related[/bold]",
            ", ".join(f"{e.number}. {escape(e.short_title)}" for e in related),
        ]
    common.console().print(
        Panel("\n".join(lines), title=f"{entry.number}. {escape(entry.title)}", expand=False)
    )


def checklist(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print progress as JSON.")
) -> None:
    """The top-15 checklist for interviews, with your progress."""

    checklist = plan.interview_checklist(common.library(ctx))
    if as_json:
        common.print_json([i.as_json() for i in checklist.items])
        return
    table = Table(title=f"Top 15 for interviews — {checklist.done}/{len(checklist.items)} done")
    table.add_column("#", justify="right")
    table.add_column("Paper")
    table.add_column("Why")
    table.add_column("Stage")
    table.add_column("Goal")
    table.add_column("Still to do")
    for i in checklist.items:
        mark, style = STATUS_STYLE[i.status]
        left = "[green]✓ done[/green]" if i.done else escape("; ".join(i.still_to_do()))
        table.add_row(str(i.item.number), i.item.label, i.item.why, f"[{style}]{mark} {i.status}[/{style}]",
                      f"pass {i.goal_pass}", left)  # fmt: skip
    console = common.console()
    console.print(table)
    console.print(f"[dim]{escape(checklist.definition)}[/dim]")


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
"""This module's top-level commands (see :mod:`paperpass.cli.registry`)."""
cli.add_typer(guide_app, name="guide")
cli.command("checklist")(checklist)
