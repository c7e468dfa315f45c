"""Structured notes: the guide's template plus our pass fields, parsed, linted, kept with full history,
rendered to sanitized HTML and mirrored to an Obsidian-compatible vault."""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperpass.lazy import Exports, exports

if TYPE_CHECKING:
    from paperpass.notes.checks import check_notes as check_notes
    from paperpass.notes.document import NoteDocument as NoteDocument
    from paperpass.notes.document import parse_note as parse_note
    from paperpass.notes.history import NoteState as NoteState
    from paperpass.notes.history import load_note as load_note
    from paperpass.notes.history import note_diff as note_diff
    from paperpass.notes.history import note_history as note_history
    from paperpass.notes.history import note_revision as note_revision
    from paperpass.notes.history import restore_note as restore_note
    from paperpass.notes.history import save_note as save_note
    from paperpass.notes.lint import lint_note as lint_note
    from paperpass.notes.render import render_markdown as render_markdown
    from paperpass.notes.vault import VaultReport as VaultReport
    from paperpass.notes.vault import export_vault as export_vault
    from paperpass.notes.vault import sync_vault as sync_vault

_EXPORTS: Exports = {
    "NoteDocument": ("paperpass.notes.document", "NoteDocument"),
    "NoteState": ("paperpass.notes.history", "NoteState"),
    "VaultReport": ("paperpass.notes.vault", "VaultReport"),
    "check_notes": ("paperpass.notes.checks", "check_notes"),
    "export_vault": ("paperpass.notes.vault", "export_vault"),
    "lint_note": ("paperpass.notes.lint", "lint_note"),
    "load_note": ("paperpass.notes.history", "load_note"),
    "note_diff": ("paperpass.notes.history", "note_diff"),
    "note_history": ("paperpass.notes.history", "note_history"),
    "note_revision": ("paperpass.notes.history", "note_revision"),
    "parse_note": ("paperpass.notes.document", "parse_note"),
    "render_markdown": ("paperpass.notes.render", "render_markdown"),
    "restore_note": ("paperpass.notes.history", "restore_note"),
    "save_note": ("paperpass.notes.history", "save_note"),
    "sync_vault": ("paperpass.notes.vault", "sync_vault"),
}
"""What the package offers: name -> (module, name there)."""

__all__ = [
    "NoteDocument",
    "NoteState",
    "VaultReport",
    "check_notes",
    "export_vault",
    "lint_note",
    "load_note",
    "note_diff",
    "note_history",
    "note_revision",
    "parse_note",
    "render_markdown",
    "restore_note",
    "save_note",
    "sync_vault",
]

if not TYPE_CHECKING:  # type checkers see the imports above; a name not offered is an error there
    __getattr__ = exports(globals(), _EXPORTS)
