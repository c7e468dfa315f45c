"""The library's papers: ``paperpass add, list, show, remove, related, code, export, import, sources``
(and ``sync``, the older name of ``sources retry``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.progress import Progress
from rich.table import Table

from paperpass.cli import common
from paperpass.cli.search import import_arxiv
from paperpass.errors import InvalidInputError
from paperpass.library import Library, get_paper
from paperpass.library import list_papers as all_papers
from paperpass.models import Paper
from paperpass.papers import (
    Action,
    AddReport,
    PaperDetails,
    add_papers,
    bib_file,
    connect_library_paper,
    export_bibtex,
    export_csl_json,
    guide_inputs,
    identifier_for,
    paper_details,
    queued,
    refresh_code_links,
    remove_paper,
    sync_queue,
)
from paperpass.sources import Sources, open_sources

PROGRESS_ABOVE = 3
"""A progress bar is shown when more inputs than this are added."""
LIST_ABOVE = 50
"""With more outcomes than this, only the failed and queued inputs are listed one by one."""
ACTIONS: tuple[Action, ...] = ("added", "merged", "skipped", "queued", "failed")
ACTION_STYLE = {"added": "green", "merged": "cyan", "skipped": "dim", "queued": "yellow", "failed": "red"}


@contextmanager
def _session(ctx: typer.Context) -> Iterator[tuple[Library, Sources]]:

    lib = common.library(ctx)
    with open_sources(lib.settings) as sources:
        yield lib, sources


def _paper_json(paper: Paper) -> dict[str, Any]:

    data = asdict(paper)
    for key in ("created_at", "updated_at"):
        data[key] = data[key].isoformat() if data[key] else None
    return data


def _run_add(
    ctx: typer.Context, inputs: list[str], *, pdf: bool, from_queue: bool = False, bar_always: bool = False
) -> AddReport:
    """Add (or sync), with a progress bar on stderr for more than a few inputs (or always: a .bib file)."""
    with _session(ctx) as (lib, sources):
        total = len(queued(lib)) if from_queue else len(inputs)
        stderr = common.console(stderr=True)
        if not stderr.is_terminal or (total <= PROGRESS_ABOVE and not bar_always):
            if from_queue:
                return sync_queue(lib, sources, pdf=pdf)
            return add_papers(lib, sources, inputs, pdf=pdf)
        with Progress(console=stderr, transient=True) as bar:
            label = f"Reading {Path(inputs[0]).name}" if bar_always and inputs else "Adding papers"
            task = bar.add_task(label, total=None if bar_always else total)

            def advance(label: str, done: int, total: int) -> None:
                bar.update(task, completed=done, total=total, description=Path(label).name[:40])

            if from_queue:
                return sync_queue(lib, sources, pdf=pdf, progress=advance)
            return add_papers(lib, sources, inputs, pdf=pdf, progress=advance)


def _print_report(report: AddReport, as_json: bool) -> None:

    single = report.outcomes[0] if len(report.outcomes) == 1 else None
    if single is not None and single.error is not None and not as_json:
        raise single.error  # one input that failed: the usual one-line error and its exit status
    if as_json:
        common.print_json([
            {"input": o.input, "action": o.action, "reason": o.reason,
             "paper": _paper_json(o.paper) if o.paper else None}
            for o in report.outcomes
        ])  # fmt: skip
    else:
        console = common.console()
        listed = report.outcomes
        if len(listed) > LIST_ABOVE:
            listed = [o for o in report.outcomes if o.action in ("failed", "queued")]
        for o in listed:
            style = ACTION_STYLE[o.action]
            title = f" — {escape(o.paper.title)}" if o.paper else ""
            line = f"[{style}]{o.action:<7}[/{style}] {escape(o.input)}: {escape(o.reason)}{title}"
            console.print(line, soft_wrap=True)
        counts = ", ".join(f"{report.count(a)} {a}" for a in ACTIONS if report.count(a))
        console.print(f"[bold]{counts or 'nothing to do'}[/bold]")
        if len(listed) < len(report.outcomes):
            console.print(f"[dim]{len(report.outcomes) - len(listed)} more not listed (added, merged or "
                          "skipped); --json lists every input[/dim]")  # fmt: skip
    if not report.ok:
        raise typer.Exit(1)


def add(
    ctx: typer.Context,
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="arXiv ids or URLs, DOIs, Semantic Scholar ids, .pdf or .bib files."),
    ] = None,
    guide: bool = typer.Option(False, "--guide", help="Add every guide paper that has an arXiv id."),
    no_pdf: bool = typer.Option(False, "--no-pdf", help="Do not download arXiv PDFs."),
    as_json: bool = typer.Option(False, "--json", help="Print the outcomes as JSON."),
) -> None:
    """Add papers (merging duplicates) from arXiv, DOIs, Semantic Scholar, PDFs and BibTeX files."""

    wanted = list(inputs or []) + (guide_inputs() if guide else [])
    if not wanted:
        raise InvalidInputError("nothing to add: give arXiv ids, DOIs, URLs, .pdf or .bib files, or --guide")
    _print_report(_run_add(ctx, wanted, pdf=not no_pdf), as_json)


def sync(
    ctx: typer.Context,
    no_pdf: bool = typer.Option(False, "--no-pdf", help="Do not download arXiv PDFs."),
    as_json: bool = typer.Option(False, "--json", help="Print the outcomes as JSON."),
) -> None:
    """Run the look-ups queued while a source was unreachable (the same as `sources retry`)."""
    _print_report(_run_add(ctx, [], pdf=not no_pdf, from_queue=True), as_json)


sources_app = typer.Typer(
    help="Look-ups queued while a source was unreachable: list them; `sources retry` runs them."
)


@sources_app.callback(invoke_without_command=True)
def sources_queue(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print the queue as JSON.")
) -> None:
    """List the look-ups waiting for a source (offline adds, PDFs not downloaded)."""
    if ctx.invoked_subcommand is not None:
        return
    waiting = queued(common.library(ctx))
    if as_json:
        common.print_json([{"input": q.input, "paper_id": q.paper_id, "reason": q.reason,
                            "attempts": q.attempts} for q in waiting])  # fmt: skip
        return
    console = common.console()
    if not waiting:
        console.print("Nothing is queued: every look-up is done.")
        return
    for q in waiting:
        console.print(f"[yellow]queued[/yellow]  {escape(q.input)}: {escape(q.reason)}", soft_wrap=True)
    console.print(f"[bold]{len(waiting)} queued[/bold]: `paperpass sources retry` runs them")


@sources_app.command("retry")
def sources_retry(
    ctx: typer.Context,
    no_pdf: bool = typer.Option(False, "--no-pdf", help="Do not download arXiv PDFs."),
    as_json: bool = typer.Option(False, "--json", help="Print the outcomes as JSON."),
) -> None:
    """Run the queued look-ups again: what succeeds leaves the queue, the rest stays queued."""
    _print_report(_run_add(ctx, [], pdf=not no_pdf, from_queue=True), as_json)


def import_bib(
    ctx: typer.Context,
    file: Annotated[
        Path | None, typer.Argument(help="A BibTeX file; every entry is added (duplicates merged).")
    ] = None,
    as_json: bool = typer.Option(False, "--json", help="Print the outcomes as JSON."),
    arxiv_metadata: Annotated[
        Path | None,
        typer.Option("--arxiv-metadata", help="Stream an arXiv metadata snapshot (JSON lines) instead."),
    ] = None,
    restart: bool = typer.Option(False, "--restart", help="With --arxiv-metadata: start over, not resume."),
) -> None:
    """Import every entry of a .bib file, keeping its fields for a lossless export; or, with
    --arxiv-metadata FILE.jsonl, bulk-load arXiv metadata as a discovery index (resumable)."""
    if arxiv_metadata is not None:
        import_arxiv(ctx, arxiv_metadata, restart=restart, as_json=as_json)
        return
    if file is None:
        raise InvalidInputError("give a .bib file, or --arxiv-metadata FILE.jsonl")

    _print_report(_run_add(ctx, [bib_file(file)], pdf=False, bar_always=True), as_json)


def list_papers(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print the papers as JSON.")
) -> None:
    """List the library's papers, newest first."""

    lib = common.library(ctx)
    papers = all_papers(lib)
    if as_json:
        common.print_json([_paper_json(p) for p in papers])
        return
    table = Table(title=f"{len(papers)} papers")
    for column in ("Slug", "Year", "Title", "Identifiers"):
        table.add_column(column)
    for p in papers:
        ids = " ".join(x for x in (f"arXiv:{p.arxiv_id}" if p.arxiv_id else "", p.doi or "") if x)
        table.add_row(
            p.slug, str(p.year or ""), escape(p.title) + (" [dim]★ guide[/dim]" if p.guide else ""), ids
        )
    console = common.console()
    console.print(table)
    waiting = queued(lib)
    if waiting:
        console.print(f"[yellow]{len(waiting)} queued[/yellow]: `paperpass sources retry` completes them")


