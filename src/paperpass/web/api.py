"""The JSON API under /api: the same data the pages and the CLI show."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request

from paperpass import library
from paperpass.catalog import Catalog, catalog_as_json, entry_as_json, find_entry
from paperpass.models import Paper
from paperpass.reading.status import checklist_progress, guide_progress
from paperpass.web.security import current_user_id

router = APIRouter()


def paper_json(paper: Paper) -> dict[str, Any]:
    """A paper as JSON data."""
    data = asdict(paper)
    for key in ("created_at", "updated_at"):
        data[key] = data[key].isoformat() if data[key] else None
    return data


@router.get("/guide")
def guide(request: Request) -> dict[str, Any]:
    """The full catalog: what ``paperpass guide --json`` prints."""
    return catalog_as_json(request.app.state.catalog)


@router.get("/guide/{slug}")
def guide_entry(request: Request, slug: str) -> dict[str, Any]:
    """One entry: what ``paperpass guide show SLUG --json`` prints."""
    catalog: Catalog = request.app.state.catalog
    return entry_as_json(catalog, find_entry(catalog, slug))


@router.get("/checklist")
def checklist(request: Request) -> list[dict[str, object]]:
    """The top-15 checklist with progress."""
    catalog: Catalog = request.app.state.catalog
    progress = guide_progress(request.app.state.store, catalog, current_user_id(request))
    items = checklist_progress(catalog, progress)
    return [i.as_json() for i in items]


@router.get("/papers")
def papers(request: Request) -> list[dict[str, Any]]:
    """Every library paper."""
    return [paper_json(p) for p in library.list_papers(request.app.state.store)]


@router.get("/papers/{key}")
def paper(request: Request, key: str) -> dict[str, Any]:
    """One library paper by slug or any identifier."""
    store = request.app.state.store
    found = library.get_paper(store, key)
    data = paper_json(found)
    data["status"] = library.paper_status(store, found, current_user_id(request))
    data["guide_entries"] = [e.slug for e in library.paper_entries(store, request.app.state.catalog, found)]
    return data


@router.get("/papers/{key}/sources")
def paper_sources(request: Request, key: str) -> dict[str, Any]:
    """What sources added to a paper: PDF files, code links, discussion searches, sync queue state."""
    from paperpass.papers.details import paper_details

    return paper_details(request.app.state.store, key).as_json()
