"""Mock interviews that react: a timed staff-level paper discussion, marked by the user, with follow-ups on
what the answers left out.

The plan: a specific question on a top-15 paper, its limitations, a comparative question (one that
involves the paper when the bank has one), a scenario on the paper (design under constraints, a failure to
debug, an evaluation to choose, a trade-off with numbers: what a Staff interviewer asks) and an open-ended
question; they share 75% of the time. After
each answer the grader's hints are shown beside the reference points and the user marks each point
covered, shaky or missed (:data:`MARKS`; a hint never marks anything by itself). When a planned question's
answer missed a point or was shaky on one, a follow-up is asked right after it, on that point: written by
the LLM grader when it is configured, else built from the point (:mod:`paperpass.practice.followup`); each
follow-up has 5% of the time.

What the marks do, in the same commit as the marks themselves:

- the question's card is reviewed with the rating the marks propose (all covered: Good; some: Hard;
  none: Again), so mock interviews feed recall and readiness;
- every missed or shaky point becomes a card of its own (kind ``user``, facet ``missed``, one per point),
  reviewed Again (missed) or Hard (shaky): due within minutes, so the practice queue shows it the same day;
  a follow-up's answer reviews the cards of the points it asked about.

Every answer and every set of marks is committed as it is given, so an interrupted interview keeps them.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

from fsrs import Rating

from paperpass.catalog import Catalog, find_entry, top15_slugs
from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.models import Question
from paperpass.practice.followup import probe
from paperpass.practice.grades import Grader, PointGrade
from paperpass.practice.grading import follow_up
from paperpass.practice.questions import sync_bank
from paperpass.practice.scheduling import log_review, now_utc
from paperpass.store import Connection
from paperpass.store import practice as rows

ROLES = ("specific", "limitations", "comparative", "scenario", "open")
FOLLOW_UP = "follow-up"
ROLE_NAMES = {
    "specific": "A specific question",
    "limitations": "Its limitations",
    "comparative": "A comparative question",
    "scenario": "A scenario",
    "open": "An open-ended question",
    FOLLOW_UP: "Follow-up",
}
SHARES = {"specific": 0.2, "limitations": 0.1, "comparative": 0.15, "scenario": 0.2, "open": 0.1}
FOLLOW_UP_SHARE = 0.05
MIN_MINUTES, MAX_MINUTES = 5, 180
MIN_BUDGET = 60

Mark = Literal["covered", "shaky", "missed"]
MARKS: tuple[Mark, ...] = ("covered", "shaky", "missed")
POINT_RATING = {"covered": Rating.Good, "shaky": Rating.Hard, "missed": Rating.Again}


@dataclass(frozen=True)
class PlannedQuestion:
    """One question of a planned interview and its share of the time."""

    role: str
    question: Question
    budget_seconds: int


def _about(slug: str, questions: Sequence[Question]) -> list[Question]:
    return [q for q in questions if slug in q.entries and q.source == "catalog"]


def plan_mock(
    questions: Sequence[Question],
    catalog: Catalog,
    minutes: int,
    rng: random.Random,
    entry: str | None = None,
) -> list[PlannedQuestion]:
    """Pick the five planned questions of an interview about one top-15 paper (``entry``, or one at random).

    Raises:
        InvalidInputError: a length outside 5-180 minutes, or an entry not on the top-15 checklist.
    """
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise InvalidInputError(f"a mock interview lasts {MIN_MINUTES}-{MAX_MINUTES} minutes, not {minutes}")
    top = sorted(top15_slugs(catalog))
    slug = find_entry(catalog, entry).slug if entry else rng.choice(top)
    if slug not in top:
        raise InvalidInputError(f"{slug} is not on the top-15 checklist; pick one of: {', '.join(top)}")
    about = _about(slug, questions)
    shared = [q for q in questions if q.source == "catalog"]
    specific = [q for q in about if q.kind == "specific" and q.facet not in {"limitations", "guide"}]
    limits = [q for q in about if q.facet == "limitations"] or [q for q in about if q.facet == "improve"]
    compare = [q for q in about if q.kind == "comparative"] or [q for q in shared if q.kind == "comparative"]
    opened = [q for q in about if q.kind == "open"] + [
        q for q in shared if q.kind == "open" and not q.entries and "paper X" not in q.prompt
    ]
    scenarios = [q for q in about if q.kind == "scenario"]
    picks = {"specific": specific, "limitations": limits, "comparative": compare, "scenario": scenarios,
             "open": opened}  # fmt: skip
    plan = []
    for role in ROLES:
        if not picks[role]:
            raise InvalidInputError(f"the question bank has no {role} question for {slug}")
        budget = max(MIN_BUDGET, round(minutes * 60 * SHARES[role]))
        plan.append(PlannedQuestion(role, rng.choice(picks[role]), budget))
    return plan


def start_mock(
    library: Library, minutes: int, grader_name: str, *, entry: str | None = None, seed: int | None = None
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
            grader_name,
            [(p.role, p.question.id or 0, p.budget_seconds) for p in plan],
            library.user_id,
        )


@dataclass(frozen=True)
class MockItem:
    """A question of an interview with its answer, the grader's hints and the user's marks once given.

    For a follow-up, ``question`` carries the follow-up's own prompt and points, ``follows`` the position
    of the answer it follows up and ``asked_by`` who wrote it (``llm``, or ``missed point`` / ``shaky
    point`` for one built from the point).
    """

    position: int
    role: str
    question: Question
    budget_seconds: int
    started_at: datetime | None
    answered_at: datetime | None
    answer: str | None
    grades: list[PointGrade]
    marks: list[str] | None = None
    graded_at: datetime | None = None
    follows: int | None = None
    asked_by: str | None = None

    @property
    def answered(self) -> bool:
        """Whether the question has been answered."""
        return self.answered_at is not None

    @property
    def graded(self) -> bool:
        """Whether the answer has been marked (or was answered before marking existed)."""
        return self.graded_at is not None

    @property
    def is_follow_up(self) -> bool:
        """Whether this is a follow-up asked after an answer (not one of the planned questions)."""
        return self.follows is not None

    @property
    def seconds(self) -> int | None:
        """Seconds taken to answer (from first showing the question)."""
        if self.started_at is None or self.answered_at is None:
            return None
        return max(0, round((self.answered_at - self.started_at).total_seconds()))

    @property
    def points(self) -> list[str]:
        """The reference points."""
        return list(self.question.reference_points)

    @property
    def point_marks(self) -> list[str]:
        """The user's mark on each point; an answer from before marking existed shows its judge's verdict
        (covered or missed), and an answer not marked yet has none."""
        if self.marks is not None:
            return list(self.marks)
        if self.graded:
            return ["covered" if g.covered else "missed" for g in self.grades]
        return []

    def _marked(self, mark: str) -> list[str]:
        return [p for p, m in zip(self.points, self.point_marks, strict=False) if m == mark]

    @property
    def covered(self) -> list[str]:
        """Points marked covered."""
        return self._marked("covered")

    @property
    def shaky(self) -> list[str]:
        """Points marked shaky."""
        return self._marked("shaky")

    @property
    def missed(self) -> list[str]:
        """Points marked missed."""
        return self._marked("missed")

    @property
    def point_rows(self) -> list[tuple[str, PointGrade | None, str | None]]:
        """Each point with the grader's hint and the user's mark (None while not given)."""
        marks = self.point_marks
        return [
            (p, self.grades[n] if n < len(self.grades) else None, marks[n] if n < len(marks) else None)
            for n, p in enumerate(self.points)
        ]


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
        """The first question not answered and marked yet (None when the interview is over)."""
        return next((i for i in self.items if not i.graded), None)

    @property
    def planned(self) -> int:
        """How many planned questions (follow-ups aside) the interview has."""
        return sum(not i.is_follow_up for i in self.items)

    @property
    def points_covered(self) -> int:
        """Reference points marked covered over the whole interview."""
        return sum(len(i.covered) for i in self.items)

    @property
    def points_total(self) -> int:
        """Reference points of the marked answers."""
        return sum(len(i.points) for i in self.items if i.graded)

    def to_review(self) -> list[tuple[MockItem, list[str]]]:
        """What to review: each marked answer with the points it missed or was shaky on."""
        return [(i, i.missed + i.shaky) for i in self.items if i.graded and (i.missed or i.shaky)]

    def number(self, item: MockItem) -> str:
        """How the interview numbers a question: "2" for a planned one, "2a" for its follow-up."""
        planned = 0
        for other in self.items:
            planned += not other.is_follow_up
            if other.position == item.position:
                return f"{planned}a" if item.is_follow_up else str(planned)
        return str(item.position)


def _grade(data: dict[str, Any]) -> PointGrade:
    verdict = str(data.get("verdict") or ("covered" if data.get("covered") else "missed"))
    if verdict not in {"covered", "missed", "unsure"}:
        verdict = "covered" if data.get("covered") else "missed"
    return PointGrade(str(data.get("point", "")), verdict, str(data.get("evidence", "")),  # type: ignore[arg-type]
                      str(data.get("reason", "")), str(data.get("grader", "")))  # fmt: skip


def _item(answer: rows.MockAnswerRow, question: Question) -> MockItem:
    if answer.prompt is not None:
        question = replace(question, prompt=answer.prompt, reference_points=list(answer.points or []),
                           kind="open", facet=FOLLOW_UP)  # fmt: skip
    return MockItem(answer.position, answer.role, question, answer.budget_seconds, answer.started_at,
                    answer.answered_at, answer.answer, [_grade(g) for g in answer.covered or []],
                    answer.marks, answer.graded_at, answer.follows, answer.asked_by)  # fmt: skip


def get_mock(library: Library, mock_id: int) -> MockInterview:
    """A mock interview with its questions, answers, hints and marks.

    Raises:
        NotFoundError: no such interview.
    """
    with library.store.connect() as conn:
        row = rows.get_mock(conn, mock_id, library.user_id)
        questions = {
            a.question_id: rows.get_question(conn, a.question_id, library.user_id) for a in row.answers
        }
    items = [_item(a, questions[a.question_id]) for a in row.answers]
    return MockInterview(row.id, row.minutes, row.judge, row.started_at, row.finished_at, items)


def _at(interview: MockInterview, position: int) -> MockItem:
    return next(i for i in interview.items if i.position == position)


def show_question(library: Library, mock_id: int) -> MockItem | None:
    """The current question, its timer started on its first showing; None when the interview is over.

    An answered question waiting for its marks is returned as it is (its timer stopped with the answer).
    """
    interview = get_mock(library, mock_id)
    current = interview.current
    if current is None:
        return None
    if current.started_at is None and not current.answered:
        with library.store.transaction() as conn:
            rows.start_mock_question(conn, mock_id, current.position, now_utc())
        return _at(get_mock(library, mock_id), current.position)
    return current


def _current(interview: MockInterview, position: int) -> MockItem:
    current = interview.current
    if current is None or current.position != position:
        raise InvalidInputError(
            f"question {position} of mock interview {interview.id} is not the one to answer"
        )
    return current


def answer_question(
    library: Library,
    grader: Grader,
    mock_id: int,
    position: int,
    answer: str,
    *,
    now: datetime | None = None,
) -> MockItem:
    """Store the answer to the current question with the grader's hints (committed at once); the user's
    marks come next (:func:`mark_answer`).

    Raises:
        NotFoundError: no such interview.
        InvalidInputError: the question is not the current one, or it is already answered.
    """
    current = _current(get_mock(library, mock_id), position)
    if current.answered:
        raise InvalidInputError(f"question {position} of mock interview {mock_id} is already answered")
    text = answer.strip()
    grades = grader.grade(text, current.points)
    at = now or now_utc()
    with library.store.transaction() as conn:
        if current.started_at is None:
            rows.start_mock_question(conn, mock_id, position, at)
        rows.record_mock_answer(conn, mock_id, position, text, [_hint_json(g) for g in grades], at)
    return _at(get_mock(library, mock_id), position)


def _hint_json(grade: PointGrade) -> dict[str, Any]:
    return {**grade.as_json(), "reason": grade.reason, "grader": grade.grader, "covered": grade.covered,
            "score": {"covered": 1.0, "unsure": 0.5, "missed": 0.0}[grade.verdict]}  # fmt: skip


@dataclass(frozen=True)
class MarkResult:
    """What marking an answer did: the item as marked, the follow-up asked next (if any) and the cards of
    the points it missed or was shaky on."""

    item: MockItem
    follow_up: MockItem | None = None
    cards: list[Question] = field(default_factory=list)


def mark_rating(marks: Sequence[str]) -> Rating:
    """The rating an answer's marks give its question: all covered Good, some covered or shaky Hard,
    none Again."""
    if marks and all(m == "covered" for m in marks):
        return Rating.Good
    if any(m in {"covered", "shaky"} for m in marks):
        return Rating.Hard
    return Rating.Again


def mark_answer(
    library: Library,
    grader: Grader,
    mock_id: int,
    position: int,
    marks: Sequence[str],
    *,
    now: datetime | None = None,
) -> MarkResult:
    """Store the user's marks on an answer, log its reviews, turn its missed and shaky points into cards,
    and, after a planned question with gaps, insert a follow-up on them (all in one commit).

    Raises:
        NotFoundError: no such interview.
        InvalidInputError: the question is not the current one or not answered yet, or the marks are not
            one of covered, shaky, missed for each point.
    """
    interview = get_mock(library, mock_id)
    item = _current(interview, position)
    if not item.answered:
        raise InvalidInputError(f"question {position} of mock interview {mock_id} is not answered yet")
    marked = _checked_marks(item, marks)
    gaps = [p for p, m in zip(item.points, marked, strict=True) if m != "covered"]
    written = _written_follow_up(grader, item, marked) if gaps and not item.is_follow_up else None
    at = now or now_utc()
    with library.store.transaction() as conn:
        cards = _point_cards(conn, library, item, marked, at)
        if not item.is_follow_up:
            parent = rows.get_question(conn, item.question.id or 0, library.user_id)
            log_review(conn, library, parent, mark_rating(marked), at=at, answer=item.answer or "",
                       ticked=[m != "missed" for m in marked], hints=[g.verdict for g in item.grades],
                       duration_ms=(item.seconds or 0) * 1000 or None)  # fmt: skip
        rows.record_mock_marks(conn, mock_id, position, marked, at)
        inserted = None
        if gaps and not item.is_follow_up:
            follow = _follow_up_row(library.catalog, interview, item, marked, cards, written)
            inserted = rows.insert_follow_up(conn, mock_id, position, follow)
    after = get_mock(library, mock_id)
    return MarkResult(_at(after, position), _at(after, inserted) if inserted else None, cards)


def _checked_marks(item: MockItem, marks: Sequence[str]) -> list[str]:
    marked = [str(m).strip().lower() for m in marks]
    if len(marked) != len(item.points) or any(m not in MARKS for m in marked):
        raise InvalidInputError(
            f"mark each of the {len(item.points)} points covered, shaky or missed (got {len(marked)} marks)"
        )
    return marked


def _names(catalog: Catalog, question: Question) -> set[str]:
    """Lower-case names of what a question is about (its entries' slugs and short titles)."""
    by_slug = {e.slug: e for e in catalog.entries}
    names = set()
    for slug in question.entries:
        names.add(slug.lower())
        if slug in by_slug:
            names |= {by_slug[slug].short_title.lower(), *by_slug[slug].short_title.lower().split()}
    return names


def _about_title(catalog: Catalog, question: Question) -> str:
    by_slug = {e.slug: e for e in catalog.entries}
    titles = [by_slug[s].short_title for s in question.entries if s in by_slug]
    return " / ".join(titles[:2])


def point_card_key(user_id: int, point: str) -> str:
    """The key of the card a missed point becomes: one card per point text (spacing and case aside)."""
    digest = hashlib.sha256(" ".join(point.lower().split()).encode()).hexdigest()[:16]
    return f"missed/u{user_id}/{digest}"


def _point_cards(
    conn: Connection, library: Library, item: MockItem, marks: list[str], at: datetime
) -> list[Question]:
    """Upsert the card of each point missed or shaky (for a follow-up: of each point it asked about) and
    review it with the point's mark; returns the cards of the missed and shaky points."""
    parent = rows.get_question(conn, item.question.id or 0, library.user_id)
    cards = []
    for point, mark, grade in zip(item.points, marks, [*item.grades, *[None] * len(marks)], strict=False):
        key = point_card_key(library.user_id, point)
        if mark == "covered" and not item.is_follow_up:
            continue
        existing = parent if parent.key == key else None
        card = existing or _upsert_point_card(conn, library, parent, point, key)
        log_review(conn, library, card, POINT_RATING[mark], at=at, answer=item.answer or "",
                   ticked=[mark != "missed"], hints=[grade.verdict] if grade else ())  # fmt: skip
        if mark != "covered":
            cards.append(card)
    return cards


def _upsert_point_card(
    conn: Connection, library: Library, parent: Question, point: str, key: str
) -> Question:
    asked = probe(point, _names(library.catalog, parent))
    prompt = asked.card(_about_title(library.catalog, parent))
    if rows.prompt_taken(conn, prompt, library.user_id, key):
        prompt = f"{prompt} (from “{parent.prompt}”)"
    card = Question(key=key, kind="user", prompt=prompt, reference_points=[point],
                    entries=list(parent.entries), facet="missed", source="mock",
                    user_id=library.user_id)  # fmt: skip
    return rows.upsert_question(conn, card)


def _written_follow_up(grader: Grader, item: MockItem, marks: list[str]) -> str | None:
    """The LLM grader's follow-up on the answer's gaps as the user marked them (None without one)."""
    said = {"covered": "covered", "shaky": "unsure", "missed": "missed"}
    grades = [
        PointGrade(p, said[m], g.evidence if g else "", "", "self")  # type: ignore[arg-type]
        for p, m, g in zip(item.points, marks, [*item.grades, *[None] * len(marks)], strict=False)
    ]
    return follow_up(grader, item.question.prompt, item.points, item.answer or "", grades)


def _follow_up_row(
    catalog: Catalog,
    interview: MockInterview,
    item: MockItem,
    marks: list[str],
    cards: list[Question],
    written: str | None,
) -> rows.FollowUpRow:
    budget = max(MIN_BUDGET, round(interview.minutes * 60 * FOLLOW_UP_SHARE))
    gaps = [(p, m) for p, m in zip(item.points, marks, strict=True) if m != "covered"]
    if written is not None:
        return rows.FollowUpRow(FOLLOW_UP, cards[0].id or 0, budget, written, [p for p, _ in gaps], "llm")
    point, mark = next(((p, m) for p, m in gaps if m == "missed"), gaps[0])
    card = next(c for c in cards if point in c.reference_points)
    text = probe(point, _names(catalog, card)).follow_up(shaky=mark == "shaky")
    return rows.FollowUpRow(FOLLOW_UP, card.id or 0, budget, text, [point], f"{mark} point")


def report_json(interview: MockInterview) -> dict[str, object]:
    """The interview's report as JSON data: each answer beside its points, hints and marks, the time per
    answer, and what to review."""
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
                "number": interview.number(i),
                "role": i.role,
                "question": i.question.as_json(),
                "follows": i.follows,
                "asked_by": i.asked_by,
                "budget_seconds": i.budget_seconds,
                "seconds": i.seconds,
                "answer": i.answer,
                "points": [
                    {
                        "point": p,
                        "verdict": g.verdict if g else None,
                        "evidence": g.evidence if g else "",
                        "mark": m,
                    }
                    for p, g, m in i.point_rows
                ],  # fmt: skip
                "covered": i.covered,
                "shaky": i.shaky,
                "missed": i.missed,
            }
            for i in interview.items
        ],
        "review": sorted({s for i, _ in interview.to_review() for s in i.question.entries}),
    }
