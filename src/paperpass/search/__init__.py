"""Search and discovery: full-text and semantic search, the citation graph, the timeline, bulk import.

Usage::

    from paperpass.search import search
    results = search(store, load_catalog(), '"low-rank" adapt*', filters=make_filters(year_from=2020))
    for hit in results.hits:
        print(hit.title.text, hit.url)
"""

from paperpass.search.engine import (
    Match,
    SearchHit,
    SearchResults,
    Snippet,
    fuse,
    make_filters,
    search,
    top15_paper_ids,
)
from paperpass.search.indexing import guide_loaded, index_pdf_text, pdf_attached, reindex
from paperpass.search.query import ParsedQuery, parse_query
from paperpass.store.search import SearchFilters

__all__ = [
    "Match",
    "ParsedQuery",
    "SearchFilters",
    "SearchHit",
    "SearchResults",
    "Snippet",
    "fuse",
    "guide_loaded",
    "index_pdf_text",
    "make_filters",
    "parse_query",
    "pdf_attached",
    "reindex",
    "search",
    "top15_paper_ids",
]
