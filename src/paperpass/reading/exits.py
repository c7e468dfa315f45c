"""Exit criteria, checked before a pass is marked complete; ``force`` overrides and says so in the log.

- Pass 1: the problem sentence and the main result are written.
- Pass 2: the note passes lint and the "explain it to a colleague" summary (a short paragraph) is written.
- Pass 3: at least one connection to another library paper, assumptions examined, at least one idea for
  improvement.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.models import Paper, ReadingSession
from paperpass.notes.document import NoteDocument, parse_note
from paperpass.notes.lint import lint_note, placeholder_findings
from paperpass.papers.stage import record_completion
from paperpass.reading.sessions import Clock, utc_now
from paperpass.store import Connection
from paperpass.store import notes as note_rows
from paperpass.store import papers as paper_rows
from paperpass.store import reading as reading_rows

SUMMARY_MAX_WORDS = 150


@dataclass(frozen=True)
class ExitCheck:
    """The exit criteria of one pass for one paper: what is still missing."""

    pass_number: int
    missing: list[str] = field(default_factory=list)

    @property
    def met(self) -> bool:
        """Whether every criterion is met."""
        return not self.missing


@dataclass(frozen=True)
class Completion:
    """The result of asking to complete a pass."""

    check: ExitCheck
    completed: bool
    forced: bool = False
    session: ReadingSession | None = None


def _written(doc: NoteDocument, key: str) -> bool:
    blocked = {f.field for f in placeholder_findings(doc)}
    return key not in blocked and bool(doc.text(key))


def _pass1(doc: NoteDocument) -> list[str]:
    missing = []
    if not _written(doc, "problem"):
        missing.append("Problem: write the problem sentence")
    if not _written(doc, "results"):
        missing.append("Results: write the main result")
    return missing


def _pass2(doc: NoteDocument) -> list[str]:
    missing = [f"lint: {finding}" for finding in lint_note(doc)]
    summary = doc.text("colleague_summary")
    if not _written(doc, "colleague_summary"):
        missing.append("Colleague summary: explain the paper to a colleague in a short paragraph")
    elif "\n\n" in summary.strip() or len(summary.split()) > SUMMARY_MAX_WORDS:
        missing.append(
            f"Colleague summary: keep it to one short paragraph (at most {SUMMARY_MAX_WORDS} words)"
        )
    return missing


def _pass3(conn: Connection, doc: NoteDocument, paper: Paper) -> list[str]:
    missing = []
    linked = [paper_rows.find_paper(conn, target.strip().lower()) for target in doc.wikilinks("connections")]
    if not any(p is not None and p.id != paper.id for p in linked):
        missing.append("Connections: link at least one other library paper as [[slug]]")
    if not _written(doc, "assumptions"):
        missing.append("Assumptions examined: write which assumptions you checked")
    if not _written(doc, "improvements"):
        missing.append("Improvement ideas: write at least one idea for improvement")
    return missing


def check_exit(library: Library, paper: Paper, number: int) -> ExitCheck:
    """Check a pass's exit criteria against the paper's saved note.

    Raises:
        InvalidInputError: not pass 1, 2 or 3.
    """
    if number not in (1, 2, 3):
        raise InvalidInputError(f"there is no pass {number}; the passes are 1, 2 and 3")
    assert paper.id is not None
    with library.store.connect() as conn:
        note = note_rows.current_note(conn, paper.id, library.user_id)
        if note is None:
            where = f"`paperpass note {paper.slug}`, or beside the paper in the web app"
            return ExitCheck(number, [f"no note yet: write and save it ({where})"])
        try:
            doc = parse_note(note.body)
        except InvalidInputError as exc:
            return ExitCheck(number, [f"the note cannot be read: {exc.message}"])
        missing = _pass1(doc) if number == 1 else _pass2(doc) if number == 2 else _pass3(conn, doc, paper)
    return ExitCheck(number, missing)


def complete_pass(
    library: Library, paper: Paper, number: int, *, force: bool = False, clock: Clock = utc_now
) -> Completion:
    """Mark a pass complete when its exit criteria are met, or with ``force`` (logged as forced).

    Completing pass 1 or 2 moves the stage to at least that pass; completing pass 3 makes it ``done`` (see
    :mod:`paperpass.papers.stage`, the one definition). Nothing is written when the criteria are not met
    and ``force`` is False.
    """
    check = check_exit(library, paper, number)
    if not check.met and not force:
        return Completion(check, completed=False)
    assert paper.id is not None
    now = clock()
    forced = not check.met
    note = ("forced; missing: " + "; ".join(check.missing)) if forced else "exit criteria met"
    with library.store.transaction() as conn:
        session = reading_rows.add_session(
            conn,
            ReadingSession(
                paper.id,
                number,
                now,
                now,
                0.0,
                completed=True,
                forced=forced,
                note=note,
                user_id=library.user_id,
            ),  # fmt: skip
        )
        record_completion(conn, paper.id, number, library.user_id)
    return Completion(check, completed=True, forced=forced, session=session)


def completed_passes(sessions: list[ReadingSession]) -> set[int]:
    """The pass numbers marked complete in a log."""
    return {s.pass_number for s in sessions if s.completed}
