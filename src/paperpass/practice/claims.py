"""Reading a reference point or an answer into tokens, clauses and sentences the hint judge can compare.

A :class:`Reading` keeps each token's place in the original text (so evidence is quoted exactly) and what
it is for matching:

- a **name** (``DPO``, ``GPT-3``, ``Scout``, ``En-De``, the ``Q``/``K``/``V`` projections), compared by its
  canonical spelling ("direct preference optimization" reads as ``dpo``);
- a **number** with its scale and unit (``175B`` = ``175 billion``, ``15%`` = ``fifteen percent``, ``2-4x`` =
  ``two to four times``);
- a **complexity** (``O(n^2)`` = quadratic, ``linear time`` = ``O(n)``);
- a **word**, stemmed and mapped to its synonym group (``costly`` reads as ``expensive``);
- a **negator** (``not``, ``n't``, ``never``, ``without``...), a relation **marker** (``instead of``,
  ``than``, ``over``, ``from``/``to``), a stop word or punctuation.

Sentences split at ``.``, ``!``, ``?``; clauses split at ``;`` and at words such as ``but``, ``while``,
``whereas`` (and ``, so``, ``, which``), so that each clause is judged for its own polarity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from paperpass.practice import lexicon

WORD = "word"
NAME = "name"
NUMBER = "number"
COMPLEXITY = "complexity"
NEGATOR = "negator"
MARKER = "marker"
STOP = "stop"
PUNCT = "punct"
CONTENT_KINDS = frozenset((WORD, NAME, NUMBER, COMPLEXITY))
ANCHOR_KINDS = frozenset((NAME, NUMBER, COMPLEXITY))


@dataclass(frozen=True, slots=True)
class Token:
    """One token: where it stands in the text and what it is matched by.

    Attributes:
        text: the token as written.
        start: offset of its first character in the text.
        end: offset just after its last character.
        key: what it is compared by (a stem or synonym group, a canonical name, ``num``, ``cx:n2``).
        kind: one of ``word``, ``name``, ``number``, ``complexity``, ``negator``, ``marker``, ``stop``,
            ``punct``.
        value: a number's value, scale applied (``175B`` = 1.75e11).
        unit: a number's unit (``%``, ``x``, ``gb``) or "".
        decimals: digits after the point as written (17.9 has 1), for rounding.
        scale: the scale a number was written with (1e9 for ``175B``), 1 without one.
    """

    text: str
    start: int
    end: int
    key: str
    kind: str
    value: float = 0.0
    unit: str = ""
    decimals: int = 0
    scale: float = 1.0

    @property
    def content(self) -> bool:
        """Whether the token carries meaning of its own (a word, name, number or complexity)."""
        return self.kind in CONTENT_KINDS


@dataclass(frozen=True)
class Clause:
    """A run of tokens judged for one polarity."""

    tokens: tuple[Token, ...]

    @property
    def start(self) -> int:
        """Offset of the clause's first character."""
        return self.tokens[0].start

    @property
    def end(self) -> int:
        """Offset just after the clause's last character."""
        return self.tokens[-1].end

    @property
    def content(self) -> list[Token]:
        """The clause's content tokens."""
        return [t for t in self.tokens if t.content]


@dataclass(frozen=True)
class Sentence:
    """A sentence: its clauses, and whether it asks rather than states."""

    clauses: tuple[Clause, ...]
    question: bool

    @property
    def tokens(self) -> list[Token]:
        """Every token of the sentence."""
        return [t for c in self.clauses for t in c.tokens]

    @property
    def start(self) -> int:
        """Offset of the sentence's first character."""
        return self.clauses[0].start

    @property
    def end(self) -> int:
        """Offset just after the sentence's last character."""
        return self.clauses[-1].end


@dataclass(frozen=True)
class Reading:
    """A text read into sentences, clauses and tokens."""

    text: str
    sentences: tuple[Sentence, ...] = field(default_factory=tuple)

    @property
    def tokens(self) -> list[Token]:
        """Every token, in order."""
        return [t for s in self.sentences for t in s.tokens]

    @property
    def content(self) -> list[Token]:
        """The content tokens, in order."""
        return [t for t in self.tokens if t.content]

    def span(self, start: int, end: int) -> str:
        """The original text between two offsets."""
        return self.text[start:end]


