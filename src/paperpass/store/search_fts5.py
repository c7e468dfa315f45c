"""The SQLite search backend (FTS5), in bounded time from a laptop library to a million papers.

A query over papers is answered in three steps, none of which ranks every match of a common word:

1. **Candidates**: the newest :data:`RANK_WINDOW` papers that match (FTS5 walks its index in rowid order
   and stops there). Filters on year and tags, and the library itself, are full-text clauses too, over
   the ``facets`` column (migrations 0006 and 0013; a tag by its last word, a library paper by
   :data:`LIBRARY_WORD`), so a selective filter costs about what a plain query does and a library search
   never walks the discovery index's matches; the exact SQL filter is applied as well (but for a closed
   year range and the library, which their clauses apply exactly), so results are never wider.
2. **Ranking** among the candidates: BM25 (title 10, authors 5, abstract 1). FTS5 computes a term's IDF
   by reading its whole document list once per query, tens of milliseconds for a word in half a million
   papers, whose IDF is near zero anyway. So clauses are weighted rarest first while the papers they are
   in add up to at most :data:`WEIGHTED_MAX_PAPERS` (:func:`search_ranking.weighted_clauses`); the
   others are matched but not weighted. With no clause left to weight, the papers with more of the words
   in their title come first (:func:`search_ranking.title_scores`). Ties go newest first. With at most
   :data:`RANK_WINDOW` matches and rare enough words (any library of fewer than
   :data:`WEIGHTED_MAX_PAPERS` papers), this is plain BM25 over every match.
3. **Snippets** of the hits shown, by FTS5's ``highlight()`` and ``snippet()``.

``search_terms`` counts the words of bulk-loaded papers (:mod:`paperpass.store.search_fts5_upkeep`):
prefix queries (``quant*``) stand for the :data:`MAX_EXPANSIONS` most frequent words that start so, found
in microseconds (FTS5's own prefix query first merges every matching word's document list), and the
counts rule out common words from weighting for free. Libraries small enough also look prefixes up in the
full-text index itself.

What stays costly: a phrase or AND of common words that rarely occur together makes FTS5 check every
paper holding them all (tens of milliseconds at a million papers).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from sqlalchemy import Connection, text

from paperpass.store import search_fts5_upkeep as upkeep
from paperpass.store import search_ranking as ranking
from paperpass.store.search_model import (
    RANK_WINDOW,
    Clause,
    Query,
    RankedPapers,
    SearchFilters,
    SearchTerm,
    StoredMatch,
)
from paperpass.store.search_sql import SqlParts, filter_sql, text_scope

WEIGHTED_MAX_PAPERS = 50_000
"""Clauses in more papers than this are matched but not weighted when ranking (see the module notes)."""
MAX_EXPANSIONS = 64
VOCAB_SCAN_MAX_PAPERS = 50_000
"""Up to this many papers, prefixes are also looked up in the full-text index's own vocabulary."""
TEXT_COLUMNS = "title authors abstract"
TOKENIZE = upkeep.TOKENIZE
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
_FIELD_COLUMNS = {"title": "title", "authors": "authors"}


def tags_exist(condition: str) -> str:
    """An EXISTS over the paper's tags (a JSON array), for :func:`search_sql.filter_sql`."""
    return f"EXISTS (SELECT 1 FROM json_each(p.tags) AS j WHERE {condition})"


# --- query rendering -------------------------------------------------------------------------------------


def expression(query: Query, columns: str | None = None) -> str | None:
    """The FTS5 MATCH expression for ``query``; None when it has no positive clause.

    ``columns`` (``"title authors abstract"``, say) limits the terms without a field to those columns.
    """
    positive = [_clause(c, columns) for c in query.positive if c.terms]
    if not positive:
        return None
    rendered = " AND ".join(positive)
    for clause in query.negative:
        rendered = f"({rendered}) NOT {_clause(clause, columns)}"
    return rendered


