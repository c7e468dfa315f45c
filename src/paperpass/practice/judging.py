"""Which grader marks answers: the ``judge`` setting's choice, and the older one-flag interface.

``auto`` (the default) is the LLM grader when ``llm_url`` is set, else the hint judge; ``hint`` and ``llm``
ask for one of them; ``lexical`` and ``semantic`` (``paperpass[semantic]``) are the older binary judges,
kept for comparison. It sits above every grader's module: the choice needs them all.
:func:`make_judge` gives the chosen grader behind the older interface (a covered flag, a score and the
verdict per point) for screens built on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from paperpass.config import Settings
from paperpass.errors import ConfigError
from paperpass.practice import judges
from paperpass.practice.grades import Grader, PointGrade
from paperpass.practice.hints import HintJudge
from paperpass.practice.judges import CoverageJudge, LexicalJudge, PointVerdict
from paperpass.practice.llm import ChatClient, LLMGrader
from paperpass.practice.semantic import SemanticJudge

Notify = Callable[[str], None]


def make_grader(settings: Settings, notify: Notify | None = None, question: str = "") -> Grader:
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
    wanted = settings.judge
    if wanted == "auto":
        wanted = "llm" if settings.llm_url.strip() else "hint"
    if wanted == "hint":
        return HintJudge()
    if wanted == "llm":
        return LLMGrader(ChatClient.from_settings(settings), HintJudge(), notify, question)
    return BinaryGrader(_binary_judge(wanted))


def _binary_judge(name: str) -> CoverageJudge:
    if name == "lexical":
        return LexicalJudge()
    if not judges.semantic_available():
        raise ConfigError(
            "judge = semantic needs the optional packages: pip install 'paperpass[semantic]' "
            "(after pip install torch==2.13.0 for the CPU build)"
        )
    return SemanticJudge.shared()


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
        if answer.strip():
            verdicts = self.judge.judge(answer, points)
        else:
            verdicts = [PointVerdict(p, False, 0.0) for p in points]
        return [
            PointGrade(
                v.point,
                "covered" if v.covered else "missed",
                _closest_sentence(v.point, answer),
                f"score {v.score:.2f}",
                self.name,
            )
            for v in verdicts
        ]


def _closest_sentence(point: str, answer: str) -> str:
    words = set(re.findall(r"\w+", point.lower()))
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", answer.strip()) if s]
    best = max(sentences, key=lambda s: len(words & set(re.findall(r"\w+", s.lower()))), default="")
    return best if words & set(re.findall(r"\w+", best.lower())) else ""


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
        grades = self.grader.grade(answer, points)
        return [PointVerdict(g.point, g.covered, scores[g.verdict], g.verdict) for g in grades]


def make_judge(settings: Settings, notify: Notify | None = None) -> CoverageJudge:
    """The grader of the ``judge`` setting behind the older interface (:class:`PointVerdict` per point).

    Raises:
        ConfigError: as :func:`make_grader`.
    """
    grader = make_grader(settings, notify)
    return grader.judge if isinstance(grader, BinaryGrader) else GradedCoverage(grader)
