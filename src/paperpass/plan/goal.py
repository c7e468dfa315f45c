"""What "done" means on the top-15 checklist: interview-ready, as the study plan defines it.

A checklist item is done when every guide entry it links to is:

1. read to the pass the plan gives it: the furthest pass among the plan's reading items for it (pass 2 for
   most; pass 3 where the plan has a deep dive; pass 1 where it has no time for more). An entry the plan
   gives no reading (read before the plan was made, or outside its focus) and every entry without a plan
   has the default goal, pass 2 (comprehension: "you can explain the paper to a colleague"). The pass is
   the paper's stage (:mod:`paperpass.papers.stage`): reached by ``pass-done``, not by time logged;
2. its note complete: the guide's template filled with no lint finding;
3. its practice covered: its core questions (the problem, the key idea, the results) each answered at
   least once (an entry with no core questions of its own: any of its questions).

So a three-week plan with no time for pass 3 does not read "0 of 15" for three weeks. The definition is
said in words wherever the checklist is shown (:attr:`Checklist.definition`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from paperpass.catalog import ChecklistItem
from paperpass.library import Library
from paperpass.notes.checks import note_complete
from paperpass.papers.stage import passes_reached
from paperpass.reading.status import EntryProgress, guide_progress, least_advanced
from paperpass.store import plan as plan_rows
from paperpass.store import practice as practice_rows

DEFAULT_PASS = 2
CORE_FACETS = frozenset({"problem", "key_idea", "results"})
PASS_NAMES = {1: "pass 1 (survey)", 2: "pass 2 (comprehension)", 3: "pass 3 (deep dive)"}
NOTE_AND_PRACTICE = (
    "its note complete (the guide's template filled, no lint finding), and its core practice questions "
    "(problem, key idea, results) each answered at least once"
)
WITH_PLAN = (
    "Done = interview-ready as your study plan defines it: each paper read to the pass the plan gives it "
    "(pass 2; pass 3 where the plan has a deep dive, pass 1 where it has no time for more; pass 2 for a "
    f"paper the plan gives no reading), {NOTE_AND_PRACTICE}. A pass counts once pass-done accepts it."
)
WITHOUT_PLAN = (
    "Done = interview-ready: each paper read to pass 2 (comprehension; a study plan can ask pass 3 or, "
    f"when time is short, only pass 1), {NOTE_AND_PRACTICE}. A pass counts once pass-done accepts it."
)


@dataclass(frozen=True)
class EntryGoal:
    """One guide entry against its goal: the pass to reach (and whether the plan set it), the pass
    reached, the note, the practice."""

    progress: EntryProgress
    goal_pass: int
    from_plan: bool
    note_complete: bool
    practised: bool

    @property
    def pass_reached(self) -> int:
        """Passes reached by the entry's stage (0-3)."""
        return passes_reached(self.progress.status)

    @property
    def done(self) -> bool:
        """Interview-ready: the goal pass reached, the note complete, the practice covered."""
        return self.pass_reached >= self.goal_pass and self.note_complete and self.practised

    def still_to_do(self) -> list[str]:
        """What is left, in words ('read to pass 2 (comprehension)', 'complete the note' ...)."""
        name = self.progress.entry.short_title
        left = []
        if self.pass_reached < self.goal_pass:
            left.append(f"read {name} to {PASS_NAMES[self.goal_pass]}")
        if not self.note_complete:
            left.append(f"complete the note on {name}")
        if not self.practised:
            left.append(f"practise {name}'s core questions")
        return left


@dataclass(frozen=True)
class ChecklistGoal:
    """A top-15 item: its entries against their goals; done when every one is."""

    item: ChecklistItem
    entries: list[EntryGoal]

    @property
    def status(self) -> str:
        """The least advanced stage among the item's entries."""
        return least_advanced(e.progress.status for e in self.entries)

    @property
    def done(self) -> bool:
        """Whether every linked entry is interview-ready."""
        return all(e.done for e in self.entries)

    @property
    def goal_pass(self) -> int:
        """The furthest pass asked of the item's entries."""
        return max(e.goal_pass for e in self.entries)

    def still_to_do(self) -> list[str]:
        """What is left on every entry, in words."""
        return [step for e in self.entries for step in e.still_to_do()]

    def as_json(self) -> dict[str, object]:
        """The item, its stage, its goal and what is left, as JSON data."""
        return {
            "number": self.item.number,
            "label": self.item.label,
            "why": self.item.why,
            "entries": list(self.item.entries),
            "status": self.status,
            "goal_pass": self.goal_pass,
            "goal_from_plan": any(e.from_plan for e in self.entries),
            "note_complete": all(e.note_complete for e in self.entries),
            "practised": all(e.practised for e in self.entries),
            "done": self.done,
            "still_to_do": self.still_to_do(),
        }


