"""The study plan as an RFC 5545 calendar: one all-day event per study day, and the interview itself.

UIDs are the day and the plan's own uuid (kept across re-plans), and SEQUENCE is the plan's revision, so
importing the export of a re-planned plan updates the days instead of duplicating them. Slack days are
left out: they are free.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from paperpass.groups.calendar import write_ics
from paperpass.plan.model import PlanDay, StudyPlan

PRODID = "-//paperpass//study plan//EN"


def day_uid(plan: StudyPlan, day: date) -> str:
    """The event UID of one day of the plan: stable across exports and re-plans."""
    return f"{day:%Y%m%d}-{plan.uid}@paperpass"


def _minutes(total: int) -> str:
    hours, minutes = divmod(total, 60)
    return f"{hours} h {minutes:02d}" if hours else f"{minutes} min"


def _event(plan: StudyPlan, day: PlanDay, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", day_uid(plan, day.day))
    event.add("dtstamp", stamp)
    event.add("sequence", plan.revision)
    event.add("dtstart", day.day)
    event.add("dtend", day.day + timedelta(days=1))
    event.add("summary", f"Interview prep: {len(day.items)} item{'s' if len(day.items) != 1 else ''}, "
                         f"{_minutes(day.minutes)}")  # fmt: skip
    event.add("description", "\n".join(f"- {i.title} ({i.minutes} min)" for i in day.items))
    event.add("transp", "TRANSPARENT")
    return event


def plan_calendar(plan: StudyPlan) -> bytes:
    """The plan as iCalendar bytes."""
    stamp = (plan.updated_at or datetime.now(UTC)).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Interview study plan")
    for day in plan.days:
        if day.items:
            calendar.add_component(_event(plan, day, stamp))
    interview = Event()
    interview.add("uid", f"interview-{plan.uid}@paperpass")
    interview.add("dtstamp", stamp)
    interview.add("sequence", plan.revision)
    interview.add("dtstart", plan.interview)
    interview.add("dtend", plan.interview + timedelta(days=1))
    interview.add("summary", "Interview")
    calendar.add_component(interview)
    data: bytes = calendar.to_ical()
    return data


def write_plan_calendar(plan: StudyPlan, path: Path) -> Path:
    """Write the plan's calendar to ``path`` atomically.

    Raises:
        InvalidInputError: the directory does not exist or cannot be written.
    """
    return write_ics(plan_calendar(plan), path)
