"""The study plan's calendar as a calendar program reads it (vobject): a re-plan cancels the days it drops,
keeps the days before it as they were, and updates the rest, under the same UIDs."""

from __future__ import annotations

from datetime import date, timedelta

import vobject

from paperpass.config import Settings
from paperpass.plan.calendar import day_uid, plan_calendar
from paperpass.plan.model import StudyPlan
from paperpass.plan.service import make_plan
from paperpass.store import Store
from support.library import library_for

TODAY = date(2027, 1, 4)


def _events(data: bytes) -> dict[date, object]:
    parsed = vobject.readOne(data.decode())
    parsed.validate()
    return {e.dtstart.value: e for e in parsed.vevent_list if not e.uid.value.startswith("interview-")}


def _plan(store: Store, settings: Settings, interview_in: int, today: date) -> StudyPlan:
    interview = TODAY + timedelta(days=interview_in)
    return make_plan(
        library_for(store, settings=settings), interview=interview, hours_per_day=1.5, today=today
    )


def test_a_re_plan_cancels_the_days_it_drops_and_keeps_the_past(
    sqlite_library: Store, settings: Settings
) -> None:
    first = _plan(sqlite_library, settings, 14, TODAY)
    before = _events(plan_calendar(first))
    worked = {d.day for d in first.days if d.items}
    assert set(before) == worked and len(worked) >= 10
    later = TODAY + timedelta(days=2)  # two days on, the interview moved a week earlier
    second = _plan(sqlite_library, settings, 7, later)
    assert second.uid == first.uid and second.revision == first.revision + 1
    after = _events(plan_calendar(second))
    now_worked = {d.day for d in second.days if d.items}
    dropped = {d for d in worked if d >= later and d not in now_worked}
    assert dropped
    assert set(after) == worked | now_worked  # nothing the subscriber has is left dangling
    for day, event in after.items():
        assert event.uid.value == day_uid(second, day)  # type: ignore[attr-defined]
        status = getattr(event, "status", None)
        sequence = int(event.sequence.value)  # type: ignore[attr-defined]
        if day in dropped:
            assert status is not None and status.value == "CANCELLED" and sequence == second.revision
            assert sequence > int(before[day].sequence.value)  # type: ignore[attr-defined]
        elif day < later:  # before the re-plan: published as it was
            assert status is None and sequence == first.revision
            assert event.summary.value == before[day].summary.value  # type: ignore[attr-defined]
        else:
            assert status is None and sequence == second.revision
    third = _plan(sqlite_library, settings, 7, later)  # re-planning again keeps the cancellations
    again = _events(plan_calendar(third))
    assert {d for d, e in again.items() if getattr(e, "status", None) is not None} == dropped
