"""Search data in the store: which backend searches, the indexed texts, vectors, citation links.

:func:`backend_for` picks the full-text backend of a connection's database: FTS5 on SQLite
(:mod:`paperpass.store.search_fts5`), ``tsvector`` on PostgreSQL (:mod:`paperpass.store.search_postgres`);
the one place that asks which database it is. Their shared interface is
:class:`paperpass.search.backend.SearchBackend`, their shared data :mod:`paperpass.store.search_model`.

The indexed texts (``search_texts``: notes, highlights, PDF pages, the guide's text) are written here, by
:mod:`paperpass.search.indexing` only; paper metadata is indexed by the database itself (triggers and
generated columns).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, false, insert, select, text

from paperpass.store.search_fts5 import FTS5, Fts5Backend
from paperpass.store.search_postgres import POSTGRES, PostgresBackend
from paperpass.store.search_sql import PERSONAL_KINDS
from paperpass.store.tables import citation_links, papers, search_texts, search_vectors, utcnow

Backend = Fts5Backend | PostgresBackend
_BACKENDS: dict[str, Backend] = {"sqlite": FTS5, "postgresql": POSTGRES}


def backend_for(conn: Connection) -> Backend:
    """The full-text backend of ``conn``'s database."""
    return _BACKENDS[conn.dialect.name]


# --- the indexed texts -----------------------------------------------------------------------------------


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


def clear_texts(conn: Connection, kind: str) -> None:
    """Forget every indexed text of one kind."""
    conn.execute(delete(search_texts).where(search_texts.c.kind == kind))


def replace_note(conn: Connection, paper_id: int, user_id: int, body: str) -> None:
    """Index a user's note of a paper (one document per user and paper), replacing the one before."""
    ref = str(user_id)
    texts = search_texts.c
    mine = (texts.kind == "note") & (texts.paper_id == paper_id) & (texts.ref == ref)
    conn.execute(delete(search_texts).where(mine))
    row = {"paper_id": paper_id, "kind": "note", "ref": ref, "title": "Notes", "body": body}
    conn.execute(insert(search_texts).values(**row))


def replace_personal_text(
    conn: Connection, kind: str, paper_id: int, user_id: int, title: str, body: str
) -> None:
    """Index one user's text of a kind about a paper (their highlights, say), replacing the one before;
    an empty ``body`` only removes it. ``kind`` must be one of :data:`PERSONAL_KINDS`."""
    if kind not in PERSONAL_KINDS:
        raise ValueError(f"{kind!r} is not a personal kind of indexed text")
    ref = str(user_id)
    texts = search_texts.c
    conn.execute(
        delete(search_texts).where((texts.kind == kind) & (texts.paper_id == paper_id) & (texts.ref == ref))
    )
    if body:
        add_texts(conn, kind, [(paper_id, ref, title, body)])


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


def text_counts(conn: Connection) -> dict[str, int]:
    """How many documents of each kind are indexed: library papers, discovery records, texts by kind."""
    counts = {"paper": 0, "discovery": 0}
    for discovery, n in conn.execute(text("SELECT discovery, count(*) FROM papers GROUP BY discovery")):
        counts["discovery" if discovery else "paper"] = int(n)
    for kind, n in conn.execute(text("SELECT kind, count(*) FROM search_texts GROUP BY kind")):
        counts[str(kind)] = int(n)
    return counts


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


def forget_vectors(conn: Connection, paper_id: int) -> None:
    """Drop a paper's vectors (its text changed: they are made again from the new text)."""
    conn.execute(delete(search_vectors).where(search_vectors.c.paper_id == paper_id))


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


_GRAPH_PAPERS = (
    "FROM papers p WHERE p.discovery = :no AND (p.guide "
    "OR EXISTS (SELECT 1 FROM reading_status rs WHERE rs.paper_id = p.id AND rs.user_id = :uid "
    "AND rs.status <> 'to-read') "
    "OR EXISTS (SELECT 1 FROM citation_links c WHERE c.paper_id = p.id) "
    "OR EXISTS (SELECT 1 FROM notes n WHERE n.paper_id = p.id AND n.user_id = :uid))"
)


def graph_paper_ids(conn: Connection, limit: int, user_id: int) -> list[int]:
    """The papers a graph or timeline shows: guide papers, papers being read, papers with citation links,
    papers with notes (in that order of preference), at most ``limit``; library papers only."""
    query = text(f"SELECT p.id {_GRAPH_PAPERS} ORDER BY p.guide DESC, p.id LIMIT :limit")
    return [int(r[0]) for r in conn.execute(query, {"uid": user_id, "limit": limit, "no": False})]


def graph_paper_count(conn: Connection, user_id: int) -> int:
    """How many papers a graph or timeline would show without a limit (see :func:`graph_paper_ids`)."""
    query = text(f"SELECT count(*) {_GRAPH_PAPERS}")
    return int(conn.execute(query, {"uid": user_id, "no": False}).scalar_one())


def resolve_papers(conn: Connection, arxiv_ids: Iterable[str], s2_ids: Iterable[str]) -> dict[str, int]:
    """Library paper ids by arXiv id and by Semantic Scholar id (keys ``arxiv:<id>`` and ``s2:<id>``)."""
    arxiv, s2 = [a for a in set(arxiv_ids) if a], [s for s in set(s2_ids) if s]
    found: dict[str, int] = {}
    in_library = papers.c.discovery == false()
    if arxiv:
        query = select(papers.c.id, papers.c.arxiv_id).where(papers.c.arxiv_id.in_(arxiv) & in_library)
        found.update({f"arxiv:{a}": int(i) for i, a in conn.execute(query)})
    if s2:
        query = select(papers.c.id, papers.c.s2_id).where(papers.c.s2_id.in_(s2) & in_library)
        found.update({f"s2:{s}": int(i) for i, s in conn.execute(query)})
    return found
