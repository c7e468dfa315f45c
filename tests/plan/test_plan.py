"""Study plans: 3, 14 and 60 days, a missed day re-planned, a user who has read half the list, impossible
budgets reported honestly, ticking items off from the logs, and the iCalendar export."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from paperpass.catalog import load_catalog, top15_slugs
from paperpass.config import Settings
from paperpass.errors import InvalidInputError, NotFoundError
from paperpass.library import get_paper
from paperpass.plan.calendar import day_uid, plan_calendar
from paperpass.plan.model import StudyPlan
from paperpass.plan.service import current_plan, make_plan, replan
from paperpass.reading.exits import complete_pass
from paperpass.reading.sessions import log_minutes
from paperpass.store import Store
from paperpass.store import reading as reading_rows
from support.library import library_for

TODAY = date(2027, 1, 4)  # a Monday
CATALOG = load_catalog()
TOP = top15_slugs(CATALOG)


def at(day: date, hour: int = 10) -> datetime:
    """A moment on ``day`` in local time."""
    return datetime.combine(day, time(hour)).astimezone()


def plan_for(store: Store, settings: Settings, days: int, hours: float = 1.5, **kw: object) -> StudyPlan:
    lib = library_for(store, settings=settings, catalog=CATALOG)
    return make_plan(lib, interview=TODAY + timedelta(days=days), hours_per_day=hours, today=TODAY,
                     **kw)  # type: ignore[arg-type]  # fmt: skip


def read_keys(plan: StudyPlan) -> set[str]:
    return {i.key.split("/")[1] + f"/p{i.pass_number}" for i in plan.items if i.kind == "read"}


def test_a_14_day_plan_on_both_back_ends(library_with_guide: Store, settings: Settings) -> None:
    plan = plan_for(library_with_guide, settings, 14)
    assert len(plan.days) == 14 and plan.days[0].day == TODAY and plan.days[-1].day == TODAY + timedelta(13)
    assert [d.kind for d in plan.days].count("slack") == 1 and not plan.days[6].items  # day 7 kept free
    assert [d.kind for d in plan.days][-2:] == ["mock", "mock"]
    assert all(any(i.kind == "mock" for i in d.items) for d in plan.days[-2:])
    assert all(d.minutes <= 90 for d in plan.days)
    assert all(any(i.kind == "practice" for i in d.items) for d in plan.days[1:] if d.kind != "slack")
    # every top-15 paper is surveyed; passes come in order
    assert {s for s in TOP} <= {i.entry for i in plan.items if i.pass_number == 1}
    first_day = {i.key: i.day for i in plan.items}
    for item in plan.items:
        if item.pass_number == 2 and f"read/{item.entry}/p1" in first_day:
            assert item.day >= first_day[f"read/{item.entry}/p1"]
    # what does not fit is said, with the hours that would cover it
    assert not plan.report.fits and plan.report.short_by > 0 and plan.report.hours_needed
    assert all(t.top15 and t.pass_number == 2 for t in plan.report.missing[:3])
    # stored: reading it back gives the same plan
    again = current_plan(library_for(library_with_guide, settings=settings, catalog=CATALOG), today=TODAY)
    assert again.items == plan.items and again.report.as_json() == plan.report.as_json()


def test_a_3_day_plan_surveys_the_top_15_and_ends_with_a_mock(
    sqlite_library: Store, settings: Settings
) -> None:
    plan = plan_for(sqlite_library, settings, 3)
    assert [d.kind for d in plan.days] == ["study", "study", "mock"]
    assert {i.entry for i in plan.items if i.pass_number == 1} == TOP
    assert any(i.kind == "mock" for i in plan.days[-1].items)
    assert not any(i.pass_number == 3 for i in plan.items)  # no deep dive before the essentials
    summary = " ".join(plan.report.summary())
    assert "DOES NOT FIT" in summary and "short by" in summary and "h a day would cover" in summary


def test_a_60_day_plan_covers_everything_and_gives_pass_3_to_foundations_first(
    sqlite_library: Store, settings: Settings
) -> None:
    plan = plan_for(sqlite_library, settings, 60)
    assert plan.report.fits and plan.report.short_by == 0
    assert {k for k in read_keys(plan) if k.endswith(("/p1", "/p2"))} == {
        f"{s}/p{n}" for s in TOP for n in (1, 2)
    }
    deep = [i for i in plan.items if i.pass_number == 3]
    order = list(dict.fromkeys(i.entry for i in deep))
    foundations = [e.slug for e in CATALOG.entries if e.category == "foundational" and e.slug in TOP]
    assert order[: len(foundations)] == foundations
    assert all(i.minutes <= 60 for i in deep) and all(i.title.endswith(f"of {i.parts}") for i in deep)
    assert sum(d.kind == "slack" for d in plan.days) == 8 and sum(d.kind == "mock" for d in plan.days) == 3
    # passes 1-2 are spread over the weeks, not crammed into the first days
    last_pass2 = max(i.day for i in plan.items if i.pass_number == 2)
    assert last_pass2 > TODAY + timedelta(days=14)


def test_a_missed_day_is_re_planned_and_the_top_15_kept(
    library_with_guide: Store, settings: Settings
) -> None:
    plan = plan_for(library_with_guide, settings, 14)
    missed = [i for i in plan.days[0].items if i.kind == "read"]
    tomorrow = TODAY + timedelta(days=1)
    assert (
        current_plan(
            library_for(library_with_guide, settings=settings, catalog=CATALOG), today=tomorrow
        ).missed(tomorrow)
        == missed
    )
    moved = replan(library_for(library_with_guide, settings=settings, catalog=CATALOG), today=tomorrow)
    assert moved.starts_on == tomorrow and len(moved.days) == 13 and moved.revision == 2
    assert moved.uid == plan.uid  # the calendar updates instead of duplicating
    for item in missed:  # yesterday's surveys moved to the days left
        assert any(i.key.startswith(item.key) and i.day >= tomorrow for i in moved.items)
    placed = {"/".join(i.key.split("/")[:3]) for i in moved.items if i.top15}  # parts: read/x/p2/1
    reported = {t.key for t in moved.report.missing if t.top15}
    assert {f"read/{s}/p{n}" for s in TOP for n in (1, 2)} <= placed | reported  # never dropped silently
    assert moved.report.short_by >= plan.report.short_by


def test_a_user_who_has_read_half_the_list(sqlite_library: Store, settings: Settings) -> None:
    order = [s for item in CATALOG.checklist for s in item.entries]
    half = order[: len(order) // 2]
    clock = lambda: at(TODAY - timedelta(days=3))  # noqa: E731
    lib = library_for(sqlite_library)
    for slug in half:
        paper = get_paper(lib, slug)
        log_minutes(lib, paper, 1, 8, clock=clock)
        log_minutes(lib, paper, 2, 40, clock=clock)
        complete_pass(lib, paper, 2, force=True, clock=clock)  # pass 2 reached implies pass 1
    plan = plan_for(sqlite_library, settings, 14)
    assert plan.report.already[2] >= len(half)
    planned = read_keys(plan)
    assert not any(f"{s}/p1" in planned or f"{s}/p2" in planned for s in half)
    assert all(f"{s}/p1" in planned for s in order[len(half) :])
    # their notes are missing, so the plan asks to finish them
    assert {i.entry for i in plan.items if i.kind == "note"} == set(half)
    assert plan.report.fits  # half the reading left fits in two weeks


def test_time_logged_without_pass_done_reads_no_pass(sqlite_library: Store, settings: Settings) -> None:
    """45 minutes logged on pass 2 that pass-done refused: the plan still gives pass 2, minus that time."""
    lib = library_for(sqlite_library)
    lora = get_paper(lib, "lora")
    log_minutes(lib, lora, 1, 8, clock=lambda: at(TODAY - timedelta(days=2)))
    log_minutes(lib, lora, 2, 30, clock=lambda: at(TODAY - timedelta(days=1)))
    assert not complete_pass(lib, lora, 2).completed
    plan = plan_for(sqlite_library, settings, 14)
    assert plan.report.already.get(2, 0) == 0 and plan.report.already.get(1, 0) == 0
    by_key = {i.key: i for i in plan.items}
    assert by_key["read/lora/p1"].minutes == 5  # 2 of its 10 minutes are left: at least 5 to finish it
    assert by_key["read/lora/p2"].minutes == 45 - 30


def test_impossible_budgets_are_reported_honestly(sqlite_library: Store, settings: Settings) -> None:
    plan = plan_for(sqlite_library, settings, 1, hours=0.5)
    assert plan.days[0].minutes <= 30
    report = plan.report
    assert not report.fits
    essential = [t for t in report.missing if t.top15 and (t.pass_number or 0) <= 2]
    planned_reading = sum(i.minutes for i in plan.items if i.kind == "read")
    assert report.short_by == sum(t.minutes for t in essential)
    assert report.short_by + planned_reading == len(TOP) * (10 + 45)
    assert report.hours_needed and report.hours_needed > 10
    text = "\n".join(report.summary())
    assert f"{len(essential)} top-15 passes" in text and "Pass 2 (comprehension): Transformer" in text


def test_a_focus_on_a_category_names_the_top_15_it_leaves_out(
    sqlite_library: Store, settings: Settings
) -> None:
    plan = plan_for(sqlite_library, settings, 14, focus=["agent-reasoning"])
    entries = {i.entry for i in plan.items if i.kind == "read"}
    assert entries == {"chain-of-thought", "react", "tree-of-thoughts", "dpo"}
    assert "Transformer" in plan.report.outside_focus and "ReAct" not in plan.report.outside_focus
    assert any("outside this focus" in line for line in plan.report.summary())


@pytest.mark.parametrize(
    ("days", "hours", "focus", "message"),
    [(0, 1.5, None, "must be after today"), (-3, 1.5, None, "must be after today"),
     (5, 0, None, "hours per day"), (5, 30, None, "hours per day"), (5, 1, ["bogus"], "unknown focus")],
)  # fmt: skip
def test_bad_requests_are_refused(
    sqlite_library: Store, settings: Settings, days: int, hours: float, focus: list[str] | None, message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        plan_for(sqlite_library, settings, days, hours=hours, focus=focus)


def test_no_plan_yet_is_not_found(sqlite_library: Store, settings: Settings) -> None:
    with pytest.raises(NotFoundError, match="no study plan"):
        current_plan(library_for(sqlite_library, settings=settings, catalog=CATALOG), today=TODAY)


def test_items_are_ticked_off_from_the_logs(sqlite_library: Store, settings: Settings) -> None:
    from paperpass.practice.questions import sync_bank
    from paperpass.practice.scheduling import parse_rating, practice_queue, review

    plan = plan_for(sqlite_library, settings, 14)
    first = next(i for i in plan.days[0].items if i.kind == "read")
    log_minutes(
        library_for(sqlite_library),
        get_paper(library_for(sqlite_library), first.entry or ""),
        1,
        7,
        clock=lambda: at(TODAY),
    )
    day2 = TODAY + timedelta(days=1)
    sync_bank(library_for(sqlite_library, catalog=CATALOG))
    for question in practice_queue(library_for(sqlite_library), now=at(day2), new_limit=2):
        review(
            library_for(sqlite_library, settings=settings),
            question.id or 0,
            parse_rating("good"),
            now=at(day2),
        )
    ticked = current_plan(library_for(sqlite_library, settings=settings, catalog=CATALOG), today=day2)
    done = {(i.day, i.key) for i in ticked.items if i.done}
    assert (TODAY, first.key) in done
    assert (day2, "practice") in done
    assert len(ticked.missed(day2)) == len([i for i in plan.days[0].items if i.kind == "read"]) - 1


def test_the_calendar_export_has_stable_uids(sqlite_library: Store, settings: Settings) -> None:
    plan = plan_for(sqlite_library, settings, 14)
    calendar = Calendar.from_ical(plan_calendar(plan))
    events = [c for c in calendar.walk("VEVENT")]
    uids = {str(e["UID"]) for e in events}
    assert day_uid(plan, TODAY) in uids and f"interview-{plan.uid}@paperpass" in uids
    assert len(events) == 14 - 1 + 1  # every day but the slack one, and the interview
    again = replan(library_for(sqlite_library, settings=settings, catalog=CATALOG), today=TODAY)
    later = Calendar.from_ical(plan_calendar(again))
    assert {str(e["UID"]) for e in later.walk("VEVENT")} == uids
    assert {int(e["SEQUENCE"]) for e in later.walk("VEVENT")} == {2}


def test_a_reading_item_is_ticked_off_by_logging_its_session(
    library_with_guide: Store, settings: Settings
) -> None:
    from paperpass.plan.service import tick_item

    lib = library_for(library_with_guide, settings=settings, catalog=CATALOG)
    plan = plan_for(library_with_guide, settings, 14)
    item = next(i for i in plan.days[0].items if i.kind == "read")
    ticked = tick_item(lib, item.key, minutes=8, today=TODAY)
    assert ticked.done and ticked.key == item.key
    assert ticked.pass_complete is False and ticked.pass_open  # time logged is not a pass read
    with library_with_guide.connect() as conn:
        [session] = reading_rows.sessions(conn, [item.paper_id or 0], user_id=0)
    assert (session.pass_number, session.minutes) == (item.pass_number, 8)
    assert tick_item(lib, item.key, today=TODAY).done  # ticking again logs nothing more
    with library_with_guide.connect() as conn:
        assert len(reading_rows.sessions(conn, [item.paper_id or 0], user_id=0)) == 1
    practice = next(i for i in plan.items if i.kind == "practice")
    with pytest.raises(InvalidInputError, match="review the due cards"):
        tick_item(lib, practice.key, today=TODAY)
    with pytest.raises(NotFoundError):
        tick_item(lib, "read/nothing/p1", today=TODAY)
    paper = get_paper(lib, item.paper_id or 0)
    complete_pass(lib, paper, item.pass_number or 0, force=True)
    after = next(i for i in current_plan(lib, today=TODAY).items if i.key == item.key)
    assert after.done and after.pass_complete and not after.pass_open


def test_a_replan_keeps_what_was_ticked_off_today(library_with_guide: Store, settings: Settings) -> None:
    lib = library_for(library_with_guide, settings=settings, catalog=CATALOG)
    plan = plan_for(library_with_guide, settings, 14)
    reading = [i for i in plan.days[0].items if i.kind == "read"]
    ticked = reading[0]
    paper = get_paper(lib, ticked.paper_id or 0)
    log_minutes(lib, paper, ticked.pass_number or 1, ticked.minutes, clock=lambda: at(TODAY))
    assert complete_pass(lib, paper, ticked.pass_number or 1).completed is False  # read, not passed
    again = replan(lib, today=TODAY)
    today = again.days[0]
    kept = [i for i in today.items if i.key == ticked.key]
    assert len(kept) == 1 and kept[0].done and kept[0].minutes == ticked.minutes
    assert [i.key for i in again.items].count(ticked.key) == 1  # not planned again on a later day
    assert today.minutes <= 90  # its minutes count in today's time
    assert [i.kind for i in today.items].count("practice") <= 1
    assert not [i for i in again.items if i.key == ticked.key and i.day != TODAY]
    # the other items of today that were not done are planned again, not lost
    for item in reading[1:]:
        assert any(i.key.startswith(item.key) for i in again.items) or any(
            t.key == item.key for t in again.report.missing
        )
