"""``paperpass note`` (edit, check, history, diff, restore) and ``paperpass vault`` (export, sync).

``paperpass note SLUG`` is short for ``paperpass note edit SLUG``.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from typer.core import TyperGroup

from paperpass.cli import common
from paperpass.errors import InvalidInputError, PaperpassError
from paperpass.library import Library, get_paper
from paperpass.models import Paper
from paperpass.notes import (
    NoteState,
    check_notes,
    export_vault,
    lint_note,
    load_note,
    note_diff,
    note_history,
    parse_note,
    restore_note,
    save_note,
    sync_vault,
)


class _NoteGroup(TyperGroup):
    """``note SLUG ...`` runs ``note edit SLUG ...`` when SLUG is not a subcommand."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["edit", *args]
        return super().parse_args(ctx, args)


note_app = typer.Typer(cls=_NoteGroup, help="Structured notes: edit, lint, history, diff, restore.")
vault_app = typer.Typer(help="An Obsidian-compatible vault of your notes: export and sync.")


def _open(ctx: typer.Context, slug: str) -> tuple[Library, Paper]:
    lib = common.library(ctx)
    return lib, get_paper(lib, slug)


def _read_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"cannot read {path}: {exc}") from None


def _save(lib: Library, paper: Paper, text: str, version: int) -> None:
    saved = save_note(lib, paper, text, version)
    findings = lint_note(parse_note(saved.body))
    tail = f"; lint: {len(findings)} finding(s), see `paperpass note check {paper.slug}`" if findings else ""
    common.console().print(f"Saved the note of {paper.slug} as version {saved.version}{tail}.")


def _editor() -> list[str]:
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    return shlex.split(command)


def _edit_in_editor(lib: Library, state: NoteState) -> None:
    drafts = lib.settings.home / "drafts"
    drafts.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f"{state.paper.slug}-v{state.version}-", suffix=".md", dir=drafts)
    draft = Path(name)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(state.text)
    try:
        status = subprocess.run([*_editor(), str(draft)], check=False).returncode
    except OSError as exc:
        draft.unlink(missing_ok=True)
        raise InvalidInputError(f"cannot start the editor {_editor()[0]!r} ($EDITOR): {exc}") from None
    text = _read_file(draft)
    if status != 0:
        raise InvalidInputError(
            f"the editor exited with status {status}; nothing saved, your text is in {draft}"
        )
    if text == state.text:
        draft.unlink()
        common.console().print("No changes; nothing saved.")
        return
    try:
        _save(lib, state.paper, text, state.version)
    except PaperpassError as error:
        retry = f"paperpass note {state.paper.slug} --from '{draft}'"
        error.message = f"{error.message}; your edit is kept in {draft} (fix it, then: {retry})"
        raise
    draft.unlink()


@note_app.command("edit")
def edit(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help="Paper slug or id."),
    from_file: Annotated[
        Path | None, typer.Option("--from", help="Set the note from this Markdown file.")
    ] = None,
    print_it: bool = typer.Option(False, "--print", help="Print the note (a new one: the template)."),
    version: int = typer.Option(
        None, "--base-version", help="With --from: the version the file was based on."
    ),
) -> None:
    """Edit a paper's note in $EDITOR (saved back on exit), set it --from a file, or --print it."""

    lib, paper = _open(ctx, slug)
    state = load_note(lib, paper)
    if print_it:
        typer.echo(state.text, nl=False)
    elif from_file is not None:
        _save(lib, paper, _read_file(from_file), state.version if version is None else version)
    else:
        _edit_in_editor(lib, state)


@note_app.command("check")
def check(
    ctx: typer.Context,
    slugs: Annotated[
        list[str] | None, typer.Argument(help="Papers to check (default: every saved note).")
    ] = None,
) -> None:
    """Lint notes against the guide's template; exit status 1 when any note fails."""

    results = check_notes(common.library(ctx), slugs or None)
    console = common.console()
    failed = 0
    for slug, findings in results:
        if not findings:
            console.print(f"[green]ok[/green]   {slug}")
            continue
        failed += 1
        console.print(f"[red]fail[/red] {slug}")
        for finding in findings:
            console.print(f"       {finding}", markup=False)
    if not results:
        console.print("No saved notes to check.")
    if failed:
        raise typer.Exit(1)


@note_app.command("history")
def history(ctx: typer.Context, slug: str = typer.Argument(..., help="Paper slug or id.")) -> None:
    """Every saved version of a paper's note."""

    lib, paper = _open(ctx, slug)
    table = Table(title=f"Note history of {paper.slug}")
    for head in ("Version", "Saved (UTC)", "From", "Lines"):
        table.add_column(head)
    for rev in note_history(lib, paper):
        table.add_row(
            str(rev.version), f"{rev.saved_at:%Y-%m-%d %H:%M:%S}", rev.source, str(rev.body.count("\n"))
        )
    common.console().print(table)


@note_app.command("diff")
def diff(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help="Paper slug or id."),
    old: int = typer.Argument(None, help="Older version (default: the one before NEW)."),
    new: int = typer.Argument(None, help="Newer version (default: the current one)."),
) -> None:
    """A unified diff between two versions of a note."""

    lib, paper = _open(ctx, slug)
    typer.echo(note_diff(lib, paper, old, new) or "(no difference)", nl=False)


@note_app.command("restore")
def restore(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help="Paper slug or id."),
    version: int = typer.Argument(..., help="The version to bring back (saved as a new version)."),
) -> None:
    """Bring back an old version of a note as the newest one (nothing is lost)."""

    lib, paper = _open(ctx, slug)
    saved = restore_note(lib, paper, version)
    common.console().print(f"Restored version {version} of {paper.slug} as version {saved.version}.")


def _report(report: Any, as_json: bool) -> None:
    if as_json:
        common.print_json(report.as_json())
        return
    console = common.console()
    console.print(f"{len(report.written)} file(s) written, {len(report.imported)} note(s) imported.")
    for path in report.imported:
        console.print(f"  imported  {path}", markup=False)
    for path in report.conflicts:
        console.print(f"  [yellow]conflict[/yellow]  changed in both: the library's version is in {path}")
    for path in report.deleted:
        console.print(
            f"  [yellow]deleted[/yellow]   {path} is gone from the vault (the library keeps the note)"
        )
    for line in report.invalid:
        console.print(f"  [red]invalid[/red]   {line}")


@vault_app.command("export")
def vault_export(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="The vault folder (created if needed).")],
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Write one note per paper, an index per guide category and the top-15 checklist into DIR."""

    _report(export_vault(common.library(ctx), directory), as_json)


@vault_app.command("sync")
def vault_sync(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="A vault written by `paperpass vault export`.")],
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Import notes edited in the vault; conflicts get a copy, deletions are reported."""

    report = sync_vault(common.library(ctx), directory)
    _report(report, as_json)
    if report.conflicts or report.invalid:
        raise typer.Exit(1)


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
"""This module's top-level commands (see :mod:`paperpass.cli.registry`)."""
cli.add_typer(note_app, name="note")
cli.add_typer(vault_app, name="vault")
