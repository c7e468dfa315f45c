"""Searching papers on SQLite (FTS5) in bounded time, from a laptop library to a million papers.

A query is answered in three steps, none of which ranks every match of a common word:

1. **Candidates**: the newest :data:`RANK_WINDOW` papers that match (FTS5 walks its index in rowid order
   and stops there). Filters on year and tags are full-text clauses too, over the ``facets`` column (see
   migration 0006; a tag by its last word), so a selective filter costs about what a plain query does;
   the exact SQL filter is applied as well (but for a closed year range, which its clause already applies
   exactly), so results are never wider than the filter.
2. **Ranking** among the candidates: BM25 (title 10, authors 5, abstract 1). FTS5 computes a term's IDF
   by reading its whole document list once per query, tens of milliseconds for a word in half a million
   papers, whose IDF is near zero anyway. So terms are weighted rarest first while the papers they are
   in add up to at most :data:`WEIGHTED_MAX_PAPERS`; the others are matched but not weighted. With no
   term left to weight, the papers with more of the words in their title come first. Ties go newest
   first. With at most :data:`RANK_WINDOW` matches and rare enough words (any library of fewer than
   :data:`WEIGHTED_MAX_PAPERS` papers), this is plain BM25 over every match.
3. **Snippets** of the hits shown, by FTS5's ``highlight()`` and ``snippet()``.

``search_terms`` counts the words of bulk-loaded papers (lower-cased, accents removed): prefix queries
(``quant*``) stand for the :data:`MAX_EXPANSIONS` most frequent words that start so, found in
microseconds (FTS5's own prefix query first merges every matching word's document list), and the counts
rule out common words from weighting for free. Papers written one at a time reach it at the next
``paperpass reindex``; libraries small enough also look prefixes up in the full-text index itself.

What stays costly: a phrase or AND of common words that rarely occur together makes FTS5 check every
paper holding them all (tens of milliseconds at a million papers).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import chain
from typing import Any

from sqlalchemy import Connection, text

from paperpass.store.search import (
    RANK_WINDOW,
    SearchFilters,
    SearchTerm,
    StoredMatch,
    filter_sql,
    fts5_expression,
)

WEIGHTED_MAX_PAPERS = 50_000
"""Terms in more papers than this are matched but not weighted when ranking (see the module notes)."""
MAX_EXPANSIONS = 64
VOCAB_SCAN_MAX_PAPERS = 50_000
"""Up to this many papers, prefixes are also looked up in the full-text index's own vocabulary."""
TEXT_COLUMNS = "title authors abstract"
TOKENIZE = "porter unicode61 remove_diacritics 2"
"""The full-text tokenizer (migration 0006's)."""
DENSE_SPAN = 100
"""Candidates spanning up to this many rowids each (per word) get title scores from the index (a pass
reads up to that many postings per candidate, about what reading the candidate's title costs)."""
BM25 = "bm25(papers_fts, 10.0, 5.0, 1.0, 0.0)"
MARKS = "char(2), char(3)"
MAX_YEAR_SPAN = 60
LIBRARY_WORD = "ylibrary"
"""The word a library paper's ``facets`` hold (not a discovery record's: migration 0013), so a search of
the library alone is a full-text clause and never walks the discovery index's matches."""
SEEK_COST = 2_000
"""How many rows of a range scan one document-list seek costs, about (see :func:`_rows`)."""
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
        found = _TOKENS[token] = tuple(fold(word) for word in set(_WORD.findall(token)))
    return found


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


def _last_words(values: Iterable[str]) -> str | None:
    """``lg OR stat``: the last word of each tag (``cs.LG``: ``lg``), None if a tag has no word to look for.

    A tag's last word is its most specific: matching the whole tag as a phrase (``"cs lg"``) would make
    FTS5 walk the postings of ``cs``, nearly every paper, to check positions, for no fewer matches than
    the exact SQL filter leaves anyway."""
    words = []
    for value in values:
        found = _WORD.findall(value.lower())
        if not found:
            return None
        words.append(found[-1])
    return " OR ".join(dict.fromkeys(words)) or None


