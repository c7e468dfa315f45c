"""Practice: the question bank, FSRS cards, the review log and mock interviews.

Scheduling itself (FSRS) lives in :mod:`paperpass.practice.scheduling`; cards are kept here as the fsrs
package's own JSON (``Card.to_dict()``) plus the due date as a column, so due cards are one indexed query.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, and_, func, insert, select, update

from paperpass.errors import NotFoundError
from paperpass.models import Question
from paperpass.store.tables import (
    mock_answers,
    mock_interviews,
    practice_cards,
    practice_questions,
    practice_reviews,
    utcnow,
)


def _visible(user_id: int) -> Any:
    """The questions a user sees: the guide's shared bank and their own."""
    return (practice_questions.c.source == "catalog") | (practice_questions.c.user_id == user_id)


def aware(value: datetime) -> datetime:
    """A datetime with a time zone (SQLite gives naive UTC values back)."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _maybe_aware(value: datetime | None) -> datetime | None:
    return aware(value) if value is not None else None


def content_hash(question: Question) -> str:
    """A fingerprint of what a question asks and expects, to notice when its source changed."""
    data = [question.kind, question.facet, question.prompt, question.reference_points, question.entries]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


def _to_question(row: RowMapping) -> Question:
    return Question(
        id=row["id"],
        key=row["key"],
        kind=row["kind"],
        prompt=row["prompt"],
        reference_points=list(row["reference_points"] or []),
        entries=list(row["entries"] or []),
        facet=row["facet"],
        source=row["source"],
        paper_id=row["paper_id"],
        user_id=row["user_id"],
    )


def _values(question: Question) -> dict[str, Any]:
    return {
        "key": question.key,
        "user_id": question.user_id,
        "kind": question.kind,
        "facet": question.facet,
        "source": question.source,
        "entries": list(question.entries),
        "paper_id": question.paper_id,
        "prompt": question.prompt,
        "reference_points": list(question.reference_points),
        "content_hash": content_hash(question),
    }


@dataclass(frozen=True)
class SyncCounts:
    """What a sync of one source of questions changed."""

    added: int = 0
    updated: int = 0
    retired: int = 0


def sync_questions(
    conn: Connection, wanted: Sequence[Question], source: str, user_id: int, paper_id: int | None = None
) -> SyncCounts:
    """Make the stored questions of ``source`` (for a user, or one paper's) exactly ``wanted``.

    New keys are inserted, changed ones updated in place (their cards and review history stay), and
    stored keys no longer wanted are retired (kept inactive, so their history survives).
    """
    scope = (practice_questions.c.source == source) & (practice_questions.c.user_id == user_id)
    if paper_id is not None:
        scope &= practice_questions.c.paper_id == paper_id
    stored = {
        row["key"]: row
        for row in conn.execute(
            select(practice_questions.c.key, practice_questions.c.content_hash, practice_questions.c.active)
            .where(scope)
        ).mappings()
    }  # fmt: skip
    added = updated = 0
    now = utcnow()
    for question in wanted:
        values = _values(question)
        row = stored.pop(question.key, None)
        if row is None:
            conn.execute(
                insert(practice_questions).values(**values, active=True, created_at=now, updated_at=now)
            )
            added += 1
        elif row["content_hash"] != values["content_hash"] or not row["active"]:
            conn.execute(
                update(practice_questions)
                .where(practice_questions.c.key == question.key)
                .values(**values, active=True, updated_at=now)
            )
            updated += 1
    retire = [key for key, row in stored.items() if row["active"]]
    if retire:
        conn.execute(
            update(practice_questions)
            .where(practice_questions.c.key.in_(retire))
            .values(active=False, updated_at=now)
        )
    return SyncCounts(added, updated, len(retire))


def insert_question(conn: Connection, question: Question) -> Question:
    """Store one new question (a user's own) and return it with its id."""
    now = utcnow()
    new_id = conn.execute(
        insert(practice_questions)
        .values(**_values(question), active=True, created_at=now, updated_at=now)
        .returning(practice_questions.c.id)
    ).scalar_one()
    return Question(**{**question.__dict__, "id": new_id})


def upsert_question(conn: Connection, question: Question) -> Question:
    """Store a question under its key, or bring the stored one up to date (its card and history stay);
    returns it with its id."""
    now = utcnow()
    values = _values(question)
    found = conn.execute(
        select(practice_questions.c.id).where(practice_questions.c.key == question.key)
    ).scalar_one_or_none()
    if found is None:
        found = conn.execute(
            insert(practice_questions)
            .values(**values, active=True, created_at=now, updated_at=now)
            .returning(practice_questions.c.id)
        ).scalar_one()
    else:
        conn.execute(
            update(practice_questions)
            .where(practice_questions.c.id == found)
            .values(**values, active=True, updated_at=now)
        )
    return Question(**{**question.__dict__, "id": int(found)})


def prompt_taken(conn: Connection, prompt: str, user_id: int, but_key: str) -> bool:
    """Whether another active question the user sees already asks exactly ``prompt``."""
    query = (
        select(func.count())
        .select_from(practice_questions)
        .where(
            practice_questions.c.active
            & _visible(user_id)
            & (practice_questions.c.prompt == prompt)
            & (practice_questions.c.key != but_key)
        )
    )
    return int(conn.execute(query).scalar_one()) > 0


def list_questions(conn: Connection, user_id: int) -> list[Question]:
    """Every active question a user sees: the shared bank and the user's own, in id order."""
    query = (
        select(practice_questions)
        .where(practice_questions.c.active & _visible(user_id))
        .order_by(practice_questions.c.id)
    )
    return [_to_question(row) for row in conn.execute(query).mappings()]


def get_question(conn: Connection, question_id: int, user_id: int) -> Question:
    """One question by id, among those a user sees (the shared bank and the user's own).

    Raises:
        NotFoundError: no such question, or it is another user's (made from their private notes).
    """
    mine = _visible(user_id)
    row = conn.execute(
        select(practice_questions).where((practice_questions.c.id == question_id) & mine)
    ).mappings()
    found = row.first()
    if found is None:
        raise NotFoundError(f"no question {question_id}")
    return _to_question(found)


@dataclass(frozen=True)
class CardRow:
    """A stored FSRS card: the fsrs package's JSON, its due date and how often it was reviewed."""

    question_id: int
    fsrs: dict[str, Any]
    due: datetime
    last_review: datetime | None
    reps: int


def get_card(conn: Connection, question_id: int, user_id: int) -> CardRow | None:
    """A user's card for a question, or None before its first review."""
    row = (
        conn.execute(
            select(practice_cards).where(
                (practice_cards.c.question_id == question_id) & (practice_cards.c.user_id == user_id)
            )
        )
        .mappings()
        .first()
    )
    return _to_card(row) if row else None


def _to_card(row: RowMapping) -> CardRow:
    return CardRow(
        question_id=row["question_id"],
        fsrs=dict(row["fsrs"]),
        due=aware(row["due"]),
        last_review=_maybe_aware(row["last_review"]),
        reps=row["reps"],
    )


def cards(conn: Connection, user_id: int) -> dict[int, CardRow]:
    """Question id -> card, for every card a user has."""
    rows = conn.execute(select(practice_cards).where(practice_cards.c.user_id == user_id)).mappings()
    return {row["question_id"]: _to_card(row) for row in rows}


def record_review(
    conn: Connection,
    card: CardRow,
    *,
    rating: int,
    reviewed_at: datetime,
    answer: str,
    covered: list[bool],
    duration_ms: int | None,
    user_id: int,
    points: list[str] | None = None,
    ticked: list[bool] | None = None,
    hints: list[str] | None = None,
) -> None:
    """Write a card's new state and its review log entry, in the caller's transaction (one commit).

    ``points``, ``ticked`` and ``hints`` are given for a self-graded review: the reference points shown,
    which of them the user ticked as covered, and the grader's verdict on each.
    """
    values = {"fsrs": card.fsrs, "due": card.due, "last_review": card.last_review, "reps": card.reps}
    where = (practice_cards.c.question_id == card.question_id) & (practice_cards.c.user_id == user_id)
    if conn.execute(update(practice_cards).where(where).values(**values)).rowcount == 0:
        conn.execute(insert(practice_cards).values(question_id=card.question_id, user_id=user_id, **values))
    conn.execute(
        insert(practice_reviews).values(
            question_id=card.question_id,
            user_id=user_id,
            rating=rating,
            reviewed_at=reviewed_at,
            duration_ms=duration_ms,
            answer=answer,
            covered=covered,
            due_after=card.due,
            points=points,
            ticked=ticked,
            hints=hints,
        )
    )


@dataclass(frozen=True)
class ReviewRow:
    """One logged review."""

    question_id: int
    rating: int
    reviewed_at: datetime
    answer: str
    covered: list[bool]
    duration_ms: int | None
    due_after: datetime
    points: list[str] | None = None
    ticked: list[bool] | None = None
    hints: list[str] | None = None

    @property
    def missed(self) -> list[str]:
        """The points the user did not tick (empty when the review was not self-graded)."""
        if self.points is None or self.ticked is None:
            return []
        return [p for p, t in zip(self.points, self.ticked, strict=False) if not t]


def _json_list(value: Any) -> list[Any] | None:
    return list(value) if value is not None else None


def reviews(conn: Connection, user_id: int, question_id: int | None = None) -> list[ReviewRow]:
    """A user's review log, oldest first (one question's, if given)."""
    query = select(practice_reviews).where(practice_reviews.c.user_id == user_id)
    if question_id is not None:
        query = query.where(practice_reviews.c.question_id == question_id)
    rows = conn.execute(query.order_by(practice_reviews.c.id)).mappings()
    return [
        ReviewRow(row["question_id"], row["rating"], aware(row["reviewed_at"]), row["answer"],
                  list(row["covered"] or []), row["duration_ms"], aware(row["due_after"]),
                  _json_list(row["points"]), _json_list(row["ticked"]), _json_list(row["hints"]))
        for row in rows
    ]  # fmt: skip


def due_question_ids(conn: Connection, now: datetime, user_id: int) -> list[int]:
    """Active questions whose card is due at ``now``, most overdue first."""
    query = (
        select(practice_cards.c.question_id)
        .join(practice_questions, practice_questions.c.id == practice_cards.c.question_id)
        .where(practice_questions.c.active)
        .where((practice_cards.c.user_id == user_id) & (practice_cards.c.due <= now))
        .order_by(practice_cards.c.due, practice_cards.c.question_id)
    )
    return list(conn.execute(query).scalars())


def new_question_ids(conn: Connection, user_id: int) -> list[int]:
    """Active questions the user has never reviewed, in bank order."""
    has_card = and_(
        practice_cards.c.question_id == practice_questions.c.id, practice_cards.c.user_id == user_id
    )
    query = (
        select(practice_questions.c.id)
        .outerjoin(practice_cards, has_card)
        .where(practice_questions.c.active & _visible(user_id) & practice_cards.c.question_id.is_(None))
        .order_by(practice_questions.c.id)
    )
    return list(conn.execute(query).scalars())


def reviews_since(conn: Connection, since: datetime, user_id: int) -> int:
    """How many reviews a user made since ``since``."""
    where = (practice_reviews.c.user_id == user_id) & (practice_reviews.c.reviewed_at >= since)
    return int(conn.execute(select(func.count()).select_from(practice_reviews).where(where)).scalar_one())


# ---------------------------------------------------------------------------------------------- mocks


@dataclass(frozen=True)
class MockAnswerRow:
    """One question of a mock interview, answered or not yet."""

    position: int
    role: str
    question_id: int
    budget_seconds: int
    started_at: datetime | None
    answered_at: datetime | None
    answer: str | None
    covered: list[dict[str, Any]] | None
    marks: list[str] | None = None
    graded_at: datetime | None = None
    prompt: str | None = None
    points: list[str] | None = None
    follows: int | None = None
    asked_by: str | None = None


@dataclass(frozen=True)
class MockRow:
    """A mock interview and its questions in order."""

    id: int
    minutes: int
    judge: str
    started_at: datetime
    finished_at: datetime | None
    answers: list[MockAnswerRow]


def create_mock(
    conn: Connection, minutes: int, judge: str, plan: Iterable[tuple[str, int, int]], user_id: int
) -> int:
    """Store a new mock interview with its planned ``(role, question_id, budget_seconds)`` questions."""
    mock_id = int(
        conn.execute(
            insert(mock_interviews)
            .values(user_id=user_id, minutes=minutes, judge=judge, started_at=utcnow())
            .returning(mock_interviews.c.id)
        ).scalar_one()
    )
    rows = [
        {"mock_id": mock_id, "position": n, "role": role, "question_id": qid, "budget_seconds": budget}
        for n, (role, qid, budget) in enumerate(plan, start=1)
    ]
    conn.execute(insert(mock_answers), rows)
    return mock_id


def get_mock(conn: Connection, mock_id: int, user_id: int) -> MockRow:
    """A mock interview with its questions.

    Raises:
        NotFoundError: no such mock interview for this user.
    """
    where = (mock_interviews.c.id == mock_id) & (mock_interviews.c.user_id == user_id)
    row = conn.execute(select(mock_interviews).where(where)).mappings().first()
    if row is None:
        raise NotFoundError(f"no mock interview {mock_id}")
    answers = conn.execute(
        select(mock_answers).where(mock_answers.c.mock_id == mock_id).order_by(mock_answers.c.position)
    ).mappings()
    return MockRow(
        id=row["id"],
        minutes=row["minutes"],
        judge=row["judge"],
        started_at=aware(row["started_at"]),
        finished_at=_maybe_aware(row["finished_at"]),
        answers=[
            MockAnswerRow(a["position"], a["role"], a["question_id"], a["budget_seconds"],
                          _maybe_aware(a["started_at"]), _maybe_aware(a["answered_at"]), a["answer"],
                          a["covered"], _json_list(a["marks"]), _maybe_aware(a["graded_at"]), a["prompt"],
                          _json_list(a["points"]), a["follows"], a["asked_by"])
            for a in answers
        ],
    )  # fmt: skip


def start_mock_question(conn: Connection, mock_id: int, position: int, at: datetime) -> None:
    """Note when a question was first shown (only the first time counts)."""
    conn.execute(
        update(mock_answers)
        .where(
            (mock_answers.c.mock_id == mock_id)
            & (mock_answers.c.position == position)
            & mock_answers.c.started_at.is_(None)
        )
        .values(started_at=at)
    )


def record_mock_answer(
    conn: Connection, mock_id: int, position: int, answer: str, covered: list[dict[str, Any]], at: datetime
) -> None:
    """Store an answer and the grader's hints on it (the user's marks come next)."""
    conn.execute(
        update(mock_answers)
        .where((mock_answers.c.mock_id == mock_id) & (mock_answers.c.position == position))
        .values(answer=answer, covered=covered, answered_at=at)
    )


def record_mock_marks(conn: Connection, mock_id: int, position: int, marks: list[str], at: datetime) -> None:
    """Store the user's marks on an answer; the last answer marked also finishes the interview."""
    conn.execute(
        update(mock_answers)
        .where((mock_answers.c.mock_id == mock_id) & (mock_answers.c.position == position))
        .values(marks=marks, graded_at=at)
    )
    left = conn.execute(
        select(func.count())
        .select_from(mock_answers)
        .where((mock_answers.c.mock_id == mock_id) & mock_answers.c.graded_at.is_(None))
    ).scalar_one()
    if left == 0:
        conn.execute(update(mock_interviews).where(mock_interviews.c.id == mock_id).values(finished_at=at))


@dataclass(frozen=True)
class FollowUpRow:
    """A follow-up question to insert after an answer: its own prompt and points."""

    role: str
    question_id: int
    budget_seconds: int
    prompt: str
    points: list[str]
    asked_by: str


def insert_follow_up(conn: Connection, mock_id: int, after: int, follow: FollowUpRow) -> int:
    """Insert a follow-up right after position ``after`` (later questions move down one); its position."""
    later = (mock_answers.c.mock_id == mock_id) & (mock_answers.c.position > after)
    # Two steps, so no moment has two rows on one position (PostgreSQL checks the key row by row).
    conn.execute(update(mock_answers).where(later).values(position=-(mock_answers.c.position + 1)))
    moved = (mock_answers.c.mock_id == mock_id) & (mock_answers.c.position < 0)
    conn.execute(update(mock_answers).where(moved).values(position=-mock_answers.c.position))
    conn.execute(
        insert(mock_answers).values(
            mock_id=mock_id, position=after + 1, role=follow.role, question_id=follow.question_id,
            budget_seconds=follow.budget_seconds, prompt=follow.prompt, points=follow.points,
            follows=after, asked_by=follow.asked_by,
        )
    )  # fmt: skip
    return after + 1


@dataclass(frozen=True)
class GradedMockAnswer:
    """A marked mock answer, for readiness: the question it was about and the user's marks."""

    mock_id: int
    question_id: int
    marks: list[str]
    graded_at: datetime


def graded_mock_answers(conn: Connection, user_id: int) -> list[GradedMockAnswer]:
    """Every marked answer of a user's mock interviews, oldest first."""
    query = (
        select(mock_answers.c.mock_id, mock_answers.c.question_id, mock_answers.c.marks,
               mock_answers.c.graded_at)
        .join(mock_interviews, mock_interviews.c.id == mock_answers.c.mock_id)
        .where((mock_interviews.c.user_id == user_id) & mock_answers.c.marks.is_not(None))
        .order_by(mock_answers.c.graded_at, mock_answers.c.mock_id, mock_answers.c.position)
    )  # fmt: skip
    return [
        GradedMockAnswer(row["mock_id"], row["question_id"], list(row["marks"]), aware(row["graded_at"]))
        for row in conn.execute(query).mappings()
    ]
