"""Searching: lexical (BM25) over papers, notes, PDF pages and the guide through the database's backend,
fused with a ranking by meaning by reciprocal rank fusion when there is one, a page at a time.

Results are grouped by paper: one hit per paper (or per guide entry about no library paper), carrying
every document that matched (its metadata, the note, page 7 of its PDF, the guide's entry). When no
result has every word of the query, the best partial matches are returned instead, saying so: those with
all words but one (each word left out in turn), else all but two, and so on.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import replace

from paperpass.catalog import top15_slugs
from paperpass.library import Library
from paperpass.models import Paper
from paperpass.search.backend import SearchBackend, backend_for
from paperpass.search.indexing import guide_loaded
from paperpass.search.query import ParsedQuery, parse_query
from paperpass.search.results import Match, SearchHit, SearchResults, Snippet
from paperpass.store import Connection
from paperpass.store import guide as guide_rows
from paperpass.store import papers as paper_rows
from paperpass.store.search_model import RANK_WINDOW, Clause, Query, SearchFilters, StoredMatch

RRF_K = 60
"""Reciprocal rank fusion constant (Cormack et al. 2009): a document's score is sum(1 / (k + rank))."""
MAX_PER_PAGE = 200
PARTIAL_QUERIES = 16
"""Queries tried at most for partial matches (each leaving out some of the words)."""
HitKey = tuple[str, str]


def top15_paper_ids(library: Library) -> frozenset[int]:
    """Ids of the library papers the guide's top-15 checklist points to."""
    wanted = top15_slugs(library.catalog)
    with library.store.connect() as conn:
        ids = guide_rows.entry_paper_ids(conn)
    return frozenset(pid for slug, pid in ids.items() if slug in wanted and pid is not None)


def fuse(rankings: Sequence[Sequence[HitKey]], k: int = RRF_K) -> list[tuple[HitKey, float]]:
    """Reciprocal rank fusion of several rankings, best first (ties broken by first appearance)."""
    scores: dict[HitKey, float] = {}
    for ranking in rankings:
        for rank, key in enumerate(ranking, 1):
            scores[key] = scores.get(key, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])


def search(
    library: Library,
    text: str,
    *,
    filters: SearchFilters | None = None,
    top15: bool = False,
    limit: int = 20,
    page: int = 1,
    semantic: Sequence[int] | None = None,
) -> SearchResults:
    """Search the library (with ``filters.discovery``, the discovery index too): one page of results.

    Args:
        library: the library; the guide's text is indexed on first use, ``top15`` uses its checklist, and
            notes and reading statuses are the viewer's.
        text: the query as the user typed it (see :mod:`paperpass.search.query`); empty (or only
            exclusions) lists recent papers.
        filters: what results must satisfy (their ``user_id`` is set to the viewer's).
        top15: only papers on the guide's top-15 checklist.
        limit: hits per page (1-200).
        page: which page (1 is the first).
        semantic: paper ids ranked by meaning, fused with the lexical ranking (None: lexical only).
    """
    started = time.perf_counter()
    limit = max(1, min(limit, MAX_PER_PAGE))
    page = max(1, page)
    filters = replace(filters or SearchFilters(), user_id=library.user_id)  # the viewer's notes and statuses
    if top15:
        filters = replace(filters, paper_ids=top15_paper_ids(library))
    query = parse_query(text)
    guide_loaded(library.store, library.catalog)
    window = _Window(page, limit)
    with library.store.connect() as conn:
        backend = backend_for(conn)
        if query.empty and not semantic:
            results = _recent(conn, backend, query, filters, window)
            if query.left_out and not query.query.clauses:
                small = ", ".join(query.left_out[:5])
                results.notices.append(f"{small}: words too common to search for; listing recent papers")
        else:
            results = _ranked_search(conn, backend, query, query.query, filters, window, semantic)
            if results.total == 0 and len(query.query.positive) > 1:
                results = _partial(conn, backend, query, filters, window, semantic) or results
    results.discovery = filters.discovery
    results.elapsed_ms = (time.perf_counter() - started) * 1000
    return results


class _Window:
    """Which hits a page shows: those after ``offset``, ``limit`` of them (one more is asked for, to know
    whether there are more)."""

    def __init__(self, page: int, limit: int) -> None:
        self.page, self.limit = page, limit
        self.offset = (page - 1) * limit
        self.wanted = min(self.offset + limit + 1, RANK_WINDOW + 1)

    def apply(self, results: SearchResults, found: list[SearchHit]) -> SearchResults:
        results.hits = found[self.offset : self.offset + self.limit]
        results.more = len(found) > self.offset + self.limit
        results.page, results.per_page = self.page, self.limit
        return results


def _recent(
    conn: Connection, backend: SearchBackend, query: ParsedQuery, filters: SearchFilters, window: _Window
) -> SearchResults:
    without = Query(query.query.negative) if query.query.negative else None
    ids = backend.recent_papers(conn, filters, window.wanted, without)
    papers = paper_rows.papers_by_ids(conn, ids)
    states = paper_rows.statuses(conn, ids, user_id=filters.user_id)
    found = [
        SearchHit(papers[i], None, Snippet(((papers[i].title, False),)), (), 0.0, states.get(i, "to-read"))
        for i in ids
        if i in papers
    ]
    results = window.apply(SearchResults(query, [], "recent"), found)
    if not filters.active and not filters.discovery and without is None:
        results.total = paper_rows.count_papers(conn)
    elif not results.more:
        results.total = window.offset + len(results.hits)
    return results