def show(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Slug, arXiv id, DOI or Semantic Scholar id."),
    as_json: bool = typer.Option(False, "--json", help="Print the paper as JSON."),
) -> None:
    """Show one paper: metadata, identifiers, links, code links, PDF and where it is discussed."""

    details = paper_details(common.library(ctx), key)
    if as_json:
        common.print_json({**_paper_json(details.paper), **details.as_json(paths=True)})
        return
    _print_details(details)


def _print_details(details: PaperDetails) -> None:

    p = details.paper
    venue = f" · {escape(p.venue)}" if p.venue else ""
    lines = [f"[dim]{escape(p.byline)} · {p.year or 'year unknown'}{venue}[/dim]"]
    ids = [("slug", p.slug), ("arXiv", f"{p.arxiv_id}v{p.arxiv_version}" if p.arxiv_version else p.arxiv_id),
           ("DOI", p.doi), ("Semantic Scholar", p.s2_id)]  # fmt: skip
    lines += [f"[bold]{name}[/bold] {escape(str(value))}" for name, value in ids if value]
    lines.append(f"[bold]stage[/bold] {details.status}")
    if p.abstract:
        lines += ["", escape(p.abstract)]
    sections = [
        ("Links", [f"{name}: {url}" for name, url in p.links.items()]),
        ("Code", [f"{c.url} ({c.source})" for c in details.code_links]),
        ("PDF", [f"{f.path} (v{f.arxiv_version or '?'}, sha256 {f.sha256[:12]}…)" for f in details.files]),
        ("Discussed", [f"{d.name}: {d.url}" for d in details.discussions]),
    ]
    for name, items in sections:
        if items:
            lines += ["", f"[bold]{name}[/bold]", *(f"  {escape(i)}" for i in items)]
    if details.queued_reason:
        lines += ["", f"[yellow]{escape(details.queued_reason)}; the look-up is queued: paperpass sources "
                      "retry[/yellow]"]  # fmt: skip
    common.console().print(Panel("\n".join(lines), title=escape(p.title), expand=False))


