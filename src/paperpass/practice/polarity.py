"""Polarity: whether an answer's clause keeps or flips the claim of the point's clause it matches.

Each clause of the point is set against the answer's clause that shares most with it. The negations in each
and the opposite words between them are counted; an odd count flips the claim ("not cheap" for "expensive"
flips twice and keeps it). Negations are counted two ways, strictly (only those over a word the clauses
share) and loosely (all); when the two disagree the reading is ambiguous and the judge abstains. The two
sides of "A over B", "A instead of B", "more than" must stay on their sides unless an opposite word turns
the comparison round.
"""

from __future__ import annotations

from collections.abc import Sequence

from paperpass.practice import lexicon
from paperpass.practice.claims import (
    COMPLEXITY,
    NAME,
    NEGATOR,
    Clause,
    Token,
    reader,
)
from paperpass.practice.matching import (
    PointClaim,
    keys_of,
    mostly_keys,
    opposed,
    phrase_after,
    prefixed,
    related_keys,
)
from paperpass.practice.roles import spheres


def clause_flips(point: PointClaim, clauses: list[Clause]) -> tuple[list[str], bool]:
    """For each clause of the point, the answer's closest clause: an odd number of flips contradicts it.

    Negations are counted twice: only those over a word both clauses share (strict), and all of them
    (loose). When the two counts disagree the reading is ambiguous: no contradiction, and no cover either.
    A phrase the point negates ("without an explicit reward model") that the answer states in another
    clause is judged there: "DPO matches RLHF, but only with a reward model" drops the negation.

    Returns:
        the contradictions found, and whether some clause was ambiguous.
    """
    found: list[str] = []
    ambiguous = False
    given = set().union(*(keys_of(c.content) for c in clauses)) if clauses else set()
    foreign = _foreign_keys(point, given)
    for mine in point.clauses:
        mine_keys = keys_of(mine.content)
        best, shared = _closest(mine_keys, clauses)
        every = mine_keys & related_keys(mine_keys, given)
        if best is None or len(every) < min(2, len(mine_keys)):
            continue
        theirs_keys = keys_of(best.content)
        others = _opposite_words(mine, best) + _other_complexity(mine, best)
        if _sides_swapped(mine, best):
            others.append("swaps the two sides of the comparison")
        others += _spilled(mine, best, clauses, mine_keys)
        readings = []
        for strict in (True, False):
            negations_mine = _negations(mine, theirs_keys, strict, _removals_as_negation(best, theirs_keys))
            negations_theirs = _negations(
                best, mine_keys, strict, _removals_as_negation(mine, mine_keys), foreign
            )
            reasons = list(others)
            if len(negations_mine) % 2 != len(negations_theirs) % 2:
                said = negations_theirs[0].text if negations_theirs else ""
                reasons.insert(0, f"negates it ('{said}')" if said else "drops the point's negation")
            readings.append(reasons)
        odd = [len(r) % 2 == 1 for r in readings]
        if all(odd):
            found.append(readings[0][0] if readings[0] else readings[1][0])
        elif any(odd):
            ambiguous = True
    return found, ambiguous


def _spilled(mine: Clause, best: Clause, clauses: list[Clause], mine_keys: set[str]) -> list[str]:
    """Part of the point the answer states in another clause, negated there and not in the point (or the
    other way round): "its second objective was MLM; there was no NSP". Both ways of counting negations
    (see :func:`clause_flips`) must agree."""
    rest = mine_keys - related_keys(mine_keys, keys_of(best.content))
    if not rest:
        return []
    for clause in clauses:
        if clause is best:
            continue
        held = rest & related_keys(rest, keys_of(clause.content))
        if not held or 2 * len(held) < len(rest):
            continue
        strict = [n for n in _negations(clause, held, True, True) if _mostly(clause, n, held)]
        loose = _negations(clause, held, False, True)
        ours_strict = len(_negations(mine, held, True, True))
        ours_loose = len(_negations(mine, held, False, True))
        if len(strict) % 2 != ours_strict % 2 and len(loose) % 2 != ours_loose % 2:
            return ["negates part of the point" if len(strict) % 2 else "states what the point negates"]
        return []
    return []


def _mostly(clause: Clause, negation: Token, keys: set[str]) -> bool:
    """Whether the phrase a negation stands over is mostly made of ``keys`` ("no NSP", not "no big rank")."""
    at = clause.tokens.index(negation)
    return mostly_keys(keys_of(phrase_after(clause.tokens, at)), keys)


