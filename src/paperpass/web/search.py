"""Search results, the citation graph and the timeline: ``/search``, ``/graph``, ``/timeline``,
``/api/search``, and adding a discovery record to the library from a result (``POST /papers/add``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from paperpass.library import Library
from paperpass.models import ReadingStatus
from paperpass.papers import add_from_discovery
from paperpass.search import (
    SearchRequest,
    SearchResults,
    citation_graph,
    paper_timeline,
    results_as_json,
    run_search,
)
from paperpass.web.deps import LibraryDep
from paperpass.web.templating import render

router = APIRouter()
Q = Annotated[str, Query(max_length=500)]
Categories = Annotated[list[str], Query()]
Statuses = Annotated[list[ReadingStatus], Query()]
Page = Annotated[int, Query(ge=1, le=1000)]
Year = Annotated[
    str | None,
    Query(
        pattern=r"^ *(?:[0-9]{4}(?: *- *(?:[0-9]{4})?)?|- *[0-9]{4})? *$",
        description="2021, 2020-2023, 2020- or -2019.",
    ),
]
Notes = Annotated[
    Literal["with", "without", ""] | None, Query(description="Only papers with (without) a note.")
]
STATUSES = ("to-read", "pass-1", "pass-2", "pass-3", "done")


def _run(
    lib: Library, q: str, category: list[str], status: list[ReadingStatus], year: str | None,
    notes: str | None, top15: bool, discover: bool, page: int, limit: int,
) -> SearchResults:  # fmt: skip
    wanted = SearchRequest(
        text=q, categories=category, statuses=status, years=year,
        has_notes={"with": True, "without": False}.get(notes or ""), top15=top15, discovery=discover,
        meaning=None if lib.settings.semantic_search else False, page=page, per_page=limit,
    )  # fmt: skip
    return run_search(lib, wanted)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    lib: LibraryDep,
    q: Q = "",
    category: Categories = [],  # noqa: B006 - FastAPI copies query defaults
    status: Statuses = [],  # noqa: B006
    year: Year = None,
    notes: Notes = None,
    top15: bool = False,
    discover: bool = False,
    page: Page = 1,
    limit: Annotated[int, Query(ge=1, le=100)] = 30,
) -> HTMLResponse:
    """Results with highlighted snippets, a page at a time; filters in the sidebar."""
    results = _run(lib, q, category, status, year, notes, top15, discover, page, limit)
    chosen = {"category": category, "status": status, "year": year or "", "notes": notes or "",
              "top15": top15, "discover": discover}  # fmt: skip
    return render(
        request,
        "search.html",
        results=results,
        q=q,
        chosen=chosen,
        statuses=STATUSES,
        pages=_page_links(request, results),
    )


def _page_links(request: Request, results: SearchResults) -> dict[str, str]:
    """The URLs of the previous and next pages (same query and filters)."""

    def at(page: int) -> str:
        return f"{request.url.path}?{request.url.include_query_params(page=page).query}"

    links = {}
    if results.page > 1:
        links["previous"] = at(results.page - 1)
    if results.more:
        links["next"] = at(results.page + 1)
    return links


@router.get("/api/search")
def search_api(
    lib: LibraryDep,
    q: Q = "",
    category: Categories = [],  # noqa: B006
    status: Statuses = [],  # noqa: B006
    year: Year = None,
    notes: Notes = None,
    top15: bool = False,
    discover: bool = False,
    page: Page = 1,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    """The same search as JSON (what ``paperpass search --json`` prints), a page at a time."""
    results = _run(lib, q, category, status, year, notes, top15, discover, page, limit)
    return results_as_json(results)


@router.post("/papers/add")
def add_to_library(lib: LibraryDep, key: Annotated[str, Form(max_length=200)]) -> RedirectResponse:
    """Make a discovery record (a search result) a library paper, without fetching anything; then show it."""
    paper = add_from_discovery(lib, key)
    return RedirectResponse(f"/papers/{paper.slug}", status_code=303)


@router.get("/graph", response_class=HTMLResponse)
def graph_page(request: Request, lib: LibraryDep) -> HTMLResponse:
    """Connected papers as a server-side SVG; pan and zoom with plain JS, click a node to open it."""
    graph = citation_graph(lib)
    names = {c.slug: c.name for c in lib.catalog.categories}
    return render(request, "graph.html", graph=graph, names=names)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, lib: LibraryDep) -> HTMLResponse:
    """Papers by year and category, reading status marked."""
    return render(request, "timeline.html", timeline=paper_timeline(lib))
