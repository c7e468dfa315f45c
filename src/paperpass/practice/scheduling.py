"""FSRS spaced repetition over the question bank, with the ``fsrs`` package (6.x).

A card's state is the fsrs package's own JSON, stored with its due date. Every review is one transaction:
the card's new state and its review-log entry are committed together as the review is made, so a crash
loses at most the review being typed and never leaves a card and its log disagreeing. Fuzzing is off, so
the same reviews give the same due dates on SQLite and PostgreSQL, on every machine.

An open question is self-graded: the user ticks the reference points the answer covered, and the rating
is proposed from the ticks (:func:`proposed_rating`); the review keeps the points, the ticks and the
grader's hints, so the points missed are known later (:func:`missed_last_time`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler

from paperpass.config import Settings
from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.models import QUESTION_KINDS, Question
from paperpass.practice.grades import VERDICTS
from paperpass.store import Connection
from paperpass.store import practice as rows

RATING_NAMES = {"again": Rating.Again, "hard": Rating.Hard, "good": Rating.Good, "easy": Rating.Easy}
FAST_SECONDS_PER_POINT = 15.0
"""An answer covering every point within this many seconds per point is proposed Easy, not Good."""


def parse_rating(text: str | int) -> Rating:
    """A rating from 1-4 or its name (again, hard, good, easy; a prefix is enough).

    Raises:
        InvalidInputError: anything else.
    """
    value = str(text).strip().lower()
    if value in {"1", "2", "3", "4"}:
        return Rating(int(value))
    matches = [rating for name, rating in RATING_NAMES.items() if value and name.startswith(value)]
    if len(matches) != 1:
        raise InvalidInputError(f"not a rating: {text!r} (use 1-4 or again, hard, good, easy)")
    return matches[0]


def scheduler(settings: Settings) -> Scheduler:
    """The FSRS scheduler for the user's desired retention (the ``desired_retention`` setting)."""
    return Scheduler(desired_retention=settings.desired_retention, enable_fuzzing=False)


def now_utc() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class ReviewOutcome:
    """What a review did to a card."""

    question_id: int
    rating: Rating
    reviewed_at: datetime
    due: datetime
    reps: int

    @property
    def interval_days(self) -> float:
        """Days until the card is due again."""
        return (self.due - self.reviewed_at).total_seconds() / 86400


def fsrs_card(stored: rows.CardRow | None, question_id: int) -> Card:
    """The fsrs ``Card`` of a stored card, or a new card (its id is the question's) before any review."""
    return Card.from_dict(stored.fsrs) if stored else Card(card_id=question_id)  # type: ignore[arg-type]


def proposed_rating(ticked: Sequence[bool], duration_ms: int | None = None) -> Rating:
    """The rating the ticks propose: every point -> Good (Easy when the answer took at most
    :data:`FAST_SECONDS_PER_POINT` seconds a point), some -> Hard, none -> Again."""
    covered = sum(bool(t) for t in ticked)
    if not ticked or covered == 0:
        return Rating.Again
    if covered < len(ticked):
        return Rating.Hard
    fast = duration_ms is not None and duration_ms / 1000 <= FAST_SECONDS_PER_POINT * len(ticked)
    return Rating.Easy if fast else Rating.Good


def review(
    library: Library,
    question_id: int,
    rating: Rating,
    *,
    answer: str = "",
    covered: Sequence[bool] = (),
    ticked: Sequence[bool] | None = None,
    hints: Sequence[str] = (),
    duration_ms: int | None = None,
    now: datetime | None = None,
) -> ReviewOutcome:
    """Rate one question: move its card as FSRS says and log the review, committed at once.

    Args:
        covered: which points a grader found covered (a cloze or choice card: whether it was right).
        ticked: for a self-graded review, which reference points the user ticked as covered (one flag
            per point); kept with the points shown, and then also the review's ``covered``.
        hints: the grader's verdict on each point (covered, missed, unsure), kept beside the ticks.

    Raises:
        NotFoundError: no such question.
        InvalidInputError: ticks or hints that do not match the question's points.
    """
    at = now or now_utc()
    with library.store.transaction() as conn:
        question = rows.get_question(conn, question_id, library.user_id)
        return log_review(conn, library, question, rating, answer=answer, covered=covered, ticked=ticked,
                          hints=hints, duration_ms=duration_ms, at=at)  # fmt: skip


