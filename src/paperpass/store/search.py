"""Full-text search queries: FTS5 on SQLite, ``tsvector`` + GIN on PostgreSQL, one API for both.

The user's query reaches this module already parsed into :class:`SearchTerm` values made only of word
characters, and is rendered here into the back end's own syntax, so no user text is ever spliced into an
FTS5 or ``tsquery`` expression. Snippets mark matched words with :data:`MARK_START` / :data:`MARK_END`.

Ranking: BM25 (FTS5's ``bm25()``, title weighted 10, authors 5, abstract 1) on SQLite, ``ts_rank`` over
weighted vectors (title A, authors B, abstract C) on PostgreSQL. A query matching more than
:data:`RANK_WINDOW` papers is ranked among its newest ``RANK_WINDOW`` matches, which keeps a one-word query
over a million papers within tens of milliseconds. SQLite's query path is :mod:`search_fts5`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, insert, select, text

from paperpass.store.db import json_text
from paperpass.store.tables import citation_links, papers, search_texts, search_vectors, utcnow

MARK_START = "\x02"
MARK_END = "\x03"
PG_NEWEST_SCAN = 5_000
"""PostgreSQL: papers checked newest first before asking the GIN index (see :func:`_postgres_papers`)."""
RANK_WINDOW = 1_000
"""Matches beyond this many (newest first) are not ranked: the query is too broad to rank them all fast.
The same on both back ends (SQLite: :mod:`paperpass.store.search_fts5`)."""
TEXT_KINDS = ("note", "page", "guide")
ABSTRACT_OR_EMPTY = "coalesce(p.abstract, '')"


@dataclass(frozen=True)
class SearchTerm:
    """One clause of a query: a word, a phrase (several words in order) or a prefix.

    ``words`` hold only letters and digits; ``field`` limits the clause to ``title`` or ``authors``.
    """

    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False
    field: str | None = None
    expansions: tuple[str, ...] = ()
    """For a one-word prefix on SQLite: the indexed terms it stands for (see :func:`expand_prefixes`)."""


@dataclass(frozen=True)
class SearchFilters:
    """What a result must satisfy besides matching. Empty values filter nothing."""

    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    has_notes: bool | None = None
    paper_ids: frozenset[int] | None = None
    user_id: int = -1
    """Whose notes and statuses count: set by ``search.engine.search`` to the viewer's (-1: nobody's)."""

    @property
    def active(self) -> bool:
        """Whether any filter applies."""
        return bool(
            self.categories or self.tags or self.statuses or self.year_from is not None
            or self.year_to is not None or self.has_notes is not None or self.paper_ids is not None
        )  # fmt: skip


@dataclass(frozen=True)
class StoredMatch:
    """A matching document: a paper's metadata (``kind='paper'``) or a note, PDF page or guide entry."""

    paper_id: int | None
    kind: str
    ref: str
    title: str
    snippet: str
    score: float


@dataclass
class _Sql:
    """WHERE clauses and their bound parameters, built up clause by clause."""

    clauses: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def bind_list(self, prefix: str, values: Iterable[Any]) -> str:
        names = []
        for n, value in enumerate(values):
            self.params[f"{prefix}{n}"] = value
            names.append(f":{prefix}{n}")
        return ", ".join(names) or "NULL"

    @property
    def where(self) -> str:
        return "".join(f" AND {c}" for c in self.clauses)


# --- query rendering -------------------------------------------------------------------------------------

_FTS5_COLUMNS = {"title": "title", "authors": "authors"}


def fts5_expression(terms: Sequence[SearchTerm], columns: str | None = None) -> str | None:
    """The FTS5 MATCH expression for ``terms``; None when no positive term is left.

    ``columns`` (``"title authors abstract"``, say) limits the terms without a field to those columns.
    """
    positive = [_fts5_clause(t, columns) for t in terms if not t.negated and t.words]
    if not positive:
        return None
    expression = " AND ".join(positive)
    for term in terms:
        if term.negated and term.words:
            expression = f"({expression}) NOT {_fts5_clause(term, columns)}"
    return expression


def _fts5_clause(term: SearchTerm, columns: str | None = None) -> str:
    if term.expansions:
        clause = "(" + " OR ".join(f'"{t}"' for t in term.expansions) + ")"
    else:
        clause = '"' + " ".join(term.words) + '"' + ("*" if term.prefix else "")
    column = _FTS5_COLUMNS.get(term.field or "") or columns
    return f"{{{column}}} : {clause}" if column else clause


