"""What a grader says about one reference point: a verdict, the evidence from the answer, and why.

A verdict is a hint, never a rating: ``covered`` when the grader is sure the answer makes the point's claim,
``missed`` when it is sure the answer does not (it says the opposite, names another model, gives another
number, or only strings the point's words together), ``unsure`` otherwise. The user confirms or corrects it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

Verdict = Literal["covered", "missed", "unsure"]
VERDICTS: tuple[Verdict, ...] = ("covered", "missed", "unsure")


@dataclass(frozen=True)
class PointGrade:
    """The verdict on one reference point.

    Attributes:
        point: the reference point, as given.
        verdict: ``covered``, ``missed`` or ``unsure``.
        evidence: the words of the answer the verdict relies on, quoted exactly as they occur in it ("" when
            the answer has nothing on the point).
        reason: one short sentence saying why ("says 'Maverick' where the point has 'Scout'").
        grader: which grader decided: ``hint``, ``llm``, ``lexical`` or ``semantic``.
    """

    point: str
    verdict: Verdict
    evidence: str = ""
    reason: str = ""
    grader: str = "hint"

    @property
    def covered(self) -> bool:
        """Whether the grader is sure the point is covered."""
        return self.verdict == "covered"

    def as_json(self) -> dict[str, str]:
        """The grade as the JSON object of ``paperpass grade --json``: point, verdict, evidence."""
        return {"point": self.point, "verdict": self.verdict, "evidence": self.evidence}


class Grader(Protocol):
    """Anything that grades an answer against reference points, one grade per point, in order."""

    @property
    def name(self) -> str:
        """The grader's name: ``hint``, ``llm``, ``lexical`` or ``semantic``."""
        ...

    def grade(self, answer: str, points: Sequence[str]) -> list[PointGrade]:
        """One grade per point, in the order of ``points``."""
        ...
