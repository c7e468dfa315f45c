"""The JSON API under /api: the same data the pages and the CLI show."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter

from paperpass import library
from paperpass.catalog import catalog_as_json, entry_as_json, find_entry
from paperpass.models import Paper
from paperpass.papers import paper_details
from paperpass.reading import checklist_progress, guide_progress
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
    """The top-15 checklist with progress."""
    progress = guide_progress(lib)
    items = checklist_progress(lib.catalog, progress)
    return [i.as_json() for i in items]


@router.get("/papers")
def papers(lib: LibraryDep) -> list[dict[str, Any]]:
    """Every library paper."""
    return [paper_json(p) for p in library.list_papers(lib)]


@router.get("/papers/{key}")
def paper(lib: LibraryDep, key: str) -> dict[str, Any]:
    """One library paper by slug or any identifier."""
    found = library.get_paper(lib, key)
    data = paper_json(found)
    data["status"] = library.paper_status(lib, found)
    data["guide_entries"] = [e.slug for e in library.paper_entries(lib, found)]
    return data


@router.get("/papers/{key}/sources")
def paper_sources(lib: LibraryDep, key: str) -> dict[str, Any]:
    """What sources added to a paper: PDF files, code links, discussion searches, sync queue state."""

    return paper_details(lib, key).as_json()