def _closest(keys: set[str], clauses: Sequence[Clause]) -> tuple[Clause | None, set[str]]:
    """The clause sharing most with ``keys`` (a word given counts fully, an opposite of it half)."""
    best, shared, score = None, set(), 0.0
    for clause in clauses:
        given = keys_of(clause.content)
        overlap = keys & related_keys(keys, given)
        value = len(keys & given) + 0.5 * len(overlap - given)
        value += 0.1 * len(overlap) / max(1, len(given))  # a tie goes to the clause with less else in it
        if value > score:
            best, shared, score = clause, overlap, value
    return best, shared


def _negations(
    clause: Clause, other_keys: set[str], strict: bool, removals: bool, foreign: frozenset[str] = frozenset()
) -> list[Token]:
    """The negations of a clause.

    Args:
        clause: the clause.
        other_keys: the keys of the clause it is set against.
        strict: count only negations over a word of the other clause: the word right after "not", "never",
            "cannot"...; most of the phrase after "no", "without", "instead of" or a removal verb.
        removals: count removal verbs ("drops the critic") as negations: when the other clause says
            "no critic"; else "removes" is the opposite of "keeps".
        foreign: keys the point says of something the answer does not name; a "no"/"instead of" before
            them is about that other thing ("Instead of human raters, an AI ...").

    "no A and no B", "neither A nor B" count once.
    """
    tokens = clause.tokens
    own = keys_of(clause.content)
    related = other_keys | {k for k in own if opposed(k, other_keys - own)}
    found: list[Token] = []
    last_phrase_end = -1
    for i, token in enumerate(tokens):
        kind = _negation_kind(tokens, i, removals)
        if kind is None:
            continue
        phrase = phrase_after(tokens, i)
        scope = keys_of(phrase)
        if kind == "phrase" and foreign and scope and scope <= foreign:
            continue
        if kind == "phrase" and _coordinated(tokens, last_phrase_end, i):
            last_phrase_end = _end_of(tokens, i, phrase)
            continue
        if kind == "phrase":
            last_phrase_end = _end_of(tokens, i, phrase)
        if (
            not strict
            or kind == "phrase"
            and mostly_keys(scope, related)
            or (
                kind == "predicate"
                and phrase
                and (keys_of(phrase[:1]) & related or opposed(phrase[0].key, other_keys - own))
            )
        ):
            found.append(token)
    return found


def _negation_kind(tokens: Sequence[Token], i: int, removals: bool) -> str | None:
    """ "phrase" for a negation of the phrase after it (no, without, instead of, a removal or preventive
    verb), "predicate" for one of the word after it (not, never, cannot, fails to), else None."""
    token = tokens[i]
    lower = token.text.lower()
    if _instead(tokens, i):
        return "phrase"
    if lower in {"instead", "rather"}:
        return None
    previous = tokens[i - 1].text.lower() if i else ""
    if lower in lexicon.PREVENTIVES and previous not in lexicon.NOUN_CONTEXT:
        return "phrase"
    removal = lower in lexicon.REMOVALS or token.key == reader().remove
    if (removal and removals) or (token.kind == NEGATOR and lower in lexicon.PHRASE_NEGATORS):
        return "phrase"
    if token.kind == NEGATOR or _keeps_from(tokens, i):
        return "predicate"
    return None


def _coordinated(tokens: Sequence[Token], previous_end: int, at: int) -> bool:
    """Whether a negation repeats the one before it over a coordinated phrase ("no A and no B", "nor")."""
    if tokens[at].text.lower() == "nor":
        return True
    if previous_end < 0:
        return False
    between = [t.text.lower() for t in tokens[previous_end + 1 : at]]
    return bool(between) and all(w in {"and", "or", ",", "nor"} for w in between)


def _end_of(tokens: Sequence[Token], at: int, phrase: list[Token]) -> int:
    if not phrase:
        return at
    return max(i for i, t in enumerate(tokens) if t.start <= phrase[-1].start)


def _removals_as_negation(clause: Clause, keys: set[str]) -> bool:
    """Whether the other clause negates a phrase with "no"/"without", so that a removal verb matches it."""
    tokens = clause.tokens
    return any(
        t.text.lower() in lexicon.PHRASE_NEGATORS - {"instead", "rather"} for t in tokens if t.kind == NEGATOR
    )


def _foreign_keys(point: PointClaim, given: set[str]) -> frozenset[str]:
    """Keys the point says only of anchors (names) the answer does not give."""
    said = spheres(point.reading.tokens)
    absent = [a for a in said if a not in given]
    present = [a for a in said if a in given]
    said_of_present = set().union(*(said[a] for a in present)) if present else set()
    return frozenset(set().union(*(said[a] for a in absent)) - said_of_present) if absent else frozenset()