def remove(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Slug, arXiv id, DOI or Semantic Scholar id."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Remove a paper from the library (its notes are kept in a file)."""

    lib = common.library(ctx)
    paper = get_paper(lib, key)
    if not yes and not typer.confirm(f"Remove {paper.slug} ({paper.title}) from the library?"):
        typer.echo("kept")
        raise typer.Exit(1)
    removed, notes = remove_paper(lib, key)
    typer.echo(f"removed {removed.slug}" + (f"; its notes are kept in {notes}" if notes else ""))


def related(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Slug, arXiv id, DOI or Semantic Scholar id of a library paper."),
    limit: int = typer.Option(15, "--limit", help="How many ranked papers to show."),
    add_top: int = typer.Option(0, "--add", help="Add the top N ranked papers to the library."),
    as_json: bool = typer.Option(False, "--json", help="Print references, citations and ranking as JSON."),
) -> None:
    """Connected papers from Semantic Scholar: references, citations and the most connected ones."""

    with _session(ctx) as (lib, sources):
        found = connect_library_paper(lib, sources, get_paper(lib, key))
    if as_json:
        common.print_json({
            "paper": found.seed.slug,
            "references": [_paper_json(p) for p in found.references],
            "citations": [_paper_json(p) for p in found.citations],
            "recommendations": [_paper_json(p) for p in found.recommendations],
            "ranking": [{"paper": _paper_json(r.paper), "score": r.score, "reasons": r.reasons}
                        for r in found.ranking[:limit]],
        })  # fmt: skip
    else:
        table = Table(title=f"Connected to {found.seed.title} — {len(found.references)} references, "
                            f"{len(found.citations)} citations")  # fmt: skip
        for column in ("#", "Score", "Paper", "Year", "Why"):
            table.add_column(column)
        for n, r in enumerate(found.ranking[:limit], 1):
            table.add_row(
                str(n), f"{r.score:g}", escape(r.paper.title), str(r.paper.year or ""), ", ".join(r.reasons)
            )
        common.console().print(table)
    if add_top > 0:
        wanted = [i for i in (identifier_for(r.paper) for r in found.ranking[:add_top]) if i]
        _print_report(_run_add(ctx, wanted, pdf=True), as_json)


def code(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Slug, arXiv id, DOI or Semantic Scholar id."),
    as_json: bool = typer.Option(False, "--json", help="Print the code links as JSON."),
) -> None:
    """Code links for a paper: Hugging Face Papers and GitHub links in its abstract and comments."""

    with _session(ctx) as (lib, sources):
        details = refresh_code_links(lib, sources, key)
    if as_json:
        common.print_json(details.as_json()["code_links"])
        return
    if not details.code_links:
        typer.echo(f"no code links known for {details.paper.slug}")
    for link in details.code_links:
        typer.echo(f"{link.url}  ({link.kind}, from {link.source})")


def export(
    ctx: typer.Context,
    keys: Annotated[
        list[str] | None, typer.Argument(help="Papers to export (default: the whole library).")
    ] = None,
    bibtex: bool = typer.Option(False, "--bibtex", help="Export BibTeX (the default)."),
    csl_json: bool = typer.Option(False, "--csl-json", help="Export CSL-JSON."),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
) -> None:
    """Export papers as BibTeX or CSL-JSON (imported entries come back exactly as they were read)."""

    if bibtex and csl_json:
        raise InvalidInputError("choose one of --bibtex and --csl-json")
    lib = common.library(ctx)
    if csl_json:
        text = json.dumps(export_csl_json(lib, keys or []), indent=2, ensure_ascii=False) + "\n"
    else:
        text = export_bibtex(lib, keys or [])
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {output}", err=True)


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
"""This module's top-level commands (see :mod:`paperpass.cli.registry`)."""
for name, command in (
    ("add", add), ("list", list_papers), ("show", show), ("remove", remove), ("related", related),
    ("code", code), ("export", export), ("import", import_bib), ("sync", sync),
):  # fmt: skip
    cli.command(name)(command)
cli.add_typer(sources_app, name="sources")
