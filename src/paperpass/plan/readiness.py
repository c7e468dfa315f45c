"""How ready the user is: per top-15 item and per category, and one overall figure with its definition.

For each item: the reading pass reached, whether its note is complete (the guide's template filled, no lint
finding), recall (the mean FSRS retrievability of its cards now; a card never reviewed counts 0), when it
was last practised, and how its mock interview answers went. Mock interviews count twice: a marked answer
is a review of its card, and every point missed becomes a card of its own about the item, so both move
recall. Its readiness is a weighted mean of reading, note and recall (see :data:`DEFINITION`); the overall
figure is the mean over the 15 checklist items.

The next steps follow the study plan's priorities: the plan's own order of work
(:func:`paperpass.plan.schedule.plan_tasks` from where the user stands) says which item comes first and
what to do on it; items the plan has nothing left for come after, weakest first, ties in the plan's order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from paperpass.catalog import ChecklistItem
from paperpass.library import Library
from paperpass.notes.checks import note_complete
from paperpass.plan.model import Task
from paperpass.plan.schedule import plan_tasks, resolve_focus
from paperpass.plan.service import budgets
from paperpass.plan.state import start_state
from paperpass.practice.questions import sync_bank
from paperpass.practice.scheduling import now_utc, retrievability
from paperpass.reading.status import EntryProgress, guide_progress
from paperpass.store import practice as rows

PASS_RANK = {"to-read": 0, "pass-1": 1, "pass-2": 2, "pass-3": 3, "done": 3}
WEIGHTS = {"reading": 0.3, "note": 0.2, "recall": 0.5}
DEFINITION = (
    "Readiness of an item = 30% reading (passes reached out of 3) + 20% note complete (the guide's "
    "template filled with no lint finding) + 50% recall (mean FSRS retrievability of its practice cards "
    "now, including the cards reviewed and made from points missed in mock interviews; a card never "
    "reviewed counts 0). Overall readiness = the mean over the 15 top-15 items. Next steps follow the study "
    "plan's order of work."
)
MAX_STEPS = 3
PASS_NAMES = {1: "survey", 2: "comprehension", 3: "deep dive"}


@dataclass(frozen=True)
class Readiness:
    """How ready one item (a checklist item or a category) is.

    ``mock_covered`` of ``mock_points`` reference points were marked covered in mock interview answers
    about it; ``missed_due`` cards made from points missed in mocks are due within a day; ``step`` and
    ``command`` say what to do next on it and the command that does it (set for the report's next steps).
    """

    label: str
    entries: list[str]
    pass_reached: int
    note_complete: bool
    recall: float
    last_practised: datetime | None
    cards: int
    href: str = ""
    practised: int = 0
    """Of ``cards``, how many have been reviewed at least once (the others count 0 in ``recall``: a bank
    that grew lowers recall until its new cards are practised, and this says why)."""
    mock_covered: int = 0
    mock_points: int = 0
    missed_due: int = 0
    step: str = ""
    command: str = ""

    @property
    def score(self) -> float:
        """The weighted readiness, 0-1 (see :data:`DEFINITION`)."""
        return (
            WEIGHTS["reading"] * self.pass_reached / 3
            + WEIGHTS["note"] * self.note_complete
            + WEIGHTS["recall"] * self.recall
        )

    def next_action(self) -> tuple[str, str]:
        """The most useful thing to do next for this item and the command that does it (the study plan's
        task when it has one)."""
        if self.step:
            return self.step, self.command
        practise = f"paperpass practice --entry {self.entries[0]}"
        if self.missed_due:
            points = f"{self.missed_due} point{'s' if self.missed_due != 1 else ''}"
            return f"practise the {points} of {self.label} you missed in mock interviews", practise
        return f"practise {self.label}", practise

    def next_step(self) -> str:
        """:meth:`next_action` as one line: "read LoRA, pass 1 (survey): paperpass read lora --pass 1"."""
        action, command = self.next_action()
        return f"{action}: {command}" if command else action

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
            "practised": self.practised,
            "mock": {"covered": self.mock_covered, "points": self.mock_points, "missed_due": self.missed_due},
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
            "next_steps": [
                {"label": i.label, "entries": i.entries, "do": i.next_step(), "command": i.next_action()[1]}
                for i in self.next_steps
            ],
        }


@dataclass(frozen=True)
class _EntryState:
    pass_reached: int
    note_complete: bool
    recalls: list[float]
    last: datetime | None
    practised: int = 0
    mock_covered: int = 0
    mock_points: int = 0
    missed_due: int = 0


def _entry_states(library: Library, progress: list[EntryProgress], now: datetime) -> dict[str, _EntryState]:
    with library.store.connect() as conn:
        bank = rows.list_questions(conn, library.user_id)
        cards = rows.cards(conn, library.user_id)
        marked = rows.graded_mock_answers(conn, library.user_id)
    own_papers = [p.paper for p in progress if p.paper is not None]
    notes = note_complete(library, own_papers)
    entries_of = {q.id: q.entries for q in bank}
    mocks: dict[str, list[str]] = defaultdict(list)
    for answer in marked:
        for slug in entries_of.get(answer.question_id, []):
            mocks[slug] += answer.marks
    soon = now + timedelta(days=1)
    states = {}
    for entry in progress:
        slug = entry.entry.slug
        about = [q for q in bank if slug in q.entries and q.id is not None]
        recalls = [retrievability(library.settings, cards.get(q.id or 0), now) for q in about]
        practised = [c.last_review for q in about if (c := cards.get(q.id or 0)) and c.last_review]
        due = [q for q in about if q.facet == "missed" and (c := cards.get(q.id or 0)) and c.due <= soon]
        paper = entry.paper
        states[slug] = _EntryState(
            PASS_RANK.get(entry.status, 0),
            bool(paper and notes.get(paper.id or 0, False)),
            recalls,
            max(practised) if practised else None,
            len(practised),
            mocks[slug].count("covered"),
            len(mocks[slug]),
            len(due),
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
        practised=sum(p.practised for p in parts),
        mock_covered=sum(p.mock_covered for p in parts),
        mock_points=sum(p.mock_points for p in parts),
        missed_due=sum(p.missed_due for p in parts),
    )


def plan_order(library: Library, now: datetime) -> list[Task]:
    """The study plan's work for the top-15 papers from where the user stands, most important first (the
    planner's own order: pass 1 of each paper, then pass 2, notes and refreshes, then pass 3)."""
    catalog = library.catalog
    focus = resolve_focus(catalog, ["top15"])
    return plan_tasks(catalog, focus, start_state(library, now=now), budgets(library.settings, catalog))


def _step(task: Task, label: str) -> tuple[str, str]:
    """A plan task as a next step and the command that does it."""
    if task.kind == "read" and task.pass_number:
        name = PASS_NAMES.get(task.pass_number, "")
        return (f"read {label}, pass {task.pass_number} ({name})",
                f"paperpass read {task.entry} --pass {task.pass_number}")  # fmt: skip
    if task.kind == "note":
        return f"finish the note on {label}", f"paperpass note {task.entry}"
    if task.kind == "refresh":
        return (
            f"refresh {label}: re-read your note, then practise",
            f"paperpass practice --entry {task.entry}",
        )
    return task.title, ""


def next_steps(
    items: Sequence[Readiness], checklist: Sequence[ChecklistItem], tasks: Sequence[Task]
) -> list[Readiness]:
    """The items to work on next, each with its step: first the items the plan still has work for, in the
    plan's order; then the rest, weakest first, ties broken by the plan's order of the checklist."""
    first: dict[str, tuple[int, Task]] = {}
    for position, task in enumerate(tasks):
        if task.entry is not None:
            first.setdefault(task.entry, (position, task))
    order = {item.label: n for n, item in enumerate(checklist)}

    def priority(item: Readiness) -> tuple[int, float, int]:
        found = [first[s][0] for s in item.entries if s in first]
        return (min(found) if found else len(tasks), 0.0 if found else item.score, order.get(item.label, 0))

    chosen = []
    for item in sorted(items, key=priority)[:MAX_STEPS]:
        found = sorted(first[s] for s in item.entries if s in first)
        step, command = _step(found[0][1], item.label) if found else ("", "")
        chosen.append(Readiness(**{**item.__dict__, "step": step, "command": command}))
    return chosen


def readiness_report(library: Library, *, now: datetime | None = None) -> ReadinessReport:
    """Readiness for every top-15 item and category, the overall figure and the next steps."""
    at = now or now_utc()
    sync_bank(library)
    progress = guide_progress(library)
    states = _entry_states(library, progress, at)
    checklist = library.catalog.checklist
    items = [
        _combine(item.label, list(item.entries), states, f"/guide/{item.entries[0]}") for item in checklist
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
    steps = next_steps(items, checklist, plan_order(library, at))
    return ReadinessReport(items, categories, overall, DEFINITION, steps)