# Raw pieces: a complexity, a number, a word (hyphenated, with an apostrophe), an abbreviation, a symbol.
_RAW = re.compile(
    r"(?P<cx>\b[Oo]\s*\(\s*[^()]{1,24}?\s*\))"
    r"|(?P<abbr>\b(?:e\.g\.|i\.e\.|etc\.|vs\.|cf\.|et al\.))"
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_]*(?:['’][A-Za-z]+)?(?:-[A-Za-z0-9_]+)*(?:['’]s)?)"
    r"|(?P<punct>[^\sA-Za-z0-9])"
)
_SENTENCE_END = frozenset(".!?")
_NOMINAL = ("ity", "ities", "ness", "tion", "tions", "ment", "ments", "ance", "ence")
_MARKER_WORDS = frozenset(w for m in (*lexicon.ORDER_MARKERS, lexicon.FROM_TO) for w in m)
_CLAUSE_PUNCT = frozenset(";")
_FAMILIES = frozenset((
    "llama", "gpt", "mamba", "claude", "gemini", "palm", "qwen", "mistral", "deepseek", "flashattention",
    "phi", "gemma", "falcon", "jamba", "bert", "t5", "opt", "bloom", "o", "r",
))  # fmt: skip
_LINEAR_AFTER = frozenset((
    "time", "in", "cost", "costs", "memory", "complexity", "scaling", "compute", "while", "whereas",
    "with", "and", "attention", "runtime", "growth", "space",
))  # fmt: skip
_LINEAR_BEFORE = frozenset(("is", "are", "be", "runs", "run", "scale", "scales", "grows", "grow", "stays",
                            "remains", "becomes", "become", "being", "was", "purely"))  # fmt: skip


@dataclass
class _Raw:
    text: str
    start: int
    end: int
    kind: str  # cx, abbr, num, word, punct
    before: str = ""  # the characters between the previous piece and this one, as written

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")


def _raw_pieces(text: str) -> list[_Raw]:
    pieces = _split_pieces(text)
    for previous, piece in zip(pieces, pieces[1:], strict=False):
        piece.before = text[previous.end : piece.start]
    return pieces


def _split_pieces(text: str) -> list[_Raw]:
    pieces: list[_Raw] = []
    for m in _RAW.finditer(text):
        kind = m.lastgroup or "punct"
        start, end = m.span()
        word = m.group()
        if kind == "word" and "-" in word and not _name_like(word):
            offset = start
            for part in word.split("-"):
                pieces.append(_Raw(part, offset, offset + len(part), "word"))
                offset += len(part) + 1
            continue
        pieces.append(_Raw(word, start, end, kind))
    return pieces


def _name_like(word: str) -> bool:
    """A name by its spelling: capitals inside it (DPO, InstructGPT, En-De), digits among letters (GPT-3)."""
    letters = [c for c in word if c.isalpha()]
    if any(c.isdigit() for c in word) and letters:
        return True
    parts = [p for p in re.split(r"[-_']", word) if p]
    return any(len(p) > 1 and (p.isupper() or any(c.isupper() for c in p[1:])) for p in parts)


def _complexity_key(inner: str) -> str:
    text = inner.lower().replace(" ", "").replace("²", "^2").replace("**", "^").replace("³", "^3")
    text = text.replace("·", "").replace("*", "")
    if text in {"1", "c", "const"}:
        return "cx:1"
    if text in {"n", "l", "t", "nd", "n·d", "dn", "ld", "nk"}:
        return "cx:n"
    if text in {"n^2", "nn", "l^2", "t^2", "n^2d", "dn^2", "l^2d", "n2"}:
        return "cx:n2"
    if text in {"nlogn", "nlog(n)", "llogl"}:
        return "cx:nlogn"
    if text in {"n^3", "n3"}:
        return "cx:n3"
    if text in {"logn", "log(n)"}:
        return "cx:logn"
    return f"cx:{text}"