def any_of(clauses: Sequence[Clause], columns: str | None = None) -> str | None:
    """An expression matching what any of ``clauses`` matches (negated clauses read as positive)."""
    parts = [_clause(c, columns) for c in clauses if c.terms]
    return " OR ".join(parts) or None


def _clause(clause: Clause, columns: str | None) -> str:
    parts = [_term(t, columns) for t in clause.terms]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def _term(term: SearchTerm, columns: str | None = None) -> str:
    if term.expansions:
        rendered = "(" + " OR ".join(f'"{t}"' for t in term.expansions) + ")"
    else:
        rendered = '"' + " ".join(term.words) + '"' + ("*" if term.prefix else "")
    column = _FIELD_COLUMNS.get(term.field or "") or columns
    return f"{{{column}}} : {rendered}" if column else rendered


# --- filters as full-text clauses ------------------------------------------------------------------------


def _last_words(values: Iterable[str]) -> str | None:
    """``lg OR stat``: the last word of each tag (``cs.LG``: ``lg``), None if a tag has no word to look for.

    A tag's last word is its most specific: matching the whole tag as a phrase (``"cs lg"``) would make
    FTS5 walk the postings of ``cs``, nearly every paper, to check positions, for no fewer matches than
    the exact SQL filter leaves anyway."""
    words = []
    for value in values:
        found = ranking.WORD.findall(value.lower())
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
    exact = replace(filters, discovery=True)
    return exact if _years(filters) is None else replace(exact, year_from=None, year_to=None)


# --- the backend -----------------------------------------------------------------------------------------