_TS_WEIGHTS = {"title": "A", "authors": "B"}


def tsquery_expression(terms: Sequence[SearchTerm]) -> str | None:
    """The ``to_tsquery`` text for ``terms``; None when no positive term is left."""
    positive = [_ts_clause(t) for t in terms if not t.negated and t.words]
    if not positive:
        return None
    negative = [f"!{_ts_clause(t)}" for t in terms if t.negated and t.words]
    return " & ".join(positive + negative)


def _ts_clause(term: SearchTerm) -> str:
    weight = _TS_WEIGHTS.get(term.field or "", "")
    parts = []
    for n, word in enumerate(term.words):
        star = "*" if term.prefix and n == len(term.words) - 1 else ""
        label = star + weight
        parts.append(f"{word.lower()}:{label}" if label else word.lower())
    return "(" + " <-> ".join(parts) + ")"


# --- filters ---------------------------------------------------------------------------------------------


def _tags_exist(dialect: str, condition: str) -> str:
    if dialect == "sqlite":
        return f"EXISTS (SELECT 1 FROM json_each(p.tags) AS j WHERE {condition})"
    return f"EXISTS (SELECT 1 FROM jsonb_array_elements_text(p.tags) AS j(value) WHERE {condition})"


def filter_sql(dialect: str, filters: SearchFilters) -> _Sql:
    """The WHERE clauses (over ``papers p``) and parameters that apply ``filters``."""
    sql = _Sql(params={"uid": filters.user_id})
    if filters.categories:
        conditions = []
        for n, category in enumerate(filters.categories):
            sql.params[f"cat{n}"], sql.params[f"catp{n}"] = category, f"{category}.%"
            conditions.append(f"j.value = :cat{n} OR j.value LIKE :catp{n}")
        sql.clauses.append(_tags_exist(dialect, " OR ".join(conditions)))
    if filters.tags:
        sql.clauses.append(_tags_exist(dialect, f"j.value IN ({sql.bind_list('tag', filters.tags)})"))
    if filters.statuses:
        status = (
            "COALESCE((SELECT rs.status FROM reading_status rs"
            " WHERE rs.paper_id = p.id AND rs.user_id = :uid), 'to-read')"
        )
        sql.clauses.append(f"{status} IN ({sql.bind_list('st', filters.statuses)})")
    if filters.year_from is not None:
        sql.clauses.append("p.year >= :year_from")
        sql.params["year_from"] = filters.year_from
    if filters.year_to is not None:
        sql.clauses.append("p.year <= :year_to")
        sql.params["year_to"] = filters.year_to
    if filters.has_notes is not None:
        exists = "EXISTS (SELECT 1 FROM notes n WHERE n.paper_id = p.id AND n.user_id = :uid)"
        sql.clauses.append(exists if filters.has_notes else f"NOT {exists}")
    if filters.paper_ids is not None:
        sql.clauses.append(f"p.id IN ({sql.bind_list('pid', sorted(filters.paper_ids))})")
    return sql


# --- papers ----------------------------------------------------------------------------------------------


def match_papers(
    conn: Connection, terms: Sequence[SearchTerm], filters: SearchFilters, limit: int
) -> list[StoredMatch]:
    """The best-ranked papers whose title, authors or abstract match ``terms``, with snippets."""
    if conn.dialect.name == "sqlite":
        from paperpass.store import search_fts5

        return search_fts5.match_papers(conn, terms, filters, limit)
    expression = tsquery_expression(terms)
    return [] if expression is None else _postgres_papers(conn, expression, filters, limit)


def _headline(column: str, options: str = "MaxWords=40, MinWords=20, MaxFragments=2") -> str:
    marks = f'StartSel="{MARK_START}", StopSel="{MARK_END}", FragmentDelimiter=" … "'
    return f"ts_headline('english', {column}, q, '{marks}, {options}')"