def _is_sentence_start(pieces: list[_Raw], index: int) -> bool:
    for back in range(index - 1, -1, -1):
        prev = pieces[back]
        if prev.kind == "punct" and prev.text in "\"'“”‘’([*-•":
            continue
        return prev.kind == "punct" and prev.text in ".!?:;"
    return True


class _Reader:
    """Turns raw pieces into tokens; built once (the lexicon's stems and phrase tables)."""

    def __init__(self) -> None:
        import snowballstemmer

        self._stemmer: Any = snowballstemmer.stemmer("english")
        self._stems: dict[str, str] = {}
        self._reach: dict[frozenset[str], frozenset[str]] = {}
        self.nominal: set[str] = (
            set()
        )  # stems of nouns such as "security" (no "in-" antonym: "insecure code")
        self.synonyms: dict[str, str] = {}  # a group's head word's stem -> the group
        self.exact: dict[str, str] = {}  # a member word and its inflections -> the group
        self.phrases: dict[tuple[str, ...], str] = {}
        for group in lexicon.SYNONYMS:
            head = self.stem(group[0])
            self.synonyms.setdefault(head, head)
            for member in group:
                words = tuple(member.replace("-", " ").split())
                if len(words) > 1:
                    self.phrases.setdefault(words, head)
                    continue
                for form in _inflections(words[0]):
                    self.exact.setdefault(form, head)
        self.groups = frozenset(self.synonyms)
        self.aliases: dict[tuple[str, ...], str] = {}
        for phrase, target in lexicon.ALIASES:
            self.aliases[tuple(phrase.replace("-", " ").split())] = target
        self.longest = max(len(k) for k in [*self.phrases, *self.aliases])
        self.known_names = lexicon.NAMES
        self.opposites: dict[str, set[str]] = {}
        for a, b in lexicon.OPPOSITES:
            ka, kb = self.word_key(a), self.word_key(b)
            self.opposites.setdefault(ka, set()).add(kb)
            self.opposites.setdefault(kb, set()).add(ka)
        self.contrast: dict[str, set[int]] = {}
        for number, group in enumerate(lexicon.CONTRASTS):
            for member in group:
                self.contrast.setdefault(self.term_key(member), set()).add(number)
        self.entities = frozenset(self.term_key(m) for group in lexicon.ENTITIES for m in group)
        self.keep = self.word_key("keep")
        self.remove = self.word_key("remove")
        self.light = frozenset(self.word_key(w) for w in lexicon.LIGHT_WORDS)

    def alternatives(self, key: str) -> set[str]:
        """The other members of the groups of alternatives ``key`` belongs to."""
        groups = self.contrast.get(key, set())
        return {k for k, g in self.contrast.items() if g & groups and k != key} if groups else set()

    def reach(self, keys: frozenset[str]) -> frozenset[str]:
        """Keys, their opposites and their alternatives (cached per set of keys)."""
        found = self._reach.get(keys)
        if found is None:
            wider = set(keys) | {o for k in keys for o in self.opposites.get(k, set())}
            found = frozenset(wider | {m for k in wider for m in self.alternatives(k)})
            if len(self._reach) < 20_000:
                self._reach[keys] = found
        return found

    def conflicts(self, a: str, b: str) -> bool:
        """Whether two keys are alternatives of one group (Scout and Maverick, days and weeks)."""
        return a != b and bool(self.contrast.get(a, set()) & self.contrast.get(b, set()))

    def stem(self, word: str) -> str:
        """The Snowball stem of a lower-case word (cached)."""
        stem = self._stems.get(word)
        if stem is None:
            stem = str(self._stemmer.stemWord(word))
            if len(self._stems) < 100_000:
                self._stems[word] = stem
        return stem

    def word_key(self, word: str) -> str:
        """The key a single word is matched by: its synonym group, else its stem."""
        lowered = word.lower()
        if lowered in self.exact:
            return self.exact[lowered]
        stem = self.stem(lowered)
        if lowered.endswith(_NOMINAL):
            self.nominal.add(stem)
        return stem

    def term_key(self, term: str) -> str:
        """The key a lexicon term is matched by (a name, an alias target, a phrase or a word)."""
        words = tuple(term.replace("-", " ").split())
        if words in self.aliases:
            return self.aliases[words]
        if len(words) > 1 or term in self.known_names or _name_like(term):
            return term
        return self.word_key(term)

    def read(self, text: str) -> Reading:
        """Read a text into sentences, clauses and tokens."""
        tokens = list(self._tokens(text))
        return Reading(text, tuple(_sentences(tokens)))

    def _tokens(self, text: str) -> list[Token]:
        pieces = _raw_pieces(text)
        tokens: list[Token] = []
        i = 0
        while i < len(pieces):
            token, used = self._token_at(pieces, i)
            i += used
            if token is not None:
                tokens.append(token)
        return _ranges(tokens)

    def _token_at(self, pieces: list[_Raw], i: int) -> tuple[Token | None, int]:
        piece = pieces[i]
        if piece.kind == "cx":
            inner = piece.text[piece.text.index("(") + 1 : -1]
            return Token(piece.text, piece.start, piece.end, _complexity_key(inner), COMPLEXITY), 1
        if piece.kind == "abbr":
            return Token(piece.text, piece.start, piece.end, piece.lower, STOP), 1
        if piece.kind == "num":
            return _number(pieces, i)
        if piece.kind == "punct":
            return self._punct(pieces, i)
        for reader in (_shape, _spelled_number, self._complexity_words, self._phrase):
            found = reader(pieces, i)
            if found[0] is not None:
                return found
        return self._word(pieces, i)

    def _punct(self, pieces: list[_Raw], i: int) -> tuple[Token | None, int]:
        piece = pieces[i]
        if piece.text == "+" and i + 1 < len(pieces) and pieces[i + 1].kind == "num":
            return Token(piece.text, piece.start, piece.end, self.word_key("better"), WORD), 1  # "+6% over"
        if piece.text in "-−–" and i + 1 < len(pieces) and pieces[i + 1].kind == "num":
            before = pieces[i - 1] if i else None
            if before is None or before.text in "^(" or before.end < piece.start:
                token, used = _number(pieces, i + 1)
                if token is not None and before is not None and before.text == "^":
                    return _negated(token, piece.start), used + 1
        if piece.text in "*/" and _between_math(pieces, i):
            key = self.word_key("multiply" if piece.text == "*" else "divide")
            return Token(piece.text, piece.start, piece.end, key, WORD), 1  # "Q K^T / sqrt(d_k)"
        return Token(piece.text, piece.start, piece.end, piece.text, PUNCT), 1

    def _complexity_words(self, pieces: list[_Raw], i: int) -> tuple[Token | None, int]:
        word = pieces[i].lower
        nxt = pieces[i + 1].lower if i + 1 < len(pieces) else ""
        prev = pieces[i - 1].lower if i else ""
        start, end = pieces[i].start, pieces[i].end
        if word in {"quadratic", "quadratically"}:
            return Token(pieces[i].text, start, end, "cx:n2", COMPLEXITY), 1
        if word == "linearly" or (word == "linear" and (nxt in _LINEAR_AFTER or nxt in ".,;)" or not nxt
                                                     or prev in _LINEAR_BEFORE)):  # fmt: skip
            return Token(pieces[i].text, start, end, "cx:n", COMPLEXITY), 1
        if word == "n" and nxt == "squared":
            return Token(_text(pieces, i, 2), start, pieces[i + 1].end, "cx:n2", COMPLEXITY), 2
        if word == "square" and prev in {"the", "with"} and nxt == "of":
            return Token(pieces[i].text, start, end, "cx:n2", COMPLEXITY), 1
        return None, 1

    def _phrase(self, pieces: list[_Raw], i: int) -> tuple[Token | None, int]:
        words: list[str] = []
        for j in range(i, min(len(pieces), i + self.longest * 2)):
            piece = pieces[j]
            if piece.kind == "punct" and piece.text in "/-" and words:
                continue
            if piece.kind not in {"word", "num"}:
                break
            words.append(piece.lower)
        for size in range(min(len(words), self.longest), 0, -1):
            key = tuple(words[:size])
            target = self.aliases.get(key) or (self.phrases.get(key) if size > 1 else None)
            if target is None:
                continue
            used = _pieces_for_words(pieces, i, size)
            text, end = _text(pieces, i, used), pieces[i + used - 1].end
            kind = (
                WORD
                if target in self.groups
                else NAME
                if target in self.known_names or len(target) <= 4
                else WORD
            )
            return Token(text, pieces[i].start, end, target, kind), used
        return None, 1

    def _word(self, pieces: list[_Raw], i: int) -> tuple[Token, int]:
        piece = pieces[i]
        lower = piece.lower
        if lower.endswith("'s"):
            lower = lower[:-2]
        nxt = pieces[i + 1].lower if i + 1 < len(pieces) else ""
        if lower in {"key", "value"} and nxt not in lexicon.KEY_NOT_PROJECTION and nxt != "of":
            return Token(piece.text, piece.start, piece.end, lower[0], NAME), 1
        if _negator(pieces, i):
            return Token(piece.text, piece.start, piece.end, "not", NEGATOR), 1
        if lower in lexicon.STOP_WORDS or lower in lexicon.NEGATORS:
            marker = lower in _MARKER_WORDS
            return Token(piece.text, piece.start, piece.end, lower, MARKER if marker else STOP), 1
        if self._is_name(pieces, i, lower):
            key, used = self._name_key(pieces, i, lower)
            key = self.aliases.get(tuple(key.replace("-", " ").split()), key)
            end = pieces[i + used - 1].end
            return Token(_text(pieces, i, used), piece.start, end, key, NAME), used
        return Token(piece.text, piece.start, piece.end, self.word_key(lower), WORD), 1

    def _is_name(self, pieces: list[_Raw], i: int, lower: str) -> bool:
        text = pieces[i].text
        if lower in self.exact:
            return False
        if _name_like(text) or lower in self.known_names or lower in _FAMILIES:
            return True
        if len(text) == 1:
            return text.isupper() and text not in {"A", "I"}
        return text[0].isupper() and not _is_sentence_start(pieces, i)

    def _name_key(self, pieces: list[_Raw], i: int, lower: str) -> tuple[str, int]:
        """A name's key and how many pieces it takes ("Llama 3.1" takes its version)."""
        key = lower.replace("_", "").strip("'")
        if re.fullmatch(r"[A-Z]{2,}s", pieces[i].text):
            key = key[:-1]  # RNNs, LLMs, GPUs
        family = key.split("-")[0]
        if family in _FAMILIES and "-" not in key and i + 1 < len(pieces):
            nxt = pieces[i + 1]
            if nxt.kind == "num" and nxt.start == pieces[i].end + 1 and _version(pieces, i + 1):
                return f"{key}-{nxt.text}", 2
        return key, 1


