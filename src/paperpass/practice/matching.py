"""A reference point read for grading, and the matching rules every check shares.

A point becomes a :class:`PointClaim`: its items (one per key), their weights (names, numbers and
complexities weigh double; a name in brackets or a label before a colon is optional, half weight) and its
clauses. Numbers match when equal or rounded ("about 18%" for 17.9%); a word matches its synonyms; its
opposites and its negative-prefixed forms ("unpaired" for "paired") are related, not matched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from paperpass.practice.claims import (
    ANCHOR_KINDS,
    NEGATOR,
    NUMBER,
    PUNCT,
    Clause,
    Reading,
    Token,
    read,
    reader,
)

_T = TypeVar("_T")


_PREFIXES = ("un", "non", "in", "im", "ir", "il", "dis", "mis")


@dataclass(frozen=True)
class PointClaim:
    """A reference point read for grading: its items (one per key), their weights and its clauses."""

    reading: Reading
    items: tuple[Token, ...]
    weights: dict[str, float]
    optional: frozenset[str]
    clauses: tuple[Clause, ...]

    @property
    def total(self) -> float:
        """The weight of all the point's items."""
        return sum(self.weights.values())

    @property
    def keys(self) -> set[str]:
        """The keys of the point's items."""
        return {t.key if t.kind != NUMBER else number_key(t) for t in self.items}


@lru_cache(maxsize=4096)
def point_claim(text: str) -> PointClaim:
    """Read a reference point (cached: a point is read once however many answers are graded)."""
    reading = read(text)
    optional = _optional_keys(reading)
    items: dict[str, Token] = {}
    for token in reading.content:
        items.setdefault(token.key if token.kind != NUMBER else number_key(token), token)
    weights = {key: _weight(token) * (0.5 if key in optional else 1.0) for key, token in items.items()}
    clauses = tuple(c for s in reading.sentences for c in s.clauses)
    return PointClaim(reading, tuple(items.values()), weights, frozenset(optional), clauses)


def _weight(token: Token) -> float:
    if token.kind in ANCHOR_KINDS:
        return 2.0
    return 0.5 if token.key in reader().light else 1.0


def number_key(token: Token) -> str:
    return f"#{token.value:g}{token.unit}"


def _optional_keys(reading: Reading) -> set[str]:
    """Keys only in brackets, or in a short label before a colon ("Scale:", "Tiling:")."""
    tokens = reading.tokens
    inside: set[str] = set()
    outside: set[str] = set()
    depth = 0
    colon = next((i for i, t in enumerate(tokens) if t.text == ":"), None)
    label = (
        {i for i in range(colon) if tokens[i].content}
        if colon is not None and colon <= 4 and not any(t.kind in ANCHOR_KINDS for t in tokens[:colon])
        else set()
    )
    for index, token in enumerate(tokens):
        depth += token.text == "("
        depth -= token.text == ")" and depth > 0
        if not token.content:
            continue
        key = token.key if token.kind != NUMBER else number_key(token)
        (inside if depth or index in label else outside).add(key)
    return inside - outside


def same_number(wanted: Token, given: Token) -> bool:
    """Whether ``given`` states ``wanted``: the same value, or it rounded ("about 18%" for 17.9%)."""
    if wanted.unit and given.unit and wanted.unit != given.unit:
        return False
    if abs(wanted.value - given.value) <= 1e-9 * max(abs(wanted.value), 1.0):
        return True
    if given.scale == 1 and wanted.scale > 1 and abs(wanted.value / wanted.scale - given.value) < 1e-9:
        return True  # "GPT-3 175" for 175B: the scale left out
    if given.decimals < wanted.decimals:
        scale = given.scale
        return round(wanted.value / scale, given.decimals) == round(given.value / scale, given.decimals)
    return False


def item_key(token: Token) -> str:
    return token.key if token.kind != NUMBER else number_key(token)


@lru_cache(maxsize=65536)
def prefixed(key: str, base: str) -> bool:
    """Whether ``key`` is ``base`` with a negative prefix ("unpaired" for "paired"; not for a noun such as
    "security", whose "insecure code" is the same topic)."""
    if base in reader().nominal:
        return False
    for prefix in _PREFIXES:
        rest = key[len(prefix) :]
        if key.startswith(prefix) and len(rest) > 2 and base in {rest, reader().word_key(rest)}:
            return True
    return False


def keys_of(tokens: Iterable[Token]) -> set[str]:
    return {number_key(t) if t.kind == NUMBER else t.key for t in tokens}


def related_keys(mine: set[str], theirs: set[str]) -> set[str]:
    """The point keys an answer clause gives or answers with an opposite or prefixed form."""
    r = reader()
    related = set(theirs)
    for key in mine:
        if r.opposites.get(key, set()) & theirs or any(prefixed(k, key) for k in theirs):
            related.add(key)
    return related


def opposed(key: str, keys: set[str]) -> bool:
    r = reader()
    return bool(r.opposites.get(key, set()) & keys) or any(prefixed(key, k) for k in keys)


def pairs(items: Sequence[_T]) -> Iterable[tuple[_T, _T]]:
    for i, first in enumerate(items):
        for second in items[i + 1 :]:
            yield first, second


def mostly_keys(scope: set[str], keys: set[str]) -> bool:
    """Whether most of a negated phrase's keys (light words aside, unless that is all) are among ``keys``."""
    heavy = scope - reader().light
    scope = heavy or scope
    return bool(scope) and len(scope & keys) > len(scope - keys)


def phrase_after(tokens: Sequence[Token], at: int) -> list[Token]:
    """Up to four content tokens after a negation, stopping at punctuation or another negation."""
    phrase: list[Token] = []
    for token in tokens[at + 1 :]:
        if (token.kind == PUNCT and token.text in ",;:.()") or token.kind == NEGATOR:
            break
        if token.content:
            phrase.append(token)
            if len(phrase) >= 4:
                break
    return phrase