def facet_expression(filters: SearchFilters) -> str | None:
    """Full-text clauses over the ``facets`` column matching (at least) the papers ``filters`` keep."""
    clauses: list[str | None] = []
    years = _years(filters)
    if years is not None:
        clauses.append(" OR ".join(f"y{year}" for year in years))
    clauses += [_last_words(filters.categories), _last_words(filters.tags)]
    if not filters.discovery:
        clauses.append(LIBRARY_WORD)
    return " AND ".join(f"{{facets}} : ({c})" for c in clauses if c) or None


def _years(filters: SearchFilters) -> range | None:
    """The years of ``filters``' range, if it is closed and short enough to be a facets clause."""
    low, high = filters.year_from, filters.year_to
    if low is not None and high is not None and 0 <= high - low <= MAX_YEAR_SPAN:
        return range(low, high + 1)
    return None


def _beyond_facets(filters: SearchFilters) -> SearchFilters:
    """The filters that :func:`facet_expression` does not apply exactly: all but a year range (a paper's
    year is one word of its facets, while tags are matched by their last words only) and the library
    (only library papers have :data:`LIBRARY_WORD`)."""
    exact = replace(filters, discovery=True)  # library papers alone have the library word
    return exact if _years(filters) is None else replace(exact, year_from=None, year_to=None)


# --- the query -------------------------------------------------------------------------------------------


def match_papers(
    conn: Connection, terms: Sequence[SearchTerm], filters: SearchFilters, limit: int
) -> list[StoredMatch]:
    """The best-ranked papers whose title, authors or abstract match ``terms``, with snippets."""
    counts = _term_counts(conn, (w for t in terms for w in t.words))
    terms = expand_prefixes(conn, terms, counts, _library_size(conn))
    expression = fts5_expression(terms, TEXT_COLUMNS)
    if expression is None:
        return []
    positive = [t for t in terms if not t.negated]
    ranking, bm25 = _ranking_expression(conn, positive, counts)
    found = _candidates(conn, expression, filters)
    if not found:
        return []
    scores = _bm25(conn, ranking, found) if bm25 else _title_scores(conn, positive, found)
    best = sorted(found, key=lambda i: (-scores.get(i, 0.0), -i))[:limit]
    shown = fts5_expression(positive, TEXT_COLUMNS) or expression
    snippets = _snippets(conn, shown, best)
    return [StoredMatch(i, "paper", "", *snippets.get(i, ("", "")), scores.get(i, 0.0)) for i in best]


def _and(expression: str, facets: str | None) -> str:
    return f"({expression}) AND {facets}" if facets else expression


def _id_list(ids: Iterable[int]) -> str:
    return ", ".join(str(int(i)) for i in ids)


def _candidates(conn: Connection, expression: str, filters: SearchFilters) -> list[int]:
    """The newest :data:`RANK_WINDOW` papers matching ``expression`` and passing ``filters``, newest first.

    The filters are full-text clauses over the facets too; those the clauses apply exactly are not
    checked again in SQL (which reads each match's row)."""
    rest = _beyond_facets(filters)
    sql = filter_sql("sqlite", rest)
    sql.params.update(q=_and(expression, facet_expression(filters)), window=RANK_WINDOW)
    source = "papers_fts JOIN papers p ON p.id = papers_fts.rowid" if rest.active else "papers_fts"
    query = (
        f"SELECT papers_fts.rowid FROM {source} WHERE papers_fts MATCH :q{sql.where} "
        "ORDER BY papers_fts.rowid DESC LIMIT :window"
    )
    return [int(i) for (i,) in conn.execute(text(query), sql.params)]


