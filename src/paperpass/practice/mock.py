"""Mock interviews: a timed sequence like a staff-level paper discussion, judged point by point.

The sequence: a specific question on a top-15 paper, a follow-up on that paper's limitations, a
comparative question (one that involves the paper when the bank has one), and an open-ended question. The
time is split between them; each question shows its own budget and the time taken is recorded. After each
answer the reference points are shown with the ones the answer covered; the session ends with a report.
Every answer is committed as it is given, so an interrupted interview keeps what was answered.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from paperpass.catalog import Catalog, find_entry, top15_slugs
from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.models import Question
from paperpass.practice.judges import CoverageJudge, PointVerdict
from paperpass.practice.questions import sync_bank
from paperpass.practice.scheduling import now_utc
from paperpass.store import practice as rows

ROLES = ("specific", "follow-up", "comparative", "open")
ROLE_NAMES = {
    "specific": "A specific question",
    "follow-up": "Follow-up: limitations",
    "comparative": "A comparative question",
    "open": "An open-ended question",
}
SHARES = {"specific": 0.3, "follow-up": 0.2, "comparative": 0.25, "open": 0.25}
MIN_MINUTES, MAX_MINUTES = 4, 180


@dataclass(frozen=True)
class PlannedQuestion:
    """One question of a planned interview and its share of the time."""

    role: str
    question: Question
    budget_seconds: int


def _about(slug: str, questions: Sequence[Question]) -> list[Question]:
    return [q for q in questions if slug in q.entries]


def plan_mock(
    questions: Sequence[Question],
    catalog: Catalog,
    minutes: int,
    rng: random.Random,
    entry: str | None = None,
) -> list[PlannedQuestion]:
    """Pick the four questions of an interview about one top-15 paper (``entry``, or one at random).

    Raises:
        InvalidInputError: a length outside 4-180 minutes, or an entry not on the top-15 checklist.
    """
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise InvalidInputError(f"a mock interview lasts {MIN_MINUTES}-{MAX_MINUTES} minutes, not {minutes}")
    top = sorted(top15_slugs(catalog))
    slug = find_entry(catalog, entry).slug if entry else rng.choice(top)
    if slug not in top:
        raise InvalidInputError(f"{slug} is not on the top-15 checklist; pick one of: {', '.join(top)}")
    about = _about(slug, questions)
    specific = [q for q in about if q.kind == "specific" and q.facet not in {"limitations", "guide"}]
    follow = [q for q in about if q.facet == "limitations"] or [q for q in about if q.facet == "improve"]
    compare = [q for q in about if q.kind == "comparative"] or [
        q for q in questions if q.kind == "comparative"
    ]
    opened = [q for q in about if q.kind == "open"] + [
        q for q in questions if q.kind == "open" and not q.entries and "paper X" not in q.prompt
    ]
    picks = {"specific": specific, "follow-up": follow, "comparative": compare, "open": opened}
    plan = []
    for role in ROLES:
        if not picks[role]:
            raise InvalidInputError(f"the question bank has no {role} question for {slug}")
        budget = max(60, round(minutes * 60 * SHARES[role]))
        plan.append(PlannedQuestion(role, rng.choice(picks[role]), budget))
    return plan


def start_mock(
    library: Library, minutes: int, judge_name: str, *, entry: str | None = None, seed: int | None = None
) -> int:
    """Plan and store a new mock interview; returns its id.

    Raises:
        InvalidInputError: see :func:`plan_mock`.
    """
    sync_bank(library)
    with library.store.connect() as conn:
        bank = rows.list_questions(conn, library.user_id)
    plan = plan_mock(bank, library.catalog, minutes, random.Random(seed), entry)
    with library.store.transaction() as conn:
        return rows.create_mock(
            conn,
            minutes,
            judge_name,
            [(p.role, p.question.id or 0, p.budget_seconds) for p in plan],
            library.user_id,
        )


@dataclass(frozen=True)
class MockItem:
    """A question of an interview with its answer and verdicts once given."""

    position: int
    role: str
    question: Question
    budget_seconds: int
    started_at: datetime | None
    answered_at: datetime | None
    answer: str | None
    verdicts: list[PointVerdict]

    @property
    def answered(self) -> bool:
        """Whether the question has been answered."""
        return self.answered_at is not None

    @property
    def seconds(self) -> int | None:
        """Seconds taken to answer (from first showing the question)."""
        if self.started_at is None or self.answered_at is None:
            return None
        return max(0, round((self.answered_at - self.started_at).total_seconds()))

    @property
    def covered(self) -> list[str]:
        """Reference points the answer covered."""
        return [v.point for v in self.verdicts if v.covered]

    @property
    def missed(self) -> list[str]:
        """Reference points the answer missed."""
        return [v.point for v in self.verdicts if not v.covered]


@dataclass(frozen=True)
class MockInterview:
    """A mock interview with its questions in order."""

    id: int
    minutes: int
    judge: str
    started_at: datetime
    finished_at: datetime | None
    items: list[MockItem]

    @property
    def current(self) -> MockItem | None:
        """The first question not answered yet (None when the interview is over)."""
        return next((i for i in self.items if not i.answered), None)

    @property
    def points_covered(self) -> int:
        """Reference points covered over the whole interview."""
        return sum(len(i.covered) for i in self.items)

    @property
    def points_total(self) -> int:
        """Reference points of the answered questions."""
        return sum(len(i.verdicts) for i in self.items)

    def to_review(self) -> list[tuple[MockItem, list[str]]]:
        """What to review: each answered question with the points its answer missed."""
        return [(i, i.missed) for i in self.items if i.answered and i.missed]


def get_mock(library: Library, mock_id: int) -> MockInterview:
    """A mock interview with its questions, answers and verdicts.

    Raises:
        NotFoundError: no such interview.
    """
    with library.store.connect() as conn:
        row = rows.get_mock(conn, mock_id, library.user_id)
        questions = {
            a.question_id: rows.get_question(conn, a.question_id, library.user_id) for a in row.answers
        }
    items = [
        MockItem(a.position, a.role, questions[a.question_id], a.budget_seconds, a.started_at, a.answered_at,
                 a.answer, [PointVerdict(str(v["point"]), bool(v["covered"]), float(v["score"]),
                                         str(v.get("verdict", ""))) for v in (a.covered or [])])
        for a in row.answers
    ]  # fmt: skip
    return MockInterview(row.id, row.minutes, row.judge, row.started_at, row.finished_at, items)


def show_question(library: Library, mock_id: int) -> MockItem | None:
    """The current question, its timer started (only the first showing counts); None when over."""
    interview = get_mock(library, mock_id)
    current = interview.current
    if current is None:
        return None
    if current.started_at is None:
        with library.store.transaction() as conn:
            rows.start_mock_question(conn, mock_id, current.position, now_utc())
        return get_mock(library, mock_id).items[current.position - 1]
    return current


def answer_question(
    library: Library,
    judge: CoverageJudge,
    mock_id: int,
    position: int,
    answer: str,
    *,
    now: datetime | None = None,
) -> MockItem:
    """Judge and store the answer to the current question (committed at once); returns it judged.

    Raises:
        NotFoundError: no such interview.
        InvalidInputError: the question is not the current one (already answered, or not reached yet).
    """
    interview = get_mock(library, mock_id)
    current = interview.current
    if current is None or current.position != position:
        raise InvalidInputError(f"question {position} of mock interview {mock_id} is not the one to answer")
    text = answer.strip()
    verdicts = judge.judge(text, current.question.reference_points) if text else [
        PointVerdict(p, False, 0.0) for p in current.question.reference_points
    ]  # fmt: skip
    at = now or now_utc()
    with library.store.transaction() as conn:
        if current.started_at is None:
            rows.start_mock_question(conn, mock_id, position, at)
        rows.record_mock_answer(conn, mock_id, position, text, [v.as_json() for v in verdicts], at)
    return get_mock(library, mock_id).items[position - 1]


def report_json(interview: MockInterview) -> dict[str, object]:
    """The interview's report as JSON data: questions, time per answer, points covered and missed."""
    return {
        "id": interview.id,
        "minutes": interview.minutes,
        "judge": interview.judge,
        "finished": interview.finished_at is not None,
        "points_covered": interview.points_covered,
        "points_total": interview.points_total,
        "questions": [
            {
                "position": i.position,
                "role": i.role,
                "question": i.question.as_json(),
                "budget_seconds": i.budget_seconds,
                "seconds": i.seconds,
                "answer": i.answer,
                "covered": i.covered,
                "missed": i.missed,
            }
            for i in interview.items
        ],
        "review": sorted({s for i, _ in interview.to_review() for s in i.question.entries}),
    }
