"""How the catalog writes the answers of its facts, parsed the same way for validating a fact and for
grading a typed answer.

A quantity is written the way the guide writes numbers: ``1.3B``, ``175B``, ``15T``, ``128K``, ``17.9%``,
``2-4x``, ``700 GB``, ``3.5 days``, ``+6%``. :func:`parse_quantity` reads those forms and the ones people
type (``1.3 billion``, ``1,300M``, ``17.9 percent``, ``2 to 4 times``, ``three and a half days``) into a
:class:`Quantity`: a value (or a range), its unit and how it was written (decimals, whether a magnitude
such as "billion" was given). Names and terms are compared after :func:`fold_words`; formulas after
:func:`fold_formula`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Magnitudes after a number. "B" alone is a billion (the guide's "175B"); "GB" is a unit, below.
MAGNITUDES = {
    "k": 1e3, "thousand": 1e3,
    "m": 1e6, "mn": 1e6, "million": 1e6, "millions": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9,
    "t": 1e12, "tn": 1e12, "trillion": 1e12, "trillions": 1e12,
}  # fmt: skip
# Units: canonical name and the factor to the canonical unit.
UNITS = {
    "%": ("%", 1.0), "percent": ("%", 1.0), "per cent": ("%", 1.0), "pct": ("%", 1.0),
    "percentage points": ("%", 1.0), "percentage point": ("%", 1.0), "pp": ("%", 1.0),
    "points": ("%", 1.0),
    "x": ("x", 1.0), "×": ("x", 1.0), "times": ("x", 1.0), "fold": ("x", 1.0),
    "kb": ("bytes", 1e3), "mb": ("bytes", 1e6), "gb": ("bytes", 1e9), "tb": ("bytes", 1e12),
    "pb": ("bytes", 1e15),
    "day": ("days", 1.0), "days": ("days", 1.0), "hour": ("days", 1 / 24), "hours": ("days", 1 / 24),
    "bleu": ("bleu", 1.0),
}  # fmt: skip
# Words that only say what is counted; they neither change nor contradict the value.
COUNT_NOUNS = frozenset(
    {
        "parameters", "parameter", "params", "param", "tokens", "token", "experts", "expert", "gpus", "gpu",
        "tasks", "task", "words", "word", "features", "feature", "layers", "layer", "examples", "samples",
        "prompts", "of", "context",
    }
)  # fmt: skip
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_UNIT_WORDS = sorted(UNITS, key=len, reverse=True)
_MAGNITUDE_WORDS = sorted(MAGNITUDES, key=len, reverse=True)
_SINGLE = (
    rf"(?P<sign>[+\-−]?)\s*(?P<num>{_NUMBER})\s*"
    rf"(?P<mag>(?:{'|'.join(re.escape(m) for m in _MAGNITUDE_WORDS)})(?![a-z]))?\s*"
    rf"(?P<unit>(?:{'|'.join(re.escape(u) for u in _UNIT_WORDS)})(?![a-z]))?"
)
_SINGLE_RE = re.compile(rf"^{_SINGLE}$", re.IGNORECASE)
_RANGE_RE = re.compile(r"^(?P<low>.+?)\s*(?:-|–|—|to)\s*(?P<high>[0-9.].*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A number as written: ``low == high`` unless it is a range such as ``2-4x``.

    ``unit`` is the canonical unit (``%``, ``x``, ``bytes``, ``days``, ``bleu``) or None for a plain count;
    ``decimals`` is how many digits follow the decimal point of the number as written (in the magnitude it
    was written in), ``magnitude`` the multiplier written after it (1 when none was).
    """

    low: float
    high: float
    unit: str | None
    decimals: int
    magnitude: float

    @property
    def is_range(self) -> bool:
        """Whether it is a range (``2-4x``, ``4-64``)."""
        return self.low != self.high


class QuantityError(ValueError):
    """Text that is not a quantity."""