class Fts5Backend:
    """Full-text search over SQLite's FTS5 tables (``papers_fts``, ``search_texts_fts``)."""

    name = "sqlite"
    bulk = upkeep.Fts5Load()

    def match_papers(
        self, conn: Connection, query: Query, filters: SearchFilters, limit: int
    ) -> RankedPapers:
        """The best-ranked papers whose title, authors or abstract match ``query``, with snippets."""
        counts = upkeep.term_counts(conn, (w for c in query.clauses for w in c.words))
        query = Query(tuple(self._expanded(conn, c, counts) for c in query.clauses))
        matching = expression(query, TEXT_COLUMNS)
        if matching is None:
            return RankedPapers()
        found = _candidates(conn, matching, filters)
        if not found:
            return RankedPapers()
        positive = query.positive
        holding = upkeep.papers_holding(conn, TEXT_COLUMNS, WEIGHTED_MAX_PAPERS)
        weighted = ranking.weighted_clauses(positive, counts, holding, WEIGHTED_MAX_PAPERS)
        weighted_expression = expression(Query(tuple(weighted)), TEXT_COLUMNS)
        if weighted_expression is not None:
            scores = _bm25(conn, weighted_expression, found)
        else:
            scores = _title_scores(conn, positive, found)
        best = sorted(found, key=lambda i: (-scores.get(i, 0.0), -i))[:limit]
        shown = expression(Query(positive), TEXT_COLUMNS) or matching
        snippets = _snippets(conn, shown, best)
        matches = [StoredMatch(i, "paper", "", *snippets.get(i, ("", "")), scores.get(i, 0.0)) for i in best]
        return RankedPapers(matches, len(found))

    def match_texts(
        self, conn: Connection, query: Query, filters: SearchFilters, limit: int
    ) -> list[StoredMatch]:
        """The best-ranked notes (of ``filters.user_id``), PDF pages and guide entries matching ``query``.

        Field-limited clauses (``title:``, ``author:``) apply to paper metadata only: a query needing one
        finds no text, and an excluded one is left out here.
        """
        if any(c.fielded for c in query.positive):
            return []
        matching = expression(Query(tuple(c for c in query.clauses if not c.fielded)))
        if matching is None:
            return []
        sql = text_scope(filters, tags_exist)
        sql.params.update(q=matching, limit=limit)
        rows = conn.execute(
            text(
                "SELECT t.paper_id, t.kind, t.ref, highlight(search_texts_fts, 0, char(2), char(3)), "
                "snippet(search_texts_fts, 1, char(2), char(3), '…', 32), "
                "bm25(search_texts_fts, 5.0, 1.0) AS rank "
                "FROM search_texts_fts JOIN search_texts t ON t.id = search_texts_fts.rowid "
                "LEFT JOIN papers p ON p.id = t.paper_id "
                f"WHERE search_texts_fts MATCH :q{sql.where} ORDER BY rank, t.id LIMIT :limit"
            ),
            sql.params,
        ).all()
        return [StoredMatch(r[0], r[1], r[2], r[3] or "", r[4] or "", -float(r[5])) for r in rows]

    def recent_papers(
        self, conn: Connection, filters: SearchFilters, limit: int, without: Query | None = None
    ) -> list[int]:
        """Ids of the most recently added papers that pass ``filters`` and match none of ``without``'s
        clauses, newest first."""
        sql = filter_sql(filters, tags_exist)
        sql.params["limit"] = limit
        excluded = any_of(without.clauses, TEXT_COLUMNS) if without is not None else None
        if excluded is not None:
            sql.clauses.append("p.id NOT IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH :excluded)")
            sql.params["excluded"] = excluded
        return _recent(conn, sql, filters)

    def rebuild(self, conn: Connection) -> None:
        """Rebuild the full-text indexes from their tables (and the words table, at scale)."""
        upkeep.rebuild_papers_index(conn, VOCAB_SCAN_MAX_PAPERS)
        conn.exec_driver_sql("INSERT INTO search_texts_fts(search_texts_fts) VALUES ('rebuild')")

    def optimize(self, conn: Connection) -> None:
        """Merge the papers' index segments into one (after a bulk load: faster queries)."""
        self.bulk.optimize(conn)

    def _expanded(self, conn: Connection, clause: Clause, counts: dict[str, int]) -> Clause:
        """The clause with each one-word prefix replaced by the words it stands for (at most
        :data:`MAX_EXPANSIONS`, the most frequent first), their papers counts noted in ``counts``. A prefix
        no known word starts with keeps FTS5's own prefix query."""
        terms = []
        for term in clause.terms:
            if term.prefix and len(term.words) == 1 and len(term.words[0]) >= 2:
                start = ranking.fold(term.words[0])
                found = upkeep.frequent_words(conn, start, MAX_EXPANSIONS)
                counts.update(found)
                options = list(found)
                if upkeep.library_size(conn) <= VOCAB_SCAN_MAX_PAPERS and len(options) < MAX_EXPANSIONS:
                    options += upkeep.indexed_words(conn, start, MAX_EXPANSIONS + 1)
                options = list(dict.fromkeys(options))
                if options and len(options) <= MAX_EXPANSIONS:
                    term = replace(term, expansions=tuple(options))
            terms.append(term)
        return replace(clause, terms=tuple(terms))


def _recent(conn: Connection, sql: SqlParts, filters: SearchFilters) -> list[int]:
    # The library newest first by its index (ix_papers_library); with the discovery index, by id.
    order = "p.id DESC" if filters.discovery else "p.discovery, p.created_at DESC, p.id DESC"
    query = f"SELECT p.id FROM papers p WHERE 1 = 1{sql.where} ORDER BY {order} LIMIT :limit"
    return [int(row[0]) for row in conn.execute(text(query), sql.params)]


def _and(matching: str, facets: str | None) -> str:
    return f"({matching}) AND {facets}" if facets else matching


def _id_list(ids: Iterable[int]) -> str:
    return ", ".join(str(int(i)) for i in ids)


def _candidates(conn: Connection, matching: str, filters: SearchFilters) -> list[int]:
    """The newest :data:`RANK_WINDOW` papers matching ``matching`` and passing ``filters``, newest first.

    The filters are full-text clauses over the facets too; those the clauses apply exactly are not
    checked again in SQL (which reads each match's row)."""
    rest = _beyond_facets(filters)
    sql = filter_sql(rest, tags_exist)
    sql.params.update(q=_and(matching, facet_expression(filters)), window=RANK_WINDOW)
    source = "papers_fts JOIN papers p ON p.id = papers_fts.rowid" if rest.active else "papers_fts"
    query = (
        f"SELECT papers_fts.rowid FROM {source} WHERE papers_fts MATCH :q{sql.where} "
        "ORDER BY papers_fts.rowid DESC LIMIT :window"
    )
    return [int(i) for (i,) in conn.execute(text(query), sql.params)]


