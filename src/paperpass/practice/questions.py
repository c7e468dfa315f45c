"""The question bank in the library: the guide's questions, cards from the user's notes, and the user's
own questions, kept in sync and listed with filters.

:func:`sync_bank` is cheap when nothing changed and runs before every practice command, so an edited note
refreshes its cards the next time the user practises.

Note cards name the paper by its short title (the guide entry's, "LoRA", or the part of the paper's title
before a colon) and never repeat a bank card: a note field the bank already asks about for the entry that
covers the paper (its problem, key idea, results, limitations) gives no card of its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from paperpass.catalog import Catalog, find_entry
from paperpass.errors import InvalidInputError, PaperpassError
from paperpass.library import Library
from paperpass.models import QUESTION_KINDS, SHARED_BANK, Paper, Question
from paperpass.notes.document import parse_note
from paperpass.notes.lint import placeholder_findings
from paperpass.practice.bank import asked_facets, catalog_questions
from paperpass.practice.exact import ExactCard, exact_cards
from paperpass.store import guide as guide_rows
from paperpass.store import notes as note_rows
from paperpass.store import papers as paper_rows
from paperpass.store import practice as rows

# Cards drawn from a note: the field and how the question asks for it.
NOTE_PROMPTS = {
    "problem": "What problem does {title} solve?",
    "key_idea": "What is the key idea of {title}?",
    "results": "What are the main results of {title}?",
    "limitations": "What are the limitations of {title}?",
}
MAX_PROMPT = 1000
MAX_POINT = 500
MAX_SHORT_TITLE = 40


@dataclass(frozen=True)
class NoteFields:
    """The fields of a paper's current note that can become cards (placeholders left out).

    ``entries`` are the guide entries that cover or name the paper; ``covering`` those that cover it (the
    bank's own questions are about them); ``title`` is the name the cards use.
    """

    paper: Paper
    entries: list[str]
    fields: dict[str, str]
    title: str = ""
    covering: list[str] = field(default_factory=list)


def short_title(catalog: Catalog, paper: Paper, covering: Sequence[str]) -> str:
    """The name people use for a paper: its guide entry's short title ("LoRA"), else the part of its title
    before a colon when that part is short ("Jamba: A Hybrid ..." -> "Jamba"), else the title."""
    by_slug = {e.slug: e for e in catalog.entries}
    own = [by_slug[s] for s in covering if s in by_slug and by_slug[s].paper is None]
    if own:
        return own[0].short_title
    lead = paper.title.split(":", 1)[0].strip()
    return lead if ":" in paper.title and 0 < len(lead) <= MAX_SHORT_TITLE else paper.title


def current_note_fields(library: Library) -> list[NoteFields]:
    """Every saved note's problem, key idea, results and limitations, as the notes package parses them.

    This is the one place practice reads notes (issue 5's ``paperpass.notes`` and ``store.notes``).
    """

    result = []
    with library.store.connect() as conn:
        versions = note_rows.note_versions(conn, library.user_id)
        papers = paper_rows.papers_by_ids(conn, set(versions))
        covers = guide_rows.entry_paper_ids(conn)
        for paper_id in sorted(versions):
            note = note_rows.current_note(conn, paper_id, library.user_id)
            if note is None or paper_id not in papers:
                continue
            try:
                doc = parse_note(note.body)
            except PaperpassError:
                continue  # a note that does not parse gives no cards until it is fixed
            blocked = {f.field for f in placeholder_findings(doc)}
            fields = {k: doc.text(k) for k in NOTE_PROMPTS if k not in blocked and doc.text(k)}
            known = _slugs(library.catalog)
            entries = [e for e in guide_rows.entries_for_paper(conn, paper_id) if e in known]
            covering = [e for e in entries if covers.get(e) == paper_id]
            title = short_title(library.catalog, papers[paper_id], covering)
            result.append(NoteFields(papers[paper_id], entries, fields, title, covering))
    return result


def _slugs(catalog: Catalog) -> set[str]:
    return {e.slug for e in catalog.entries}


def note_questions(
    notes: Sequence[NoteFields], user_id: int, asked: Collection[tuple[str, str]] = ()
) -> list[Question]:
    """One card per filled note field: the prompt asks for it, the user's own text is the answer.

    Args:
        asked: ``(entry slug, facet)`` pairs the bank already asks about; a field asked about for an entry
            covering the note's paper gives no card (see :func:`~paperpass.practice.bank.asked_facets`).
    """
    result = []
    for note in notes:
        for key, text in note.fields.items():
            if any((slug, key) in asked for slug in note.covering):
                continue
            points = [line.lstrip("-*+ ").strip() for line in text.splitlines() if line.strip()]
            result.append(
                Question(
                    key=f"note/u{user_id}/p{note.paper.id}/{key}",
                    kind="note",
                    prompt=NOTE_PROMPTS[key].format(title=note.title or note.paper.title),
                    reference_points=points,
                    entries=list(note.entries),
                    facet=key,
                    source="note",
                    paper_id=note.paper.id,
                    user_id=user_id,
                )
            )
    return result


@dataclass(frozen=True)
class BankSync:
    """What :func:`sync_bank` changed."""

    catalog: rows.SyncCounts
    notes: rows.SyncCounts


def sync_bank(library: Library) -> BankSync:
    """Bring the stored bank up to date with the guide and the user's current notes (one transaction).

    Questions whose source changed are updated in place, keeping their schedule; questions whose source
    is gone (a deleted note field) are retired, keeping their history.
    """
    bank = catalog_questions(library.catalog)
    from_notes = note_questions(current_note_fields(library), library.user_id, asked_facets(bank))
    with library.store.transaction() as conn:
        guide = rows.sync_questions(conn, bank, "catalog", SHARED_BANK)
        notes = rows.sync_questions(conn, from_notes, "note", library.user_id)
    return BankSync(guide, notes)


def add_question(
    library: Library, prompt: str, points: Sequence[str], entries: Sequence[str] = ()
) -> Question:
    """Add a question of the user's own.

    Args:
        entries: slugs (or numbers, short names) of the guide entries it is about.

    Raises:
        InvalidInputError: an empty prompt, no reference point, or text too long.
        NotFoundError: an unknown entry.
    """
    prompt = " ".join(prompt.split())
    cleaned = [" ".join(p.split()) for p in points if p.strip()]
    if not prompt:
        raise InvalidInputError("the question is empty")
    if not cleaned:
        raise InvalidInputError("give at least one reference point (--point)")
    if len(prompt) > MAX_PROMPT or any(len(p) > MAX_POINT for p in cleaned):
        raise InvalidInputError(
            f"too long: a question is at most {MAX_PROMPT} characters, a point {MAX_POINT}"
        )
    slugs = list(dict.fromkeys(find_entry(library.catalog, e).slug for e in entries))
    question = Question(key=f"user/{uuid.uuid4().hex[:16]}", kind="user", prompt=prompt,
                        reference_points=cleaned, entries=slugs, facet="user", source="user",
                        user_id=library.user_id)  # fmt: skip
    with library.store.transaction() as conn:
        return rows.insert_question(conn, question)


def list_questions(library: Library, *, kind: str | None = None, entry: str | None = None) -> list[Question]:
    """The bank (synced first), optionally one kind's or one entry's questions.

    Raises:
        InvalidInputError: an unknown kind.
        NotFoundError: an unknown entry.
    """
    if kind is not None and kind not in QUESTION_KINDS:
        raise InvalidInputError(f"unknown kind {kind!r}; kinds are {', '.join(QUESTION_KINDS)}")
    slug = find_entry(library.catalog, entry).slug if entry else None
    sync_bank(library)
    with library.store.connect() as conn:
        found = rows.list_questions(conn, library.user_id)
    return [q for q in found if (kind is None or q.kind == kind) and (slug is None or slug in q.entries)]


@dataclass(frozen=True)
class KindGroup:
    """The bank's questions of one kind (``count`` of them; ``items`` only when that kind is listed), each
    with its card when it is a cloze or choice card."""

    kind: str
    count: int
    items: list[tuple[Question, ExactCard | None]]


def bank_by_kind(library: Library, kind: str | None) -> list[KindGroup]:
    """The bank (synced first) grouped by kind in :data:`~paperpass.models.QUESTION_KINDS` order; with
    ``kind``, only that kind's questions are listed (the others are counted).

    Raises:
        InvalidInputError: an unknown kind.
    """
    found = list_questions(library)
    if kind is not None and kind not in QUESTION_KINDS:
        raise InvalidInputError(f"unknown kind {kind!r}; kinds are {', '.join(QUESTION_KINDS)}")
    cards = {c.key: c for c in exact_cards(library.catalog)}
    groups = []
    for name in QUESTION_KINDS:
        mine = [q for q in found if q.kind == name]
        listed = [(q, cards.get(q.key)) for q in mine] if kind in {None, name} else []
        groups.append(KindGroup(name, len(mine), listed))
    return groups


def get_question(library: Library, question_id: int) -> Question:
    """One question by id, among those the viewer sees.

    Raises:
        NotFoundError: no such question (or another user's).
    """
    with library.store.connect() as conn:
        return rows.get_question(conn, question_id, library.user_id)