def _rest(tokens: Sequence[Token], at: int) -> list[Token]:
    return [t for t in tokens[at + 1 :] if t.content]


def _keeps_from(tokens: Sequence[Token], at: int) -> bool:
    """ "keeps training from being parallelized": keep ... from + -ing is a negation."""
    if tokens[at].key != reader().keep:
        return False
    ahead = [t.text.lower() for t in tokens[at + 1 : at + 6]]
    if "from" not in ahead:
        return False
    after = ahead[ahead.index("from") + 1 :]
    return bool(after) and (after[0].endswith("ing") or after[0] == "being")


def _instead(tokens: Sequence[Token], at: int) -> bool:
    lower = tokens[at].text.lower()
    nxt = tokens[at + 1].text.lower() if at + 1 < len(tokens) else ""
    return (lower == "instead" and nxt == "of") or (lower == "rather" and nxt == "than")


def _other_complexity(mine: Clause, theirs: Clause) -> list[str]:
    """Another complexity in the answer's clause where the point's clause has one ("only grows as O(n)")."""
    wanted = {t.key: t for t in mine.content if t.kind == COMPLEXITY}
    given = {t.key: t for t in theirs.content if t.kind == COMPLEXITY}
    if not wanted or set(wanted) & set(given) or not given:
        return []
    said, point = next(iter(given.values())), next(iter(wanted.values()))
    return [f"says '{said.text}' where the point has '{point.text}'"]


def _opposite_words(mine: Clause, theirs: Clause) -> list[str]:
    r = reader()
    mine_tokens = {t.key: t for t in mine.content}
    theirs_tokens = {t.key: t for t in theirs.content}
    reasons: list[str] = []
    for key, token in mine_tokens.items():
        if key in theirs_tokens:
            continue
        opposite = r.opposites.get(key, set())
        said = [theirs_tokens[k] for k in opposite if k in theirs_tokens and k not in mine_tokens]
        said += [t for k, t in theirs_tokens.items() if prefixed(k, key) and k not in mine_tokens]
        if said:
            reasons.append(f"says '{said[0].text}' where the point has '{token.text}'")
    return reasons


def _sides_swapped(mine: Clause, theirs: Clause) -> bool:
    """Whether the items on the two sides of "A over B", "A than B", "A instead of B" changed sides."""
    sides_mine = _sides(mine)
    sides_theirs = _sides(theirs)
    if sides_mine is None or sides_theirs is None:
        return False
    left_mine, right_mine = sides_mine
    left_theirs, right_theirs = sides_theirs
    moved_right = left_mine & right_theirs - left_theirs
    moved_left = right_mine & left_theirs - right_theirs
    names = {t.key for t in (*mine.tokens, *theirs.tokens) if t.kind == NAME}
    return (bool(moved_right) and bool(moved_left)) or bool((moved_right | moved_left) & names)


def _sides(clause: Clause) -> tuple[set[str], set[str]] | None:
    """The keys before and after the relation marker of a clause, within its comma-separated part."""
    tokens = list(clause.tokens)
    lowered = [t.text.lower() for t in tokens]
    for marker in lexicon.ORDER_MARKERS:
        for i in range(len(lowered) - len(marker) + 1):
            if tuple(lowered[i : i + len(marker)]) != marker:
                continue
            before, after = tokens[:i], tokens[i + len(marker) :]
            if not any(t.content for t in before):  # fronted: "Instead of B, A ..."
                comma = next((j for j, t in enumerate(after) if t.text == ","), None)
                if comma is None:
                    return None
                before, after = after[comma + 1 :], after[:comma]
            else:
                before = _after_last_comma(before)
                after = after[: next((j for j, t in enumerate(after) if t.text in ",;:"), len(after))]
            left, right = keys_of(t for t in before if t.content), keys_of(t for t in after if t.content)
            return left - right, right - left
    return None


def _after_last_comma(tokens: list[Token]) -> list[Token]:
    """The part after the last comma; the part before it when the marker follows the comma ("A, rather
    than B, ...")."""
    commas = [j for j, t in enumerate(tokens) if t.text in ",;:"]
    if not commas:
        return tokens
    if not any(t.content for t in tokens[commas[-1] + 1 :]):
        start = commas[-2] + 1 if len(commas) > 1 else 0
        return tokens[start : commas[-1]]
    return tokens[commas[-1] + 1 :]