def _postgres_papers(
    conn: Connection, expression: str, filters: SearchFilters, limit: int
) -> list[StoredMatch]:
    """The newest :data:`RANK_WINDOW` matches, ranked (headlines for the hits shown only).

    The planner cannot tell a common word from a rare one well enough to pick between walking the papers
    newest first (best when matches are many) and the GIN index (best when few), and a wrong pick costs a
    pass over the whole table. So the newest :data:`PG_NEWEST_SCAN` papers are checked first; if they do
    not hold enough matches, the GIN index (or, with a year range, the year index) gives the older ones.
    The matches are then ranked by looking them up by id (a second pass over the matches would again
    leave the planner to guess).
    """
    sql = filter_sql("postgresql", filters)
    sql.params.update(q=expression, window=RANK_WINDOW, newest=PG_NEWEST_SCAN)
    # Filters first: PostgreSQL keeps the written order of conditions of equal cost, and a year compared
    # first spares reading most rows' tsvector (a filtered query over 100,000 papers: 395 -> 93 ms).
    where = " AND ".join([*sql.clauses, "p.search_vector @@ q"])
    query = (
        "SELECT p.id FROM (SELECT * FROM papers ORDER BY id DESC LIMIT :newest) p, "
        f"to_tsquery('english', :q) q WHERE {where} ORDER BY p.id DESC LIMIT :window"
    )
    ids = [int(i) for i in conn.execute(text(query), sql.params).scalars()]
    oldest = conn.execute(
        text("SELECT min(id) FROM (SELECT id FROM papers ORDER BY id DESC LIMIT :newest) n"), sql.params
    ).scalar()
    if len(ids) < RANK_WINDOW and oldest is not None:
        sql.params.update(oldest=oldest, more=RANK_WINDOW - len(ids))
        query = (
            "WITH older AS MATERIALIZED (SELECT p.id FROM papers p, to_tsquery('english', :q) q "
            f"WHERE {where} AND p.id < :oldest) SELECT id FROM older ORDER BY id DESC LIMIT :more"
        )
        ids += [int(i) for i in conn.execute(text(query), sql.params).scalars()]
    if not ids:
        return []
    rows = conn.execute(
        text(
            "WITH ranked AS (SELECT p.id, ts_rank(p.search_vector, q, 1) AS score "
            "FROM papers p, to_tsquery('english', :q) q WHERE p.id = ANY(:ids) "
            "ORDER BY score DESC, p.id DESC LIMIT :limit) "
            f"SELECT ranked.id, ranked.score, {_headline('p.title', 'HighlightAll=true')}, "
            f"{_headline(ABSTRACT_OR_EMPTY)} "
            "FROM ranked JOIN papers p ON p.id = ranked.id, to_tsquery('english', :q) q "
            "ORDER BY ranked.score DESC, ranked.id DESC"
        ),
        {"q": expression, "ids": ids, "limit": limit},
    ).all()
    return [StoredMatch(r[0], "paper", "", r[2] or "", r[3] or "", float(r[1])) for r in rows]


# --- notes, PDF pages, guide text ------------------------------------------------------------------------


def match_texts(
    conn: Connection, terms: Sequence[SearchTerm], filters: SearchFilters, limit: int
) -> list[StoredMatch]:
    """The best-ranked notes (of ``filters.user_id``), PDF pages and guide entries matching ``terms``.

    Field-limited terms (``title:``, ``author:``) apply to paper metadata only, so they are left out here.
    """
    kept = [t for t in terms if t.field is None]
    if not kept or any(t.field for t in terms if not t.negated):
        return []
    sql = filter_sql(conn.dialect.name, filters)
    sql.params["limit"] = limit
    personal = ", ".join(f"'{kind}'" for kind in PERSONAL_KINDS)
    scope = f" AND (t.kind NOT IN ({personal}) OR t.ref = :uidtext)" + sql.where
    sql.params["uidtext"] = str(filters.user_id)
    if filters.active:
        scope += " AND t.paper_id IS NOT NULL"
    if conn.dialect.name == "sqlite":
        expression = fts5_expression(kept)
        if expression is None:
            return []
        sql.params["q"] = expression
        query = (
            "SELECT t.paper_id, t.kind, t.ref, highlight(search_texts_fts, 0, char(2), char(3)), "
            "snippet(search_texts_fts, 1, char(2), char(3), '…', 32), "
            "bm25(search_texts_fts, 5.0, 1.0) AS rank "
            "FROM search_texts_fts JOIN search_texts t ON t.id = search_texts_fts.rowid "
            "LEFT JOIN papers p ON p.id = t.paper_id "
            f"WHERE search_texts_fts MATCH :q{scope} ORDER BY rank, t.id LIMIT :limit"
        )
        rows = conn.execute(text(query), sql.params).all()
        return [StoredMatch(r[0], r[1], r[2], r[3] or "", r[4] or "", -float(r[5])) for r in rows]
    expression = tsquery_expression(kept)
    if expression is None:
        return []
    sql.params["q"] = expression
    query = (
        "WITH ranked AS (SELECT t.id, ts_rank(t.search_vector, q, 1) AS score "
        "FROM search_texts t LEFT JOIN papers p ON p.id = t.paper_id, to_tsquery('english', :q) q "
        f"WHERE t.search_vector @@ q{scope} ORDER BY score DESC, t.id LIMIT :limit) "
        f"SELECT t.paper_id, t.kind, t.ref, {_headline('t.title', 'HighlightAll=true')}, "
        f"{_headline('t.body')}, ranked.score "
        "FROM ranked JOIN search_texts t ON t.id = ranked.id, to_tsquery('english', :q) q "
        "ORDER BY ranked.score DESC, t.id"
    )
    rows = conn.execute(text(query), sql.params).all()
    return [StoredMatch(r[0], r[1], r[2], r[3] or "", r[4] or "", float(r[5])) for r in rows]


