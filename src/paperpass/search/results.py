"""What a search gives back: hits (a paper, or a guide entry about no library paper, with what matched in
it), highlighted snippets, and the page of results, as objects and as the JSON the CLI and API print."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from paperpass.models import Paper
from paperpass.search.query import ParsedQuery
from paperpass.store.search_model import MARK_END, MARK_START

Mode = Literal["recent", "lexical", "hybrid"]
LISTED_AUTHORS = 20
"""Authors a hit's JSON names (``authors_total`` counts them all): a collaboration's thousands of names
would make a page of results megabytes long."""
_SPACES = re.compile(r"\s+")


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
    """One document that matched: ``kind`` is paper, note, page or guide; ``page`` for PDF pages."""

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
    """A result: a paper (or a guide entry about no library paper) and what matched in it.

    ``missing`` names the query's words a partial match lacks (see :attr:`SearchResults.partial`).
    """

    paper: Paper | None
    entry: str | None
    title: Snippet
    matches: tuple[Match, ...]
    score: float
    status: str = "to-read"
    sources: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        """Where the web app shows it: a library paper's page (a PDF page hit opens that page), a guide
        entry, or a discovery record's abstract page."""
        if self.paper is None:
            return f"/guide/{self.entry}"
        if self.paper.discovery:
            return self.paper.links.get("abs") or f"/papers/{self.paper.slug}"
        page = next((m.page for m in self.matches if m.page), None)
        if page is None and any(m.kind == "highlight" for m in self.matches):
            return f"/papers/{self.paper.slug}/read#highlights"
        return f"/papers/{self.paper.slug}" + (f"/read#page-{page}" if page else "")


@dataclass
class SearchResults:
    """A page of search results, and how the search was done.

    ``total`` counts every result found (None when unknown: a filtered list of recent papers);
    ``total_capped`` says it stopped counting at the newest 1,000 matches. ``partial`` holds how many of
    the query's words the hits have when no result has them all (0: the hits match every word).
    """

    query: ParsedQuery
    hits: list[SearchHit]
    mode: Mode
    elapsed_ms: float = 0.0
    notices: list[str] = field(default_factory=list)
    page: int = 1
    per_page: int = 20
    total: int | None = None
    total_capped: bool = False
    more: bool = False
    partial: int = 0
    discovery: bool = False

    @property
    def first(self) -> int:
        """The rank of the page's first hit (1-based)."""
        return (self.page - 1) * self.per_page + 1


def hit_as_json(hit: SearchHit) -> dict[str, object]:
    """A hit as plain JSON data (the CLI's ``--json`` and the web API give the same)."""
    paper = hit.paper
    return {
        "slug": paper.slug if paper else None,
        "entry": hit.entry,
        "title": hit.title.text,
        "authors": list(paper.authors[:LISTED_AUTHORS]) if paper else [],
        "authors_total": len(paper.authors) if paper else 0,
        "year": paper.year if paper else None,
        "arxiv_id": paper.arxiv_id if paper else None,
        "tags": list(paper.tags) if paper else [],
        "in_library": bool(paper and not paper.discovery),
        "status": hit.status,
        "score": round(hit.score, 6),
        "url": hit.url,
        "matched_in": list(hit.sources),
        "missing": list(hit.missing),
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
    """Search results as plain JSON data: the hits of one page, and where it is in all of them."""
    return {
        "query": results.query.text,
        "mode": results.mode,
        "elapsed_ms": round(results.elapsed_ms, 2),
        "notices": list(results.notices),
        "page": results.page,
        "per_page": results.per_page,
        "total": results.total,
        "total_capped": results.total_capped,
        "more": results.more,
        "partial": results.partial,
        "discovery": results.discovery,
        "hits": [hit_as_json(h) for h in results.hits],
    }