def _between_math(pieces: list[_Raw], i: int) -> bool:
    """Whether a ``/`` or ``*`` stands in a formula (between letters, numbers, brackets), not "A / B"."""
    if pieces[i].text == "*":
        return True
    before = pieces[i - 1] if i else None
    after = pieces[i + 1] if i + 1 < len(pieces) else None
    if before is None or after is None:
        return False
    math_before = (
        before.text in ")]" or (len(before.text) == 1 and before.text.isalnum()) or before.kind == "num"
    )
    math_after = (
        after.lower in {"sqrt", "("} or (len(after.text) == 1 and after.text.isalnum()) or after.kind == "num"
    )
    return math_before and math_after


def _shape(pieces: list[_Raw], i: int) -> tuple[Token | None, int]:
    """A matrix shape read as one name: "d x r", "n by n", "n×n" are ``d×r``, ``n×n``."""
    if i + 2 >= len(pieces) or len(pieces[i].text) != 1 or not pieces[i].text.isalpha():
        return None, 1
    link, other = pieces[i + 1], pieces[i + 2]
    if link.lower in {"x", "×", "by", "*"} and len(other.text) == 1 and other.text.isalpha():
        key = f"{pieces[i].lower}×{other.lower}"
        return Token(_text(pieces, i, 3), pieces[i].start, other.end, key, NAME), 3
    return None, 1


