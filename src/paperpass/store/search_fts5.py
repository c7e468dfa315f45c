"""Searching papers on SQLite (FTS5) in bounded time, from a laptop library to a million papers.

A query is answered in three steps, none of which touches every match of a common word:

1. **Candidates**: the newest :data:`RANK_WINDOW` papers that match (FTS5 walks its index in rowid order
   and stops there). Filters on year and tags are full-text clauses too, over the ``facets`` column (see
   migration 0006), so a selective filter costs no more than a plain query; the exact SQL filter is
   applied as well, so results are never wider than the filter.
2. **Ranking**: BM25 (title 10, authors 5, abstract 1) among the candidates. FTS5 computes a term's IDF by
   reading its whole document list once per query, which takes tens of milliseconds for a word in
   half a million papers; such a word says little about relevance anyway (its IDF is near zero), so a
   term found in more than :data:`WEIGHTED_MAX_PAPERS` papers (per :data:`search_terms`) is matched but
   not weighted. When no term is left to weight, papers with the words in their title come first.
   Ties, and papers of equal weight, go newest first.
3. **Snippets** for the hits shown, by FTS5's ``highlight()`` and ``snippet()``.

A library with fewer than :data:`RANK_WINDOW` matches is ranked exactly as before: all matches, full BM25.

``search_terms`` holds every word of bulk-loaded papers (lower-cased, accents removed) with how many
papers hold it: prefix queries (``quant*``) stand for the :data:`MAX_EXPANSIONS` most frequent words
that start so, found in microseconds (FTS5's own prefix query merges every matching word's document list
first). Papers written one at a time reach it at the next ``paperpass reindex``; libraries small enough
also look the prefix up in the full-text index itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import chain
from typing import Any

from sqlalchemy import Connection, text

from paperpass.store.search import (
    SearchFilters,
    SearchTerm,
    StoredMatch,
    filter_sql,
    fts5_expression,
)

RANK_WINDOW = 1_000
"""Candidates ranked per query (the newest matches)."""
WEIGHTED_MAX_PAPERS = 50_000
"""Terms in more papers than this are matched but not weighted when ranking (see the module notes)."""
MAX_EXPANSIONS = 64
VOCAB_SCAN_MAX_PAPERS = 50_000
"""Up to this many papers, prefixes are also looked up in the full-text index's own vocabulary."""
TEXT_COLUMNS = "title authors abstract"
BM25 = "bm25(papers_fts, 10.0, 5.0, 1.0, 0.0)"
MAX_YEAR_SPAN = 60
_WORD = re.compile(r"[^\W_]+")


# --- the words table -------------------------------------------------------------------------------------


def fold(word: str) -> str:
    """A word as ``search_terms`` keeps it: lower-cased, accents removed (as the FTS5 tokenizer does)."""
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
        for word in set(_WORD.findall(token)):
            counts[fold(word)] += n
    return counts


def add_term_counts(conn: Connection, counts: Mapping[str, int]) -> None:
    """Add papers counts to ``search_terms`` (words longer than the column are left out)."""
    conn.exec_driver_sql(
        "INSERT INTO search_terms (term, papers) VALUES (?, ?) "
        "ON CONFLICT (term) DO UPDATE SET papers = papers + excluded.papers",
        [(w, n) for w, n in counts.items() if len(w) <= 200],
    )


def refresh_terms(conn: Connection, batch: int = 20_000) -> None:
    """Recount ``search_terms`` over every paper (``paperpass reindex``), if it is in use or needed."""
    papers = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM papers").scalar_one()
    in_use = conn.exec_driver_sql("SELECT 1 FROM search_terms LIMIT 1").scalar() is not None
    if not in_use and papers <= VOCAB_SCAN_MAX_PAPERS:
        return
    conn.exec_driver_sql("DELETE FROM search_terms")
    last = 0
    while True:
        rows = conn.exec_driver_sql(
            "SELECT id, title, authors, abstract FROM papers WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
        ).all()
        if not rows:
            return
        last = rows[-1][0]
        found = [{"title": r[1], "authors": [r[2]], "abstract": r[3]} for r in rows]
        add_term_counts(conn, count_words(found))


def rebuild_papers_index(conn: Connection) -> None:
    """Rebuild the papers' full-text index from the papers (and the words table, at scale)."""
    conn.exec_driver_sql("INSERT INTO papers_fts(papers_fts) VALUES ('delete-all')")
    conn.exec_driver_sql(
        "INSERT INTO papers_fts(rowid, title, authors, abstract, facets) "
        "SELECT id, title, authors, abstract, facets FROM papers_fts_source"
    )
    refresh_terms(conn)


def _term_counts(conn: Connection, words: Iterable[str]) -> dict[str, int]:
    wanted = sorted({fold(w) for w in words})
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    query = f"SELECT term, papers FROM search_terms WHERE term IN ({marks})"
    rows = conn.exec_driver_sql(query, tuple(wanted))
    return {str(t): int(n) for t, n in rows}


# --- prefixes --------------------------------------------------------------------------------------------


def expand_prefixes(
    conn: Connection, terms: Sequence[SearchTerm], counts: dict[str, int], library: int
) -> list[SearchTerm]:
    """Replace each one-word prefix by the words it stands for (at most :data:`MAX_EXPANSIONS`, the most
    frequent first), noting their papers counts in ``counts``. A prefix no known word starts with keeps
    FTS5's own prefix query."""
    expanded = []
    for term in terms:
        if term.prefix and len(term.words) == 1 and len(term.words[0]) >= 2:
            start = fold(term.words[0])
            found = conn.exec_driver_sql(
                "SELECT term, papers FROM search_terms WHERE term >= ? AND term < ? "
                "ORDER BY papers DESC, term LIMIT ?",
                (start, start + "\U0010ffff", MAX_EXPANSIONS),
            ).all()
            counts.update({str(t): int(n) for t, n in found})
            options = [str(t) for t, _ in found]
            if library <= VOCAB_SCAN_MAX_PAPERS and len(options) < MAX_EXPANSIONS:
                options += _vocabulary(conn, start, MAX_EXPANSIONS + 1)
            options = list(dict.fromkeys(options))
            if options and len(options) <= MAX_EXPANSIONS:
                term = replace(term, expansions=tuple(options))
        expanded.append(term)
    return expanded