def _ranked_search(
    conn: Connection,
    backend: SearchBackend,
    parsed: ParsedQuery,
    query: Query,
    filters: SearchFilters,
    window: _Window,
    semantic: Sequence[int] | None,
    missing: tuple[str, ...] = (),
) -> SearchResults:
    ranked = backend.match_papers(conn, query, filters, window.wanted)
    text_matches = backend.match_texts(conn, query, filters, window.wanted * 2)
    rankings = [_ranked(ranked.matches), _ranked(text_matches)]
    semantic_keys = [("paper", str(i)) for i in semantic or ()]
    if semantic is not None:
        rankings.append(semantic_keys)
    fused = fuse([r for r in rankings if r])
    by_key: dict[HitKey, list[StoredMatch]] = {}
    for match in sorted(ranked.matches + text_matches, key=lambda m: -m.score):
        by_key.setdefault(_key(match), []).append(match)
    ids = [int(key[1]) for key, _ in fused[: window.wanted] if key[0] == "paper"]
    papers = paper_rows.papers_by_ids(conn, ids)
    states = paper_rows.statuses(conn, ids, user_id=filters.user_id)
    found = []
    for key, score in fused[: window.wanted]:
        paper = papers.get(int(key[1])) if key[0] == "paper" else None
        if key[0] == "paper" and (paper is None or (paper.discovery and not filters.discovery)):
            continue
        hit = _hit(key, paper, by_key.get(key, []), score, states, key in semantic_keys)
        found.append(replace(hit, missing=missing))
    results = window.apply(SearchResults(parsed, [], "hybrid" if semantic is not None else "lexical"), found)
    results.total = max(len(fused), ranked.matched)
    results.total_capped = ranked.matched >= RANK_WINDOW
    return results


def _partial(
    conn: Connection,
    backend: SearchBackend,
    parsed: ParsedQuery,
    filters: SearchFilters,
    window: _Window,
    semantic: Sequence[int] | None,
) -> SearchResults | None:
    """The best partial matches: results with every clause of the query but one (each left out in turn),
    else every clause but two, and so on, at most :data:`PARTIAL_QUERIES` queries; None if none."""
    positive = parsed.query.positive
    tried = 0
    for size in range(len(positive) - 1, 0, -1):
        found: dict[HitKey, SearchHit] = {}
        for kept in itertools.combinations(positive, size):
            if tried >= PARTIAL_QUERIES:
                return None
            tried += 1
            missing = tuple(w for c in positive if c not in kept for w in _shown(c))
            some = _ranked_search(
                conn, backend, parsed, parsed.query.only(kept), filters, _Window(1, window.wanted), semantic,
                missing,
            )  # fmt: skip
            for hit in some.hits:
                found.setdefault(_hit_key(hit), hit)
        if found:
            hits = sorted(found.values(), key=lambda h: -h.score)
            results = SearchResults(parsed, [], "hybrid" if semantic is not None else "lexical")
            results = window.apply(results, hits)
            results.total, results.partial = len(hits), size
            words = len(positive)
            results.notices.append(
                f"no result has every word of {parsed.text.strip()!r}: "
                f"showing the best partial matches ({size} of {words} {'word' if words == 1 else 'words'})"
            )
            return results
    return None


def _shown(clause: Clause) -> list[str]:
    """A clause as the user wrote it, about (for saying what a partial match lacks)."""
    return [" OR ".join(" ".join(t.words) + ("*" if t.prefix else "") for t in clause.terms)]


def _hit_key(hit: SearchHit) -> HitKey:
    if hit.paper is not None and hit.paper.id is not None:
        return ("paper", str(hit.paper.id))
    return ("entry", hit.entry or "")


def _key(match: StoredMatch) -> HitKey:
    return ("paper", str(match.paper_id)) if match.paper_id is not None else ("entry", match.ref)


def _label(match: StoredMatch) -> str:
    labels = {
        "paper": "abstract",
        "note": "your note",
        "highlight": "your highlights",
        "page": f"page {match.ref}",
    }
    return labels.get(match.kind, "the guide")


def _ranked(matches: Sequence[StoredMatch]) -> list[HitKey]:
    return list(dict.fromkeys(_key(m) for m in sorted(matches, key=lambda m: -m.score)))


def _hit(
    key: HitKey,
    paper: Paper | None,
    found: list[StoredMatch],
    score: float,
    states: dict[int, str],
    by_meaning: bool,
) -> SearchHit:
    own = next((m for m in found if m.kind == "paper"), None)
    if own is not None and own.title:
        title = Snippet.from_marked(own.title)
    elif paper is not None:
        title = Snippet(((paper.title, False),))
    else:
        title = Snippet.from_marked(found[0].title if found else key[1])
    matches = tuple(Match(m.kind, m.ref, _label(m), Snippet.from_marked(m.snippet)) for m in found)
    sources = tuple(dict.fromkeys(m.kind for m in found)) + (("meaning",) if by_meaning else ())
    status = states.get(paper.id, "to-read") if paper is not None and paper.id is not None else "to-read"
    return SearchHit(paper, None if paper else key[1], title, matches, score, status, sources)
