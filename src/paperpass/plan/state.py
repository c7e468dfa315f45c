"""Where a user starts from: the passes already read, notes, recall of practised cards and due cards.

A pass counts as read when the paper's stage has reached it (:mod:`paperpass.papers.stage`: ``pass-done``
accepted it or it was overridden), the one definition every view uses; time logged never reads a pass.
Minutes logged on a pass not reached yet are taken off what the plan still gives it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from paperpass.library import Library
from paperpass.models import ReadingSession
from paperpass.notes.checks import note_complete
from paperpass.papers.stage import passes_reached
from paperpass.practice.scheduling import retrievability
from paperpass.reading.status import EntryProgress, guide_progress
from paperpass.store import practice as practice_rows
from paperpass.store import reading as reading_rows


@dataclass(frozen=True)
class EntryState:
    """How far the user is with one guide entry."""

    slug: str
    paper_ids: list[int]
    done_passes: frozenset[int]
    logged: dict[int, float] = field(default_factory=dict)
    note_complete: bool = False
    recall: float | None = None

    @property
    def paper_id(self) -> int | None:
        """The paper a session on this entry is logged against (its own, else its first work)."""
        return self.paper_ids[0] if self.paper_ids else None


@dataclass(frozen=True)
class StartState:
    """Everything the planner needs to know about the user, as plain data (so planning is pure)."""

    entries: dict[str, EntryState]
    due: dict[date, int] = field(default_factory=dict)
    cards: int = 0

    def due_on(self, day: date, first: date) -> int:
        """Cards due on ``day``; cards already overdue count on the plan's first day."""
        if day == first:
            return sum(n for d, n in self.due.items() if d <= first)
        return self.due.get(day, 0)


def done_passes(stage: str) -> frozenset[int]:
    """The passes a stage means are read (a pass reached implies the passes before it)."""
    return frozenset(range(1, passes_reached(stage) + 1))


def start_state(library: Library, *, now: datetime) -> StartState:
    """Read the user's reading log, status, notes, cards and reviews into a :class:`StartState`."""
    progress = guide_progress(library)
    with library.store.connect() as conn:
        log = reading_rows.sessions(conn, user_id=library.user_id)
        cards = practice_rows.cards(conn, library.user_id)
        bank = practice_rows.list_questions(conn, library.user_id)
    by_paper: dict[int, list[ReadingSession]] = defaultdict(list)
    for session in log:
        by_paper[session.paper_id].append(session)
    notes = note_complete(library, [p.paper for p in progress if p.paper is not None])
    recall_by_entry: dict[str, list[float]] = defaultdict(list)
    for question in bank:
        card = cards.get(question.id or 0)
        if card is not None:
            for slug in question.entries:
                recall_by_entry[slug].append(retrievability(library.settings, card, now))
    entries = {}
    for row in progress:
        entries[row.entry.slug] = _entry_state(row, by_paper, notes, recall_by_entry.get(row.entry.slug))
    due: dict[date, int] = defaultdict(int)
    for card in cards.values():
        due[card.due.astimezone().date()] += 1
    return StartState(entries, dict(due), len(cards))


def _entry_state(
    row: EntryProgress,
    by_paper: dict[int, list[ReadingSession]],
    notes: dict[int, bool],
    recalls: list[float] | None,
) -> EntryState:
    ids = [p.id for p in row.papers if p.id is not None]
    sessions = [s for i in ids for s in by_paper.get(i, [])]
    logged: dict[int, float] = defaultdict(float)
    for s in sessions:
        logged[s.pass_number] += s.minutes
    paper = row.paper
    return EntryState(
        slug=row.entry.slug,
        paper_ids=ids,
        done_passes=done_passes(row.status),
        logged=dict(logged),
        note_complete=bool(paper and notes.get(paper.id or 0, False)),
        recall=sum(recalls) / len(recalls) if recalls else None,
    )
