"""What a study plan is: days, the items planned on them, and an honest report of what fits.

Item kinds: ``read`` (one pass of one paper; a long pass 3 is split into parts over several days),
``note`` (finish the note of a paper read to pass 2), ``refresh`` (re-read a note whose cards are fading),
``practice`` (a session of due cards), ``mock`` (a timed mock interview). A ``slack`` day has no item: it is
kept free to catch up.

The user's reading-group meetings are shown on their days (:mod:`paperpass.groups.upcoming`): read from the
groups each time the plan is shown, never stored with it, so a skipped date or a new paper is always right.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from paperpass.groups.upcoming import GroupMeeting

ItemKind = Literal["read", "note", "refresh", "practice", "mock"]
DayKind = Literal["study", "slack", "mock"]
FOCUS_WORDS = ("top15", "all")


@dataclass(frozen=True)
class PlanItem:
    """One thing to do on one day.

    ``key`` names the task across re-plans (``read/lora/p2``, ``read/dpo/p3/2``, ``practice``), so the
    calendar and the web page can follow it. ``done`` is derived from the logs, never stored.
    """

    day: date
    kind: ItemKind
    title: str
    minutes: int
    key: str
    entry: str | None = None
    paper_id: int | None = None
    pass_number: int | None = None
    part: int = 1
    parts: int = 1
    cards: int = 0
    top15: bool = False
    done: bool = False
    pass_complete: bool | None = None
    """For a reading item, whether its pass is complete (the paper's stage has reached it: ``pass-done``
    accepted it); None for other items. A reading item is done when its session is logged, so a done item
    whose pass is not complete says so rather than look like a pass read."""

    @property
    def pass_open(self) -> bool:
        """Done by the time logged, its pass not complete yet (the last part of a split pass 3 only)."""
        return self.done and self.pass_complete is False and self.part == self.parts

    def as_json(self) -> dict[str, Any]:
        """The item as JSON data."""
        return {
            "day": self.day.isoformat(),
            "kind": self.kind,
            "title": self.title,
            "minutes": self.minutes,
            "key": self.key,
            "entry": self.entry,
            "pass": self.pass_number,
            "part": self.part,
            "parts": self.parts,
            "cards": self.cards,
            "top15": self.top15,
            "done": self.done,
            "pass_complete": self.pass_complete,
        }


@dataclass(frozen=True)
class PlanDay:
    """A day of the plan and its items in order."""

    day: date
    kind: DayKind
    items: list[PlanItem] = field(default_factory=list)
    meetings: list[GroupMeeting] = field(default_factory=list)
    """The user's reading-group meetings that day (not counted in the study minutes)."""

    @property
    def minutes(self) -> int:
        """Minutes planned on the day."""
        return sum(i.minutes for i in self.items)

    @property
    def done(self) -> bool:
        """Whether every item of the day is done (a slack day is never 'done', it is free)."""
        return bool(self.items) and all(i.done for i in self.items)


@dataclass(frozen=True)
class Task:
    """A piece of work the planner wants to place, before it has a day."""

    key: str
    kind: ItemKind
    title: str
    minutes: int
    entry: str | None = None
    pass_number: int | None = None
    top15: bool = False
    after: str | None = None  # key of the task that must come first (pass 1 before pass 2)
    splittable: bool = False
    first_part: int = 1  # the number of its first part (after parts a re-plan kept)

    def as_json(self) -> dict[str, Any]:
        """The task as JSON data (for the report of what does not fit)."""
        return {"key": self.key, "title": self.title, "minutes": self.minutes, "top15": self.top15}