def _title_scores(conn: Connection, terms: Sequence[SearchTerm], ids: list[int]) -> dict[int, float]:
    """How many of the words of ``terms`` each of the papers ``ids`` has in its title (the ranking when no
    term is weighted; a prefix counts once, as any of its expansions).

    Candidates close together (a common word's newest matches): one pass per word over its postings in
    their rowid range. Far apart (rarer matches over much of the library), such a pass would read most of
    a common word's postings, so the titles are read instead and their words compared, as FTS5 stems
    them, with the query's (:func:`_same_stem`)."""
    groups: list[tuple[str, ...]] = []
    for term in terms:
        if term.field in (None, "title"):
            groups += [term.expansions] if term.expansions else [(w,) for w in term.words]
    groups = list(dict.fromkeys(groups))
    scores: dict[int, float] = {}
    if not groups or not ids:
        return scores
    if (max(ids) - min(ids)) * len(groups) <= DENSE_SPAN * len(ids):
        for group in groups:
            clause = fts5_expression([SearchTerm(group[:1], field="title", expansions=group)])
            for i, _ in _rows(conn, "NULL", clause or "", ids):
                scores[i] = scores.get(i, 0.0) + 1.0
        return scores
    rows = conn.exec_driver_sql(f"SELECT id, title FROM papers WHERE id IN ({_id_list(ids)})").all()
    folded = fold("\x00".join(str(t or "").replace("\x00", " ") for _, t in rows)).split("\x00")
    titles = {int(i): frozenset(_WORD.findall(title)) for (i, _), title in zip(rows, folded, strict=True)}
    vocabulary = sorted(frozenset().union(*titles.values()))
    for group in groups:
        forms = _same_stem(conn, group, vocabulary)
        for i, words in titles.items():
            if not forms.isdisjoint(words):
                scores[i] = scores.get(i, 0.0) + 1.0
    return scores


_STEMS: dict[tuple[str, str], bool] = {}


def _same_stem(conn: Connection, group: Sequence[str], vocabulary: Sequence[str]) -> set[str]:
    """The words of ``vocabulary`` (folded, sorted) that FTS5 indexes as one of ``group``'s (``heads`` for
    ``head``).

    Words of one stem share their first letters; the few that share the first three with a query word
    are told apart by FTS5 itself, over a scratch table in memory (answers are remembered)."""
    forms: set[str] = set()
    for query in (fold(w) for w in group):
        start = query[:3]
        alike = vocabulary[bisect_left(vocabulary, start) : bisect_left(vocabulary, start + "\U0010ffff")]
        unknown = [w for w in alike if (query, w) not in _STEMS]
        if unknown:
            if len(_STEMS) > 200_000:
                _STEMS.clear()
            conn.exec_driver_sql(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.paperpass_stems "
                f"USING fts5(word, content='', tokenize='{TOKENIZE}')"
            )
            conn.exec_driver_sql(
                "INSERT INTO temp.paperpass_stems(rowid, word) VALUES (?, ?)", list(enumerate(unknown))
            )
            found = conn.exec_driver_sql(
                "SELECT rowid FROM temp.paperpass_stems WHERE paperpass_stems MATCH ?", (f'"{query}"',)
            ).scalars()
            same = {int(n) for n in found}
            conn.exec_driver_sql("INSERT INTO temp.paperpass_stems(paperpass_stems) VALUES ('delete-all')")
            _STEMS.update({(query, w): n in same for n, w in enumerate(unknown)})
        forms.update(w for w in alike if _STEMS[(query, w)])
    return forms


def _ranking_expression(
    conn: Connection, terms: Sequence[SearchTerm], counts: Mapping[str, int]
) -> tuple[str, bool]:
    """What to rank by: BM25 over the terms worth weighting, else the papers with the words in their title.

    Weighting a term costs FTS5 a pass over its papers (for its IDF), so terms are taken rarest first
    while the papers they hold add up to at most :data:`WEIGHTED_MAX_PAPERS`; a phrase counts, and is
    weighted, as its rarest word (its candidates all hold the phrase: weighing the phrase itself would make
    FTS5 match it in every paper), a prefix as the expansions taken (rarest first). Returns (MATCH,
    whether BM25).
    """
    budget, kept = WEIGHTED_MAX_PAPERS, []
    for term in sorted(terms, key=lambda t: min(counts.get(fold(w), 0) for w in t.words)):
        if term.expansions:
            rare = []
            for word in sorted(term.expansions, key=lambda e: counts.get(e, 0)):
                budget, ok = _spend(conn, word, counts, budget)
                if not ok:
                    break
                rare.append(word)
            if rare:
                kept.append(replace(term, expansions=tuple(rare)))
        else:
            rarest = min(term.words, key=lambda w: counts.get(fold(w), 0))
            budget, ok = _spend(conn, rarest, counts, budget)
            if ok and len(term.words) > 1:  # weighing the phrase would match it in every paper
                last = rarest == term.words[-1]
                kept.append(replace(term, words=(rarest,), prefix=term.prefix and last))
            elif ok:
                kept.append(term)
    weighted = fts5_expression(kept, TEXT_COLUMNS)
    if weighted is not None:
        return weighted, True
    return f"{{title}} : ({fts5_expression(terms, TEXT_COLUMNS)})", False


