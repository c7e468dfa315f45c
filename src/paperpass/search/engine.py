"""Searching the library: lexical (BM25) over papers, notes, PDF pages and the guide, fused with semantic
ranking by reciprocal rank fusion when the embedding model is there.

Results are grouped by paper: one hit per paper (or per guide entry about no library paper), carrying
every document that matched (its metadata, the note, page 7 of its PDF, the guide's entry).
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from paperpass.catalog import top15_slugs
from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.models import READING_STATUSES, Paper
from paperpass.search.query import ParsedQuery, parse_query
from paperpass.store import Store
from paperpass.store import guide as guide_rows
from paperpass.store import papers as paper_rows
from paperpass.store import search as search_rows
from paperpass.store.search import MARK_END, MARK_START, SearchFilters, StoredMatch

RRF_K = 60
"""Reciprocal rank fusion constant (Cormack et al. 2009): a document's score is sum(1 / (k + rank))."""
MAX_LIMIT = 200
HitKey = tuple[str, str]
_SPACES = re.compile(r"\s+")
Mode = Literal["recent", "lexical", "hybrid"]


@dataclass(frozen=True)
class Snippet:
    """Text with highlighted stretches: ``parts`` alternate plain and matched text, flagged."""

    parts: tuple[tuple[str, bool], ...]

    @classmethod
    def from_marked(cls, marked: str) -> Snippet:
        """Split text whose matches are wrapped in the store's marks."""
        parts: list[tuple[str, bool]] = []
        for n, piece in enumerate(marked.split(MARK_START)):
            inside, _, after = piece.partition(MARK_END) if n else ("", "", piece)
            if inside:
                parts.append((inside, True))
            if after:
                parts.append((after, False))
        return cls(tuple((_SPACES.sub(" ", t), hit) for t, hit in parts if t))

    @property
    def text(self) -> str:
        """The plain text."""
        return "".join(t for t, _ in self.parts)

    @property
    def highlighted(self) -> list[str]:
        """The matched stretches."""
        return [t for t, hit in self.parts if hit]

    def marked(self, start: str = "[", end: str = "]") -> str:
        """The text with matches wrapped in ``start``/``end``."""
        return "".join(f"{start}{t}{end}" if hit else t for t, hit in self.parts)


@dataclass(frozen=True)
class Match:
    """One document that matched (``kind``: paper, note, highlight, page, guide); ``page`` for PDF pages."""

    kind: str
    ref: str
    label: str
    snippet: Snippet

    @property
    def page(self) -> int | None:
        """The PDF page number of a page match."""
        return int(self.ref) if self.kind == "page" and self.ref.isdigit() else None


@dataclass(frozen=True)
class SearchHit:
    """A result: a library paper (or a guide entry about no library paper) and what matched in it."""

    paper: Paper | None
    entry: str | None
    title: Snippet
    matches: tuple[Match, ...]
    score: float
    status: str = "to-read"
    sources: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        """Where the web app shows it; a PDF page hit opens that page of the paper."""
        if self.paper is None:
            return f"/guide/{self.entry}"
        page = next((m.page for m in self.matches if m.page), None)
        if page is None and any(m.kind == "highlight" for m in self.matches):
            return f"/papers/{self.paper.slug}/read#highlights"
        return f"/papers/{self.paper.slug}" + (f"/read#page-{page}" if page else "")


@dataclass
class SearchResults:
    """What a search returns, and how it was done."""

    query: ParsedQuery
    hits: list[SearchHit]
    mode: Mode
    elapsed_ms: float = 0.0
    notices: list[str] = field(default_factory=list)


def make_filters(
    *,
    categories: Sequence[str] = (),
    tags: Sequence[str] = (),
    statuses: Sequence[str] = (),
    year_from: int | None = None,
    year_to: int | None = None,
    has_notes: bool | None = None,
) -> SearchFilters:
    """Filters from user input, checked.

    Raises:
        InvalidInputError: an unknown status, or a year range that ends before it starts.
    """
    unknown = [s for s in statuses if s not in READING_STATUSES]
    if unknown:
        raise InvalidInputError(f"unknown status {unknown[0]!r}; use one of {', '.join(READING_STATUSES)}")
    if year_from is not None and year_to is not None and year_from > year_to:
        raise InvalidInputError(f"the year range {year_from}-{year_to} ends before it starts")
    clean = tuple(c.strip() for c in categories if c.strip())
    return SearchFilters(
        categories=clean,
        tags=tuple(t.strip() for t in tags if t.strip()),
        statuses=tuple(statuses),
        year_from=year_from,
        year_to=year_to,
        has_notes=has_notes,
    )


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


