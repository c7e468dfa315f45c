"""Reading a user's search query, whatever they type: one grammar, the same answers on every backend.

- ``attention heads`` — papers with both words (stemmed: ``heads`` also finds ``head``);
- ``lora OR qlora`` — either word (``OR`` in capitals; it joins the words on each side of it);
- ``"low-rank adaptation"`` — the words in this order (an unclosed quote runs to the end);
- ``quant*`` — any word starting with ``quant``;
- ``-vision`` or ``NOT vision`` — without the word ``vision`` (``-"vision transformer"``: the phrase);
- ``title:lora``, ``author:hinton`` — in the title or the author list only;
- ``self-attention`` — a hyphenated word is the phrase ``"self attention"``;
- ``AND`` in capitals is what two words mean anyway; a dangling ``AND``, ``OR`` or ``NOT`` is ignored.

Everything else (colons, brackets, ``NEAR/3``, stray quotes) is read as plain words: only letters and
digits reach a backend. Small words that carry no meaning (``the``, ``of``, ``over`` …: PostgreSQL's English
stop words) are left out of a query outside phrases, as PostgreSQL would, so SQLite answers alike.
A query with only exclusions (``-lora``) lists the recent papers without those words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paperpass.store.search_model import Clause, Query, SearchTerm

MAX_WORDS = 32
"""Words beyond this are dropped: longer queries only slow the search down."""
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her
    hers herself it its itself they them their theirs themselves what which who whom this that these those
    am is are was were be been being have has had having do does did doing a an the and but if or because
    as until while of at by for with about against between into through during before after above below to
    from up down in out on off over under again further then once here there when where why how all any
    both each few more most other some such no nor not only own same so than too very s t can will just
    don should now""".split()  # noqa: SIM905
)
"""PostgreSQL's English stop words (``english.stop``): its full-text search ignores them."""

_CHUNK = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")
_FIELDS = {"title": "title", "ti": "title", "author": "authors", "authors": "authors", "au": "authors"}


@dataclass(frozen=True)
class ParsedQuery:
    """A query as the search understands it, and the text it came from."""

    text: str
    query: Query
    left_out: tuple[str, ...] = ()
    """Small words (stop words) the query held and the search leaves out."""

    @property
    def empty(self) -> bool:
        """No positive clause: the search lists recent papers instead (without any excluded words)."""
        return not self.query.positive

    @property
    def words(self) -> list[str]:
        """Every positive word, for highlighting and meaning search."""
        return [w for c in self.query.positive for w in c.words]


@dataclass
class _Reading:
    """The clauses read so far, and what the previous token asks of the next term."""

    clauses: list[Clause]
    left_out: list[str] = field(default_factory=list)
    budget: int = MAX_WORDS
    join: bool = False
    negate: bool = False

    def add(self, term: SearchTerm, negated: bool) -> None:
        negated = negated or self.negate
        words = term.words[: self.budget]
        if not words:
            return
        self.budget -= len(words)
        term = SearchTerm(words, term.prefix and words == term.words, term.field)
        last = self.clauses[-1] if self.clauses else None
        if self.join and not negated and last is not None and not last.negated:
            self.clauses[-1] = Clause((*last.terms, term))
        else:
            self.clauses.append(Clause((term,), negated))
        self.join = self.negate = False


def parse_query(text: str) -> ParsedQuery:
    """Turn whatever the user typed into a :class:`Query`; never raises."""
    reading = _Reading([])
    for match in _CHUNK.finditer(text or ""):
        if reading.budget <= 0:
            break
        minus, phrase, chunk = match.group(1), match.group(2), match.group(3)
        if chunk in ("OR", "AND", "NOT"):
            reading.join = chunk == "OR" and bool(reading.clauses)
            reading.negate = chunk == "NOT"
            continue
        if phrase is not None:
            words = tuple(w.lower() for w in _WORD.findall(phrase))
            term, negated = (SearchTerm(words), bool(minus)) if words else (None, False)
        else:
            term, negated = _chunk_term(chunk)
            if term is None:
                reading.left_out += [w.lower() for w in _WORD.findall(chunk) if w.lower() in STOP_WORDS]
        if term is not None:
            reading.add(term, negated)
        else:
            reading.negate = False  # NOT before a word left out (a small word) applies to nothing
    return ParsedQuery(text or "", Query(tuple(reading.clauses)), tuple(dict.fromkeys(reading.left_out)))


def _chunk_term(chunk: str) -> tuple[SearchTerm | None, bool]:
    negated = chunk.startswith("-") and len(chunk) > 1
    body = chunk[1:] if negated else chunk
    field = None
    name, colon, rest = body.partition(":")
    if colon and name.lower() in _FIELDS and rest:
        field, body = _FIELDS[name.lower()], rest
    prefix = body.endswith("*")
    words = tuple(w.lower() for w in _WORD.findall(body))
    if len(words) == 1 and words[0] in STOP_WORDS:
        return None, negated
    if not words:
        return None, negated
    return SearchTerm(words, prefix=prefix, field=field), negated
