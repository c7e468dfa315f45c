"""Search by meaning: papers embedded with the local model, ranked by cosine similarity.

Each paper gets vectors per chunk: chunk 0 is its title with its abstract (or, for a guide paper, what
the guide says about it); chunk N is page N of its PDF when the PDF text is indexed. A paper scores its
best chunk. "Papers like this one" compares chunk 0 vectors and needs no model at query time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from paperpass import embeddings
from paperpass.errors import InvalidInputError
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from paperpass.store import search as search_rows

MAX_PAGES = 40
"""Pages embedded per PDF (the first ones): enough for the paper's body, without its appendix."""
MODEL = embeddings.MODEL_NAME
UNAVAILABLE = f"semantic search is off (the embedding model is not installed: {embeddings.INSTALL_HINT})"


def has_vectors(store: Store) -> bool:
    """Whether any paper has been embedded (``paperpass reindex`` with the model installed)."""
    with store.connect() as conn:
        return bool(search_rows.embedded_paper_ids(conn, MODEL))


def _chunks(store: Store, only_missing: bool) -> list[tuple[int, int, str]]:
    with store.connect() as conn:
        papers = paper_rows.list_papers(conn)
        done = search_rows.embedded_paper_ids(conn, MODEL) if only_missing else set()
        wanted = [p for p in papers if p.id is not None and p.id not in done]
        guide = search_rows.guide_texts(conn)
        pages = search_rows.page_texts(conn, [p.id for p in wanted if p.id is not None])
    chunks = []
    for paper in wanted:
        assert paper.id is not None
        about = paper.abstract or guide.get(paper.id, "")
        chunks.append((paper.id, 0, f"{paper.title}. {about}".strip()))
        chunks += [(paper.id, n, body[:2000]) for n, body in pages.get(paper.id, [])[:MAX_PAGES]]
    return chunks


def embed_library(
    store: Store, *, only_missing: bool = False, progress: Callable[[int], None] | None = None
) -> int:
    """Embed every library paper (or those without vectors) and store the vectors.

    Raises:
        InvalidInputError: the embedding model is not installed.

    Returns:
        How many vectors were stored.
    """

    if not embeddings.available():
        raise InvalidInputError(UNAVAILABLE)
    by_paper: dict[int, list[tuple[int, str]]] = {}
    for paper_id, chunk, text in _chunks(store, only_missing):
        by_paper.setdefault(paper_id, []).append((chunk, text))
    stored, batch = 0, []
    for paper_id, items in by_paper.items():
        batch += [(paper_id, chunk, text) for chunk, text in items]
        if len(batch) >= 256:
            stored += _store_batch(store, batch, progress)
            batch = []
    return stored + _store_batch(store, batch, progress)


def _store_batch(
    store: Store, batch: list[tuple[int, int, str]], progress: Callable[[int], None] | None
) -> int:
    if not batch:
        return 0
    vectors = embeddings.encode([text for _, _, text in batch])
    rows = [(pid, chunk, vectors[n].tobytes()) for n, (pid, chunk, _) in enumerate(batch)]
    with store.transaction() as conn:
        stored = search_rows.save_vectors(conn, MODEL, rows)
    if progress:
        progress(len(batch))
    return stored


def _matrix(store: Store) -> tuple[list[int], list[int], Any]:
    import numpy as np

    with store.connect() as conn:
        rows = search_rows.load_vectors(conn, MODEL)
    if not rows:
        return [], [], np.zeros((0, embeddings.DIMENSIONS), dtype=np.float32)
    matrix = np.frombuffer(b"".join(v for _, _, v in rows), dtype=np.float32)
    return [p for p, _, _ in rows], [c for _, c, _ in rows], matrix.reshape(len(rows), -1)


def _best_per_paper(ids: list[int], scores: Any, limit: int, exclude: int | None = None) -> list[int]:
    best: dict[int, float] = {}
    for paper_id, score in zip(ids, scores.tolist(), strict=True):
        if paper_id != exclude and score > best.get(paper_id, -2.0):
            best[paper_id] = score
    return [p for p, _ in sorted(best.items(), key=lambda item: (-item[1], item[0]))[:limit]]


def rank_by_meaning(store: Store, text: str, limit: int = 50) -> list[int]:
    """Paper ids ranked by how close their best chunk is to ``text`` (loads the model on first use)."""
    ids, _chunks_, matrix = _matrix(store)
    if not ids or not text.strip():
        return []
    query = embeddings.encode([text])[0]
    return _best_per_paper(ids, matrix @ query, limit)


def similar_papers(store: Store, paper_id: int, limit: int = 20) -> list[int]:
    """Papers like this one: ranked by similarity to its title-and-abstract vector (no model needed).

    Raises:
        InvalidInputError: the paper has not been embedded yet.
    """

    ids, chunks, matrix = _matrix(store)
    own = [n for n, (p, c) in enumerate(zip(ids, chunks, strict=True)) if p == paper_id and c == 0]
    if not own:
        raise InvalidInputError("this paper has no embedding yet; run `paperpass reindex` first")
    return _best_per_paper(ids, matrix @ matrix[own[0]], limit, exclude=paper_id)


def meaning_ranking(store: Store, text: str, wanted: bool | None) -> tuple[list[int] | None, list[str]]:
    """The semantic ranking to fuse with the lexical one, if it applies, and what to tell the user.

    Args:
        store: the library.
        text: the query.
        wanted: True (asked for), False (turned off) or None (use it when the model and vectors exist).

    Returns:
        Paper ids by meaning (None: lexical search only), and notices such as "the model is missing".
    """
    if wanted is False or not text.strip():
        return None, []
    if not embeddings.available():
        return None, [UNAVAILABLE] if wanted else []
    if not has_vectors(store):
        hint = "semantic search has no vectors yet: run `paperpass reindex` to embed the library"
        return None, [hint] if wanted else []
    return rank_by_meaning(store, text), []