def recent_papers(conn: Connection, filters: SearchFilters, limit: int) -> list[int]:
    """Ids of the most recently added papers that pass ``filters``, newest first."""
    sql = filter_sql(conn.dialect.name, filters)
    sql.params["limit"] = limit
    query = f"SELECT p.id FROM papers p WHERE 1 = 1{sql.where} ORDER BY p.id DESC LIMIT :limit"
    return [int(row[0]) for row in conn.execute(text(query), sql.params)]


def replace_texts(conn: Connection, kind: str, paper_id: int, texts: Iterable[tuple[str, str, str]]) -> int:
    """Replace the indexed texts of one kind for a paper (its PDF pages, say).

    Args:
        conn: a connection in a transaction.
        kind: ``page`` (notes are indexed by triggers on the notes table).
        paper_id: the paper the texts belong to.
        texts: ``(ref, title, body)`` per document, e.g. ``("3", "Page 3", "...")``.

    Returns:
        How many documents are now indexed.
    """
    conn.execute(
        delete(search_texts).where((search_texts.c.kind == kind) & (search_texts.c.paper_id == paper_id))
    )
    return add_texts(conn, kind, ((paper_id, r, t, b) for r, t, b in texts))


def add_texts(conn: Connection, kind: str, texts: Iterable[tuple[int | None, str, str, str]]) -> int:
    """Index more documents of one kind: ``(paper_id, ref, title, body)`` each; returns how many."""
    rows = [{"paper_id": p, "kind": kind, "ref": r, "title": t, "body": b} for p, r, t, b in texts]
    if rows:
        conn.execute(insert(search_texts), rows)
    return len(rows)


PERSONAL_KINDS = ("note", "highlight")
"""Indexed texts that belong to one user (``ref`` is the user id): found by that user's searches only."""


def replace_personal_text(
    conn: Connection, kind: str, paper_id: int, user_id: int, title: str, body: str
) -> None:
    """Index one user's text of a kind about a paper (their highlights, say), replacing the one before;
    an empty ``body`` only removes it."""
    ref = str(user_id)
    conn.execute(
        delete(search_texts).where(
            (search_texts.c.kind == kind)
            & (search_texts.c.paper_id == paper_id)
            & (search_texts.c.ref == ref)
        )
    )
    if body:
        add_texts(conn, kind, [(paper_id, ref, title, body)])


def clear_texts(conn: Connection, kind: str) -> None:
    """Forget every indexed text of one kind."""
    conn.execute(delete(search_texts).where(search_texts.c.kind == kind))


def resync_notes(conn: Connection) -> int:
    """Copy every current note into the search texts again (the triggers keep them in step after that)."""
    clear_texts(conn, "note")
    result = conn.execute(
        text(
            "INSERT INTO search_texts (paper_id, kind, ref, title, body) "
            "SELECT paper_id, 'note', CAST(user_id AS TEXT), 'Notes', body FROM notes"
        )
    )
    return int(result.rowcount or 0)


