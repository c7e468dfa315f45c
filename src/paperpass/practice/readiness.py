"""How ready the user is: per top-15 item and per category, and one overall figure with its definition.

For each item: the reading pass reached, whether its note is complete (the guide's template filled, no lint
finding), recall (the mean FSRS retrievability of its cards now; a card never reviewed counts 0) and when
it was last practised. Its readiness is a weighted mean of the three (see :data:`DEFINITION`); the overall
figure is the mean over the 15 checklist items, and the three weakest items are the next steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from paperpass.errors import PaperpassError
from paperpass.library import Library
from paperpass.models import Paper
from paperpass.notes.document import parse_note
from paperpass.notes.lint import lint_note
from paperpass.practice.questions import sync_bank
from paperpass.practice.scheduling import now_utc, retrievability
from paperpass.reading.status import EntryProgress, guide_progress
from paperpass.store import notes as note_rows
from paperpass.store import practice as rows

PASS_RANK = {"to-read": 0, "pass-1": 1, "pass-2": 2, "pass-3": 3, "done": 3}
WEIGHTS = {"reading": 0.3, "note": 0.2, "recall": 0.5}
DEFINITION = (
    "Readiness of an item = 30% reading (passes reached out of 3) + 20% note complete (the guide's "
    "template filled with no lint finding) + 50% recall (mean FSRS retrievability of its practice cards "
    "now; a card never reviewed counts 0). Overall readiness = the mean over the 15 top-15 items."
)


@dataclass(frozen=True)
class Readiness:
    """How ready one item (a checklist item or a category) is."""

    label: str
    entries: list[str]
    pass_reached: int
    note_complete: bool
    recall: float
    last_practised: datetime | None
    cards: int
    href: str = ""

    @property
    def score(self) -> float:
        """The weighted readiness, 0-1 (see :data:`DEFINITION`)."""
        return (
            WEIGHTS["reading"] * self.pass_reached / 3
            + WEIGHTS["note"] * self.note_complete
            + WEIGHTS["recall"] * self.recall
        )

    def next_step(self) -> str:
        """The most useful thing to do next for this item."""
        if self.pass_reached < 2:
            return f"read {self.label} to pass 2 (comprehension)"
        if not self.note_complete:
            return f"complete the note on {self.label} (problem, key idea, method, results, limitations)"
        return f"practise {self.label}: paperpass practice --entry {self.entries[0]}"

    def as_json(self) -> dict[str, object]:
        """The item as JSON data."""
        return {
            "label": self.label,
            "entries": list(self.entries),
            "pass_reached": self.pass_reached,
            "note_complete": self.note_complete,
            "recall": round(self.recall, 3),
            "last_practised": self.last_practised.isoformat() if self.last_practised else None,
            "cards": self.cards,
            "score": round(self.score, 3),
        }


@dataclass(frozen=True)
class ReadinessReport:
    """Readiness per top-15 item and per category, the overall figure and the next steps."""

    items: list[Readiness]
    categories: list[Readiness]
    overall: float
    definition: str = DEFINITION
    next_steps: list[Readiness] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        """The report as JSON data."""
        return {
            "overall": round(self.overall, 3),
            "definition": self.definition,
            "items": [i.as_json() for i in self.items],
            "categories": [c.as_json() for c in self.categories],
            "next_steps": [{"label": i.label, "do": i.next_step()} for i in self.next_steps],
        }


def note_complete(library: Library, papers: Sequence[Paper]) -> dict[int, bool]:
    """Paper id -> whether its current note passes the guide's template lint (via ``paperpass.notes``)."""

    result = {}
    with library.store.connect() as conn:
        for paper in papers:
            note = note_rows.current_note(conn, paper.id or 0, library.user_id)
            try:
                result[paper.id or 0] = note is not None and not lint_note(parse_note(note.body))
            except PaperpassError:
                result[paper.id or 0] = False
    return result


@dataclass(frozen=True)
class _EntryState:
    pass_reached: int
    note_complete: bool
    recalls: list[float]
    last: datetime | None


def _entry_states(library: Library, progress: list[EntryProgress]) -> dict[str, _EntryState]:
    now = now_utc()
    with library.store.connect() as conn:
        bank = rows.list_questions(conn, library.user_id)
        cards = rows.cards(conn, library.user_id)
    own_papers = [p.paper for p in progress if p.paper is not None]
    notes = note_complete(library, own_papers)
    states = {}
    for entry in progress:
        about = [q for q in bank if entry.entry.slug in q.entries and q.id is not None]
        recalls = [retrievability(library.settings, cards.get(q.id or 0), now) for q in about]
        practised = [c.last_review for q in about if (c := cards.get(q.id or 0)) and c.last_review]
        paper = entry.paper
        states[entry.entry.slug] = _EntryState(
            PASS_RANK.get(entry.status, 0),
            bool(paper and notes.get(paper.id or 0, False)),
            recalls,
            max(practised) if practised else None,
        )
    return states


def _combine(label: str, slugs: list[str], states: dict[str, _EntryState], href: str) -> Readiness:
    parts = [states[s] for s in slugs]
    recalls = [r for p in parts for r in p.recalls]
    lasts = [p.last for p in parts if p.last]
    return Readiness(
        label=label,
        entries=slugs,
        pass_reached=min(p.pass_reached for p in parts),
        note_complete=all(p.note_complete for p in parts),
        recall=sum(recalls) / len(recalls) if recalls else 0.0,
        last_practised=max(lasts) if lasts else None,
        cards=len(recalls),
        href=href,
    )


def readiness_report(library: Library) -> ReadinessReport:
    """Readiness for every top-15 item and category, the overall figure and the three weakest items."""
    sync_bank(library)
    progress = guide_progress(library)
    states = _entry_states(library, progress)
    items = [
        _combine(item.label, list(item.entries), states, f"/guide/{item.entries[0]}")
        for item in library.catalog.checklist
    ]
    categories = [
        _combine(
            c.name,
            [e.slug for e in library.catalog.entries if e.category == c.slug],
            states,
            f"/#cat-{c.slug}",
        )
        for c in library.catalog.categories
    ]
    overall = sum(i.score for i in items) / len(items) if items else 0.0
    weakest = sorted(items, key=lambda i: (i.score, i.label))[:3]
    return ReadinessReport(items, categories, overall, DEFINITION, weakest)