def _inflections(word: str) -> set[str]:
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing", word + "ly"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word[:-1] + "ed"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return forms


def _text(pieces: list[_Raw], i: int, used: int) -> str:
    """The text of pieces ``i`` to ``i + used - 1`` as written."""
    return pieces[i].text + "".join(pieces[k].before + pieces[k].text for k in range(i + 1, i + used))


def _pieces_for_words(pieces: list[_Raw], i: int, words: int) -> int:
    used = seen = 0
    for j in range(i, len(pieces)):
        used += 1
        if pieces[j].kind in {"word", "num"}:
            seen += 1
            if seen == words:
                break
    return used


def _version(pieces: list[_Raw], i: int) -> bool:
    """Whether a number after a model family name is its version ("Llama 3.1", not "Scout 16 experts")."""
    nxt = pieces[i + 1] if i + 1 < len(pieces) else None
    if nxt is not None and nxt.start == pieces[i].end and nxt.kind == "word":
        return False  # 405B, 8x: a size, not a version
    return float(pieces[i].text.replace(",", "")) < 20


def _negator(pieces: list[_Raw], i: int) -> bool:
    lower = pieces[i].lower
    if lower in {"free", "devoid"}:  # "free of the flaws", "devoid of meaning"
        return i + 1 < len(pieces) and pieces[i + 1].lower == "of"
    if not (lower in lexicon.NEGATORS or lower.endswith("n't") or lower == "cannot"):
        return False
    if lower in lexicon.FAIL_VERBS:
        return i + 1 < len(pieces) and pieces[i + 1].lower == "to"
    if i + 1 < len(pieces) and pieces[i + 1].text in ",.!;:" and lower in {"no", "not"}:
        return False  # "No, it has a critic": an interjection, not the claim's negation
    ahead = tuple(p.lower for p in pieces[i : i + 4])
    behind = tuple(p.lower for p in pieces[max(0, i - 1) : i + 3])
    return not any(ahead[: len(e)] == e or behind[: len(e)] == e for e in lexicon.NOT_NEGATION)


