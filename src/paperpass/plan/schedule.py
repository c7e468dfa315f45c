"""The day-by-day planner: a pure function of the user's start state, the days left and the budget.

How a plan is laid out (each rule is a sentence of the issue):

1. The days run from today to the day before the interview. The last days hold mock interviews (one per
   week left, 1-3), every ``plan_slack_every``-th day is slack (kept free to catch up).
2. Every study day starts with a practice session of the cards due that day (FSRS forecast; new cards of
   the papers just read once there is nothing due), at most a third of the day.
3. Reading fills the rest, most important first: pass 1 of every top-15 paper in focus (a survey of the
   whole list comes first, so even a short plan covers it), then their pass 2, finishing notes and
   refreshing fading ones, then passes 1-2 of the other papers in focus, and only then pass 3, where it
   pays: top-15 foundations first, split into parts of at most ``plan_part_minutes``.
4. Passes 1-2 are spread evenly over the days (a pace), never crammed into the first week of a long plan.
5. Whatever finds no day is reported, top-15 passes first, with the minutes missing and the hours a day
   that would cover them; nothing is dropped silently.
6. A re-plan keeps what was already ticked off today: those items stay on today, take their minutes from
   today's time, and are not planned again.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from paperpass.catalog import Catalog, Entry, top15_slugs
from paperpass.errors import InvalidInputError
from paperpass.plan.model import FOCUS_WORDS, DayKind, PlanDay, PlanItem, PlanReport, Task
from paperpass.plan.state import EntryState, StartState

MAX_HOURS = 16.0
MAX_DAYS = 366
NOTE_MINUTES = 15
REFRESH_BELOW = 0.5
MIN_PART = 20
MIN_MOCK = 10


@dataclass(frozen=True)
class Budgets:
    """Minutes the planner gives each kind of work (from the catalog's passes and the settings)."""

    passes: dict[int, int]
    practice: int = 15
    card_minutes: float = 1.0
    mock: int = 45
    slack_every: int = 7
    part: int = 60


def pass_budgets(catalog: Catalog) -> dict[int, int]:
    """Planned minutes per pass from the guide's budgets.

    Passes 1 and 2 get the middle of their range rounded up to 5 minutes (10 and 45); pass 3, "several
    hours" with no real upper end, gets its lower bound (2 hours).
    """
    result = {}
    for p in catalog.passes:
        low, high = p.budget_minutes
        result[p.number] = low if p.only_important else int(math.ceil((low + high) / 2 / 5) * 5)
    return result


def check_request(today: date, interview: date, hours_per_day: float) -> None:
    """Refuse a plan that cannot be made.

    Raises:
        InvalidInputError: an interview not after today, more than a year away, or hours outside 0-16.
    """
    if interview <= today:
        raise InvalidInputError(f"the interview ({interview.isoformat()}) must be after today "
                                f"({today.isoformat()})")  # fmt: skip
    if (interview - today).days > MAX_DAYS:
        raise InvalidInputError(f"the interview is more than {MAX_DAYS} days away; plan closer to it")
    if not 0 < hours_per_day <= MAX_HOURS:
        raise InvalidInputError(f"hours per day must be more than 0 and at most {MAX_HOURS:g} "
                                f"(got {hours_per_day:g})")  # fmt: skip


def resolve_focus(catalog: Catalog, words: list[str]) -> list[Entry]:
    """The entries a focus covers, top-15 ones first (checklist order), then the rest in guide order.

    ``top15`` (the default), ``all``, or one or more category slugs. An entry that covers another entry's
    paper (InstructGPT, twice in the guide) is kept once.

    Raises:
        InvalidInputError: an unknown focus word.
    """
    wanted = [w.strip().lower() for w in words if w.strip()] or ["top15"]
    categories = {c.slug for c in catalog.categories}
    unknown = [w for w in wanted if w not in categories and w not in FOCUS_WORDS]
    if unknown:
        raise InvalidInputError(f"unknown focus {unknown[0]!r}; use top15, all or a category: "
                                f"{', '.join(sorted(categories))}")  # fmt: skip
    top = top15_slugs(catalog)
    chosen = [e for e in catalog.entries if "all" in wanted or e.category in wanted
              or ("top15" in wanted and e.slug in top)]  # fmt: skip
    slugs = {e.slug for e in chosen}
    chosen = [e for e in chosen if not (e.paper and e.paper in slugs)]
    order = [s for item in catalog.checklist for s in item.entries]
    first = sorted((e for e in chosen if e.slug in top), key=lambda e: order.index(e.slug))
    return first + [e for e in chosen if e.slug not in top]


# ---------------------------------------------------------------------------------------------- tasks


def _read_task(entry: Entry, number: int, minutes: int, top: bool, state: EntryState) -> Task | None:
    if number in state.done_passes:
        return None
    left = minutes - int(state.logged.get(number, 0))
    names = {1: "survey", 2: "comprehension", 3: "deep dive"}
    return Task(
        key=f"read/{entry.slug}/p{number}",
        kind="read",
        title=f"Pass {number} ({names[number]}): {entry.short_title}",
        minutes=max(5, left),
        entry=entry.slug,
        pass_number=number,
        top15=top,
        after=f"read/{entry.slug}/p{number - 1}" if number > 1 else None,
        splittable=number == 3,
    )


def _upkeep_tasks(entry: Entry, state: EntryState, top: bool) -> list[Task]:
    """Finish the note of a paper read to pass 2; refresh one whose cards are fading."""
    if 2 not in state.done_passes:
        return []
    tasks = []
    if not state.note_complete:
        tasks.append(Task(f"note/{entry.slug}", "note", f"Finish the note on {entry.short_title}",
                          NOTE_MINUTES, entry.slug, top15=top))  # fmt: skip
    if state.recall is not None and state.recall < REFRESH_BELOW:
        tasks.append(Task(f"refresh/{entry.slug}", "refresh",
                          f"Refresh {entry.short_title}: re-read your note, then practise its cards",
                          NOTE_MINUTES, entry.slug, top15=top))  # fmt: skip
    return tasks


def plan_tasks(catalog: Catalog, entries: list[Entry], state: StartState, budgets: Budgets) -> list[Task]:
    """Every task of a focus, most important first (see the module's rule 3)."""
    top = top15_slugs(catalog)
    empty = EntryState("", [], frozenset())

    def read(group: list[Entry], number: int) -> list[Task]:
        found = [_read_task(e, number, budgets.passes[number], e.slug in top,
                            state.entries.get(e.slug, empty)) for e in group]  # fmt: skip
        return [t for t in found if t is not None]

    first = [e for e in entries if e.slug in top]
    rest = [e for e in entries if e.slug not in top]
    upkeep = [t for e in entries for t in _upkeep_tasks(e, state.entries.get(e.slug, empty), e.slug in top)]
    foundations = sorted(first, key=lambda e: e.category != "foundational")
    return [*read(first, 1), *read(first, 2), *upkeep, *read(rest, 1), *read(rest, 2), *read(foundations, 3)]


# ---------------------------------------------------------------------------------------------- days


@dataclass
class _Day:
    day: date
    kind: DayKind
    capacity: int
    items: list[PlanItem] = field(default_factory=list)
    reading: int = 0

    @property
    def free(self) -> int:
        return self.capacity - sum(i.minutes for i in self.items)


def _day_kinds(days: list[date], slack_every: int) -> list[DayKind]:
    count = len(days)
    mocks = min(3, max(1, count // 7)) if count > 1 else 0
    kinds: list[DayKind] = []
    for index in range(count):
        if index >= count - mocks:
            kinds.append("mock")
        elif slack_every > 1 and index > 0 and (index + 1) % slack_every == 0:
            kinds.append("slack")
        else:
            kinds.append("study")
    return kinds


def _practice(days: list[_Day], state: StartState, budgets: Budgets) -> None:
    """A practice session on every working day, sized to the FSRS forecast of due cards (none added on a
    day that already has one: today's, kept by a re-plan)."""
    carried = 0
    first = days[0].day
    for index, d in enumerate(days):
        due = carried + state.due_on(d.day, first)
        if d.kind == "slack":
            carried = due
            continue
        carried = 0
        if (index == 0 and state.cards == 0) or any(i.kind == "practice" for i in d.items):
            continue  # nothing read, nothing to practise yet; or practised already
        minutes = min(max(budgets.practice, math.ceil(due * budgets.card_minutes)), d.capacity // 3)
        if minutes <= 0:
            continue
        title = f"Practice: {due} due card{'s' if due != 1 else ''}" if due else "Practice: new cards"
        d.items.append(PlanItem(d.day, "practice", title, minutes, "practice", cards=due))


def _mocks(days: list[_Day], budgets: Budgets) -> list[Task]:
    """A mock interview on each mock day; one that does not fit is reported."""
    missing = []
    for d in days:
        if d.kind != "mock" or any(i.kind == "mock" for i in d.items):
            continue
        minutes = min(budgets.mock, d.free)
        task = Task(f"mock/{d.day.isoformat()}", "mock", "Mock interview", minutes)
        if minutes < MIN_MOCK:
            missing.append(replace(task, title=f"Mock interview ({budgets.mock} min)", minutes=budgets.mock))
            continue
        d.items.append(PlanItem(d.day, "mock", task.title, minutes, "mock"))
    return missing


def _item(
    task: Task, day: date, minutes: int, entries: dict[str, EntryState], part: int | None = None
) -> PlanItem:
    state = entries.get(task.entry or "")
    key = f"{task.key}/{part}" if part is not None else task.key
    return PlanItem(day, task.kind, task.title, minutes, key, entry=task.entry,
                    paper_id=state.paper_id if state else None, pass_number=task.pass_number,
                    part=part or 1, top15=task.top15)  # fmt: skip


def _place_whole(task: Task, days: list[_Day], start: int, pace: int | None) -> int | None:
    """The index of the first day from ``start`` the task fits in (under the pace, when one is given)."""
    for index in range(start, len(days)):
        d = days[index]
        if d.kind != "slack" and d.free >= task.minutes and (pace is None or d.reading < pace):
            return index
    return None


def _place_parts(
    task: Task, days: list[_Day], start: int, longest: int, pace: int | None, most: int = 99
) -> list[tuple[int, int]]:
    """(day index, minutes) of the parts of a task split over days, or [] when the whole does not fit."""
    left = task.minutes
    parts = []
    for index in range(start, len(days)):
        d = days[index]
        room = d.free if pace is None else min(d.free, pace - d.reading)
        chunk = min(left, longest, room)
        if 0 < left - chunk < MIN_PART:  # never leave a scrap of a few minutes for another day
            chunk = left if room >= left else left - MIN_PART
        if d.kind == "slack" or chunk < min(MIN_PART, left):
            continue
        parts.append((index, chunk))
        left -= chunk
        if left <= 0:
            return parts if len(parts) <= most else []
    return []


def _find_days(
    task: Task, days: list[_Day], start: int, budgets: Budgets, pace: int
) -> list[tuple[int, int]]:
    """Where a task goes: whole on one day (a pass 2 in two sittings if it must), a pass 3 in parts."""
    if task.splittable:
        return _place_parts(task, days, start, budgets.part, pace) or _place_parts(
            task, days, start, budgets.part, None
        )
    for limit in (pace, None):
        found = _place_whole(task, days, start, limit)
        if found is not None:
            return [(found, task.minutes)]
    if task.pass_number == 2:
        return _place_parts(task, days, start, task.minutes, None, most=2)
    return []


def _place(
    tasks: list[Task], days: list[_Day], budgets: Budgets, entries: dict[str, EntryState], pace: int
) -> list[Task]:
    """Put each task on the first day it fits after the task it depends on; return those that did not.

    Pass 3 waits until every top-15 pass 1 and 2 has a day: it pays only once the essentials are covered.
    """
    placed_on: dict[str, int] = {}
    keys = {t.key for t in tasks}
    missing: list[Task] = []
    deep_from = 0
    for task in tasks:
        essentials_missing = any(t.top15 and (t.pass_number or 0) in (1, 2) for t in missing)
        if (task.after in keys and task.after not in placed_on) or (task.splittable and essentials_missing):
            missing.append(task)  # its earlier pass has no day, or the essentials come first
            continue
        start = placed_on.get(task.after or "", 0)
        if task.splittable:
            start = max(start, deep_from)  # deep dives keep their order: foundations first
        parts = _find_days(task, days, start, budgets, pace)
        if not parts:
            missing.append(task)
            continue
        if task.splittable:
            deep_from = parts[0][0]
        split = len(parts) > 1 or task.splittable or task.first_part > 1
        for number, (index, minutes) in enumerate(parts, start=task.first_part):
            item = _item(task, days[index].day, minutes, entries, number if split else None)
            days[index].items.append(item)
            days[index].reading += minutes
        placed_on[task.key] = parts[-1][0]
    return missing


_PART = re.compile(r", part \d+ of \d+$")
KIND_ORDER = {"practice": 0, "note": 1, "refresh": 1, "read": 2, "mock": 3}


def _base_key(item: PlanItem) -> str | None:
    """``read/dpo/p3`` for ``read/dpo/p3/2``: the task a part belongs to (None for a whole task)."""
    return item.key.rsplit("/", 1)[0] if item.kind == "read" and item.key.count("/") == 3 else None


def _number_parts(days: list[_Day]) -> list[PlanDay]:
    totals: dict[str, int] = defaultdict(int)
    for d in days:
        for i in d.items:
            if (base := _base_key(i)) is not None:
                totals[base] = max(totals[base], i.part)
    result = []
    for d in days:
        items = []
        for i in sorted(d.items, key=lambda i: KIND_ORDER[i.kind]):
            base = _base_key(i)
            parts = totals[base] if base is not None else 1
            title = f"{i.title}, part {i.part} of {parts}" if parts > 1 else i.title
            items.append(replace(i, parts=parts, title=title))
        result.append(PlanDay(d.day, d.kind, items))
    return result


@dataclass(frozen=True)
class Layout:
    """A laid-out plan: its days and its report."""

    days: list[PlanDay]
    report: PlanReport


def lay_out(
    catalog: Catalog,
    state: StartState,
    *,
    today: date,
    interview: date,
    hours_per_day: float,
    focus: list[str],
    budgets: Budgets,
    kept: list[PlanItem] | None = None,
) -> Layout:
    """Lay out a plan from ``today`` to the day before ``interview`` (see the module's rules).

    Args:
        kept: items already done today (a re-plan keeps them on today; see rule 6).

    Raises:
        InvalidInputError: a bad date, hours or focus.
    """
    check_request(today, interview, hours_per_day)
    entries = resolve_focus(catalog, focus)
    dates = [today + timedelta(days=n) for n in range((interview - today).days)]
    capacity = int(round(hours_per_day * 60))
    kinds = _day_kinds(dates, budgets.slack_every)
    days = [_Day(d, kind, capacity) for d, kind in zip(dates, kinds, strict=True)]
    done_today = [replace(i, day=today, done=False, title=_PART.sub("", i.title)) for i in kept or []]
    days[0].items += done_today
    days[0].reading += sum(i.minutes for i in done_today if i.kind == "read")
    _practice(days, state, budgets)
    missing_mocks = _mocks(days, budgets)
    tasks = _without_kept(plan_tasks(catalog, entries, state, budgets), done_today)
    pace = _pace(tasks, days)
    missing = _place(tasks, days, budgets, state.entries, pace)
    report = _report(catalog, entries, state, days, tasks, missing + missing_mocks)
    return Layout(_number_parts(days), report)


def _without_kept(tasks: list[Task], kept: list[PlanItem]) -> list[Task]:
    """The tasks left once today's done items are kept: a task done today is not planned again; a part of
    a pass 3 done today takes its minutes off the pass."""
    whole = {i.key for i in kept}
    parts: dict[str, list[PlanItem]] = defaultdict(list)
    for item in kept:
        if (base := _base_key(item)) is not None:
            parts[base].append(item)
    left = []
    for task in tasks:
        if task.key in whole:
            continue
        if task.key in parts:
            remaining = task.minutes - sum(i.minutes for i in parts[task.key])
            if remaining < MIN_PART:
                continue
            task = replace(task, minutes=remaining, first_part=max(i.part for i in parts[task.key]) + 1)
        left.append(task)
    return left


def _pace(tasks: list[Task], days: list[_Day]) -> int:
    """Reading minutes a day that spread the work evenly: all of it when it fits, else passes 1-2."""
    working = [d for d in days if d.kind != "slack"]
    room = sum(d.free for d in working)
    total = sum(t.minutes for t in tasks)
    if total > room:
        total = sum(t.minutes for t in tasks if not t.splittable)
    return max(MIN_PART, math.ceil(total / max(1, len(working))))


def _report(
    catalog: Catalog,
    entries: list[Entry],
    state: StartState,
    days: list[_Day],
    tasks: list[Task],
    missing: list[Task],
) -> PlanReport:
    working = [d for d in days if d.kind != "slack"]
    available = sum(d.capacity for d in working)
    planned = sum(i.minutes for d in days for i in d.items)
    reserved = sum(i.minutes for d in days for i in d.items if i.kind in {"practice", "mock"})
    essential = sum(t.minutes for t in tasks if not t.splittable)
    needed = reserved + essential + sum(t.minutes for t in missing if t.kind == "mock")
    covered = {e.slug for e in entries}
    top = top15_slugs(catalog)
    left_out = [e for e in catalog.entries if e.slug in top and e.slug not in covered]
    outside = [e.short_title for e in left_out if not (e.paper and e.paper in covered)]
    already = {n: sum(n in s.done_passes for s in state.entries.values()) for n in (1, 2, 3)}
    top_missing = [t for t in missing if t.top15 and (t.pass_number or 0) <= 2]
    hours = None
    if top_missing and working:
        hours = math.ceil((planned + sum(t.minutes for t in top_missing)) / len(working) / 60 * 4) / 4
    order = sorted(missing, key=lambda t: (not (t.top15 and (t.pass_number or 0) <= 2), t.kind != "mock"))
    return PlanReport(available, planned, needed, order, outside, already, hours)