def rebuild_fulltext(conn: Connection) -> None:
    """Rebuild the full-text indexes from their content tables (SQLite FTS5 'rebuild'; PostgreSQL REINDEX)."""
    if conn.dialect.name == "sqlite":
        from paperpass.store import search_fts5

        search_fts5.rebuild_papers_index(conn)
        conn.exec_driver_sql("INSERT INTO search_texts_fts(search_texts_fts) VALUES ('rebuild')")
    else:
        conn.exec_driver_sql("REINDEX INDEX ix_papers_search_vector")
        conn.exec_driver_sql("REINDEX INDEX ix_search_texts_search_vector")


def optimize_fulltext(conn: Connection) -> None:
    """Merge the FTS5 index segments after a bulk load (faster queries); ANALYZE on PostgreSQL."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("INSERT INTO papers_fts(papers_fts) VALUES ('optimize')")
    else:
        conn.exec_driver_sql("ANALYZE papers")


def text_counts(conn: Connection) -> dict[str, int]:
    """How many documents of each kind are indexed, papers included."""
    counts = {"paper": int(conn.execute(text("SELECT count(*) FROM papers")).scalar_one())}
    for kind, n in conn.execute(text("SELECT kind, count(*) FROM search_texts GROUP BY kind")):
        counts[str(kind)] = int(n)
    return counts


_BULK_COLUMNS = [c.name for c in papers.columns if c.name != "id"]
_JSON_COLUMNS = {"authors", "links", "tags"}
_STAGING = "paperpass_papers_load"


def insert_papers_bulk(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert many papers at once on PostgreSQL, skipping any whose slug or identifier is already stored.

    ``rows`` hold every ``papers`` column but ``id``; the ``tsvector`` columns follow by themselves. The
    rows are streamed with ``COPY`` into a temporary table (dropped at commit; its ``id`` numbers them)
    and moved into ``papers`` in their order by one ``INSERT ... SELECT ... ON CONFLICT DO NOTHING``:
    ``COPY`` cannot skip conflicts itself, and an ``INSERT`` per row costs a statement per row. The
    SQLite bulk path, which also keeps the full-text index in step, is :mod:`paperpass.store.search_bulk`.

    Returns:
        How many papers were new.
    """
    if not rows:
        return 0
    driver: Any = conn.connection.dbapi_connection
    columns = ", ".join(_BULK_COLUMNS)
    with driver.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_STAGING} (LIKE papers) ON COMMIT DROP")
        with cursor.copy(f"COPY {_STAGING} (id, {columns}) FROM STDIN") as copy:
            for n, row in enumerate(rows):
                copy.write_row(
                    [n] + [json_text(row[c]) if c in _JSON_COLUMNS else row[c] for c in _BULK_COLUMNS]
                )
        cursor.execute(
            f"INSERT INTO papers ({columns}) SELECT {columns} FROM {_STAGING} ORDER BY id "
            "ON CONFLICT DO NOTHING"
        )
        added = int(cursor.rowcount or 0)
        cursor.execute(f"TRUNCATE {_STAGING}")
    return added


# --- vectors for semantic search -------------------------------------------------------------------------


def save_vectors(conn: Connection, model: str, rows: Iterable[tuple[int, int, bytes]]) -> int:
    """Store embedding vectors ``(paper_id, chunk, float32 bytes)``, replacing those of the same chunks."""
    values = [{"paper_id": p, "chunk": c, "model": model, "vector": v} for p, c, v in rows]
    for paper_id in {v["paper_id"] for v in values}:
        conn.execute(
            delete(search_vectors).where(
                (search_vectors.c.paper_id == paper_id) & (search_vectors.c.model == model)
            )
        )
    if values:
        conn.execute(insert(search_vectors), values)
    return len(values)


def load_vectors(conn: Connection, model: str) -> list[tuple[int, int, bytes]]:
    """Every stored vector of a model: ``(paper_id, chunk, float32 bytes)``."""
    query = select(search_vectors.c.paper_id, search_vectors.c.chunk, search_vectors.c.vector).where(
        search_vectors.c.model == model
    )
    return [(int(p), int(c), bytes(v)) for p, c, v in conn.execute(query.order_by(search_vectors.c.id))]


def embedded_paper_ids(conn: Connection, model: str) -> set[int]:
    """Papers that have vectors of a model."""
    query = select(search_vectors.c.paper_id).where(search_vectors.c.model == model).distinct()
    return {int(p) for p in conn.execute(query).scalars()}


