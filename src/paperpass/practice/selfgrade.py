"""Revealing an open card: the reference points with the grader's hints, for the user to tick.

The hints are shown beside the points and tick nothing: the user ticks the points the answer covered,
the rating is proposed from the ticks (:func:`~paperpass.practice.scheduling.proposed_rating`) and saved
with them (:func:`~paperpass.practice.scheduling.review`).
"""

from __future__ import annotations

from dataclasses import dataclass

from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.models import Question
from paperpass.practice.grades import Grader, PointGrade
from paperpass.practice.questions import get_question
from paperpass.practice.scheduling import FAST_SECONDS_PER_POINT, missed_last_time

MAX_ANSWER = 20_000


@dataclass(frozen=True)
class Revealed:
    """An open card revealed: its points, the grader's hints on the typed answer (None when nothing was
    typed) and the points the user left unticked last time."""

    question: Question
    answer: str
    grades: list[PointGrade] | None
    missed_last_time: list[str]

    @property
    def fast_ms(self) -> int:
        """Answers taking at most this long (ms) with every point ticked are proposed Easy."""
        return int(FAST_SECONDS_PER_POINT * len(self.question.reference_points) * 1000)

    def hint(self, index: int) -> PointGrade | None:
        """The hint on the point at ``index`` (None without hints)."""
        return self.grades[index] if self.grades else None


def reveal(library: Library, grader: Grader, question_id: int, answer: str) -> Revealed:
    """Grade the typed answer against the question's points as hints.

    Raises:
        NotFoundError: no such question.
        InvalidInputError: a cloze or choice card (those grade themselves), or an answer over 20,000
            characters.
    """
    if len(answer) > MAX_ANSWER:
        raise InvalidInputError(f"the answer is too long (at most {MAX_ANSWER} characters)")
    question = get_question(library, question_id)
    if question.kind in {"cloze", "choice"}:
        raise InvalidInputError(f"question {question_id} is a {question.kind} card: it grades itself")
    text = answer.strip()
    grades = grader.grade(text, question.reference_points) if text else None
    return Revealed(question, text, grades, missed_last_time(library, question_id))
