"""Reading progress: per guide category and top-15 item, the pass reached, passes completed, time spent
per pass against the pass's budget, and reading time per week."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from paperpass.catalog import Category, ChecklistItem, Entry
from paperpass.library import Library
from paperpass.models import ReadingSession
from paperpass.reading.exits import completed_passes
from paperpass.reading.sessions import Clock, budget_state, utc_now
from paperpass.reading.status import EntryProgress, guide_progress, least_advanced
from paperpass.store import reading as reading_rows

WEEKS = 12
SPARK = "▁▂▃▄▅▆▇█"


def _minutes_by_pass(sessions: list[ReadingSession]) -> dict[int, float]:
    minutes = {1: 0.0, 2: 0.0, 3: 0.0}
    for s in sessions:
        minutes[s.pass_number] = minutes.get(s.pass_number, 0.0) + s.minutes
    return {n: round(m, 1) for n, m in minutes.items()}


@dataclass(frozen=True)
class EntryRow:
    """A guide entry's progress: status, passes completed by all its papers, minutes per pass."""

    entry: Entry
    status: str
    top15: bool
    completed: list[int]
    minutes: dict[int, float]

    def as_json(self, budgets: dict[int, tuple[int, int]]) -> dict[str, Any]:
        """JSON data with each pass's budget state."""
        return {
            "number": self.entry.number,
            "slug": self.entry.slug,
            "title": self.entry.title,
            "top15": self.top15,
            "status": self.status,
            "completed_passes": self.completed,
            "minutes": {str(n): m for n, m in self.minutes.items()},
            "budget_state": {
                str(n): budget_state(m, budgets[n]) if m else None for n, m in self.minutes.items()
            },
        }


@dataclass(frozen=True)
class CategoryRow:
    """A guide category: its entries' progress and total minutes per pass."""

    category: Category
    entries: list[EntryRow]

    @property
    def started(self) -> int:
        """Entries past 'to-read'."""
        return sum(e.status != "to-read" for e in self.entries)

    @property
    def minutes(self) -> dict[int, float]:
        """Minutes per pass over the category's entries."""
        return {n: round(sum(e.minutes[n] for e in self.entries), 1) for n in (1, 2, 3)}

    def by_status(self) -> dict[str, int]:
        """How many entries are at each status."""
        counts: dict[str, int] = defaultdict(int)
        for e in self.entries:
            counts[e.status] += 1
        return dict(counts)


@dataclass(frozen=True)
class ChecklistRow:
    """A top-15 item: the least advanced status of its entries and their minutes per pass."""

    item: ChecklistItem
    entries: list[EntryRow]

    @property
    def status(self) -> str:
        """The least advanced status among the item's entries."""
        return least_advanced(e.status for e in self.entries)

    @property
    def minutes(self) -> dict[int, float]:
        """Minutes per pass over the item's entries."""
        return {n: round(sum(e.minutes[n] for e in self.entries), 1) for n in (1, 2, 3)}


@dataclass(frozen=True)
class WeekRow:
    """Reading minutes in the week starting on Monday ``start``."""

    start: date
    minutes: float


@dataclass(frozen=True)
class Progress:
    """Everything ``paperpass progress`` and the web home show."""

    budgets: dict[int, tuple[int, int]]
    categories: list[CategoryRow]
    checklist: list[ChecklistRow]
    weekly: list[WeekRow]
    total_minutes: float
    sessions: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The progress as JSON data (what ``--json`` prints and ``/api/progress`` returns)."""
        return {
            "budgets": {str(n): list(b) for n, b in self.budgets.items()},
            "total_minutes": self.total_minutes,
            "sessions": self.sessions,
            "categories": [
                {
                    "slug": c.category.slug,
                    "name": c.category.name,
                    "entries": len(c.entries),
                    "started": c.started,
                    "by_status": c.by_status(),
                    "minutes": {str(n): m for n, m in c.minutes.items()},
                    "papers": [e.as_json(self.budgets) for e in c.entries],
                }
                for c in self.categories
            ],
            "top15": [
                {
                    "number": r.item.number,
                    "label": r.item.label,
                    "entries": [e.entry.slug for e in r.entries],
                    "status": r.status,
                    "minutes": {str(n): m for n, m in r.minutes.items()},
                }
                for r in self.checklist
            ],
            "weekly": [{"week_start": w.start.isoformat(), "minutes": w.minutes} for w in self.weekly],
        }


def week_start(moment: datetime | date) -> date:
    """The Monday of the week a moment falls in."""
    day = moment.date() if isinstance(moment, datetime) else moment
    return day - timedelta(days=day.weekday())


def weekly_minutes(sessions: list[ReadingSession], now: datetime, weeks: int = WEEKS) -> list[WeekRow]:
    """Minutes read per week for the last ``weeks`` weeks, oldest first, the current week last."""
    current = week_start(now)
    starts = [current - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
    totals = dict.fromkeys(starts, 0.0)
    for s in sessions:
        start = week_start(s.started_at)
        if start in totals:
            totals[start] += s.minutes
    return [WeekRow(start, round(totals[start], 1)) for start in starts]


def sparkline(values: list[float]) -> str:
    """A one-line chart of values with block characters (the lowest block for zero)."""
    top = max(values, default=0)
    if top <= 0:
        return SPARK[0] * len(values)
    steps = len(SPARK) - 2
    return "".join(SPARK[0] if v <= 0 else SPARK[1 + round(v / top * steps)] for v in values)


def reading_progress(
    library: Library, *, clock: Clock = utc_now, entries: list[EntryProgress] | None = None
) -> Progress:
    """Progress through the guide from the reading status and the session log.

    ``entries`` is the user's :func:`guide_progress` when the caller has it already (the home page).
    """
    entries = entries if entries is not None else guide_progress(library)
    with library.store.connect() as conn:
        log = reading_rows.sessions(conn, user_id=library.user_id)
    by_paper: dict[int, list[ReadingSession]] = defaultdict(list)
    for s in log:
        by_paper[s.paper_id].append(s)
    rows = []
    for e in entries:
        ids = [p.id for p in e.papers if p.id is not None]
        logs = [by_paper[i] for i in ids]
        done_sets = [completed_passes(sessions) for sessions in logs]
        completed = sorted(set.intersection(*done_sets)) if done_sets else []
        flat = [s for sessions in logs for s in sessions]
        rows.append(EntryRow(e.entry, e.status, e.top15, completed, _minutes_by_pass(flat)))
    by_slug = {r.entry.slug: r for r in rows}
    return Progress(
        budgets={p.number: p.budget_minutes for p in library.catalog.passes},
        categories=[
            CategoryRow(c, [r for r in rows if r.entry.category == c.slug])
            for c in library.catalog.categories
        ],
        checklist=[ChecklistRow(i, [by_slug[s] for s in i.entries]) for i in library.catalog.checklist],
        weekly=weekly_minutes(log, clock()),
        total_minutes=round(sum(s.minutes for s in log), 1),
        sessions=sum(not s.completed for s in log),
    )