@dataclass(frozen=True)
class PlanReport:
    """What the plan covers and, when time is short, what does not fit and by how much.

    Attributes:
        available: study minutes between today and the interview (slack days excluded).
        planned: minutes planned.
        needed: minutes the whole focus would need (every pass 1-2 left, practice, mocks).
        missing: tasks that did not fit, most important first (never silently: top-15 ones flagged).
        outside_focus: top-15 entries the chosen focus leaves out, named so nothing is dropped quietly.
        already: how many entries were already read to pass 1, 2 and 3 when the plan was built.
    """

    available: int
    planned: int
    needed: int
    missing: list[Task] = field(default_factory=list)
    outside_focus: list[str] = field(default_factory=list)
    already: dict[int, int] = field(default_factory=dict)
    hours_needed: float | None = None

    @property
    def fits(self) -> bool:
        """Whether every top-15 pass 1 and pass 2 in focus has a day."""
        return not any(t.top15 and (t.pass_number or 0) <= 2 for t in self.missing)

    @property
    def short_by(self) -> int:
        """Minutes the essential work (top-15 passes 1-2) is short of (0 when it fits)."""
        return sum(t.minutes for t in self.missing if t.top15 and (t.pass_number or 0) <= 2)

    def as_json(self) -> dict[str, Any]:
        """The report as JSON data (also what the store keeps)."""
        return {
            "available": self.available,
            "planned": self.planned,
            "needed": self.needed,
            "fits": self.fits,
            "short_by": self.short_by,
            "hours_needed": self.hours_needed,
            "missing": [t.as_json() for t in self.missing],
            "outside_focus": list(self.outside_focus),
            "already": {str(k): v for k, v in self.already.items()},
        }

    def summary(self) -> list[str]:
        """The report in sentences: what fits, what does not and by how much, what is left out."""
        lines = [f"Planned {hours(self.planned)} of the {hours(self.available)} available."]
        if self.already.get(1):
            read = self.already
            lines.append(f"Already read: {read[1]} papers to pass 1, {read.get(2, 0)} to pass 2, "
                         f"{read.get(3, 0)} to pass 3; the plan starts from there.")  # fmt: skip
        essential = [t for t in self.missing if t.top15 and (t.pass_number or 0) <= 2]
        if essential:
            names = ", ".join(t.title for t in essential)
            lines.append(
                f"DOES NOT FIT: {len(essential)} top-15 passes, short by {hours(self.short_by)}: {names}."
            )
            if self.hours_needed:
                lines.append(f"About {self.hours_needed:g} h a day would cover the top 15 (passes 1-2).")
        else:
            lines.append("Fits: every top-15 paper in focus gets its passes 1 and 2.")
        deep = [t.title.split(": ", 1)[-1] for t in self.missing if t.pass_number == 3]
        other = [t.title for t in self.missing if t not in essential and t.pass_number != 3]
        if other:
            lines.append("No time left for: " + ", ".join(other) + ".")
        if deep:
            lines.append("No time left for pass 3 (deep dive) of: " + ", ".join(deep) + ".")
        if self.outside_focus:
            lines.append(
                "Top-15 papers outside this focus (not planned): " + ", ".join(self.outside_focus) + "."
            )
        return lines

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlanReport:
        """The report as stored."""
        missing = [
            Task(m["key"], "read", m["title"], int(m["minutes"]), top15=bool(m["top15"]),
                 pass_number=_pass_of(m["key"]))
            for m in data.get("missing", [])
        ]  # fmt: skip
        return cls(
            available=int(data.get("available", 0)),
            planned=int(data.get("planned", 0)),
            needed=int(data.get("needed", 0)),
            missing=missing,
            outside_focus=list(data.get("outside_focus", [])),
            already={int(k): int(v) for k, v in data.get("already", {}).items()},
            hours_needed=data.get("hours_needed"),
        )


def hours(minutes: int) -> str:
    """Minutes as people say them: '45 min', '2 h', '1 h 30'."""
    whole, rest = divmod(int(minutes), 60)
    if not whole:
        return f"{rest} min"
    return f"{whole} h {rest:02d}" if rest else f"{whole} h"


def _pass_of(key: str) -> int | None:
    parts = key.split("/")
    return int(parts[2][1:]) if len(parts) > 2 and parts[0] == "read" and parts[2][1:].isdigit() else None


@dataclass(frozen=True)
class StudyPlan:
    """A stored plan: when the interview is, the budget, the focus, its days and its report."""

    interview: date
    starts_on: date
    hours_per_day: float
    focus: list[str]
    days: list[PlanDay]
    report: PlanReport
    uid: str = ""
    revision: int = 1
    updated_at: datetime | None = None
    calendar_history: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Days earlier revisions put in the calendar, as they were shown there: ``{"2027-01-04": {"summary",
    "description", "sequence"}}`` (see :mod:`paperpass.plan.calendar`)."""

    def day(self, when: date) -> PlanDay | None:
        """The plan's day ``when``, if it is one."""
        return next((d for d in self.days if d.day == when), None)

    @property
    def items(self) -> list[PlanItem]:
        """Every item in day order."""
        return [i for d in self.days for i in d.items]

    @property
    def meetings(self) -> list[GroupMeeting]:
        """Every reading-group meeting of the plan's days, in order."""
        return [m for d in self.days for m in d.meetings]

    def missed(self, today: date) -> list[PlanItem]:
        """Items of days before ``today`` that are not done."""
        return [i for i in self.items if i.day < today and not i.done]

    def as_json(self) -> dict[str, Any]:
        """The plan as JSON data."""
        return {
            "interview": self.interview.isoformat(),
            "starts_on": self.starts_on.isoformat(),
            "hours_per_day": self.hours_per_day,
            "focus": list(self.focus),
            "revision": self.revision,
            "days": [
                {
                    "day": d.day.isoformat(),
                    "kind": d.kind,
                    "minutes": d.minutes,
                    "items": [i.as_json() for i in d.items],
                    "meetings": [m.as_json() for m in d.meetings],
                }
                for d in self.days
            ],  # fmt: skip
            "report": self.report.as_json(),
        }
