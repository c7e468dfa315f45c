"""Reading status of the guide's entries and progress through the top-15 checklist.

An entry's status is the stage (:mod:`paperpass.papers.stage`) of its papers: the least advanced one
when it covers several ('Llama 3/4' is at pass 2 when both are).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from paperpass.catalog import Catalog, ChecklistItem, Entry, top15_slugs
from paperpass.library import Library
from paperpass.models import READING_STATUSES, Paper, ReadingStatus
from paperpass.papers.stage import stages
from paperpass.store import guide as guide_rows
from paperpass.store import papers as paper_rows


@dataclass(frozen=True)
class EntryProgress:
    """A guide entry with the library papers it covers and how far the user has read them."""

    entry: Entry
    papers: list[Paper]
    status: ReadingStatus
    top15: bool

    @property
    def paper(self) -> Paper | None:
        """The entry's own paper (None for an entry that groups several)."""
        return self.papers[0] if self.papers else None


@dataclass(frozen=True)
class ChecklistProgress:
    """A top-15 item with the stage of each entry it links to (whether it is done, interview-ready, is
    :mod:`paperpass.plan.goal`'s to say)."""

    item: ChecklistItem
    entries: list[EntryProgress]

    @property
    def status(self) -> ReadingStatus:
        """The least advanced status among the item's entries ('Llama 3/4' is done when both are)."""
        return least_advanced(e.status for e in self.entries)

    def as_json(self) -> dict[str, object]:
        """The item and its progress as JSON data."""
        return {
            "number": self.item.number,
            "label": self.item.label,
            "why": self.item.why,
            "entries": list(self.item.entries),
            "status": self.status,
        }


def least_advanced(states: Iterable[str]) -> ReadingStatus:
    """The earliest of some statuses in reading order ('to-read' when there are none)."""
    ranks = [READING_STATUSES.index(s) for s in states if s in READING_STATUSES]
    return READING_STATUSES[min(ranks)] if ranks else "to-read"


def guide_progress(library: Library) -> list[EntryProgress]:
    """Every guide entry, in guide order, with its papers and reading status for a user."""
    with library.store.connect() as conn:
        own = guide_rows.entry_paper_ids(conn)
        works = guide_rows.entry_work_ids(conn)
        wanted = {pid for pid in own.values() if pid is not None} | {p for ids in works.values() for p in ids}
        by_id = paper_rows.papers_by_ids(conn, wanted)
    status_by_id = stages(library, wanted)
    top = top15_slugs(library.catalog)
    result = []
    for entry in library.catalog.entries:
        own_id = own.get(entry.slug)
        ids = ([own_id] if own_id is not None else []) + works.get(entry.slug, [])
        entry_papers = [by_id[i] for i in ids if i in by_id]
        states = [status_by_id.get(p.id or 0, "to-read") for p in entry_papers]
        result.append(EntryProgress(entry, entry_papers, least_advanced(states), entry.slug in top))
    return result


def checklist_progress(catalog: Catalog, entries: list[EntryProgress]) -> list[ChecklistProgress]:
    """The top-15 checklist with each item's entries' progress."""
    by_slug = {e.entry.slug: e for e in entries}
    return [ChecklistProgress(item, [by_slug[s] for s in item.entries]) for item in catalog.checklist]
