"""Ranking logic of the full-text search as pure functions (no SQL): folding words as the SQLite index
does, counting the words of papers, choosing which clauses to weight, scoring titles.

The SQLite backend (:mod:`paperpass.store.search_fts5`) asks its index the questions these functions
need answered (how many papers hold a word, which spellings share a stem) and hands them in as functions,
so each rule here is tested on its own.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from itertools import chain
from typing import Any

from paperpass.store.search_model import Clause, SearchTerm

WORD = re.compile(r"[^\W_]+")


def fold(word: str) -> str:
    """A word as the words table keeps it: lower-cased, accents removed (as the FTS5 tokenizer does)."""
    word = word.lower()
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def count_words(rows: Sequence[Mapping[str, Any]], sample: int = 1) -> Counter[str]:
    """About how many of ``rows`` (papers rows) hold each word of their title, authors or abstract.

    With ``sample`` > 1 (the bulk load) only every ``sample``-th abstract is read and its words counted
    ``sample`` times: titles and author lists name most words worth a prefix, and abstracts cost ten
    times as much to read. Counts are estimates (a word in a title and an abstract counts twice).
    """
    heads = [f"{r.get('title') or ''} {' '.join(map(str, r.get('authors') or []))}" for r in rows]
    bodies = [str(r.get("abstract") or "") for r in rows[::sample]]
    raw = Counter(chain.from_iterable(set(t.lower().split()) for t in heads))
    for token, n in Counter(chain.from_iterable(set(t.lower().split()) for t in bodies)).items():
        raw[token] += n * sample
    counts: Counter[str] = Counter()
    for token, n in raw.items():
        for word in _words_of(token):
            counts[word] += n
    return counts


_TOKENS: dict[str, tuple[str, ...]] = {}


def _words_of(token: str) -> tuple[str, ...]:
    """The folded words of a whitespace-separated token (remembered: the same tokens recur)."""
    found = _TOKENS.get(token)
    if found is None:
        if len(_TOKENS) >= 500_000:
            _TOKENS.clear()
        found = _TOKENS[token] = tuple(fold(word) for word in set(WORD.findall(token)))
    return found


def clause_rarity(clause: Clause, counts: Mapping[str, int]) -> int:
    """How common a clause is, for weighting rarest first: its rarest word's count."""
    return min((counts.get(fold(w), 0) for w in clause.words), default=0)


def weighted_clauses(
    clauses: Sequence[Clause], counts: Mapping[str, int], papers_holding: Callable[[str], int], budget: int,
) -> list[Clause]:  # fmt: skip
    """The clauses (reduced as below) worth weighting in BM25, rarest first, while the papers their
    weighted words are in add up to at most ``budget``.

    Weighting a word costs the index a pass over its papers (for its IDF). A phrase counts, and is
    weighted, as its rarest word (its candidates all hold the phrase: weighing the phrase itself would make
    the index match it in every paper); a prefix as the expansions taken (rarest first); a clause of
    alternatives (``a OR b``) only whole.

    Args:
        clauses: the positive clauses.
        counts: papers per folded word, as far as the words table knows (a word over ``budget`` there is
            ruled out without asking the index).
        papers_holding: how many papers the index says hold a word (it may stop counting past ``budget``).
        budget: the papers the weighted words may hold together.
    """
    kept: list[Clause] = []
    for clause in sorted(clauses, key=lambda c: clause_rarity(c, counts)):
        terms: list[SearchTerm] = []
        spent = 0
        for term in clause.terms:
            reduced, cost = _weighted_term(term, counts, papers_holding, budget - spent)
            if reduced is None:
                break
            terms.append(reduced)
            spent += cost
        if len(terms) == len(clause.terms) or (len(clause.terms) == 1 and terms):
            kept.append(replace(clause, terms=tuple(terms)))
            budget -= spent
    return kept


def _weighted_term(
    term: SearchTerm, counts: Mapping[str, int], papers_holding: Callable[[str], int], budget: int
) -> tuple[SearchTerm | None, int]:
    """The term as weighted within ``budget`` (None: it does not fit), and the papers it costs."""

    def cost(word: str, left: int) -> int | None:
        if counts.get(fold(word), 0) > left:  # the words table rules it out without asking the index
            return None
        held = papers_holding(word)
        return held if held <= left else None

    if term.expansions:
        rare, spent = [], 0
        for word in sorted(term.expansions, key=lambda e: counts.get(e, 0)):
            held = cost(word, budget - spent)
            if held is None:
                break
            rare.append(word)
            spent += held
        return (replace(term, expansions=tuple(rare)), spent) if rare else (None, 0)
    rarest = min(term.words, key=lambda w: counts.get(fold(w), 0))
    held = cost(rarest, budget)
    if held is None:
        return None, 0
    if len(term.words) > 1:  # weighing the phrase would match it in every paper
        last = rarest == term.words[-1]
        return replace(term, words=(rarest,), prefix=term.prefix and last), held
    return term, held


def title_groups(clauses: Sequence[Clause]) -> list[tuple[str, ...]]:
    """The word groups a title is scored by: each word of each term that may be in a title (a prefix is
    one group, any of its expansions), each group once."""
    groups: list[tuple[str, ...]] = []
    for clause in clauses:
        for term in clause.terms:
            if term.field in (None, "title"):
                groups += [term.expansions] if term.expansions else [(w,) for w in term.words]
    return list(dict.fromkeys(groups))


def title_scores(
    titles: Mapping[int, str],
    groups: Sequence[tuple[str, ...]],
    same_stem: Callable[[str, Sequence[str]], set[str]],
) -> dict[int, float]:
    """How many of ``groups`` each title holds (a word counts in any form sharing its stem).

    Args:
        titles: paper id -> title.
        groups: from :func:`title_groups`.
        same_stem: ``(query word, sorted folded vocabulary) -> the vocabulary's words of the same stem``.
    """
    folded = fold("\x00".join(str(t or "").replace("\x00", " ") for t in titles.values())).split("\x00")
    words = {i: frozenset(WORD.findall(title)) for i, title in zip(titles, folded, strict=True)}
    vocabulary = sorted(frozenset().union(*words.values())) if words else []
    scores: dict[int, float] = {}
    for group in groups:
        forms: set[str] = set()
        for word in group:
            forms |= same_stem(fold(word), vocabulary)
        for i, held in words.items():
            if not forms.isdisjoint(held):
                scores[i] = scores.get(i, 0.0) + 1.0
    return scores


def alike(vocabulary: Sequence[str], word: str, letters: int = 3) -> list[str]:
    """The words of a sorted ``vocabulary`` sharing ``word``'s first ``letters`` letters (the only ones that
    can share its stem, for the stems the index uses)."""
    start = word[:letters]
    return list(vocabulary[bisect_left(vocabulary, start) : bisect_left(vocabulary, start + "\U0010ffff")])
