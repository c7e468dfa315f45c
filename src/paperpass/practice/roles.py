"""Who does what, with which number: substitutions and swapped roles between a point and an answer.

- another member of a group of alternatives where the point has one, standing in its place (Maverick for
  Scout, En-Fr for En-De, days for weeks, the reward model for the reference model), or another complexity;
- another number where the point gives one (same unit or scale, or counting the same word);
- numbers swapping the words they count ("109B active of 17B total"), what the point says of one name said
  of another ("KTO needs pairs, DPO uses unpaired data"), two alternatives in the other order around the same
  relation ("optimizes the reward model to maximize the policy");
- "from A to B" read as "from B to A"; a gain ("5x throughput") said as a loss ("5x lower throughput").
"""

from __future__ import annotations

from collections.abc import Sequence

from paperpass.practice import lexicon
from paperpass.practice.claims import (
    ANCHOR_KINDS,
    COMPLEXITY,
    NAME,
    NUMBER,
    PUNCT,
    Token,
    reader,
)
from paperpass.practice.matching import PointClaim, keys_of, number_key, pairs, same_number


def contradictions(point: PointClaim, tokens: list[Token]) -> list[str]:
    found = _substitutions(point, tokens) + _number_conflicts(point, tokens) + _role_swaps(point, tokens)
    return found + _from_to(point, tokens) + _number_direction(point, tokens)


def _number_direction(point: PointClaim, tokens: list[Token]) -> list[str]:
    """ "5x lower throughput" for "5x throughput": a number the point gives as a gain, said as a loss."""
    r = reader()
    losses = {r.word_key(w) for w in ("decrease", "slow", "worse", "lag")}
    gains = {r.word_key(w) for w in ("increase", "fast", "better", "match")}
    numbers = [t for t in tokens if t.kind == NUMBER]
    for item in point.items:
        if item.kind != NUMBER or item.unit not in {"x", "%"}:
            continue
        if _direction(point.reading.tokens, item, losses | gains):
            continue
        for given in numbers:
            said = _direction(tokens, given, losses | gains) if same_number(item, given) else set()
            if said & losses and not said & gains:
                return [f"says '{given.text}' as a loss where the point has a gain"]
    return []


def _direction(tokens: Sequence[Token], number: Token, words: set[str]) -> set[str]:
    at = next((i for i, t in enumerate(tokens) if t.start == number.start), None)
    if at is None:
        return set()
    near = [t for t in tokens[max(0, at - 2) : at + 3] if t.content and t is not number]
    return {t.key for t in near} & words


def _substitutions(point: PointClaim, tokens: list[Token]) -> list[str]:
    """Another member of a group of alternatives where the point has one; another complexity."""
    r = reader()
    point_keys = point.keys
    given = {t.key: t for t in tokens if t.content and t.kind != NUMBER}
    found: list[str] = []
    for item in point.items:
        if item.kind == NUMBER or item.key in given:
            continue
        for key, token in given.items():
            if key in point_keys:
                continue
            alternative = r.conflicts(item.key, key) and _same_place(point, item, tokens, token)
            if alternative or (item.kind == COMPLEXITY and token.kind == COMPLEXITY):
                found.append(f"says '{token.text}' where the point has '{item.text}'")
                break
        else:
            found += _aligned_name(point, item, tokens)
    return found


def _same_place(point: PointClaim, item: Token, tokens: list[Token], other: Token) -> bool:
    """Whether ``other`` stands where the point has ``item``: two of the words around it (two on each side)
    are the same (one, when the point has only one word beside it)."""
    content = point.reading.content
    given = [t for t in tokens if t.content]
    at = next(i for i, t in enumerate(content) if t.key == item.key)
    there = next(i for i, t in enumerate(given) if t.start == other.start)
    near_mine = {content[j].key for j in range(max(0, at - 2), min(len(content), at + 3)) if j != at}
    near_theirs = {given[j].key for j in range(max(0, there - 2), min(len(given), there + 3)) if j != there}
    return len(near_mine & near_theirs) >= min(2, len(near_mine)) > 0


def _aligned_name(point: PointClaim, item: Token, tokens: list[Token]) -> list[str]:
    """A name the answer puts exactly where the point has another one ("WMT En-Fr" for "WMT En-De")."""
    if item.kind != NAME or len(item.key) < 2:
        return []
    content = point.reading.content
    at = next(i for i, t in enumerate(content) if t.key == item.key)
    given = [t for t in tokens if t.content]
    point_keys = point.keys
    for offset in (-1, 1):
        if not 0 <= at + offset < len(content) or content[at + offset].kind != "word":
            continue
        neighbour = content[at + offset].key
        for i, token in enumerate(given):
            j = i - offset
            if token.key == neighbour and 0 <= j < len(given):
                other = given[j]
                if other.kind == NAME and other.key not in point_keys and other.key not in lexicon.KIND_NAMES:
                    return [f"says '{other.text}' where the point has '{item.text}'"]
    return []


