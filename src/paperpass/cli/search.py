"""``paperpass search``, ``paperpass reindex``, and ``paperpass import --arxiv-metadata``'s progress."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from paperpass import embeddings
from paperpass.cli import common
from paperpass.library import get_paper
from paperpass.search import SearchHit, SearchResults, engine, indexing, semantic
from paperpass.search import semantic as by_meaning
from paperpass.search.bulk import import_arxiv_metadata

STATUS_STYLE = {"to-read": "dim", "pass-1": "yellow", "pass-2": "cyan", "pass-3": "blue", "done": "green"}


def search(
    ctx: typer.Context,
    query: Annotated[
        list[str] | None,
        typer.Argument(
            help='Words, "a phrase", prefix*, -exclude, title:word, author:name. Empty: recent papers.'
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
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=200, help="How many results.")] = 20,
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

    lib = common.library(ctx)
    year_from, year_to = engine.parse_year_range(year)
    filters = engine.make_filters(
        categories=category or (), tags=tag or (), statuses=status or (), year_from=year_from,
        year_to=year_to, has_notes=has_notes,
    )  # fmt: skip
    text = " ".join(query or [])
    ranking: list[int] | None
    notices: list[str] = []
    if like:
        paper = get_paper(lib, like)
        assert paper.id is not None
        ranking = by_meaning.similar_papers(lib.store, paper.id, limit)
    else:
        ranking, notices = by_meaning.meaning_ranking(lib.store, text, semantic)
    results = engine.search(lib, text, filters=filters, top15=top15, limit=limit, semantic=ranking)
    results.notices += notices
    for notice in results.notices:
        typer.echo(f"paperpass: {notice}", err=True)
    if as_json:
        common.print_json(engine.results_as_json(results))
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
    lines = [head, f"   [dim]{escape(meta)}[/dim] [{style}]{hit.status}[/{style}]"]
    for match in hit.matches[:3]:
        if match.snippet.parts:
            lines.append(f"   [cyan]{escape(match.label)}:[/cyan] {_marked(match.snippet.parts)}")
    return lines


def _print_results(results: SearchResults) -> None:
    console = common.console()
    if not results.hits:
        console.print("no results" + (f" for {results.query.text!r}" if results.query.text else ""))
        return
    what = "recent papers" if results.mode == "recent" else f"{len(results.hits)} results"
    for n, hit in enumerate(results.hits, 1):
        console.print("\n".join(_print_hit(n, hit)))
    console.print(f"[dim]{what} · {results.mode} · {results.elapsed_ms:.0f} ms[/dim]")


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
    report = indexing.reindex(store, lib.catalog)
    if embed and embeddings.available():
        report.vectors = semantic.embed_library(store)
    elif embed:
        report.semantic_note = semantic.UNAVAILABLE
        typer.echo(f"paperpass: {semantic.UNAVAILABLE}", err=True)
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
        f"read {report.read} records{resumed}: {report.added} added, "
        f"{report.skipped} already in the library, {report.invalid} invalid"
    )


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
"""This module's top-level commands (see :mod:`paperpass.cli.registry`)."""
cli.command("search")(search)
cli.command("reindex")(reindex)
