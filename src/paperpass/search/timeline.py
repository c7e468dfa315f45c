"""The timeline: the library's papers by year and category, with reading status."""

from __future__ import annotations

from dataclasses import dataclass

from paperpass.library import Library
from paperpass.models import Paper
from paperpass.search.graph import MAX_NODES, category_colours, paper_category
from paperpass.store import papers as paper_rows
from paperpass.store import search as search_rows

MAX_PAPERS = MAX_NODES * 2


@dataclass(frozen=True)
class TimelinePaper:
    """A paper on the timeline."""

    paper: Paper
    status: str

    @property
    def read(self) -> bool:
        """Whether reading has started."""
        return self.status != "to-read"


@dataclass(frozen=True)
class TimelineRow:
    """One category: its name, colour, and its papers per year (in ``Timeline.years`` order)."""

    category: str
    name: str
    colour: str
    cells: list[list[TimelinePaper]]


@dataclass(frozen=True)
class Timeline:
    """Years as columns (every year between the first and last paper), categories as rows."""

    years: list[int]
    rows: list[TimelineRow]
    undated: list[TimelinePaper]
    shown: int = 0
    total: int = 0
    """Papers on the timeline, and how many qualify (at most :data:`MAX_PAPERS` are shown)."""


def timeline(library: Library) -> Timeline:
    """The guide's papers and the papers being read or annotated, by year and category."""
    with library.store.connect() as conn:
        ids = search_rows.graph_paper_ids(conn, MAX_PAPERS, library.user_id)
        total = search_rows.graph_paper_count(conn, library.user_id) if len(ids) >= MAX_PAPERS else len(ids)
        papers = paper_rows.papers_by_ids(conn, ids)
        states = paper_rows.statuses(conn, ids, user_id=library.user_id)
    guide_categories = {c.slug for c in library.catalog.categories}
    names = {c.slug: c.name for c in library.catalog.categories}
    placed = [(paper_category(p, guide_categories), TimelinePaper(p, states.get(pid, "to-read")))
              for pid, p in papers.items()]  # fmt: skip
    dated = [p.paper.year for _, p in placed if p.paper.year]
    years = list(range(min(dated), max(dated) + 1)) if dated else []
    colours = category_colours(library.catalog, [c for c, _ in placed])
    order = [c.slug for c in library.catalog.categories] + sorted({c for c, _ in placed} - guide_categories)
    rows = []
    for category in order:
        mine = [p for c, p in placed if c == category and p.paper.year]
        if not mine:
            continue
        cells = [sorted((p for p in mine if p.paper.year == y), key=lambda p: p.paper.title) for y in years]
        rows.append(TimelineRow(category, names.get(category, category), colours[category], cells))
    undated = sorted((p for _, p in placed if not p.paper.year), key=lambda p: p.paper.title)
    return Timeline(years, rows, undated, len(papers), total)
