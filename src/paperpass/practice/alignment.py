"""Comparing a reference point with a stretch of an answer: what it covers and what it contradicts.

The checks are by linguistic kind, so that they hold for points and answers never seen:

- **coverage** (:mod:`paperpass.practice.matching`): the share of the point's weight the stretch gives;
- **roles** (:mod:`paperpass.practice.roles`): substitutions, other numbers, swapped roles, reversed
  "from A to B";
- **polarity** (:mod:`paperpass.practice.polarity`): negations and opposite words, clause by clause;
- **salad**: the point's words spread over a list of separate items, or talked about as "keywords";
- **concentration**: most of each clause of the point found in one clause of the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from paperpass.practice import lexicon
from paperpass.practice.claims import (
    COMPLEXITY,
    NUMBER,
    PUNCT,
    Clause,
    Reading,
    Token,
    reader,
)
from paperpass.practice.matching import PointClaim, item_key, keys_of, prefixed, same_number
from paperpass.practice.polarity import clause_flips
from paperpass.practice.roles import contradictions

_ITEM_BREAKS = frozenset((",", ";", ":", ".", "/", "!", "?", "(", ")"))


@dataclass
class Comparison:
    """How a stretch of the answer compares with a point."""

    start: int
    end: int
    coverage: float = 0.0
    topic: float = 0.0
    missing: list[Token] = field(default_factory=list)
    contradictions: list[str] = field(default_factory=list)
    salad: bool = False
    ambiguous: bool = False
    concentrated: bool = True
    question: bool = False


def compare(point: PointClaim, answer: Reading, first: int, last: int) -> Comparison:
    """Compare the point with sentences ``first`` to ``last`` (inclusive) of the answer."""
    sentences = answer.sentences[first : last + 1]
    tokens = [t for s in sentences for t in s.tokens]
    result = Comparison(sentences[0].start, sentences[-1].end, question=all(s.question for s in sentences))
    matched, related = _matches(point, tokens)
    total = point.total or 1.0
    result.coverage = sum(point.weights[k] for k in matched) / total
    result.topic = sum(point.weights[k] for k in matched | related) / total
    light = reader().light
    result.missing = [
        t
        for t in point.items
        if item_key(t) not in matched and item_key(t) not in point.optional and t.key not in light
    ]
    clauses = [c for s in sentences for c in s.clauses]
    result.contradictions = contradictions(point, tokens)
    flips, result.ambiguous = clause_flips(point, clauses)
    result.contradictions += flips
    result.salad = _salad(point, tokens, matched)
    result.concentrated = _concentrated(point, clauses)
    return result


def _matches(point: PointClaim, tokens: Sequence[Token]) -> tuple[set[str], set[str]]:
    """The point's item keys the tokens give, and those they only touch (an opposite, an alternative)."""
    keys = {t.key for t in tokens if t.content}
    numbers = [t for t in tokens if t.kind == NUMBER]
    complexities = any(t.kind == COMPLEXITY for t in tokens)
    matched: set[str] = set()
    related: set[str] = set()
    for item in point.items:
        key = item_key(item)
        if item.kind == NUMBER:
            if any(same_number(item, n) for n in numbers):
                matched.add(key)
            elif numbers:
                related.add(key)
        elif item.key in keys:
            matched.add(key)
        elif _touches(item, keys, complexities):
            related.add(key)
    return matched, related


def _touches(item: Token, keys: set[str], complexities: bool) -> bool:
    """Whether the answer answers an item with something else of its kind: another complexity, an opposite
    word, an alternative of its group, a negative-prefixed form."""
    r = reader()
    if item.kind == COMPLEXITY and complexities:
        return True
    if r.opposites.get(item.key, set()) & keys or any(r.conflicts(item.key, k) for k in keys):
        return True
    return any(prefixed(k, item.key) for k in keys)


def _salad(point: PointClaim, tokens: list[Token], matched: set[str]) -> bool:
    """The point's words as separate items of a list, or talked about as words ("keywords")."""
    point_items = _items_holding(point.reading.tokens, matched)
    answer_items = _items_holding(tokens, matched)
    lowered = [t.text.lower() for t in tokens]
    meta = set(lowered) & lexicon.META_WORDS or any(
        w == "words" and i and lowered[i - 1] in lexicon.META_AFTER for i, w in enumerate(lowered)
    )
    if meta and len(matched) >= 2:
        return True
    bare = [item for item in answer_items if _bare(item)]
    return len(bare) >= 3 and len(bare) > len(point_items)


def _bare(item: list[Token]) -> bool:
    """An item of one or two content words and nothing else: a keyword, not a phrase."""
    content = [t for t in item if t.content]
    return 1 <= len(content) <= 2 and all(t.content or t.kind == PUNCT for t in item)


def _items_holding(tokens: Sequence[Token], keys: set[str]) -> list[list[Token]]:
    """The comma-, colon- or 'and'-separated items that hold one of ``keys``, with their tokens."""
    items: list[list[Token]] = [[]]
    for i, token in enumerate(tokens):
        between_numbers = 0 < i < len(tokens) - 1 and tokens[i - 1].kind == NUMBER == tokens[i + 1].kind
        if (token.kind == PUNCT and token.text in _ITEM_BREAKS) or (
            token.text.lower() in {"and", "or"} and not between_numbers
        ):
            items.append([])
        else:
            items[-1].append(token)
    return [item for item in items if keys_of(t for t in item if t.content) & keys]


def _concentrated(point: PointClaim, clauses: list[Clause]) -> bool:
    """Whether each clause of the point finds most of itself in one clause of the answer."""
    for mine in point.clauses:
        keys = keys_of(mine.content)
        weights = {k: point.weights.get(k, 0.0) for k in keys}
        total = sum(weights.values())
        if total < 1.5:
            continue
        best = max((sum(weights[k] for k in keys & keys_of(c.content)) for c in clauses), default=0.0)
        if best < 0.6 * total:
            return False
    return True
