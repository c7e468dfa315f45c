"""Grading typed answers against reference points: the functions the practice screens call.

::

    grader = make_grader(settings, notify=print_to_stderr)      # once per run or session
    grades = grade_answer(points, answer, settings, grader=grader)
    for g in grades:                                            # one PointGrade per point, in order
        g.point, g.verdict, g.evidence, g.reason                # verdict: covered / missed / unsure
    question = follow_up(grader, prompt, points, answer, grades)  # the LLM's follow-up, or None

A grade is a hint to show beside the point, never a tick the user did not confirm: ``covered`` and
``missed`` are said only when the grader is sure, and ``evidence`` quotes the answer's words it relied on.
Which grader: the ``judge`` setting (``auto``: the LLM grader when ``llm_url`` is set, else the hint judge).
:func:`make_judge` keeps the older interface (a covered flag and a score per point) for screens built on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from paperpass.config import Settings
from paperpass.errors import ConfigError
from paperpass.practice.grades import Grader, PointGrade
from paperpass.practice.hints import HintJudge
from paperpass.practice.judges import CoverageJudge, LexicalJudge, PointVerdict, semantic_available
from paperpass.practice.llm import ChatClient, LLMGrader, follow_up_question

__all__ = ["PointGrade", "Grader", "follow_up", "grade_answer", "make_grader", "make_judge"]


def make_grader(
    settings: Settings, notify: Callable[[str], None] | None = None, question: str = ""
) -> Grader:
    """The grader the ``judge`` setting asks for. Keep one per run: the LLM grader says once what it sends
    where and stops asking after a connection failure.

    Args:
        settings: the settings (``judge``, ``llm_url``, ``llm_model``, ``llm_api_key_env``).
        notify: where the LLM grader's one-line notices go; None keeps them quiet.
        question: the question being answered, sent to the LLM grader for context.

    Raises:
        ConfigError: ``judge = llm`` without ``llm_url``, an unset API key variable, or ``judge = semantic``
            without the ``paperpass[semantic]`` extra.
    """
    wanted = str(settings.judge)
    if wanted == "auto":
        wanted = "llm" if str(settings.llm_url).strip() else "hint"
    if wanted == "hint":
        return HintJudge()
    if wanted == "llm":
        return LLMGrader(ChatClient.from_settings(settings), HintJudge(), notify, question)
    return BinaryGrader(_binary_judge(wanted))


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


@dataclass
class BinaryGrader:
    """An older judge (lexical or semantic) as a grader: it never abstains, so it says covered or missed."""

    judge: CoverageJudge

    @property
    def name(self) -> str:
        """The judge's name."""
        return self.judge.name

    def grade(self, answer: str, points: Sequence[str]) -> list[PointGrade]:
        """One grade per point, the evidence being the answer's sentence sharing most words with it."""
        verdicts = (
            self.judge.judge(answer, points)
            if answer.strip()
            else [PointVerdict(p, False, 0.0) for p in points]
        )
        return [
            PointGrade(
                v.point,
                "covered" if v.covered else "missed",
                _closest_sentence(v.point, answer),
                f"score {v.score:.2f}",
                self.name,
            )  # fmt: skip
            for v in verdicts
        ]


def _closest_sentence(point: str, answer: str) -> str:
    words = set(re.findall(r"\w+", point.lower()))
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", answer.strip()) if s]
    best = max(sentences, key=lambda s: len(words & set(re.findall(r"\w+", s.lower()))), default="")
    return best if words & set(re.findall(r"\w+", best.lower())) else ""


def _binary_judge(name: str) -> CoverageJudge:
    if name == "lexical":
        return LexicalJudge()
    if not semantic_available():
        raise ConfigError(
            "judge = semantic needs the optional packages: pip install 'paperpass[semantic]' "
            "(after pip install torch==2.13.0 for the CPU build)"
        )
    from paperpass.practice.semantic import SemanticJudge  # the optional extra: imported only when chosen

    return SemanticJudge.shared()


@dataclass
class GradedCoverage:
    """A grader seen through the older judge interface: covered flag, score (1, ½ unsure, 0) and verdict."""

    grader: Grader

    @property
    def name(self) -> str:
        """The grader's name."""
        return self.grader.name

    def judge(self, answer: str, points: Sequence[str]) -> list[PointVerdict]:
        """One verdict per point, in order."""
        scores = {"covered": 1.0, "unsure": 0.5, "missed": 0.0}
        return [
            PointVerdict(g.point, g.covered, scores[g.verdict], g.verdict)
            for g in self.grader.grade(answer, points)
        ]


def make_judge(settings: Settings, notify: Callable[[str], None] | None = None) -> CoverageJudge:
    """The grader of the ``judge`` setting behind the older interface (:class:`PointVerdict` per point).

    Raises:
        ConfigError: as :func:`make_grader`.
    """
    grader = make_grader(settings, notify)
    return grader.judge if isinstance(grader, BinaryGrader) else GradedCoverage(grader)