def _vocabulary(conn: Connection, start: str, limit: int) -> list[str]:
    rows = conn.exec_driver_sql(
        "SELECT term FROM papers_fts_vocab WHERE term >= ? AND term < ? LIMIT ?",
        (start, start + "\U0010ffff", limit),
    ).scalars()
    return [str(t) for t in rows]


# --- filters as full-text clauses ------------------------------------------------------------------------


def _phrases(values: Iterable[str]) -> str | None:
    """``"cs lg" OR "stat"``: each tag's words as a phrase; None if a tag has no words to look for."""
    phrases = []
    for value in values:
        words = _WORD.findall(value.lower())
        if not words:
            return None
        phrases.append('"' + " ".join(words) + '"')
    return " OR ".join(phrases) or None


def facet_expression(filters: SearchFilters) -> str | None:
    """Full-text clauses over the ``facets`` column matching (at least) the papers ``filters`` keep."""
    clauses: list[str | None] = []
    low, high = filters.year_from, filters.year_to
    if low is not None and high is not None and 0 <= high - low <= MAX_YEAR_SPAN:
        clauses.append(" OR ".join(f"y{year}" for year in range(low, high + 1)))
    clauses += [_phrases(filters.categories), _phrases(filters.tags)]
    return " AND ".join(f"{{facets}} : ({c})" for c in clauses if c) or None


# --- the query -------------------------------------------------------------------------------------------


def match_papers(
    conn: Connection, terms: Sequence[SearchTerm], filters: SearchFilters, limit: int
) -> list[StoredMatch]:
    """The best-ranked papers whose title, authors or abstract match ``terms``, with snippets."""
    library = int(conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM papers").scalar_one())
    counts = _term_counts(conn, (w for t in terms for w in t.words))
    terms = expand_prefixes(conn, terms, counts, library)
    expression = fts5_expression(terms, TEXT_COLUMNS)
    if expression is None:
        return []
    ids = _candidates(conn, expression, filters)
    if not ids:
        return []
    scores = _scores(conn, [t for t in terms if not t.negated], counts, ids)
    best = sorted(ids, key=lambda i: (-scores.get(i, 0.0), -i))[:limit]
    shown = fts5_expression([t for t in terms if not t.negated], TEXT_COLUMNS) or expression
    return [_with_snippets(conn, shown, paper_id, scores.get(paper_id, 0.0)) for paper_id in best]


def _candidates(conn: Connection, expression: str, filters: SearchFilters) -> list[int]:
    """The newest :data:`RANK_WINDOW` papers matching ``expression`` and passing ``filters``."""
    sql = filter_sql("sqlite", filters)
    facets = facet_expression(filters)
    sql.params.update(q=f"({expression}) AND {facets}" if facets else expression, window=RANK_WINDOW)
    source = "papers_fts JOIN papers p ON p.id = papers_fts.rowid" if filters.active else "papers_fts"
    query = (
        f"SELECT papers_fts.rowid FROM {source} WHERE papers_fts MATCH :q{sql.where} "
        "ORDER BY papers_fts.rowid DESC LIMIT :window"
    )
    return [int(r[0]) for r in conn.execute(text(query), sql.params)]


def _weighted(terms: Sequence[SearchTerm], counts: Mapping[str, int]) -> list[SearchTerm]:
    """The terms worth weighting: those (and the prefix expansions) in few enough papers."""
    kept = []
    for term in terms:
        if term.expansions:
            rare = tuple(e for e in term.expansions if counts.get(e, 0) <= WEIGHTED_MAX_PAPERS)
            if rare:
                kept.append(replace(term, expansions=rare))
        elif min(counts.get(fold(w), 0) for w in term.words) <= WEIGHTED_MAX_PAPERS:
            kept.append(term)
    return kept


def _scores(
    conn: Connection, terms: Sequence[SearchTerm], counts: Mapping[str, int], ids: list[int]
) -> dict[int, float]:
    """Scores of the candidates: BM25 over the weighted terms, else 1 for a match in the title."""
    weighted = _weighted(terms, counts)
    if weighted:
        expression, rank = fts5_expression(weighted, TEXT_COLUMNS), BM25
    else:
        expression, rank = f"{{title}} : ({fts5_expression(terms, TEXT_COLUMNS)})", "-1.0"
    wanted = set(ids)
    rows = conn.execute(
        text(
            f"SELECT rowid, {rank} FROM papers_fts WHERE papers_fts MATCH :q AND rowid BETWEEN :low AND :high"
        ),
        {"q": expression, "low": min(ids), "high": max(ids)},
    )
    return {int(i): -float(r) for i, r in rows if i in wanted}


def _with_snippets(conn: Connection, expression: str, paper_id: int, score: float) -> StoredMatch:
    title, abstract = conn.execute(
        text(
            "SELECT highlight(papers_fts, 0, char(2), char(3)), "
            "snippet(papers_fts, 2, char(2), char(3), '…', 32) FROM papers_fts "
            "WHERE papers_fts MATCH :q AND papers_fts.rowid = :id"
        ),
        {"q": expression, "id": paper_id},
    ).one()
    return StoredMatch(paper_id, "paper", "", title or "", abstract or "", score)
