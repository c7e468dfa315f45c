"""Making, storing, re-planning and ticking off a study plan; the user's reading-group meetings are shown
on their days (read from the groups each time, see :mod:`paperpass.groups.upcoming`).

Items are never ticked by hand: each one is done when the logs say so, so ``paperpass today`` and the web
page agree with whatever the user did, wherever they did it.

- A reading item: a reading session on its paper and pass since the plan started (or the pass read by any
  measure of :mod:`paperpass.plan.state`); part k of a pass 3: k sessions on pass 3, or pass 3 complete.
- A note item: the note passes the guide's template lint. A refresh item: a review of one of the paper's
  cards, or a session on the paper, on or after its day.
- A practice item: as many reviews that day as cards were due (at least one), or, today, a run that left
  nothing due. A mock item: a mock interview finished that day.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from paperpass.catalog import Catalog
from paperpass.config import Settings
from paperpass.errors import InvalidInputError, NotFoundError
from paperpass.groups.upcoming import GroupMeeting, meetings_between
from paperpass.library import Library, get_paper
from paperpass.models import ReadingSession
from paperpass.plan.calendar import carried_history
from paperpass.plan.model import PlanDay, PlanItem, PlanReport, StudyPlan
from paperpass.plan.schedule import Budgets, lay_out, pass_budgets
from paperpass.plan.state import StartState, start_state
from paperpass.reading.sessions import log_minutes, utc_now
from paperpass.store import plan as plan_rows
from paperpass.store import practice as practice_rows
from paperpass.store import reading as reading_rows


def local_today() -> date:
    """Today's date on this machine (the default ``today`` of every plan function)."""
    return datetime.now().astimezone().date()


def _moment(today: date) -> datetime:
    """Noon of ``today`` in UTC: the 'now' used for recall and due cards when ``today`` is injected."""
    return datetime.combine(today, time(12), tzinfo=UTC)


def budgets(settings: Settings, catalog: Catalog) -> Budgets:
    """The planner's budgets: pass minutes from the catalog, the rest from the ``plan_*`` settings."""
    return Budgets(
        passes=pass_budgets(catalog),
        practice=settings.plan_practice_minutes,
        card_minutes=settings.plan_card_minutes,
        mock=settings.plan_mock_minutes,
        slack_every=settings.plan_slack_every,
    )


def _rows(days: list[PlanDay]) -> list[plan_rows.ItemRow]:
    return [
        plan_rows.ItemRow(i.day, position, i.key, i.kind, i.title, i.minutes, i.entry, i.paper_id,
                          i.pass_number, i.part, i.parts, i.cards, i.top15)
        for d in days
        for position, i in enumerate(d.items)
    ]  # fmt: skip


def make_plan(
    library: Library,
    *,
    interview: date,
    hours_per_day: float,
    focus: list[str] | None = None,
    today: date | None = None,
    kept: list[PlanItem] | None = None,
) -> StudyPlan:
    """Build a plan from today to the interview from what the user has already done, and store it.

    A plan made again (a re-plan) replaces the previous one and keeps its calendar UID.

    Args:
        kept: items already ticked off today, kept on today (see :func:`replan`).

    Raises:
        InvalidInputError: a past date, hours outside 0-16, an unknown focus.
    """
    day = today or local_today()
    words = list(focus or ["top15"])
    state = start_state(library, now=_moment(day))
    layout = lay_out(library.catalog, state, today=day, interview=interview, hours_per_day=hours_per_day,
                     focus=words, budgets=budgets(library.settings, library.catalog),
                     kept=kept)  # fmt: skip
    report = layout.report.as_json()
    report["day_kinds"] = {d.day.isoformat(): d.kind for d in layout.days if d.kind != "study"}
    with library.store.transaction() as conn:
        report["calendar_history"] = carried_history(plan_rows.get_plan(conn, library.user_id))
        plan_rows.save_plan(conn, user_id=library.user_id, uid=uuid.uuid4().hex, interview=interview,
                            starts_on=day, hours_per_day=hours_per_day, focus=words, report=report,
                            items=_rows(layout.days))  # fmt: skip
    return current_plan(library, today=day)


