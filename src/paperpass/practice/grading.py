"""Grading typed answers against reference points: the functions the practice screens call.

::

    grader = make_grader(settings, notify=print_to_stderr)      # once per run or session
    grades = grade_answer(points, answer, settings, grader=grader)
    for g in grades:                                            # one PointGrade per point, in order
        g.point, g.verdict, g.evidence, g.reason                # verdict: covered / missed / unsure
    question = follow_up(grader, prompt, points, answer, grades)  # the LLM's follow-up, or None

A grade is a hint to show beside the point, never a tick the user did not confirm: ``covered`` and
``missed`` are said only when the grader is sure, and ``evidence`` quotes the answer's words it relied on.
Which grader: the ``judge`` setting (:mod:`paperpass.practice.judging`; ``auto``: the LLM grader when
``llm_url`` is set, else the hint judge).
"""

from __future__ import annotations

from collections.abc import Sequence

from paperpass.config import Settings
from paperpass.practice.grades import Grader, PointGrade
from paperpass.practice.judging import make_grader
from paperpass.practice.llm import LLMGrader, follow_up_question

__all__ = ["Grader", "PointGrade", "follow_up", "grade_answer", "make_grader"]


def grade_answer(
    points: Sequence[str], answer: str, settings: Settings, *, grader: Grader | None = None
) -> list[PointGrade]:
    """Grade one answer: a :class:`PointGrade` per reference point, in order.

    Args:
        points: the reference points.
        answer: what the user typed.
        settings: the settings, used to make a grader when none is given.
        grader: a grader from :func:`make_grader`, kept across the answers of a session.
    """
    return (grader or make_grader(settings)).grade(answer, points)


def follow_up(
    grader: Grader, question: str, points: Sequence[str], answer: str, grades: Sequence[PointGrade]
) -> str | None:
    """A follow-up question written by the LLM grader from what the answer missed or left unclear.

    None with any other grader, when nothing was missed, or when the endpoint fails (it says so once through
    the grader's ``notify``): the mock interview then picks its own follow-up from the missed points.
    """
    if not isinstance(grader, LLMGrader):
        return None
    return follow_up_question(grader, question, points, answer, grades)