def _ranges(tokens: list[Token]) -> list[Token]:
    """The first number of a range takes the unit of the second: "2-4x" is 2x to 4x."""
    for i in range(len(tokens) - 2):
        first, link, second = tokens[i], tokens[i + 1], tokens[i + 2]
        if first.kind != NUMBER or second.kind != NUMBER or link.text.lower() not in {"-", "–", "to", "and"}:
            continue
        scale = second.scale if first.scale == 1 and first.value * second.scale <= second.value else 1
        if (not first.unit and second.unit) or scale != 1:
            tokens[i] = Token(first.text, first.start, first.end, first.key, NUMBER, first.value * scale,
                              first.unit or second.unit, first.decimals, first.scale * scale)  # fmt: skip
    return tokens


def _negated(token: Token, start: int) -> Token:
    value = -token.value
    return Token(
        token.text, start, token.end, token.key, token.kind, value, token.unit, token.decimals, token.scale
    )


def _number(pieces: list[_Raw], i: int) -> tuple[Token | None, int]:
    """A number with what follows it: a scale (B, billion), a unit (%, x, GB, times), read together."""
    digits = pieces[i].text.replace(",", "")
    value = float(digits)
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    used, unit, scale = 1, "", 1.0
    end = pieces[i].end
    while i + used < len(pieces):
        nxt = pieces[i + used]
        word = nxt.lower
        if nxt.kind == "num" or (nxt.start > end + 1):
            break
        if (
            word in lexicon.SCALES
            and scale == 1
            and (nxt.start == end or word in {"thousand", "million", "billion", "trillion", "millions"})
        ):
            scale = lexicon.SCALES[word]
        elif word in lexicon.UNITS and not unit:
            unit = lexicon.UNITS[word]
        elif word == "per" and i + used + 1 < len(pieces) and pieces[i + used + 1].lower == "cent":
            unit, used = "%", used + 1
        else:
            break
        end = pieces[i + used].end
        used += 1
    text = _text(pieces, i, used)
    return Token(text, pieces[i].start, end, "num", NUMBER, value * scale, unit, decimals, scale), used


