"""``paperpass highlights``: the passages you marked on a paper's pages (in the web app's reading view),
listed, added or deleted from the command line."""

from __future__ import annotations

import typer
from rich.markup import escape

from paperpass.cli import common
from paperpass.errors import InvalidInputError
from paperpass.library import get_paper
from paperpass.reading import add_highlight, list_highlights, remove_highlight


def highlights(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help="Paper slug or id."),
    add: str = typer.Option(None, "--add", help="Keep this passage as a highlight (with --page)."),
    page: int = typer.Option(None, "--page", min=1, help="The page of the passage to --add."),
    delete: int = typer.Option(None, "--delete", min=1, help="Delete the highlight with this id."),
    markdown: bool = typer.Option(
        False, "--markdown", help="Print them as Markdown quotes ('> ... [p. 4]')."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print them as JSON."),
) -> None:
    """Your highlights on a paper, in page order: list them, --add one, or --delete one."""
    lib = common.library(ctx)
    paper = get_paper(lib, slug)
    console = common.console()
    if add is not None:
        if page is None:
            raise InvalidInputError("--add needs the passage's --page")
        kept = add_highlight(lib, paper, page, add)
        console.print(f"Kept highlight {kept.id} on p. {kept.page} of {paper.slug}.")
        return
    if delete is not None:
        remove_highlight(lib, paper, delete)
        console.print(f"Deleted highlight {delete} of {paper.slug}.")
        return
    found = list_highlights(lib, paper)
    if as_json:
        common.print_json({"slug": paper.slug, "highlights": [h.as_json() for h in found]})
    elif markdown:
        typer.echo("\n\n".join(h.quote for h in found) + ("\n" if found else ""), nl=False)
    elif not found:
        console.print(f"No highlights on {paper.slug} yet (select text in its reading view, or --add).")
    else:
        for h in found:
            console.print(f"[bold]p. {h.page}[/bold] [dim]#{h.id}[/dim] {escape(h.text)}", soft_wrap=True)


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
"""This module's top-level commands (see :mod:`paperpass.cli.registry`)."""
cli.command("highlights")(highlights)
