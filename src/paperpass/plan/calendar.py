"""The study plan as an RFC 5545 calendar: one all-day event per study day, the interview itself, and the
user's reading-group meetings (each as its group's calendar has it: same UID, times in the group's zone).

UIDs are the day and the plan's own uuid (kept across re-plans), and SEQUENCE is the plan's revision, so
importing the export of a re-planned plan updates the days instead of duplicating them. Slack days are
left out: they are free.

A re-plan can leave days without work that an earlier revision had put in the calendar. Each revision
remembers what the calendar showed on the days before it (:func:`carried_history`), so the export can say
what became of them: a day the re-plan dropped (from its first day on) is published as ``STATUS:CANCELLED``
with the new, higher SEQUENCE, and subscribed calendars remove it; a day before the re-plan is published as
it was, with the SEQUENCE it had, so it stays in the calendar as history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from paperpass.groups.calendar import add_meetings, write_ics
from paperpass.plan.model import StudyPlan
from paperpass.store.plan import PlanRow

if TYPE_CHECKING:
    from icalendar import Event

PRODID = "-//paperpass//study plan//EN"


class _Timed(Protocol):
    """An item with a title and a length (a planned item or a stored one)."""

    @property
    def title(self) -> str: ...

    @property
    def minutes(self) -> int: ...


def day_uid(plan: StudyPlan, day: date) -> str:
    """The event UID of one day of the plan: stable across exports and re-plans."""
    return f"{day:%Y%m%d}-{plan.uid}@paperpass"


def _minutes(total: int) -> str:
    hours, minutes = divmod(total, 60)
    return f"{hours} h {minutes:02d}" if hours else f"{minutes} min"


def day_text(items: Sequence[_Timed]) -> tuple[str, str]:
    """A study day's event summary and description."""
    total = sum(i.minutes for i in items)
    summary = f"Interview prep: {len(items)} item{'s' if len(items) != 1 else ''}, {_minutes(total)}"
    return summary, "\n".join(f"- {i.title} ({i.minutes} min)" for i in items)


def carried_history(previous: PlanRow | None) -> dict[str, dict[str, Any]]:
    """What the calendar of the plan about to be replaced showed, day by day, for its successor to keep.

    Days the earlier revisions showed and this one did not are carried over as they were.
    """
    if previous is None:
        return {}
    history: dict[str, dict[str, Any]] = dict(previous.report.get("calendar_history", {}))
    by_day: dict[date, list[Any]] = {}
    for item in previous.items:
        by_day.setdefault(item.day, []).append(item)
    for day, items in by_day.items():
        summary, description = day_text(items)
        history[day.isoformat()] = {
            "summary": summary,
            "description": description,
            "sequence": previous.revision,
        }
    return history


def _event(plan: StudyPlan, day: date, stamp: datetime, summary: str, sequence: int) -> Event:
    from icalendar import Event  # when a calendar is written (~30 ms), not with every page importing this

    event = Event()
    event.add("uid", day_uid(plan, day))
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
    return event


def _history_events(plan: StudyPlan, stamp: datetime, planned: set[date]) -> Iterable[Event]:
    """The days earlier revisions showed that this one has no work on: cancelled, or kept as history."""
    for iso, shown in sorted(plan.calendar_history.items()):
        day = date.fromisoformat(iso)
        if day in planned:
            continue
        if day >= plan.starts_on:  # dropped by the re-plan
            event = _event(plan, day, stamp, str(shown.get("summary", "Interview prep")), plan.revision)
            event.add("status", "CANCELLED")
            event.add("description", "No longer in the study plan (re-planned).")
        else:  # before the re-plan: as it was
            event = _event(plan, day, stamp, str(shown.get("summary", "")), int(shown.get("sequence", 1)))
            event.add("description", str(shown.get("description", "")))
        yield event


def plan_calendar(plan: StudyPlan) -> bytes:
    """The plan as iCalendar bytes."""
    from icalendar import Calendar, Event  # see _event

    stamp = (plan.updated_at or datetime.now(UTC)).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Interview study plan")
    planned = {d.day for d in plan.days if d.items}
    for day in plan.days:
        if day.items:
            summary, description = day_text(day.items)
            event = _event(plan, day.day, stamp, summary, plan.revision)
            event.add("description", description)
            calendar.add_component(event)
    for event in _history_events(plan, stamp, planned):
        calendar.add_component(event)
    interview = Event()
    interview.add("uid", f"interview-{plan.uid}@paperpass")
    interview.add("dtstamp", stamp)
    interview.add("sequence", plan.revision)
    interview.add("dtstart", plan.interview)
    interview.add("dtend", plan.interview + timedelta(days=1))
    interview.add("summary", "Interview")
    calendar.add_component(interview)
    add_meetings(calendar, plan.meetings)
    data: bytes = calendar.to_ical()
    return data


def write_plan_calendar(plan: StudyPlan, path: Path) -> Path:
    """Write the plan's calendar to ``path`` atomically.

    Raises:
        InvalidInputError: the directory does not exist or cannot be written.
    """
    return write_ics(plan_calendar(plan), path)
