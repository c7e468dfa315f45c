"""Study plans: one plan per user with its daily items, replaced whole by a re-plan; and the logs a plan's
items are ticked off from (finished mock interviews; reading sessions and reviews have their own modules).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, insert, select, update

from paperpass.store.tables import mock_interviews, plan_items, practice_cards, study_plans, utcnow


@dataclass(frozen=True)
class ItemRow:
    """A stored plan item."""

    day: date
    position: int
    key: str
    kind: str
    title: str
    minutes: int
    entry_slug: str | None = None
    paper_id: int | None = None
    pass_number: int | None = None
    part: int = 1
    parts: int = 1
    cards: int = 0
    top15: bool = False


@dataclass(frozen=True)
class PlanRow:
    """A stored plan and its items in day order."""

    id: int
    user_id: int
    uid: str
    interview: date
    starts_on: date
    hours_per_day: float
    focus: list[str]
    report: dict[str, Any]
    revision: int
    updated_at: datetime
    items: list[ItemRow] = field(default_factory=list)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _item_values(plan_id: int, item: ItemRow) -> dict[str, Any]:
    return {"plan_id": plan_id, **{k: v for k, v in item.__dict__.items()}}


def save_plan(
    conn: Connection,
    *,
    user_id: int,
    uid: str,
    interview: date,
    starts_on: date,
    hours_per_day: float,
    focus: list[str],
    report: dict[str, Any],
    items: list[ItemRow],
) -> int:
    """Store a user's plan, replacing the previous one (its uid is kept and its revision counted up)."""
    values = {"interview": interview, "starts_on": starts_on, "hours_per_day": hours_per_day,
              "focus": list(focus), "report": report, "updated_at": utcnow()}  # fmt: skip
    found = conn.execute(
        select(study_plans.c.id, study_plans.c.revision).where(study_plans.c.user_id == user_id)
    ).first()
    if found is None:
        plan_id = int(
            conn.execute(
                insert(study_plans)
                .values(user_id=user_id, uid=uid, revision=1, created_at=utcnow(), **values)
                .returning(study_plans.c.id)
            ).scalar_one()
        )
    else:
        plan_id = int(found.id)
        changed = update(study_plans).where(study_plans.c.id == plan_id)
        conn.execute(changed.values(revision=found.revision + 1, **values))
        conn.execute(delete(plan_items).where(plan_items.c.plan_id == plan_id))
    if items:
        conn.execute(insert(plan_items), [_item_values(plan_id, i) for i in items])
    return plan_id


def _to_item(row: RowMapping) -> ItemRow:
    return ItemRow(
        day=row["day"],
        position=row["position"],
        key=row["key"],
        kind=row["kind"],
        title=row["title"],
        minutes=row["minutes"],
        entry_slug=row["entry_slug"],
        paper_id=row["paper_id"],
        pass_number=row["pass_number"],
        part=row["part"],
        parts=row["parts"],
        cards=row["cards"],
        top15=row["top15"],
    )


def get_plan(conn: Connection, user_id: int) -> PlanRow | None:
    """A user's plan with its items, or None before the first ``paperpass plan``."""
    row = conn.execute(select(study_plans).where(study_plans.c.user_id == user_id)).mappings().first()
    if row is None:
        return None
    items = conn.execute(
        select(plan_items)
        .where(plan_items.c.plan_id == row["id"])
        .order_by(plan_items.c.day, plan_items.c.position)
    ).mappings()
    return PlanRow(
        id=row["id"],
        user_id=row["user_id"],
        uid=row["uid"],
        interview=row["interview"],
        starts_on=row["starts_on"],
        hours_per_day=float(row["hours_per_day"]),
        focus=list(row["focus"] or []),
        report=dict(row["report"] or {}),
        revision=row["revision"],
        updated_at=_aware(row["updated_at"]),
        items=[_to_item(i) for i in items],
    )


def delete_plan(conn: Connection, user_id: int) -> bool:
    """Remove a user's plan and its items; False when there was none."""
    return bool(conn.execute(delete(study_plans).where(study_plans.c.user_id == user_id)).rowcount)


def finished_mocks(conn: Connection, since: datetime, user_id: int) -> list[datetime]:
    """When each of a user's mock interviews finished, for those finished since ``since``."""
    where = (
        (mock_interviews.c.user_id == user_id)
        & mock_interviews.c.finished_at.is_not(None)
        & (mock_interviews.c.finished_at >= since)
    )
    return [_aware(v) for v in conn.execute(select(mock_interviews.c.finished_at).where(where)).scalars()]


def make_due(conn: Connection, fresh: dict[int, dict[str, Any]], due: datetime, user_id: int) -> None:
    """Bring practice cards due at ``due`` (a drilled comparison); ``fresh`` is the FSRS state for each
    question that has no card yet. A card already due earlier stays as it is."""

    for question_id, state in fresh.items():
        where = (practice_cards.c.question_id == question_id) & (practice_cards.c.user_id == user_id)
        if conn.execute(select(practice_cards.c.due).where(where)).first() is None:
            conn.execute(insert(practice_cards).values(question_id=question_id, user_id=user_id, fsrs=state,
                                                       due=due, last_review=None, reps=0))  # fmt: skip
        else:
            conn.execute(update(practice_cards).where(where & (practice_cards.c.due > due)).values(due=due))
