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

from paperpass.search.backend import SearchBackend, backend_for
from paperpass.search.engine import fuse, search, top15_paper_ids
from paperpass.search.indexing import guide_loaded, index_pdf_text, note_saved, pdf_attached, reindex
from paperpass.search.query import ParsedQuery, parse_query
from paperpass.search.results import Match, SearchHit, SearchResults, Snippet, hit_as_json, results_as_json
from paperpass.search.service import SearchRequest, make_filters, parse_year_range, run_search
from paperpass.store.search_model import Clause, Query, SearchFilters, SearchTerm

__all__ = [
    "Clause",
    "Match",
    "ParsedQuery",
    "Query",
    "SearchBackend",
    "SearchFilters",
    "SearchHit",
    "SearchRequest",
    "SearchResults",
    "SearchTerm",
    "Snippet",
    "backend_for",
    "fuse",
    "guide_loaded",
    "hit_as_json",
    "index_pdf_text",
    "make_filters",
    "note_saved",
    "parse_query",
    "parse_year_range",
    "pdf_attached",
    "reindex",
    "results_as_json",
    "run_search",
    "search",
    "top15_paper_ids",
]