def _number_conflicts(point: PointClaim, tokens: list[Token]) -> list[str]:
    """Another number where the point gives one: same unit or scale, or counting the same thing."""
    numbers = [t for t in tokens if t.kind == NUMBER]
    wanted = [t for t in point.items if t.kind == NUMBER]
    spare = [n for n in numbers if not any(same_number(w, n) for w in wanted)]
    found: list[str] = []
    for item in wanted:
        if any(same_number(item, n) for n in numbers):
            continue
        item_bound = _bound_word(point.reading.tokens, item)
        for other in spare:
            alike = item.unit and item.unit == other.unit or item.scale > 1 and other.scale == item.scale
            counts_same = item_bound is not None and item_bound == _bound_word(tokens, other)
            if alike or counts_same:
                found.append(f"says '{other.text}' where the point has '{item.text}'")
                break
    return found


def _bound_word(tokens: Sequence[Token], number: Token) -> str | None:
    """The word a number counts: the next content word ("17B active"), else the one before it."""
    at = next((i for i, t in enumerate(tokens) if t.start == number.start), None)
    if at is None:
        return None
    for step in (1, -1):
        seen = 0
        i = at + step
        while 0 <= i < len(tokens) and seen < 3:
            token = tokens[i]
            if token.kind == PUNCT and token.text not in "/-":
                break
            if token.content and token.kind != NUMBER:
                return token.key
            seen += token.kind != NUMBER
            i += step
    return None


def _role_swaps(point: PointClaim, tokens: list[Token]) -> list[str]:
    """What the point says of one name said of another; numbers counting each other's words."""
    found: list[str] = []
    wanted = [t for t in point.items if t.kind == NUMBER]
    numbers = [t for t in tokens if t.kind == NUMBER]
    given = [
        (w, next(n for n in numbers if same_number(w, n)))
        for w in wanted
        if any(same_number(w, n) for n in numbers)
    ]
    for (w1, n1), (w2, n2) in pairs(given):
        b1, b2 = _bound_word(point.reading.tokens, w1), _bound_word(point.reading.tokens, w2)
        if b1 and b2 and b1 != b2 and _bound_word(tokens, n1) == b2 and _bound_word(tokens, n2) == b1:
            found.append(f"swaps '{w1.text}' and '{w2.text}'")
    mine, theirs = spheres(point.reading.tokens), spheres(tokens)
    light = reader().light
    for a, b in pairs([k for k in mine if k in theirs]):
        only_a = mine[a] - mine[b] - light
        only_b = mine[b] - mine[a] - light
        cross = len(only_a & theirs[b] - theirs[a]) + len(only_b & theirs[a] - theirs[b])
        straight = len(only_a & theirs[a]) + len(only_b & theirs[b])
        if cross >= 2 and cross > straight:
            found.append(f"swaps what the point says of '{_said(a, tokens)}' and '{_said(b, tokens)}'")
    for a in [k for k in mine if k in theirs]:
        for other in [k for k in theirs if k not in mine and reader().conflicts(a, k)]:
            own = mine[a] - light
            moved = len(own & theirs[other] - theirs[a])
            said_of_a = theirs[a] - light
            if moved >= 2 and moved > len(own & theirs[a]) and said_of_a and _apart(tokens, a, other):
                found.append(f"says of '{_said(other, tokens)}' what the point says of '{_said(a, tokens)}'")
    found += _reversed_relation(point.reading.tokens, tokens)
    found += _moved_numbers(point, tokens)
    return found


def _moved_numbers(point: PointClaim, tokens: list[Token]) -> list[str]:
    """A number the point gives one name said of another name of the point ("Maverick has 16 experts" for
    "Maverick has 128 experts, Scout 16")."""
    mine, theirs = _number_owners(point.reading.tokens), _number_owners(tokens)
    anchors = set(mine.values())
    for item in (t for t in point.items if t.kind == NUMBER):
        owner = mine.get(number_key(item))
        said = next((t for t in tokens if t.kind == NUMBER and same_number(item, t)), None)
        other = theirs.get(number_key(said)) if said is not None else None
        if owner and other and other != owner and other in anchors and reader().conflicts(owner, other):
            named, owned = _said(other, tokens), _said(owner, point.reading.tokens)
            return [f"says '{item.text}' of '{named}', where the point says it of '{owned}'"]
    return []


def _number_owners(tokens: Sequence[Token]) -> dict[str, str]:
    """Each number with the anchor (name) it is said of."""
    return {k: anchor for anchor, keys in spheres(tokens).items() for k in keys if k.startswith("#")}


def _apart(tokens: list[Token], a: str, b: str) -> bool:
    """Whether two keys stand in different clauses (split at ``,``, ``;`` and clause words)."""
    clause = 0
    where: dict[str, int] = {}
    for token in tokens:
        if token.text in ",;" or token.text.lower() in lexicon.CLAUSE_BREAKS:
            clause += 1
        where.setdefault(token.key, clause)
    return a in where and b in where and where[a] != where[b]