def replan(library: Library, *, today: date | None = None, hours_per_day: float | None = None) -> StudyPlan:
    """Re-plan the stored plan from today (after a missed day): what is not done moves to the days left;
    what was already ticked off today stays on today, ticked.

    Raises:
        NotFoundError: no plan yet.
        InvalidInputError: the interview is today or past.
    """
    stored = _stored(library)
    day = today or local_today()
    before = current_plan(library, today=day).day(day)
    kept = [i for i in before.items if i.done] if before is not None else []
    return make_plan(library, interview=stored.interview, hours_per_day=hours_per_day or stored.hours_per_day,
                     focus=stored.focus, today=day, kept=kept)  # fmt: skip


def _stored(library: Library) -> plan_rows.PlanRow:
    with library.store.connect() as conn:
        stored = plan_rows.get_plan(conn, library.user_id)
    if stored is None:
        raise NotFoundError("no study plan yet: paperpass plan --interview DATE --hours-per-day H")
    return stored


def drop_plan(library: Library) -> bool:
    """Delete the user's plan; False when there was none."""
    with library.store.transaction() as conn:
        return plan_rows.delete_plan(conn, library.user_id)


def has_plan(library: Library) -> bool:
    """Whether the user has a stored plan."""
    with library.store.connect() as conn:
        return plan_rows.get_plan(conn, library.user_id) is not None


def current_plan(library: Library, *, today: date | None = None) -> StudyPlan:
    """The stored plan with each item marked done or not from the logs.

    Raises:
        NotFoundError: no plan yet.
    """
    stored = _stored(library)
    day = today or local_today()
    state = start_state(library, now=_moment(day))
    logs = _logs(library, stored.starts_on)
    items = [_item(row) for row in stored.items]
    done = [replace(i, done=_is_done(i, state, logs, day), pass_complete=_pass_complete(i, state))
            for i in items]  # fmt: skip
    kinds: dict[str, Any] = stored.report.get("day_kinds", {})
    by_day: dict[date, list[PlanItem]] = defaultdict(list)
    for item in done:
        by_day[item.day].append(item)
    span = (stored.interview - stored.starts_on).days
    dates = [date.fromordinal(stored.starts_on.toordinal() + n) for n in range(span)]
    meetings: dict[date, list[GroupMeeting]] = defaultdict(list)
    for meeting in meetings_between(library, stored.starts_on, stored.interview - timedelta(days=1)):
        meetings[meeting.day].append(meeting)
    days = [PlanDay(d, kinds.get(d.isoformat(), "study"), by_day.get(d, []), meetings.get(d, []))
            for d in dates]  # fmt: skip
    return StudyPlan(stored.interview, stored.starts_on, stored.hours_per_day, stored.focus, days,
                     PlanReport.from_json(stored.report), stored.uid, stored.revision,
                     stored.updated_at, dict(stored.report.get("calendar_history", {})))  # fmt: skip


def _item(row: plan_rows.ItemRow) -> PlanItem:
    kind: Any = row.kind
    return PlanItem(row.day, kind, row.title, row.minutes, row.key, row.entry_slug, row.paper_id,
                    row.pass_number, row.part, row.parts, row.cards, row.top15)  # fmt: skip


@dataclass(frozen=True)
class _Logs:
    sessions: list[ReadingSession]
    reviews: list[practice_rows.ReviewRow]
    entries_of: dict[int, list[str]]
    mocks: list[date]
    due_now: int


def _local(moment: datetime) -> date:
    return moment.astimezone().date()


