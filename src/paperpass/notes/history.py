"""A paper's note in the library: load (or start from the template), save with a version check, history,
diff and restore. The database is the source of truth; every save is kept."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from paperpass.errors import InvalidInputError, PDFError
from paperpass.library import Library
from paperpass.models import NoteRevision, Paper
from paperpass.notes.document import NoteDocument, parse_note
from paperpass.notes.template import new_note
from paperpass.papers.sheets import survey_sheet
from paperpass.search import indexing
from paperpass.store import notes as note_rows

MAX_NOTE_CHARS = 200_000


@dataclass(frozen=True)
class NoteState:
    """The text to edit and the version it is based on (0 and the template for a note never saved)."""

    paper: Paper
    text: str
    version: int

    @property
    def is_new(self) -> bool:
        """Whether the note has never been saved."""
        return self.version == 0


def starting_note(library: Library, paper: Paper) -> str:
    """The template for a new note, with the survey sheet's abstract and captions when there is a PDF."""
    try:
        sheet = survey_sheet(library, paper)
    except PDFError:
        sheet = None
    return new_note(paper, sheet)


def load_note(library: Library, paper: Paper) -> NoteState:
    """The paper's current note, or a new one from the template."""
    assert paper.id is not None
    with library.store.connect() as conn:
        current = note_rows.current_note(conn, paper.id, library.user_id)
    if current is not None:
        return NoteState(paper, current.body, current.version)
    return NoteState(paper, starting_note(library, paper), 0)


def validate_note(text: str) -> NoteDocument:
    """Parse a note for saving.

    Raises:
        InvalidInputError: the note is empty, too long or its sections cannot be understood.
    """
    if not text.strip():
        raise InvalidInputError("the note is empty; nothing was saved")
    if len(text) > MAX_NOTE_CHARS:
        raise InvalidInputError(f"the note is longer than {MAX_NOTE_CHARS} characters; nothing was saved")
    return parse_note(text)


def save_note(
    library: Library, paper: Paper, text: str, expected_version: int, *, source: str = "cli"
) -> NoteRevision:
    """Save a new version of a paper's note.

    Args:
        expected_version: the version the edit started from (0 for a new note).

    Raises:
        InvalidInputError: the note cannot be parsed; nothing was saved.
        ConflictError: the note changed since ``expected_version``; nothing was saved.
    """
    assert paper.id is not None
    validate_note(text)
    body = text if text.endswith("\n") else text + "\n"
    with library.store.transaction() as conn:
        saved = note_rows.save_note(
            conn, paper.id, body, expected_version, source=source, user_id=library.user_id
        )
        indexing.note_saved(conn, paper.id, library.user_id, body)
    return saved


def note_history(library: Library, paper: Paper) -> list[NoteRevision]:
    """Every saved version of the paper's note, oldest first."""
    assert paper.id is not None
    with library.store.connect() as conn:
        return note_rows.note_history(conn, paper.id, library.user_id)


def note_revision(library: Library, paper: Paper, version: int) -> NoteRevision:
    """One saved version.

    Raises:
        NotFoundError: no such version.
    """
    assert paper.id is not None
    with library.store.connect() as conn:
        return note_rows.note_revision(conn, paper.id, version, library.user_id)


def note_diff(library: Library, paper: Paper, old: int | None = None, new: int | None = None) -> str:
    """A unified diff between two saved versions (default: the previous and the current one).

    Raises:
        NotFoundError: a version does not exist or the note was never saved.
    """
    history = note_history(library, paper)
    if not history:
        raise InvalidInputError(f"{paper.slug} has no saved note yet")
    new = new if new is not None else history[-1].version
    old = old if old is not None else max(new - 1, 0)
    old_body = note_revision(library, paper, old).body if old > 0 else ""
    new_body = note_revision(library, paper, new).body
    lines = difflib.unified_diff(
        old_body.splitlines(keepends=True),
        new_body.splitlines(keepends=True),
        fromfile=f"{paper.slug} v{old}",
        tofile=f"{paper.slug} v{new}",
    )
    return "".join(lines)


def restore_note(library: Library, paper: Paper, version: int) -> NoteRevision:
    """Save an old version again as the newest one (history keeps everything in between).

    Raises:
        NotFoundError: no such version.
        ConflictError: the note changed while restoring.
    """
    assert paper.id is not None
    with library.store.transaction() as conn:
        old = note_rows.note_revision(conn, paper.id, version, library.user_id)
        current = note_rows.current_note(conn, paper.id, library.user_id)
        base = current.version if current else 0
        saved = note_rows.save_note(conn, paper.id, old.body, base, source="restore", user_id=library.user_id)
        indexing.note_saved(conn, paper.id, library.user_id, old.body)
    return saved