def _spelled(text: str) -> str:
    """Number words to digits: 'three and a half days' -> '3.5 days', 'fifteen percent' -> '15 percent',
    'one hundred seventy five' -> '175'."""
    words = [
        part for word in text.split()
        for part in (word.split("-") if all(p.lower() in NUMBER_WORDS for p in word.split("-")) else [word])
    ]  # fmt: skip
    out: list[str] = []
    spelled_last = False  # whether out[-1] is a number made from words (so the next word may extend it)
    i = 0
    while i < len(words):
        word = words[i].lower()
        if word in NUMBER_WORDS:
            value = float(NUMBER_WORDS[word])
            if spelled_last:
                previous = float(out.pop())
                if value == 100:
                    value = previous * 100
                elif (previous % 100 == 0 and value < 100) or (previous % 100 >= 20 and value < 10):
                    value += previous
                else:
                    out.append(f"{previous:g}")
            if words[i + 1 : i + 4] == ["and", "a", "half"]:
                value += 0.5
                i += 3
            out.append(f"{value:g}")
            spelled_last = True
        elif word in {"a", "an"} and i + 1 < len(words) and words[i + 1].lower() in {*MAGNITUDES, "hundred"}:
            out.append("1")
            spelled_last = True
        else:
            out.append(words[i])
            spelled_last = False
        i += 1
    return " ".join(out)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _strip_count_nouns(text: str) -> str:
    words = [w for w in text.split() if w.lower().strip(".,") not in COUNT_NOUNS]
    return " ".join(words)


def _single(text: str) -> tuple[float, str | None, int, float, bool]:
    found = _SINGLE_RE.match(text.strip())
    if not found:
        raise QuantityError(f"not a number: {text!r}")
    digits = found["num"].replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    magnitude = MAGNITUDES[found["mag"].lower()] if found["mag"] else 1.0
    unit_name, factor = UNITS[found["unit"].lower()] if found["unit"] else (None, 1.0)
    sign = -1.0 if found["sign"] in {"-", "−"} else 1.0
    scale = magnitude * factor
    return sign * float(digits) * scale, unit_name, decimals, scale, bool(found["mag"])


def parse_quantity(text: str) -> Quantity:
    """Read a number, a number with a magnitude and unit, or a range of them.

    Raises:
        QuantityError: ``text`` is not one quantity (or its two ends disagree in unit).
    """
    cleaned = unicodedata.normalize("NFKC", text).strip().rstrip(".")
    cleaned = _strip_count_nouns(_spelled(cleaned.replace("×", "x ").replace("~", "")))
    cleaned = re.sub(r"^(?:about|around|roughly|approximately|up to)\s+", "", cleaned, flags=re.I)
    cleaned = re.sub(r"^(?:between|from)\s+(.+?)\s+(?:and|to)\s+", r"\1 to ", cleaned, flags=re.I)
    if not cleaned:
        raise QuantityError(f"not a number: {text!r}")
    ranged = _RANGE_RE.match(cleaned)
    if ranged and not cleaned.startswith(("-", "−")):
        low_text, high_text = ranged["low"], ranged["high"]
        high, unit, decimals, magnitude, _ = _single(high_text)
        try:
            low, low_unit, _, low_mag, has_mag = _single(low_text)
        except QuantityError:
            raise QuantityError(f"not a number: {text!r}") from None
        if low_unit is None and not has_mag:  # "2-4x": the unit and magnitude written once, at the end
            low, low_unit = low * magnitude, unit
        if low_unit != unit:
            raise QuantityError(f"a range with two units: {text!r}")
        return Quantity(low, high, unit, decimals, magnitude)
    value, unit, decimals, magnitude, _ = _single(cleaned)
    return Quantity(value, value, unit, decimals, magnitude)


def fold_words(text: str) -> str:
    """A name or term in a comparable form: lower case, accents and punctuation gone, hyphens as spaces,
    no leading article ('The Pile' -> 'pile', 'Chain-of-Thought' -> 'chain of thought')."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[-_/]+", " ", text)
    text = re.sub(r"[^\w\s+^.]", " ", text).replace(".", " ")
    words = text.split()
    while words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words)


def fold_formula(text: str) -> str:
    """A formula in a comparable form: no spaces, lower case, ``²``/``**`` as ``^``, ``√`` as ``sqrt``."""
    for old, new in (("²", "^2"), ("³", "^3"), ("**", "^"), ("√", "sqrt"), ("−", "-"), ("·", ""),
                     ("×", "x"), ("{", "("), ("}", ")"), ("[", "("), ("]", ")")):  # fmt: skip
        text = text.replace(old, new)
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"\s+|\*", "", text).rstrip(".")
