"""Reading a user's search query into terms, whatever they type.

The syntax is forgiving and never fails:

- ``attention heads`` — papers with both words (stemmed: ``heads`` also finds ``head``);
- ``"low-rank adaptation"`` — the words in this order (an unclosed quote runs to the end);
- ``quant*`` — any word starting with ``quant``;
- ``-vision`` — without the word ``vision``;
- ``title:lora``, ``author:hinton`` — in the title or the author list only;
- ``self-attention`` — a hyphenated word is the phrase ``"self attention"``.

Everything else (colons, brackets, operators like ``AND``/``NEAR``, stray quotes) is read as plain words:
only letters and digits reach the search back end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperpass.store.search import SearchTerm

MAX_TERMS = 32
"""Words beyond this are dropped: longer queries only slow the search down."""

_CHUNK = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")
_FIELDS = {"title": "title", "ti": "title", "author": "authors", "authors": "authors", "au": "authors"}


@dataclass(frozen=True)
class ParsedQuery:
    """A query as the search understands it: its terms, and the text they came from."""

    text: str
    terms: tuple[SearchTerm, ...]

    @property
    def empty(self) -> bool:
        """No positive term: the search lists recent papers instead."""
        return not any(not t.negated for t in self.terms)

    @property
    def words(self) -> list[str]:
        """Every positive word, for highlighting and semantic search."""
        return [w for t in self.terms if not t.negated for w in t.words]


def parse_query(text: str) -> ParsedQuery:
    """Turn whatever the user typed into search terms; never raises."""
    terms: list[SearchTerm] = []
    budget = MAX_TERMS
    for match in _CHUNK.finditer(text or ""):
        phrase, chunk = match.group(1), match.group(2)
        term = _phrase_term(phrase) if phrase is not None else _chunk_term(chunk)
        if term is None:
            continue
        words = term.words[:budget]
        budget -= len(words)
        terms.append(SearchTerm(words, term.prefix and words == term.words, term.negated, term.field))
        if budget <= 0:
            break
    return ParsedQuery(text=text or "", terms=tuple(terms))


def _phrase_term(phrase: str) -> SearchTerm | None:
    words = tuple(w.lower() for w in _WORD.findall(phrase))
    return SearchTerm(words) if words else None


def _chunk_term(chunk: str) -> SearchTerm | None:
    negated = chunk.startswith("-") and len(chunk) > 1
    body = chunk[1:] if negated else chunk
    field = None
    name, colon, rest = body.partition(":")
    if colon and name.lower() in _FIELDS and rest:
        field, body = _FIELDS[name.lower()], rest
    prefix = body.endswith("*")
    words = tuple(w.lower() for w in _WORD.findall(body))
    if not words:
        return None
    return SearchTerm(words, prefix=prefix, negated=negated, field=field)