def _spelled_number(pieces: list[_Raw], i: int) -> tuple[Token | None, int]:
    word = pieces[i].lower
    if word not in lexicon.NUMBER_WORDS:
        return None, 1
    value = float(lexicon.NUMBER_WORDS[word])
    nxt = pieces[i + 1].lower if i + 1 < len(pieces) else ""
    if word in {"one", "single"}:
        prev = pieces[i - 1].lower if i else ""
        if (
            nxt in lexicon.STOP_WORDS
            or not nxt.isalpha()
            or prev in {"the", "this", "that", "each", "no", "any"}
        ):
            return None, 1
    used = 1
    ahead = [p.lower for p in pieces[i + 1 : i + 4]]
    if ahead[:3] == ["and", "a", "half"]:
        value, used = value + 0.5, 4
    elif (
        nxt in lexicon.NUMBER_WORDS
        and nxt not in {"one", "single"}
        and lexicon.NUMBER_WORDS[nxt] < 10
        and value >= 20
    ):
        value, used = value + lexicon.NUMBER_WORDS[nxt], 2
    unit, scale = "", 1.0
    while i + used < len(pieces):
        nxt_word = pieces[i + used].lower
        if nxt_word in {"thousand", "million", "billion", "trillion"} and scale == 1:
            scale = lexicon.SCALES[nxt_word]
        elif nxt_word in lexicon.UNITS and not unit:
            unit = lexicon.UNITS[nxt_word]
        elif nxt_word == "per" and i + used + 1 < len(pieces) and pieces[i + used + 1].lower == "cent":
            unit, used = "%", used + 1
        else:
            break
        used += 1
    end = pieces[i + used - 1].end
    return Token(
        _text(pieces, i, used), pieces[i].start, end, "num", NUMBER, value * scale, unit, 0, scale
    ), used


def _sentences(tokens: list[Token]) -> Iterator[Sentence]:
    current: list[Token] = []
    for token in tokens:
        current.append(token)
        if token.kind == PUNCT and token.text in _SENTENCE_END:
            sentence = _sentence(current)
            if sentence is not None:
                yield sentence
            current = []
    sentence = _sentence(current)
    if sentence is not None:
        yield sentence


def _sentence(tokens: list[Token]) -> Sentence | None:
    if not any(t.content for t in tokens):
        return None
    clauses: list[Clause] = []
    current: list[Token] = []
    for index, token in enumerate(tokens):
        before = tokens[index - 1] if index else None
        breaks = token.text.lower() in lexicon.CLAUSE_BREAKS or (
            token.text.lower() in lexicon.COMMA_BREAKS and before is not None and before.text == ","
        )
        colon = token.text == ":" and len(current) >= 4  # "You don't need a big rank: 4 to 64 is enough"
        if (breaks or colon or (token.kind == PUNCT and token.text in _CLAUSE_PUNCT)) and any(
            t.content for t in current
        ):
            clauses.append(Clause(tuple(current)))
            current = []
        current.append(token)
    if current:
        if clauses and not any(t.content for t in current):
            clauses[-1] = Clause(clauses[-1].tokens + tuple(current))
        else:
            clauses.append(Clause(tuple(current)))
    question = tokens[-1].text == "?"
    return Sentence(tuple(clauses), question)


@lru_cache(maxsize=1)
def reader() -> _Reader:
    """The reader, built once per process (stemming the lexicon takes a few milliseconds)."""
    return _Reader()


@lru_cache(maxsize=4096)
def read(text: str) -> Reading:
    """Read ``text`` (cached: a reference point is read once however many answers are graded)."""
    return reader().read(text)