def _logs(library: Library, since: date) -> _Logs:
    start = datetime.combine(since, time(0)).astimezone()
    with library.store.connect() as conn:
        sessions = [
            s for s in reading_rows.sessions(conn, user_id=library.user_id) if _local(s.started_at) >= since
        ]
        reviews = [r for r in practice_rows.reviews(conn, library.user_id) if _local(r.reviewed_at) >= since]
        entries_of = {q.id or 0: list(q.entries) for q in practice_rows.list_questions(conn, library.user_id)}
        mocks = [_local(m) for m in plan_rows.finished_mocks(conn, start, library.user_id)]
        due_now = len(practice_rows.due_question_ids(conn, datetime.now(UTC), library.user_id))
    return _Logs(sessions, reviews, entries_of, mocks, due_now)


def _pass_complete(item: PlanItem, state: StartState) -> bool | None:
    """Whether a reading item's pass is complete (None for other items)."""
    if item.kind != "read" or item.pass_number is None:
        return None
    entry = state.entries.get(item.entry or "")
    return entry is not None and item.pass_number in entry.done_passes


def _is_done(item: PlanItem, state: StartState, logs: _Logs, today: date) -> bool:
    entry = state.entries.get(item.entry or "")
    papers = set(entry.paper_ids) if entry else set()
    if item.kind == "read" and entry is not None:
        on_pass = [s for s in logs.sessions if s.paper_id in papers and s.pass_number == item.pass_number]
        if item.pass_number == 3:
            worked = [s for s in on_pass if not s.completed]
            return 3 in entry.done_passes or len(worked) >= item.part
        return bool(on_pass) or (item.pass_number or 0) in entry.done_passes
    if item.kind == "note":
        return entry is not None and entry.note_complete
    if item.kind == "refresh":
        about = [r for r in logs.reviews if item.entry in logs.entries_of.get(r.question_id, [])]
        practised = any(_local(r.reviewed_at) >= item.day for r in about)
        read = any(s.paper_id in papers and _local(s.started_at) >= item.day for s in logs.sessions)
        return practised or read
    if item.kind == "practice":
        count = sum(_local(r.reviewed_at) == item.day for r in logs.reviews)
        return count >= max(1, item.cards) or (item.day == today and count >= 1 and logs.due_now == 0)
    if item.kind == "mock":
        return item.day in logs.mocks
    return False


DONE_BY_DOING = {
    "note": "save the note so it passes lint",
    "practice": "review the due cards",
    "refresh": "review its cards or read it again",
    "mock": "finish a mock interview",
}


def tick_item(
    library: Library, key: str, *, minutes: float | None = None, today: date | None = None
) -> PlanItem:
    """Tick off a reading item of the plan from the web: log a session of its pass on its paper (its planned
    minutes unless ``minutes`` says how long it took), which is what marks a reading item done.

    Other items are done by doing them (a note that passes lint, cards reviewed, a mock finished).

    Raises:
        NotFoundError: no plan, or no item ``key`` in it.
        InvalidInputError: not a reading item, an item without a library paper, or bad minutes.
    """
    day = today or local_today()
    plan = current_plan(library, today=day)
    item = next((i for i in plan.items if i.key == key), None)
    if item is None:
        raise NotFoundError(f"the study plan has no item {key!r}")
    if item.kind != "read" or item.paper_id is None or item.pass_number is None:
        how = DONE_BY_DOING.get(item.kind, "read it")
        raise InvalidInputError(f"{item.title!r} is done by doing it: {how}")
    if not item.done:
        paper = get_paper(library, item.paper_id)
        spent = item.minutes if minutes is None else minutes
        clock = utc_now if day == local_today() else (lambda: _moment(day))  # an injected day logs on it
        log_minutes(library, paper, item.pass_number, spent, clock=clock, note=f"study plan: {item.title}")
    ticked = current_plan(library, today=day)
    return next(i for i in ticked.items if i.key == key)


def plan_json(plan: StudyPlan, today: date) -> dict[str, Any]:
    """The plan as JSON data, with today's date and the items missed on earlier days."""
    data = plan.as_json()
    data["today"] = today.isoformat()
    data["missed"] = [i.as_json() for i in plan.missed(today)]
    return data
