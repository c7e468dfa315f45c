"""``paperpass search``, ``paperpass reindex``, and ``paperpass import --arxiv-metadata``'s progress."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from typer.core import TyperCommand

from paperpass import embeddings
from paperpass.cli import common
from paperpass.search import (
    SEMANTIC_UNAVAILABLE,
    SearchHit,
    SearchRequest,
    SearchResults,
    embed_library,
    import_arxiv_metadata,
    results_as_json,
    run_search,
)
from paperpass.search import reindex as reindex_library

STATUS_STYLE = {"to-read": "dim", "pass-1": "yellow", "pass-2": "cyan", "pass-3": "blue", "done": "green"}


class QueryCommand(TyperCommand):
    """``paperpass search``: a word written ``-word`` excludes it (``paperpass search lora -vision``)
    rather than being read as an unknown option, by passing it on as ``NOT word``.

    Only the command's own options and ``-x`` followed by digits (``-n5``) are options; any other
    ``-word`` is part of the query.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        names = {n for p in self.params for n in (*p.opts, *p.secondary_opts)}
        query: list[str] = []
        for arg in args:
            if arg == "--":
                query.append(arg)
            elif _excluded_word(arg, names) and "--" not in query:
                query += ["NOT", arg[1:]]
            else:
                query.append(arg)
        return super().parse_args(ctx, query)


def _excluded_word(arg: str, options: set[str]) -> bool:
    """Whether ``arg`` is ``-word`` (a word to exclude), not an option of the command."""
    if not arg.startswith("-") or arg.startswith("--") or len(arg) < 3 or arg in options:
        return False
    return arg[1].isalpha() and not (arg[:2] in options and arg[2:].isdigit())


