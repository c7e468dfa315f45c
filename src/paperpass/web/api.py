"""The JSON API under /api: the same data the pages and the CLI show."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query

from paperpass import library
from paperpass.catalog import catalog_as_json, entry_as_json, find_entry
from paperpass.models import Paper
from paperpass.papers import paper_details
from paperpass.papers import paper_stage as stage
from paperpass.plan import interview_checklist
from paperpass.web.deps import LibraryDep

router = APIRouter()


def paper_json(paper: Paper) -> dict[str, Any]:
    """A paper as JSON data."""
    data = asdict(paper)
    for key in ("created_at", "updated_at"):
        data[key] = data[key].isoformat() if data[key] else None
    return data


@router.get("/guide")
def guide(lib: LibraryDep) -> dict[str, Any]:
    """The full catalog: what ``paperpass guide --json`` prints."""
    return catalog_as_json(lib.catalog)


@router.get("/guide/{slug}")
def guide_entry(lib: LibraryDep, slug: str) -> dict[str, Any]:
    """One entry: what ``paperpass guide show SLUG --json`` prints."""
    return entry_as_json(lib.catalog, find_entry(lib.catalog, slug))


@router.get("/checklist")
def checklist(lib: LibraryDep) -> list[dict[str, object]]:
    """The top-15 checklist: each item's stage, its goal and whether it is done (interview-ready: the pass
    the study plan gives it, pass 2 without one, the note complete, its core questions practised)."""
    return [i.as_json() for i in interview_checklist(lib).items]


LISTED_AUTHORS = 20
"""Authors a listed paper shows (``authors_total`` counts them all; ``/api/papers/KEY`` has every one)."""


@router.get("/papers")
def papers(
    lib: LibraryDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 50,
) -> dict[str, Any]:
    """The library's papers, newest first, a page at a time: ``papers``, ``total``, ``page``,
    ``per_page``, ``pages``, ``next`` (the next page's URL, or null). Discovery records are not listed."""
    listed = library.papers_page(lib, page=page, per_page=per_page)
    items = []
    for paper in listed.papers:
        data = paper_json(paper)
        data["authors"], data["authors_total"] = data["authors"][:LISTED_AUTHORS], len(paper.authors)
        items.append(data)
    following = f"/api/papers?page={page + 1}&per_page={per_page}" if listed.more else None
    return {"papers": items, "total": listed.total, "page": page, "per_page": per_page,
            "pages": listed.pages, "next": following}  # fmt: skip


@router.get("/papers/{key}")
def paper(lib: LibraryDep, key: str) -> dict[str, Any]:
    """One library paper by slug or any identifier."""
    found = library.get_paper(lib, key)
    data = paper_json(found)
    data["status"] = stage(lib, found)
    data["guide_entries"] = [e.slug for e in library.paper_entries(lib, found)]
    return data


@router.get("/papers/{key}/sources")
def paper_sources(lib: LibraryDep, key: str) -> dict[str, Any]:
    """What sources added to a paper: PDF files, code links, discussion searches, sync queue state."""

    return paper_details(lib, key).as_json()
