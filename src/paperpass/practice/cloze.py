"""Grading a typed answer to a fact's blank: exact where exact grading is honest, tolerant where the
difference is only in how the answer is written.

- **Numbers** compare by value and unit: ``1.3B`` = ``1.3 billion`` = ``1,300M``; ``17.9%`` = ``17.9
  percent``; ``2-4x`` = ``2 to 4 times``; ``700 GB`` = ``0.7 TB``. A number typed without its unit or
  magnitude (``58`` for ``58%``, ``1.3`` for ``1.3B``) is read in the card's. Swapped digits, another
  magnitude (``1.3M``) or another unit (``58x``) are wrong. A rounded number (``18%`` for ``17.9%``) is right
  only on a card whose fact allows it (the card says "a rounded answer is fine"), and only when it is the
  expected number rounded to the digits typed and within 5% of it.
- **Names and terms** compare case-, accent-, hyphen- and article-blind (``Flash Attention`` =
  ``FlashAttention``, ``the masked language modeling`` = ``masked language modeling``), plus a small typo
  (Damerau-Levenshtein: none up to 4 letters, 1 up to 8, 2 beyond). Digits must match exactly (``GPT-4`` is
  not ``GPT-4o``, ``Llama 3`` not ``Llama 4``), and an answer equal or closer to another fact's answer, or to
  a paper's name, is wrong even when it is one typo away (``PPO`` is not ``DPO``).
- **Formulas** compare after removing spaces and writing powers one way (``O(n²)`` = ``O(n^2)`` =
  ``o(n**2)``); no typo is allowed, since one character changes the meaning.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from paperpass.catalog import Fact
from paperpass.catalog.answers import Quantity, QuantityError, fold_formula, fold_words, parse_quantity

MAX_ROUNDING_ERROR = 0.05  # a rounded number may be at most 5% off the exact one
MAX_RESPONSE = 200


@dataclass(frozen=True)
class Verdict:
    """Whether a typed answer fills the blank, with the reason in a few words.

    ``how`` is one of ``exact``, ``typo`` (a small misspelling of an accepted form), ``unit assumed`` (a bare
    number read in the card's unit), ``rounded``, ``empty``, ``wrong``, ``other answer`` (another fact's
    answer or a paper's name), ``not a number``.
    """

    correct: bool
    how: str
    expected: str
    given: str

    @property
    def approximate(self) -> bool:
        """Right, but not as written: a typo, an assumed unit or a rounding."""
        return self.correct and self.how != "exact"


def squash(text: str) -> str:
    """A folded name without spaces, so 'flash attention' and 'flashattention' compare equal."""
    return text.replace(" ", "")


def singular(text: str) -> str:
    """Each word of a folded term without a plural 's' ('attention scores' -> 'attention score')."""
    words = text.split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): edits, with a swap of neighbours as one."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def typo_allowance(accepted: str) -> int:
    """How many edits a typed name may be from ``accepted`` (folded, spaces removed)."""
    letters = len(accepted)
    return 0 if letters <= 4 else 1 if letters <= 8 else 2


def _digits(text: str) -> str:
    return "".join(re.findall(r"\d", text))


def grade_text(fact: Fact, response: str, others: Collection[str]) -> Verdict:
    """Grade a typed answer to ``fact``'s blank.

    Args:
        others: every other answer and name a learner could confuse this one with, folded with
            :func:`~paperpass.catalog.answers.fold_words` (another entry's answer, a paper's short title).
    """
    given = " ".join(response.split())[:MAX_RESPONSE]
    if not given:
        return Verdict(False, "empty", fact.answer, given)
    if fact.answer_type == "number":
        return _grade_number(fact, given)
    if fact.answer_type == "formula":
        forms = {fold_formula(a) for a in fact.answers} | {fold_words(a) for a in fact.answers}
        correct = fold_formula(given) in forms or fold_words(given) in forms
        return Verdict(correct, "exact" if correct else "wrong", fact.answer, given)
    return _grade_words(fact, given, others)


def _grade_words(fact: Fact, given: str, others: Collection[str]) -> Verdict:
    folded = fold_words(given)
    if not folded:
        return Verdict(False, "empty", fact.answer, given)
    accepted = [fold_words(a) for a in fact.answers]
    forms = {squash(a) for a in accepted} | {squash(singular(a)) for a in accepted}
    if squash(folded) in forms or squash(singular(folded)) in forms:
        return Verdict(True, "exact", fact.answer, given)
    rivals = {squash(o) for o in others} - forms
    typed = squash(folded)
    if typed in rivals or squash(singular(folded)) in rivals:
        return Verdict(False, "other answer", fact.answer, given)
    candidates = [squash(a) for a in accepted if _digits(a) == _digits(folded)]
    best = min((edit_distance(typed, a) for a in candidates if edit_distance(typed, a) <= typo_allowance(a)),
               default=None)  # fmt: skip
    if best is None:
        return Verdict(False, "wrong", fact.answer, given)
    if any(abs(len(r) - len(typed)) <= best and edit_distance(typed, r) <= best for r in rivals):
        return Verdict(False, "other answer", fact.answer, given)
    return Verdict(True, "typo", fact.answer, given)


def _grade_number(fact: Fact, given: str) -> Verdict:
    try:
        typed = parse_quantity(given)
    except QuantityError:
        return Verdict(False, "not a number", fact.answer, given)
    best = "wrong"
    for form in fact.answers:
        how = compare_quantities(parse_quantity(form), typed, rounded=fact.rounded)
        if how == "exact":
            return Verdict(True, how, fact.answer, given)
        if how != "wrong":
            best = how
    return Verdict(best != "wrong", best, fact.answer, given)


def compare_quantities(expected: Quantity, typed: Quantity, *, rounded: bool = False) -> str:
    """``exact``, ``unit assumed``, ``rounded`` or ``wrong`` for a typed quantity against the expected one."""
    if expected.is_range != typed.is_range:
        return "wrong"
    readings = [(typed, "exact")]
    if typed.unit is None and typed.magnitude == 1 and (expected.unit is not None or expected.magnitude != 1):
        # a bare number: as written (1300000000 for 1.3B), or in the card's magnitude and unit (1.3, 58)
        plain = Quantity(typed.low, typed.high, expected.unit, typed.decimals, 1.0)
        scale = expected.magnitude
        scaled = Quantity(typed.low * scale, typed.high * scale, expected.unit, typed.decimals, scale)
        readings = [(plain, "exact" if expected.unit is None else "unit assumed"), (scaled, "unit assumed")]
    elif typed.unit != expected.unit:
        return "wrong"
    for reading, how in readings:
        if _close(expected.low, reading.low) and _close(expected.high, reading.high):
            return how
    for reading, _ in readings:
        if rounded and _rounds_to(expected.low, reading) and _rounds_to(expected.high, reading, high=True):
            return "rounded"
    return "wrong"


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-12)


def _rounds_to(exact: float, typed: Quantity, *, high: bool = False) -> bool:
    """Whether ``typed`` is ``exact`` rounded to the digits it was typed with, and within 5% of it."""
    value = typed.high if high else typed.low
    scale = typed.magnitude or 1.0
    in_typed_units = round(exact / scale, typed.decimals)
    same = abs(in_typed_units - value / scale) < 10 ** -(typed.decimals + 6)
    return same and abs(value - exact) <= MAX_ROUNDING_ERROR * abs(exact)
