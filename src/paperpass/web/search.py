"""Search results, the citation graph and the timeline: ``/search``, ``/graph``, ``/timeline``, and
``/api/search``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from paperpass.library import Library
from paperpass.search import SearchResults, engine
from paperpass.search import semantic as by_meaning
from paperpass.search.graph import citation_graph
from paperpass.search.timeline import timeline
from paperpass.web.deps import LibraryDep
from paperpass.web.templating import render

router = APIRouter()


def _run_search(
    lib: Library,
    q: str,
    category: list[str],
    status: list[str],
    year: str | None,
    notes: str | None,
    top15: bool,
    limit: int,
) -> SearchResults:
    year_from, year_to = engine.parse_year_range(year)
    has_notes = {"with": True, "without": False}.get(notes or "")
    filters = engine.make_filters(
        categories=category, statuses=status, year_from=year_from, year_to=year_to, has_notes=has_notes,
    )  # fmt: skip
    use_meaning = None if lib.settings.semantic_search else False
    ranking, notices = by_meaning.meaning_ranking(lib.store, q, use_meaning)
    results = engine.search(lib, q, filters=filters, top15=top15, limit=limit, semantic=ranking)
    results.notices += notices
    return results


Q = Annotated[str, Query(max_length=500)]
Categories = Annotated[list[str], Query()]
Statuses = Annotated[list[str], Query()]


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    lib: LibraryDep,
    q: Q = "",
    category: Categories = [],  # noqa: B006 - FastAPI copies query defaults
    status: Statuses = [],  # noqa: B006
    year: str | None = None,
    notes: str | None = None,
    top15: bool = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 30,
) -> HTMLResponse:
    """Results with highlighted snippets; filters in the sidebar."""
    results = _run_search(lib, q, category, status, year, notes, top15, limit)
    return render(
        request,
        "search.html",
        results=results,
        q=q,
        chosen={
            "category": category,
            "status": status,
            "year": year or "",
            "notes": notes or "",
            "top15": top15,
        },
        statuses=("to-read", "pass-1", "pass-2", "pass-3", "done"),
    )


@router.get("/api/search")
def search_api(
    request: Request,
    lib: LibraryDep,
    q: Q = "",
    category: Categories = [],  # noqa: B006
    status: Statuses = [],  # noqa: B006
    year: str | None = None,
    notes: str | None = None,
    top15: bool = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    """The same search as JSON (what ``paperpass search --json`` prints)."""
    results = _run_search(lib, q, category, status, year, notes, top15, limit)
    return engine.results_as_json(results)


@router.get("/graph", response_class=HTMLResponse)
def graph_page(request: Request, lib: LibraryDep) -> HTMLResponse:
    """Connected papers as a server-side SVG; pan and zoom with plain JS, click a node to open it."""
    graph = citation_graph(lib)
    names = {c.slug: c.name for c in lib.catalog.categories}
    return render(request, "graph.html", graph=graph, names=names)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, lib: LibraryDep) -> HTMLResponse:
    """Papers by year and category, reading status marked."""
    return render(request, "timeline.html", timeline=timeline(lib))
