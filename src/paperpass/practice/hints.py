"""The hint judge: per reference point, ``covered``, ``missed`` or ``unsure``, with the answer's words.

It reads the point and the answer (:mod:`paperpass.practice.claims`), compares the point with each
sentence of the answer and each pair of neighbouring sentences (:mod:`paperpass.practice.alignment`) and
abstains unless it is sure:

- ``covered`` when one stretch gives nearly all of the point (every name, number and complexity of it, and
  most of its words, most of each clause in one clause of the answer) and nothing in it flips the claim;
- ``missed`` when a stretch that is about the point flips it (a negation, an opposite word, another name
  or number or complexity in its place, the roles swapped), when the answer only strings the point's words
  together, or when there is no answer;
- ``unsure`` otherwise: other words than it can check, part of the point only, or both a cover and a flip.

It needs no model and no network: hundreds of answers per second on one core.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from paperpass.practice import lexicon
from paperpass.practice.alignment import Comparison, compare
from paperpass.practice.claims import COMPLEXITY, NUMBER, Reading, Token, read, reader
from paperpass.practice.grades import PointGrade
from paperpass.practice.matching import PointClaim, point_claim

# A stretch covers a point from this share of its weight; it is about the point from TOPIC.
COVER = 0.8
TOPIC = 0.4


@dataclass
class HintJudge:
    """The default grader: rules by linguistic kind, abstaining when unsure.

    Attributes:
        cover: the share of a point's weight a stretch of the answer must give to cover it.
        topic: the share from which a stretch is about the point, so that a flip in it means ``missed``.
    """

    cover: float = COVER
    topic: float = TOPIC
    name: str = "hint"

    def grade(self, answer: str, points: Sequence[str]) -> list[PointGrade]:
        """One grade per point, in order."""
        reading = read(answer)
        return [self.grade_point(reading, point) for point in points]

    def grade_point(self, answer: Reading, point: str) -> PointGrade:
        """The grade of one point against an answer already read."""
        claim = point_claim(point)
        if not answer.sentences:
            return PointGrade(point, "missed", "", "no answer", self.name)
        if not claim.items:
            return PointGrade(point, "unsure", "", "the point has nothing the judge can check", self.name)
        stretches = _stretches(claim, answer)
        covers = [c for c in stretches if self._covers(c)]
        flips = [c for c in stretches if c.topic >= self.topic and c.contradictions and not c.question]
        if covers and not flips:
            best = max(covers, key=lambda c: (c.coverage, -(c.end - c.start)))
            if _taken_back(answer, best.end):
                return self._grade(point, answer, "unsure", best, "says the point, then takes it back")
            return self._grade(point, answer, "covered", best, "states the point")
        if flips and not covers:
            worst = max(flips, key=lambda c: (c.topic, -(c.end - c.start)))
            return self._grade(point, answer, "missed", worst, worst.contradictions[0])
        if flips:
            return self._grade(point, answer, "unsure", flips[0], "says the point and also contradicts it")
        salads = [c for c in stretches if c.salad and c.topic >= 0.6]
        if salads:
            return self._grade(point, answer, "missed", salads[0], "has the point's words but makes no claim")
        return self._unsure(point, answer, stretches)

    def _covers(self, stretch: Comparison) -> bool:
        return (
            stretch.coverage >= self.cover
            and not stretch.missing
            and not stretch.contradictions
            and not stretch.salad
            and not stretch.ambiguous
            and not stretch.question
            and stretch.concentrated
        )

    def _grade(
        self, point: str, answer: Reading, verdict: str, stretch: Comparison, reason: str
    ) -> PointGrade:
        evidence = answer.span(stretch.start, stretch.end)
        return PointGrade(point, verdict, evidence, reason, self.name)  # type: ignore[arg-type]

    def _unsure(self, point: str, answer: Reading, stretches: list[Comparison]) -> PointGrade:
        best = max(stretches, key=lambda c: (c.topic, -(c.end - c.start)))
        if best.topic == 0:
            return PointGrade(
                point, "unsure", "", "nothing the judge can match; check it yourself", self.name
            )
        missing = [t.text for t in best.missing][:3]
        reason = "in other words than the judge can check"
        if missing:
            reason = "does not clearly give " + ", ".join(f"'{m}'" for m in missing)
        return self._grade(point, answer, "unsure", best, reason)


def _stretches(claim: PointClaim, answer: Reading) -> list[Comparison]:
    """The point compared with each sentence of the answer and each pair of neighbouring sentences.

    Sentences with nothing of the point (none of its words, their opposites or alternatives, no number,
    no complexity) are skipped: they can neither cover nor contradict it, and long answers stay fast."""
    count = len(answer.sentences)
    reach = _reach(claim)
    touching = [_touches(s.tokens, reach) for s in answer.sentences]
    empty = Comparison(0, 0)
    stretches = [compare(claim, answer, i, i) if touching[i] else empty for i in range(count)]
    for i in range(count - 1):
        if not (touching[i] or touching[i + 1]):
            continue
        pair = compare(claim, answer, i, i + 1)
        if max(stretches[i].coverage, stretches[i + 1].coverage) < 0.6:
            pair.coverage = min(pair.coverage, 0.6)  # a point is stated in one sentence, not spread over two
        stretches.append(pair)
    if count > 2 and len(answer.content) <= 40:
        whole = compare(claim, answer, 0, count - 1)
        whole.contradictions = []  # a flip must sit within two sentences; the whole is for salads
        whole.coverage = 0.0
        stretches.append(whole)
    return [s for s in stretches if s is not empty] or [empty]


def _taken_back(answer: Reading, after: int) -> bool:
    """Whether a later sentence takes back what was said ("..., but that's a myth", "It's the opposite")."""
    for sentence in answer.sentences:
        if sentence.start < after:
            continue
        words = [t.text.lower().replace("’", "'") for t in sentence.tokens]
        words = [w for part in words for w in part.split("'") if w]
        if any(tuple(words[i : i + len(r)]) == r for r in lexicon.RETRACTIONS for i in range(len(words))):
            return True
    return False


def _reach(claim: PointClaim) -> frozenset[str]:
    """The keys that bear on a point: its own, their opposites and their alternatives."""
    return reader().reach(frozenset(t.key for t in claim.items))


def _touches(tokens: Sequence[Token], reach: frozenset[str]) -> bool:
    return any(t.kind in {NUMBER, COMPLEXITY} or (t.content and t.key in reach) for t in tokens)