_PAPERS_CACHE: dict[tuple[str, int, str], int] = {}


def _spend(conn: Connection, word: str, counts: Mapping[str, int], budget: int) -> tuple[int, bool]:
    """Charge ``budget`` with the papers ``word`` (as FTS5 stems it) is in; (budget left, whether it fit).

    ``search_terms`` counts the word as written, which rules out most common words for free; the rest are
    counted in the index, up to the budget (and remembered: library size, to the 10,000, and word).
    """
    if counts.get(fold(word), 0) > budget:
        return budget, False
    key = (str(conn.engine.url), _library_size(conn) // 10_000, word)
    if key not in _PAPERS_CACHE:
        if len(_PAPERS_CACHE) > 10_000:
            _PAPERS_CACHE.clear()
        _PAPERS_CACHE[key] = int(
            conn.exec_driver_sql(
                "SELECT count(*) FROM (SELECT 1 FROM papers_fts WHERE papers_fts MATCH ? LIMIT ?)",
                (f'{{{TEXT_COLUMNS}}} : "{word}"', WEIGHTED_MAX_PAPERS + 1),
            ).scalar_one()
        )
    held = _PAPERS_CACHE[key]
    return (budget - held, True) if held <= budget else (budget, False)


def _library_size(conn: Connection) -> int:
    return int(conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM papers").scalar_one())


def _bm25(conn: Connection, expression: str, ids: list[int]) -> dict[int, float]:
    """BM25 of the candidates ``ids`` over ``expression`` (higher is better; none if it does not match),
    in one pass over their rowid range: a lookup per candidate would make FTS5 recompute every IDF."""
    found = _rows(conn, f"-{BM25}", expression, ids, by_id=False)
    return {i: float(v) for i, v in found if isinstance(v, float | int)}


def _snippets(conn: Connection, expression: str, ids: list[int]) -> dict[int, tuple[str, str]]:
    """The highlighted title and abstract snippet of each of the papers ``ids``."""
    abstract = f"snippet(papers_fts, 2, {MARKS}, '…', 32)"
    both = f"coalesce(highlight(papers_fts, 0, {MARKS}), '') || char(1) || coalesce({abstract}, '')"
    snippets = {}
    for i, value in _rows(conn, both, expression, ids):
        title, _, rest = str(value or "").partition("\x01")
        snippets[i] = (title, rest)
    return snippets


def _rows(
    conn: Connection, value: str, expression: str, ids: list[int], by_id: bool | None = None
) -> list[tuple[int, object]]:
    """``(rowid, value)`` for the papers ``ids`` that match ``expression``.

    Either one pass over the ids' rowid range (the value computed for the ids only), or a lookup per
    id, which seeks in every phrase's document list: cheaper when the ids are few and far apart.
    """
    if not ids:
        return []
    low, high = min(ids), max(ids)
    if by_id is None:
        by_id = (high - low) > SEEK_COST * len(ids) * max(1, expression.count('"') // 2)
    wanted = f"rowid IN ({_id_list(ids)})"
    if by_id:
        query = f"SELECT rowid, {value} FROM papers_fts WHERE papers_fts MATCH ? AND {wanted}"
        return [(int(i), v) for i, v in conn.exec_driver_sql(query, (expression,))]
    query = (
        f"SELECT rowid, {value} FROM papers_fts "
        f"WHERE papers_fts MATCH ? AND rowid BETWEEN ? AND ? AND +{wanted}"
    )
    return [(int(i), v) for i, v in conn.exec_driver_sql(query, (expression, low, high))]