@dataclass(frozen=True)
class Checklist:
    """The top-15 checklist against the goals, with the definition of 'done' in words."""

    items: list[ChecklistGoal]
    has_plan: bool

    @property
    def definition(self) -> str:
        """What 'done' means here (with or without a plan)."""
        return WITH_PLAN if self.has_plan else WITHOUT_PLAN

    @property
    def done(self) -> int:
        """How many items are done."""
        return sum(i.done for i in self.items)

    def as_json(self) -> dict[str, object]:
        """The checklist as JSON data: the definition, the count and the items."""
        return {
            "definition": self.definition,
            "has_plan": self.has_plan,
            "done": self.done,
            "total": len(self.items),
            "items": [i.as_json() for i in self.items],
        }


def planned_passes(library: Library) -> dict[str, int] | None:
    """Entry slug -> the furthest pass the viewer's stored plan gives it (None without a plan)."""
    with library.store.connect() as conn:
        stored = plan_rows.get_plan(conn, library.user_id)
    if stored is None:
        return None
    furthest: dict[str, int] = {}
    for item in stored.items:
        if item.kind == "read" and item.entry_slug and item.pass_number:
            furthest[item.entry_slug] = max(furthest.get(item.entry_slug, 0), item.pass_number)
    return furthest


def practised_entries(library: Library) -> set[str]:
    """The guide entries whose practice is covered (see the module's rule 3) for the viewer."""
    with library.store.connect() as conn:
        bank = practice_rows.list_questions(conn, library.user_id)
        cards = practice_rows.cards(conn, library.user_id)
    core: dict[str, list[bool]] = defaultdict(list)
    other: dict[str, list[bool]] = defaultdict(list)
    for question in bank:
        card = cards.get(question.id or 0)
        answered = card is not None and card.last_review is not None
        for slug in question.entries:
            own_core = (
                question.kind == "specific" and question.facet in CORE_FACETS and question.entries == [slug]
            )
            (core if own_core else other)[slug].append(answered)
    slugs = set(core) | set(other)
    return {s for s in slugs if (all(core[s]) if core.get(s) else any(other.get(s, [])))}


def entry_goals(
    library: Library, progress: list[EntryProgress] | None = None, plan: dict[str, int] | None = None
) -> dict[str, EntryGoal]:
    """Every guide entry against its goal.

    Args:
        progress: the viewer's guide progress, if known.
        plan: :func:`planned_passes` of the viewer, if known (None: no plan).
    """
    rows = progress if progress is not None else guide_progress(library)
    notes = note_complete(library, [r.paper for r in rows if r.paper is not None])
    practised = practised_entries(library)
    goals = {}
    for row in rows:
        planned = (plan or {}).get(row.entry.slug)
        paper = row.paper  # the entry's own paper carries its note (as for readiness and the plan)
        goals[row.entry.slug] = EntryGoal(
            progress=row,
            goal_pass=planned or DEFAULT_PASS,
            from_plan=planned is not None,
            note_complete=bool(paper and notes.get(paper.id or 0, False)),
            practised=row.entry.slug in practised,
        )
    return goals


def interview_checklist(library: Library, progress: list[EntryProgress] | None = None) -> Checklist:
    """The top-15 checklist with each item's entries against their goals (see the module docstring);
    ``progress`` is the viewer's guide progress when the caller has it already."""
    plan = planned_passes(library)
    goals = entry_goals(library, progress, plan)
    items = [ChecklistGoal(i, [goals[s] for s in i.entries]) for i in library.catalog.checklist]
    return Checklist(items, has_plan=plan is not None)
