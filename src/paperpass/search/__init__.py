"""Search and discovery: full-text and semantic search, the citation graph, the timeline, bulk import.

Usage::

    from paperpass.search import SearchRequest, run_search
    results = run_search(library, SearchRequest('"low-rank" adapt*', years="2020-", discovery=True))
    for hit in results.hits:
        print(hit.title.text, hit.url)

The parts: :mod:`~paperpass.search.query` (the grammar), :mod:`~paperpass.search.backend` (the interface
the two full-text backends in the store share), :mod:`~paperpass.search.engine` (ranking, fusion, partial
matches, pages), :mod:`~paperpass.search.service` (the use case the CLI and the web run),
:mod:`~paperpass.search.indexing` (what is indexed when), :mod:`~paperpass.search.semantic` (meaning),
:mod:`~paperpass.search.graph` and :mod:`~paperpass.search.timeline`, :mod:`~paperpass.search.bulk` (the
discovery index's import).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperpass.lazy import Exports, exports

if TYPE_CHECKING:
    from paperpass.search.backend import SearchBackend as SearchBackend
    from paperpass.search.backend import backend_for as backend_for
    from paperpass.search.bulk import import_arxiv_metadata as import_arxiv_metadata
    from paperpass.search.engine import fuse as fuse
    from paperpass.search.engine import search as search
    from paperpass.search.engine import top15_paper_ids as top15_paper_ids
    from paperpass.search.graph import citation_graph as citation_graph
    from paperpass.search.indexing import guide_loaded as guide_loaded
    from paperpass.search.indexing import index_pdf_text as index_pdf_text
    from paperpass.search.indexing import note_saved as note_saved
    from paperpass.search.indexing import pdf_attached as pdf_attached
    from paperpass.search.indexing import reindex as reindex
    from paperpass.search.query import ParsedQuery as ParsedQuery
    from paperpass.search.query import parse_query as parse_query
    from paperpass.search.results import Match as Match
    from paperpass.search.results import SearchHit as SearchHit
    from paperpass.search.results import SearchResults as SearchResults
    from paperpass.search.results import Snippet as Snippet
    from paperpass.search.results import hit_as_json as hit_as_json
    from paperpass.search.results import results_as_json as results_as_json
    from paperpass.search.semantic import UNAVAILABLE as SEMANTIC_UNAVAILABLE
    from paperpass.search.semantic import embed_library as embed_library
    from paperpass.search.service import SearchRequest as SearchRequest
    from paperpass.search.service import make_filters as make_filters
    from paperpass.search.service import parse_year_range as parse_year_range
    from paperpass.search.service import run_search as run_search
    from paperpass.search.timeline import timeline as paper_timeline
    from paperpass.store.search_model import Clause as Clause
    from paperpass.store.search_model import Query as Query
    from paperpass.store.search_model import SearchFilters as SearchFilters
    from paperpass.store.search_model import SearchTerm as SearchTerm

_EXPORTS: Exports = {
    "Clause": ("paperpass.store.search_model", "Clause"),
    "Match": ("paperpass.search.results", "Match"),
    "ParsedQuery": ("paperpass.search.query", "ParsedQuery"),
    "Query": ("paperpass.store.search_model", "Query"),
    "SEMANTIC_UNAVAILABLE": ("paperpass.search.semantic", "UNAVAILABLE"),
    "SearchBackend": ("paperpass.search.backend", "SearchBackend"),
    "SearchFilters": ("paperpass.store.search_model", "SearchFilters"),
    "SearchHit": ("paperpass.search.results", "SearchHit"),
    "SearchRequest": ("paperpass.search.service", "SearchRequest"),
    "SearchResults": ("paperpass.search.results", "SearchResults"),
    "SearchTerm": ("paperpass.store.search_model", "SearchTerm"),
    "Snippet": ("paperpass.search.results", "Snippet"),
    "backend_for": ("paperpass.search.backend", "backend_for"),
    "citation_graph": ("paperpass.search.graph", "citation_graph"),
    "embed_library": ("paperpass.search.semantic", "embed_library"),
    "fuse": ("paperpass.search.engine", "fuse"),
    "guide_loaded": ("paperpass.search.indexing", "guide_loaded"),
    "hit_as_json": ("paperpass.search.results", "hit_as_json"),
    "import_arxiv_metadata": ("paperpass.search.bulk", "import_arxiv_metadata"),
    "index_pdf_text": ("paperpass.search.indexing", "index_pdf_text"),
    "make_filters": ("paperpass.search.service", "make_filters"),
    "note_saved": ("paperpass.search.indexing", "note_saved"),
    "paper_timeline": ("paperpass.search.timeline", "timeline"),
    "parse_query": ("paperpass.search.query", "parse_query"),
    "parse_year_range": ("paperpass.search.service", "parse_year_range"),
    "pdf_attached": ("paperpass.search.indexing", "pdf_attached"),
    "reindex": ("paperpass.search.indexing", "reindex"),
    "results_as_json": ("paperpass.search.results", "results_as_json"),
    "run_search": ("paperpass.search.service", "run_search"),
    "search": ("paperpass.search.engine", "search"),
    "top15_paper_ids": ("paperpass.search.engine", "top15_paper_ids"),
}
"""What the package offers: name -> (module, name there)."""

__all__ = [
    "Clause",
    "Match",
    "ParsedQuery",
    "Query",
    "SEMANTIC_UNAVAILABLE",
    "SearchBackend",
    "SearchFilters",
    "SearchHit",
    "SearchRequest",
    "SearchResults",
    "SearchTerm",
    "Snippet",
    "backend_for",
    "citation_graph",
    "embed_library",
    "fuse",
    "guide_loaded",
    "hit_as_json",
    "import_arxiv_metadata",
    "index_pdf_text",
    "make_filters",
    "note_saved",
    "paper_timeline",
    "parse_query",
    "parse_year_range",
    "pdf_attached",
    "reindex",
    "results_as_json",
    "run_search",
    "search",
    "top15_paper_ids",
]

if not TYPE_CHECKING:  # type checkers see the imports above; a name not offered is an error there
    __getattr__ = exports(globals(), _EXPORTS)