def search(
    library: Library,
    text: str,
    *,
    filters: SearchFilters | None = None,
    top15: bool = False,
    limit: int = 20,
    semantic: Sequence[int] | None = None,
) -> SearchResults:
    """Search the library.

    Args:
        library: the library; the guide's text is indexed on first use, ``top15`` uses its checklist, and
            notes and reading statuses are the viewer's.
        text: the query as the user typed it (see :mod:`paperpass.search.query`); empty lists recent papers.
        filters: what results must satisfy.
        top15: only papers on the guide's top-15 checklist.
        limit: how many hits (1-200).
        semantic: paper ids ranked by meaning, fused with the lexical ranking (None: lexical only).
    """
    from paperpass.search.indexing import index_guide

    started = time.perf_counter()
    limit = max(1, min(limit, MAX_LIMIT))
    filters = replace(filters or SearchFilters(), user_id=library.user_id)  # the viewer's notes and statuses
    if top15:
        filters = replace(filters, paper_ids=top15_paper_ids(library))
    query = parse_query(text)
    index_guide(library.store, library.catalog)
    if query.empty and not semantic:
        results = _recent(library.store, query, filters, limit)
    else:
        results = _ranked_search(library.store, query, filters, limit, semantic)
    results.elapsed_ms = (time.perf_counter() - started) * 1000
    return results


def _recent(store: Store, query: ParsedQuery, filters: SearchFilters, limit: int) -> SearchResults:
    with store.connect() as conn:
        ids = search_rows.recent_papers(conn, filters, limit)
        papers = paper_rows.papers_by_ids(conn, ids)
        states = paper_rows.statuses(conn, ids, user_id=filters.user_id)
    hits = [
        SearchHit(papers[i], None, Snippet(((papers[i].title, False),)), (), 0.0, states.get(i, "to-read"))
        for i in ids
        if i in papers
    ]
    return SearchResults(query, hits, "recent")


def _ranked_search(
    store: Store, query: ParsedQuery, filters: SearchFilters, limit: int, semantic: Sequence[int] | None
) -> SearchResults:
    with store.connect() as conn:
        paper_matches = search_rows.match_papers(conn, query.terms, filters, limit)
        text_matches = search_rows.match_texts(conn, query.terms, filters, limit * 2)
    rankings = [_ranked(paper_matches), _ranked(text_matches)]
    semantic_keys = [("paper", str(i)) for i in semantic or ()]
    if semantic is not None:
        rankings.append(semantic_keys)
    fused = fuse([r for r in rankings if r])[:limit]
    by_key: dict[HitKey, list[StoredMatch]] = {}
    for match in sorted(paper_matches + text_matches, key=lambda m: -m.score):
        by_key.setdefault(_key(match), []).append(match)
    ids = [int(key[1]) for key, _ in fused if key[0] == "paper"]
    with store.connect() as conn:
        papers = paper_rows.papers_by_ids(conn, ids)
        states = paper_rows.statuses(conn, ids, user_id=filters.user_id)
    hits = []
    for key, score in fused:
        paper = papers.get(int(key[1])) if key[0] == "paper" else None
        if key[0] == "paper" and paper is None:
            continue
        found = by_key.get(key, [])
        hits.append(_hit(key, paper, found, score, states, key in semantic_keys))
    return SearchResults(query, hits, "hybrid" if semantic is not None else "lexical")


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


def parse_year_range(text: str | None) -> tuple[int | None, int | None]:
    """``2020``, ``2020-2023``, ``2020-`` or ``-2019`` as (from, to).

    Raises:
        InvalidInputError: anything else.
    """
    if text is None or not text.strip():
        return None, None
    match = re.fullmatch(r"\s*(\d{4})?\s*(-)?\s*(\d{4})?\s*", text)
    if not match or not (match.group(1) or match.group(3)):
        raise InvalidInputError(f"not a year or year range: {text!r} (use 2021, 2020-2023, 2020- or -2019)")
    start, dash, end = match.groups()
    if not dash:
        if start and end:
            raise InvalidInputError(f"not a year or year range: {text!r}")
        year = int(start or end)
        return year, year
    return (int(start) if start else None), (int(end) if end else None)


def hit_as_json(hit: SearchHit) -> dict[str, object]:
    """A hit as plain JSON data (the CLI's ``--json`` and the web API give the same)."""
    paper = hit.paper
    return {
        "slug": paper.slug if paper else None,
        "entry": hit.entry,
        "title": hit.title.text,
        "authors": list(paper.authors) if paper else [],
        "year": paper.year if paper else None,
        "arxiv_id": paper.arxiv_id if paper else None,
        "tags": list(paper.tags) if paper else [],
        "status": hit.status,
        "score": round(hit.score, 6),
        "url": hit.url,
        "matched_in": list(hit.sources),
        "matches": [
            {
                "kind": m.kind,
                "label": m.label,
                "page": m.page,
                "snippet": m.snippet.text,
                "highlights": m.snippet.highlighted,
            }
            for m in hit.matches
        ],
    }


def results_as_json(results: SearchResults) -> dict[str, object]:
    """Search results as plain JSON data."""
    return {
        "query": results.query.text,
        "mode": results.mode,
        "elapsed_ms": round(results.elapsed_ms, 2),
        "notices": list(results.notices),
        "hits": [hit_as_json(h) for h in results.hits],
    }
