"""The search as the CLI and the web app run it: one use case, :func:`run_search`.

``paperpass search``, the ``/search`` page and ``GET /api/search`` each parse their input into a
:class:`SearchRequest` and render the :class:`~paperpass.search.results.SearchResults` this returns: filters
checked, the ranking by meaning added when asked for (or, on the web, whenever it is there), the papers
like a given one, the discovery index when asked for, one page at a time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.models import READING_STATUSES
from paperpass.search import indexing
from paperpass.search import semantic as by_meaning
from paperpass.search.engine import MAX_PER_PAGE, search
from paperpass.search.results import SearchResults
from paperpass.store import papers as paper_rows
from paperpass.store.search_model import SearchFilters


@dataclass(frozen=True)
class SearchRequest:
    """One search as the user asked for it.

    Attributes:
        text: the query (see :mod:`paperpass.search.query`).
        categories, tags, statuses: filters (any of each); ``years``: ``2021``, ``2020-2023``, ``2020-``.
        has_notes: only papers with (True) or without (False) the user's note.
        top15: only the guide's top-15 papers.
        discovery: the discovery index too.
        meaning: rank by meaning too: True (asked: say so when impossible), None (when available), False.
        like: a paper (slug, id or any identifier): rank papers by how close they are to it in meaning.
        page, per_page: which page of results, and how many on it (at most 200).
    """

    text: str = ""
    categories: Sequence[str] = ()
    tags: Sequence[str] = ()
    statuses: Sequence[str] = ()
    years: str | None = None
    has_notes: bool | None = None
    top15: bool = False
    discovery: bool = False
    meaning: bool | None = False
    like: str | None = None
    page: int = 1
    per_page: int = 20


def run_search(library: Library, request: SearchRequest) -> SearchResults:
    """Run a search as the library's viewer (whose notes are searched, whose statuses and notes the
    filters read): check the filters, add the ranking by meaning, search, and say what was not done.

    Raises:
        InvalidInputError: a filter is not understood (an unknown status, a bad year range, a page out of
            range), or the paper of ``like`` has no embedding yet.
        NotFoundError: the paper of ``like`` is not in the library.
    """
    if not 1 <= request.per_page <= MAX_PER_PAGE or request.page < 1:
        raise InvalidInputError(f"page must be 1 or more and per_page 1-{MAX_PER_PAGE}")
    year_from, year_to = parse_year_range(request.years)
    filters = make_filters(
        categories=request.categories, tags=request.tags, statuses=request.statuses,
        year_from=year_from, year_to=year_to, has_notes=request.has_notes, discovery=request.discovery,
    )  # fmt: skip
    notices: list[str] = []
    ranking: list[int] | None
    store = library.store
    if request.like:
        with store.connect() as conn:
            paper = paper_rows.get_paper(conn, request.like)
        assert paper.id is not None
        indexing.embeddings_current(store)
        ranking = by_meaning.similar_papers(store, paper.id, request.page * request.per_page)
    else:
        if request.meaning is not False and request.text.strip():
            indexing.embeddings_current(store)
        ranking, said = by_meaning.meaning_ranking(store, request.text, request.meaning)
        notices += said
    results = search(
        library, request.text, filters=filters, top15=request.top15, limit=request.per_page,
        page=request.page, semantic=ranking,
    )  # fmt: skip
    results.notices = notices + results.notices
    return results


def make_filters(
    *,
    categories: Sequence[str] = (),
    tags: Sequence[str] = (),
    statuses: Sequence[str] = (),
    year_from: int | None = None,
    year_to: int | None = None,
    has_notes: bool | None = None,
    discovery: bool = False,
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
    return SearchFilters(
        categories=tuple(c.strip() for c in categories if c.strip()),
        tags=tuple(t.strip() for t in tags if t.strip()),
        statuses=tuple(statuses),
        year_from=year_from,
        year_to=year_to,
        has_notes=has_notes,
        discovery=discovery,
    )


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