def page_texts(conn: Connection, paper_ids: Iterable[int]) -> dict[int, list[tuple[int, str]]]:
    """Indexed PDF page texts by paper: ``[(page, text), ...]`` in page order."""
    query = select(search_texts.c.paper_id, search_texts.c.ref, search_texts.c.body).where(
        (search_texts.c.kind == "page") & search_texts.c.paper_id.in_(list(paper_ids))
    )
    pages: dict[int, list[tuple[int, str]]] = {}
    for paper_id, ref, body in conn.execute(query):
        if str(ref).isdigit():
            pages.setdefault(int(paper_id), []).append((int(ref), str(body)))
    return {k: sorted(v) for k, v in pages.items()}


def guide_texts(conn: Connection) -> dict[int, str]:
    """The guide's text about each library paper it covers, by paper id."""
    query = select(search_texts.c.paper_id, search_texts.c.body).where(
        (search_texts.c.kind == "guide") & search_texts.c.paper_id.is_not(None)
    )
    return {int(p): str(b) for p, b in conn.execute(query)}


# --- citation links and the graph ------------------------------------------------------------------------


def save_citation_links(
    conn: Connection, paper_id: int, direction: str, others: Sequence[Mapping[str, Any]]
) -> int:
    """Replace what is known of a paper's references (``direction='references'``) or citing papers
    (``'cited-by'``): ``others`` hold ``key``, ``title``, ``year``, ``arxiv_id``, ``s2_id``."""
    where = (citation_links.c.paper_id == paper_id) & (citation_links.c.direction == direction)
    conn.execute(delete(citation_links).where(where))
    rows = {
        str(o["key"]): {
            "paper_id": paper_id, "direction": direction, "other_key": str(o["key"])[:100],
            "other_title": str(o.get("title") or ""), "other_year": o.get("year"),
            "other_arxiv_id": o.get("arxiv_id"), "other_s2_id": o.get("s2_id"), "created_at": utcnow(),
        }
        for o in others
        if o.get("key")
    }  # fmt: skip
    if rows:
        conn.execute(insert(citation_links), list(rows.values()))
    return len(rows)


def citation_rows(conn: Connection, paper_ids: Iterable[int]) -> list[RowMapping]:
    """Every stored citation link of some papers."""
    query = select(citation_links).where(citation_links.c.paper_id.in_(list(paper_ids)))
    return list(conn.execute(query.order_by(citation_links.c.id)).mappings())


def graph_paper_ids(conn: Connection, limit: int, user_id: int) -> list[int]:
    """The papers a graph or timeline shows: guide papers, papers being read, papers with citation links,
    papers with notes (in that order of preference), at most ``limit``."""
    query = text(
        "SELECT p.id FROM papers p WHERE p.guide "
        "OR EXISTS (SELECT 1 FROM reading_status rs WHERE rs.paper_id = p.id AND rs.user_id = :uid "
        "AND rs.status <> 'to-read') "
        "OR EXISTS (SELECT 1 FROM citation_links c WHERE c.paper_id = p.id) "
        "OR EXISTS (SELECT 1 FROM notes n WHERE n.paper_id = p.id AND n.user_id = :uid) "
        "ORDER BY p.guide DESC, p.id LIMIT :limit"
    )
    return [int(r[0]) for r in conn.execute(query, {"uid": user_id, "limit": limit})]


def resolve_papers(conn: Connection, arxiv_ids: Iterable[str], s2_ids: Iterable[str]) -> dict[str, int]:
    """Library paper ids by arXiv id and by Semantic Scholar id (keys ``arxiv:<id>`` and ``s2:<id>``)."""
    arxiv, s2 = [a for a in set(arxiv_ids) if a], [s for s in set(s2_ids) if s]
    found: dict[str, int] = {}
    if arxiv:
        query = select(papers.c.id, papers.c.arxiv_id).where(papers.c.arxiv_id.in_(arxiv))
        found.update({f"arxiv:{a}": int(i) for i, a in conn.execute(query)})
    if s2:
        query = select(papers.c.id, papers.c.s2_id).where(papers.c.s2_id.in_(s2))
        found.update({f"s2:{s}": int(i) for i, s in conn.execute(query)})
    return found