def search(
    ctx: typer.Context,
    query: Annotated[
        list[str] | None,
        typer.Argument(
            help='Words (all of them), a OR b, "a phrase", prefix*, -exclude, title:word, author:name. '
            "Empty: recent papers."
        ),
    ] = None,
    category: Annotated[
        list[str] | None,
        typer.Option(
            "--category", "-c", help="Guide or arXiv category (repeatable): foundational, cs.LG, cs ..."
        ),
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", "-t", help="A tag the paper has (repeatable).")
    ] = None,
    year: Annotated[str | None, typer.Option("--year", "-y", help="2021, 2020-2023, 2020- or -2019.")] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status", "-s", help="Reading status (repeatable): to-read, pass-1, pass-2, pass-3, done."
        ),
    ] = None,
    has_notes: Annotated[
        bool | None, typer.Option("--has-notes/--no-notes", help="Only papers with (or without) your notes.")
    ] = None,
    top15: Annotated[bool, typer.Option("--top15", help="Only the guide's top-15 papers.")] = False,
    discover: Annotated[
        bool,
        typer.Option(
            "--discover", help="Also search the discovery index (papers imported by --arxiv-metadata)."
        ),
    ] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=200, help="Results per page.")] = 20,
    page: Annotated[int, typer.Option("--page", "-p", min=1, help="Which page of results.")] = 1,
    semantic: Annotated[
        bool,
        typer.Option(
            "--semantic",
            help="Also rank by meaning with the local embedding model (paperpass[semantic]), fused by RRF.",
        ),
    ] = False,
    like: Annotated[
        str | None, typer.Option("--like", help="Papers like this one (slug or id), by meaning.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Search titles, authors, abstracts, your notes, PDF pages and the guide (BM25, highlighted)."""
    request = SearchRequest(
        text=" ".join(query or []), categories=category or (), tags=tag or (),
        statuses=status or (), years=year, has_notes=has_notes, top15=top15, discovery=discover,
        meaning=bool(semantic), like=like, page=page, per_page=limit,
    )  # fmt: skip
    results = run_search(common.library(ctx), request)
    for notice in results.notices:
        typer.echo(f"paperpass: {notice}", err=True)
    if as_json:
        common.print_json(results_as_json(results))
    else:
        _print_results(results)


def _marked(parts: tuple[tuple[str, bool], ...]) -> str:
    return "".join(f"[bold yellow]{escape(t)}[/bold yellow]" if hit else escape(t) for t, hit in parts)


def _print_hit(n: int, hit: SearchHit) -> list[str]:
    paper = hit.paper
    style = STATUS_STYLE.get(hit.status, "dim")
    head = f"[bold]{n}.[/bold] {_marked(hit.title.parts)}"
    if paper is None:
        return [head, f"   [dim]guide entry · /guide/{escape(hit.entry or '')}[/dim]"]
    meta = " · ".join(x for x in (paper.byline, str(paper.year or ""), paper.slug) if x)
    if paper.discovery:
        handle = escape(paper.arxiv_id or paper.doi or paper.slug)
        lines = [head, f"   [dim]{escape(meta)}[/dim] [magenta]discovery index[/magenta] "
                       f"[dim](add it: paperpass add {handle})[/dim]"]  # fmt: skip
    else:
        lines = [head, f"   [dim]{escape(meta)}[/dim] [{style}]{hit.status}[/{style}]"]
    for match in hit.matches[:3]:
        if match.snippet.parts:
            lines.append(f"   [cyan]{escape(match.label)}:[/cyan] {_marked(match.snippet.parts)}")
    if hit.missing:
        lines.append(f"   [dim]without: {escape(', '.join(hit.missing))}[/dim]")
    return lines


def _print_results(results: SearchResults) -> None:
    console = common.console()
    if not results.hits:
        console.print("no results" + (f" for {results.query.text!r}" if results.query.text else ""))
        return
    for n, hit in enumerate(results.hits, results.first):
        console.print("\n".join(_print_hit(n, hit)))
    console.print(f"[dim]{_position(results)} · {results.mode} · {results.elapsed_ms:.0f} ms[/dim]")


def _position(results: SearchResults) -> str:
    """``results 21-40 of 57`` (or ``of 1,000+``, or ``recent papers 1-20``), and the next page's option."""
    last = results.first + len(results.hits) - 1
    what = "recent papers" if results.mode == "recent" else "results"
    shown = f"{what} {results.first}-{last}"
    if results.total is not None:
        shown += f" of {results.total:,}" + ("+" if results.total_capped else "")
    if results.more:
        shown += f" · next: --page {results.page + 1}"
    return shown


def reindex(
    ctx: typer.Context,
    embed: Annotated[
        bool,
        typer.Option(
            "--embed/--no-embed", help="Also embed papers for semantic search when the model is installed."
        ),
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was indexed as JSON.")] = False,
) -> None:
    """Rebuild the search index: papers, notes, the guide's text, PDF pages, and embeddings."""
    lib = common.library(ctx)
    store = lib.store
    report = reindex_library(store, lib.catalog)
    if embed and embeddings.available():
        report.vectors = embed_library(store)
    elif embed:
        report.semantic_note = SEMANTIC_UNAVAILABLE
        typer.echo(f"paperpass: {SEMANTIC_UNAVAILABLE}", err=True)
    if as_json:
        common.print_json({"indexed": report.counts, "pdfs": report.pdfs, "pdf_failures": report.pdf_failures,
                           "vectors": report.vectors})  # fmt: skip
        return
    for failure in report.pdf_failures:
        typer.echo(f"paperpass: warning: {failure}", err=True)
    counts = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(report.counts.items()))
    typer.echo(f"indexed {counts}; {report.pdfs} PDFs; {report.vectors} vectors")


def import_arxiv(ctx: typer.Context, path: Path, *, restart: bool, as_json: bool) -> None:
    """Stream an arXiv metadata snapshot into the library, with a progress bar (``--arxiv-metadata``)."""
    store = common.store(ctx)
    size = path.stat().st_size if path.is_file() else 0
    columns = (TextColumn("importing"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=common.console(stderr=True), transient=True, disable=as_json) as bar:
        task = bar.add_task("import", total=size)
        report = import_arxiv_metadata(
            store, path, restart=restart, progress=lambda offset: bar.update(task, completed=offset)
        )
    if as_json:
        common.print_json(report.__dict__)
        return
    resumed = f" (resumed at byte {report.resumed_at})" if report.resumed_at else ""
    typer.echo(
        f"read {report.read} records{resumed}: {report.added} added to the discovery index, "
        f"{report.skipped} already stored, {report.invalid} invalid; "
        "find them with `paperpass search --discover`, add one with `paperpass add ID`"
    )


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
"""This module's top-level commands (see :mod:`paperpass.cli.registry`)."""
cli.command("search", cls=QueryCommand)(search)
cli.command("reindex")(reindex)