def log_review(
    conn: Connection,
    library: Library,
    question: Question,
    rating: Rating,
    *,
    at: datetime,
    answer: str = "",
    covered: Sequence[bool] = (),
    ticked: Sequence[bool] | None = None,
    hints: Sequence[str] = (),
    duration_ms: int | None = None,
) -> ReviewOutcome:
    """:func:`review` inside the caller's transaction (a mock interview logs an answer's reviews and its
    marks in one commit).

    Raises:
        InvalidInputError: ticks or hints that do not match the question's points.
    """
    question_id = question.id or 0
    graded = _self_grade(question, ticked, hints)
    stored = rows.get_card(conn, question_id, library.user_id)
    card, _log = scheduler(library.settings).review_card(fsrs_card(stored, question_id), rating, at)
    reps = (stored.reps if stored else 0) + 1
    new = rows.CardRow(question_id, card.to_dict(), card.due, card.last_review, reps)  # type: ignore[arg-type]
    rows.record_review(conn, new, rating=int(rating), reviewed_at=at, answer=answer,
                       covered=list(graded.ticked if graded else covered), duration_ms=duration_ms,
                       user_id=library.user_id, points=graded.points if graded else None,
                       ticked=graded.ticked if graded else None,
                       hints=graded.hints if graded else None)  # fmt: skip
    return ReviewOutcome(question_id, rating, at, card.due, reps)


@dataclass(frozen=True)
class _SelfGrade:
    points: list[str]
    ticked: list[bool]
    hints: list[str] | None


def _self_grade(question: Question, ticked: Sequence[bool] | None, hints: Sequence[str]) -> _SelfGrade | None:
    if ticked is None:
        return None
    points = list(question.reference_points)
    if len(ticked) != len(points):
        raise InvalidInputError(f"question {question.id} has {len(points)} reference points, "
                                f"not {len(ticked)}")  # fmt: skip
    if hints and (len(hints) != len(points) or any(h not in VERDICTS for h in hints)):
        raise InvalidInputError(
            f"hints must be one of {', '.join(VERDICTS)} for each of the {len(points)} points"
        )
    return _SelfGrade(points, [bool(t) for t in ticked], list(hints) or None)


def missed_last_time(library: Library, question_id: int) -> list[str]:
    """The points the user left unticked the last time they self-graded this question (of those it still
    has), or none."""
    with library.store.connect() as conn:
        question = rows.get_question(conn, question_id, library.user_id)
        graded = [r for r in rows.reviews(conn, library.user_id, question_id) if r.ticked is not None]
    if not graded:
        return []
    return [p for p in graded[-1].missed if p in question.reference_points]


def retrievability(settings: Settings, stored: rows.CardRow | None, now: datetime) -> float:
    """FSRS's probability of recalling a card now (0 for a card never reviewed)."""
    if stored is None:
        return 0.0
    return float(scheduler(settings).get_card_retrievability(fsrs_card(stored, stored.question_id), now))


def practice_queue(
    library: Library,
    *,
    now: datetime | None = None,
    new_limit: int = 10,
    entry: str | None = None,
    kind: str | None = None,
) -> list[Question]:
    """Today's practice: every due card (most overdue first), then up to ``new_limit`` new questions.

    Args:
        entry: only questions about this guide entry (a slug).
        kind: only questions of this kind (``cloze`` to drill facts, ``scenario``, ...).

    Raises:
        InvalidInputError: an unknown kind.
    """
    if kind is not None and kind not in QUESTION_KINDS:
        raise InvalidInputError(f"unknown kind {kind!r}; kinds are {', '.join(QUESTION_KINDS)}")
    at = now or now_utc()
    with library.store.connect() as conn:
        due = rows.due_question_ids(conn, at, library.user_id)
        new = rows.new_question_ids(conn, library.user_id)
        by_id = {q.id: q for q in rows.list_questions(conn, library.user_id)}
    wanted = [by_id[i] for i in due if i in by_id]
    fresh = [by_id[i] for i in new if i in by_id]
    if entry is not None:
        wanted = [q for q in wanted if entry in q.entries]
        fresh = [q for q in fresh if entry in q.entries]
    if kind is not None:
        wanted = [q for q in wanted if q.kind == kind]
        fresh = [q for q in fresh if q.kind == kind]
    return wanted + fresh[: max(new_limit, 0)]
