"""``note check``: lint the saved notes of some papers (or all of them); whether a note is complete."""

from __future__ import annotations

from collections.abc import Sequence

from paperpass.errors import InvalidInputError, PaperpassError
from paperpass.library import Library, get_paper, list_papers
from paperpass.models import Paper
from paperpass.notes.document import parse_note
from paperpass.notes.lint import Finding, lint_note
from paperpass.store import notes as note_rows


def check_notes(library: Library, slugs: list[str] | None = None) -> list[tuple[str, list[str]]]:
    """Lint notes: ``(slug, findings)`` per paper, every saved note when ``slugs`` is None.

    A named paper without a saved note fails with one finding; a note that cannot be parsed fails with
    the parse error.

    Raises:
        NotFoundError: a named paper is not in the library.
    """
    papers = [get_paper(library, s) for s in slugs] if slugs else list_papers(library)
    results: list[tuple[str, list[str]]] = []
    with library.store.connect() as conn:
        for paper in sorted(papers, key=lambda p: p.slug) if not slugs else papers:
            assert paper.id is not None
            note = note_rows.current_note(conn, paper.id, library.user_id)
            if note is None:
                if slugs:
                    results.append((paper.slug, [f"no note yet (write one: paperpass note {paper.slug})"]))
                continue
            results.append((paper.slug, _lint(note.body)))
    return results


def _lint(body: str) -> list[str]:
    try:
        findings: list[Finding] = lint_note(parse_note(body))
    except InvalidInputError as exc:
        return [f"the note cannot be read: {exc.message}"]
    return [str(f) for f in findings]


def note_complete(library: Library, papers: Sequence[Paper]) -> dict[int, bool]:
    """Paper id -> whether the viewer's current note on it passes the guide's template lint (filled, no
    finding); the one test of a complete note that readiness and the study plan share."""
    result = {}
    with library.store.connect() as conn:
        for paper in papers:
            note = note_rows.current_note(conn, paper.id or 0, library.user_id)
            try:
                result[paper.id or 0] = note is not None and not lint_note(parse_note(note.body))
            except PaperpassError:
                result[paper.id or 0] = False
    return result