def _reversed_relation(mine: list[Token], theirs: list[Token]) -> list[str]:
    """Two alternatives (the policy and the reward model) in the other order around the same relation
    words: "optimizes the policy to maximize reward" read as "optimizes the reward model to maximize the
    policy". Only words found between the two and nowhere else count as the relation ("Scout 16 experts,
    Maverick 128 experts" has none), and a comparison ("A more than B") is left to the polarity check."""
    r = reader()
    if any(_compares(tokens) for tokens in (mine, theirs)):
        return []
    first_mine = _first_positions(mine)
    first_theirs = _first_positions(theirs)
    keys = [k for k in first_mine if k in first_theirs and k in r.entities]
    for a, b in pairs(keys):
        if not r.conflicts(a, b):
            continue
        (pa, pb), (qa, qb) = (first_mine[a], first_mine[b]), (first_theirs[a], first_theirs[b])
        if (pa < pb) == (qa < qb):
            continue
        relation_mine = _only_between(mine, min(pa, pb), max(pa, pb)) - {a, b}
        relation_theirs = _only_between(theirs, min(qa, qb), max(qa, qb)) - {a, b}
        if relation_mine & relation_theirs:
            return [f"swaps the roles of '{_said(a, theirs)}' and '{_said(b, theirs)}'"]
    return []


def _said(key: str, tokens: Sequence[Token]) -> str:
    """How a key is written in the text (its first token), for a reason the user reads."""
    return next((t.text for t in tokens if t.key == key), key)


def _only_between(tokens: list[Token], start: int, end: int) -> set[str]:
    inside = keys_of(t for t in tokens[start + 1 : end] if t.content)
    outside = keys_of(t for t in tokens[:start] + tokens[end + 1 :] if t.content)
    return inside - outside


def _compares(tokens: list[Token]) -> bool:
    lowered = [t.text.lower() for t in tokens]
    return any(
        tuple(lowered[i : i + len(m)]) == m for m in lexicon.ORDER_MARKERS for i in range(len(lowered))
    )


def _first_positions(tokens: list[Token]) -> dict[str, int]:
    first: dict[str, int] = {}
    for i, token in enumerate(tokens):
        if token.content:
            first.setdefault(token.key, i)
    return first


def spheres(tokens: Sequence[Token]) -> dict[str, set[str]]:
    """Each anchor (a name or a term of a group of alternatives) with the words said of it."""
    r = reader()
    content = [t for t in tokens if t.content]
    anchors = [
        i
        for i, t in enumerate(content)
        if (t.kind == NAME and t.key not in lexicon.CONCEPT_NAMES and t.key not in r.contrast)
        or t.key in r.entities
    ]
    owned: dict[str, set[str]] = {content[i].key: set() for i in anchors}
    if len(owned) < 1:
        return {}
    position = {t.start: n for n, t in enumerate(tokens)}
    for i, token in enumerate(content):
        if i in anchors:
            continue
        before = [a for a in anchors if a < i]
        after = [a for a in anchors if a > i]
        next_to = after and position[content[after[0]].start] == position[token.start] + 1
        if token.kind in {NUMBER, COMPLEXITY} and next_to:  # "the 175B GPT-3": a size before its name
            owner = after[0]
        elif before:
            owner = before[-1]
        else:
            owner = after[0]
        key = number_key(token) if token.kind == NUMBER else token.key
        owned[content[owner].key].add(key)
    return owned


def _from_to(point: PointClaim, tokens: list[Token]) -> list[str]:
    """ "from A to B" in the point read as "from B to A" in the answer."""
    ends = _from_to_ends(point.reading.tokens)
    if ends is None:
        return []
    first, second = ends
    lowered = [t.text.lower() for t in tokens]
    if "from" not in lowered or "to" not in lowered:
        return []
    at_first = _find(tokens, first)
    at_second = _find(tokens, second)
    if at_first is None or at_second is None or at_first < at_second:
        return []
    between = lowered[at_second:at_first]
    if "to" in between and "from" in lowered[:at_second]:
        return [f"reverses 'from {first.text} to {second.text}'"]
    return []


def _from_to_ends(tokens: list[Token]) -> tuple[Token, Token] | None:
    """The two ends of "from A to B" (or of "A to B" between two numbers with a unit: "17.9% to 58%")."""
    lowered = [t.text.lower() for t in tokens]
    if "to" not in lowered:
        return None
    middle = lowered.index("to")
    if "from" in lowered[:middle]:
        start = lowered.index("from")
        first = next((t for t in tokens[start:middle] if t.kind in ANCHOR_KINDS), None)
    else:
        before = tokens[middle - 1] if middle else None
        first = before if before is not None and before.kind == NUMBER and before.unit else None
    second = next((t for t in tokens[middle:] if t.kind in ANCHOR_KINDS), None)
    if first is None or second is None or (first.kind == NUMBER) != (second.kind == NUMBER):
        return None
    return first, second


def _find(tokens: list[Token], wanted: Token) -> int | None:
    for i, token in enumerate(tokens):
        if wanted.kind == NUMBER and token.kind == NUMBER and same_number(wanted, token):
            return i
        if wanted.kind != NUMBER and token.key == wanted.key:
            return i
    return None
