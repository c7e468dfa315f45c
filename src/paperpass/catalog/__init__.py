"""The guide as data: categories, entries, top-15 checklist, questions, method, note template, resources.

Use :func:`load_catalog` to get the validated :class:`~paperpass.catalog.schema.Catalog`; it is read once
per process from ``data/guide.yaml`` inside the package.
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from paperpass.catalog.schema import (
    Catalog,
    Category,
    ChecklistItem,
    Entry,
    Fact,
    InterviewQuestion,
    NoteField,
    ReadingPass,
    Resource,
    Work,
)
from paperpass.errors import NotFoundError

__all__ = [
    "Catalog",
    "Category",
    "ChecklistItem",
    "Entry",
    "Fact",
    "InterviewQuestion",
    "NoteField",
    "ReadingPass",
    "Resource",
    "Work",
    "catalog_as_json",
    "entry_as_json",
    "find_entry",
    "load_catalog",
    "top15_slugs",
]


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """Read and validate the bundled guide catalog (cached for the process)."""
    text = resources.files("paperpass.catalog").joinpath("data/guide.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster when built
    return Catalog.model_validate(yaml.load(text, Loader=loader))  # noqa: S506 - a safe loader


def top15_slugs(catalog: Catalog) -> set[str]:
    """Slugs of every entry the top-15 checklist links to."""
    return {slug for item in catalog.checklist for slug in item.entries}


def find_entry(catalog: Catalog, key: str) -> Entry:
    """Find an entry by slug, number, arXiv id or short title (case-insensitive).

    Raises:
        NotFoundError: with the closest slugs as suggestions.
    """
    wanted = key.strip().lower()
    for entry in catalog.entries:
        names = {entry.slug, str(entry.number), entry.short_title.lower(), (entry.arxiv or "").lower()}
        if wanted in names:
            return entry
    slugs = [e.slug for e in catalog.entries]
    suggestions = difflib.get_close_matches(wanted, slugs, n=3, cutoff=0.5)
    if not suggestions:
        suggestions = [s for s in slugs if wanted and (wanted in s or s in wanted)][:3]
    raise NotFoundError(f"no guide entry {key!r}", suggestions)


def entry_as_json(catalog: Catalog, entry: Entry) -> dict[str, Any]:
    """An entry as plain JSON data, with its category name, link and top-15 flag."""
    data = entry.model_dump(mode="json")
    category = next(c for c in catalog.categories if c.slug == entry.category)
    data["category_name"] = category.name
    data["link"] = entry.link
    data["top15"] = entry.slug in top15_slugs(catalog)
    return data


def catalog_as_json(catalog: Catalog) -> dict[str, Any]:
    """The full catalog as JSON data: entries (with top15 flags) and everything else the guide holds."""
    data = catalog.model_dump(mode="json")
    data["entries"] = [entry_as_json(catalog, e) for e in catalog.entries]
    return data