def _title_scores(conn: Connection, clauses: Sequence[Clause], ids: list[int]) -> dict[int, float]:
    """How many of the query's words each of the papers ``ids`` has in its title (the ranking when no
    clause is weighted; a prefix counts once, as any of its expansions).

    Candidates close together (a common word's newest matches): one pass per word over its postings in
    their rowid range. Far apart (rarer matches over much of the library), such a pass would read most of
    a common word's postings, so the titles are read instead and their words compared, as FTS5 stems
    them, with the query's (:func:`search_ranking.title_scores`)."""
    groups = ranking.title_groups(clauses)
    scores: dict[int, float] = {}
    if not groups or not ids:
        return scores
    if (max(ids) - min(ids)) * len(groups) <= DENSE_SPAN * len(ids):
        for group in groups:
            in_title = Query((Clause((SearchTerm(group[:1], field="title", expansions=group),)),))
            for i, _ in _rows(conn, "NULL", expression(in_title) or "", ids):
                scores[i] = scores.get(i, 0.0) + 1.0
        return scores
    rows = conn.exec_driver_sql(f"SELECT id, title FROM papers WHERE id IN ({_id_list(ids)})").all()
    titles = {int(i): str(t or "") for i, t in rows}
    return ranking.title_scores(
        titles, groups, lambda word, vocabulary: upkeep.same_stem(conn, word, vocabulary)
    )


def _bm25(conn: Connection, matching: str, ids: list[int]) -> dict[int, float]:
    """BM25 of the candidates ``ids`` over ``matching`` (higher is better; none if it does not match),
    in one pass over their rowid range: a lookup per candidate would make FTS5 recompute every IDF."""
    found = _rows(conn, f"-{BM25}", matching, ids, by_id=False)
    return {i: float(v) for i, v in found if isinstance(v, float | int)}


def _snippets(conn: Connection, matching: str, ids: list[int]) -> dict[int, tuple[str, str]]:
    """The highlighted title and abstract snippet of each of the papers ``ids``."""
    abstract = f"snippet(papers_fts, 2, {MARKS}, '…', 32)"
    both = f"coalesce(highlight(papers_fts, 0, {MARKS}), '') || char(1) || coalesce({abstract}, '')"
    snippets = {}
    for i, value in _rows(conn, both, matching, ids):
        title, _, rest = str(value or "").partition("\x01")
        snippets[i] = (title, rest)
    return snippets


def _rows(
    conn: Connection, value: str, matching: str, ids: list[int], by_id: bool | None = None
) -> list[tuple[int, object]]:
    """``(rowid, value)`` for the papers ``ids`` that match ``matching``.

    Either one pass over the ids' rowid range (the value computed for the ids only), or a lookup per
    id, which seeks in every phrase's document list: cheaper when the ids are few and far apart.
    """
    if not ids:
        return []
    low, high = min(ids), max(ids)
    if by_id is None:
        by_id = (high - low) > SEEK_COST * len(ids) * max(1, matching.count('"') // 2)
    wanted = f"rowid IN ({_id_list(ids)})"
    if by_id:
        query = f"SELECT rowid, {value} FROM papers_fts WHERE papers_fts MATCH ? AND {wanted}"
        return [(int(i), v) for i, v in conn.exec_driver_sql(query, (matching,))]
    query = (
        f"SELECT rowid, {value} FROM papers_fts "
        f"WHERE papers_fts MATCH ? AND rowid BETWEEN ? AND ? AND +{wanted}"
    )
    return [(int(i), v) for i, v in conn.exec_driver_sql(query, (matching, low, high))]


FTS5 = Fts5Backend()
"""The SQLite backend (it holds no state)."""
