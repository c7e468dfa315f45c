"""Structured notes: the guide's template plus our pass fields, parsed, linted, kept with full history,
rendered to sanitized HTML and mirrored to an Obsidian-compatible vault."""

from __future__ import annotations

from paperpass.notes.checks import check_notes
from paperpass.notes.document import NoteDocument, parse_note
from paperpass.notes.history import (
    NoteState,
    load_note,
    note_diff,
    note_history,
    note_revision,
    restore_note,
    save_note,
)
from paperpass.notes.lint import lint_note
from paperpass.notes.render import render_markdown
from paperpass.notes.vault import VaultReport, export_vault, sync_vault

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
