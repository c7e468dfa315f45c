"""The connected-papers picture: library papers as nodes, citations and the guide's links as edges.

Nodes are sized by how many citing papers are known, coloured by category and marked when read; papers
just outside the library that several library papers cite (or are cited by) are shown faintly as
suggestions. Edges come from the citation links stored from Semantic Scholar (:func:`remember_connections`)
and from the guide's ``related`` / ``see_also`` links. Positions come from a small deterministic force
layout (Fruchterman-Reingold), so the page is plain server-side SVG.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from paperpass.catalog import Catalog
from paperpass.library import Library
from paperpass.models import Paper
from paperpass.store import Store
from paperpass.store import guide as guide_rows
from paperpass.store import papers as paper_rows
from paperpass.store import search as search_rows

MAX_NODES = 150
MAX_SUGGESTIONS = 30
WIDTH, HEIGHT = 1000.0, 700.0
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac")  # fmt: skip


@dataclass(frozen=True)
class GraphNode:
    """A paper in the picture; ``in_library`` False for a suggestion."""

    key: str
    title: str
    url: str
    year: int | None
    category: str
    colour: str
    status: str
    citations: int
    in_library: bool
    x: float = 0.0
    y: float = 0.0

    @property
    def radius(self) -> float:
        """Grows with the square root of the known citing papers."""
        return round(5.0 + 2.2 * math.sqrt(self.citations), 1) if self.in_library else 4.0

    @property
    def read(self) -> bool:
        """Whether the reader has started or finished it."""
        return self.status != "to-read"

    @property
    def label(self) -> str:
        """A short label: the title up to its colon, at most 28 characters."""
        short = self.title.split(":")[0].strip()
        return short if len(short) <= 28 else short[:27] + "…"


@dataclass(frozen=True)
class GraphEdge:
    """A link between two nodes: ``cites`` (source cites target) or ``related`` (the guide's)."""

    source: str
    target: str
    kind: str


@dataclass(frozen=True)
class CitationGraph:
    """Nodes with positions, edges, and the legend's categories."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    categories: dict[str, str]
    width: float = WIDTH
    height: float = HEIGHT
    total: int = 0
    """How many library papers qualify for the picture (at most :data:`MAX_NODES` are drawn)."""

    def node(self, key: str) -> GraphNode:
        """A node by key."""
        return next(n for n in self.nodes if n.key == key)


def remember_connections(
    store: Store, paper_id: int, references: Sequence[Paper], citations: Sequence[Paper]
) -> int:
    """Store what Semantic Scholar says a library paper cites and is cited by (the graph's edges).

    ``paperpass related`` (or anything that fetched them) calls this; earlier links of the paper are
    replaced. Returns how many links are stored.
    """

    def other(p: Paper) -> dict[str, object]:
        key = f"s2:{p.s2_id}" if p.s2_id else f"arxiv:{p.arxiv_id}" if p.arxiv_id else ""
        return {"key": key, "title": p.title, "year": p.year, "arxiv_id": p.arxiv_id, "s2_id": p.s2_id}

    with store.transaction() as conn:
        stored = search_rows.save_citation_links(conn, paper_id, "references", [other(p) for p in references])
        stored += search_rows.save_citation_links(conn, paper_id, "cited-by", [other(p) for p in citations])
    return stored


def category_colours(catalog: Catalog, extra: Sequence[str] = ()) -> dict[str, str]:
    """A colour per category: the guide's six first, in order, then any other category by name."""
    names = [c.slug for c in catalog.categories] + sorted(set(extra) - {c.slug for c in catalog.categories})
    return {name: PALETTE[n % len(PALETTE)] for n, name in enumerate(names)}


def paper_category(paper: Paper, guide_categories: set[str]) -> str:
    """The guide category among a paper's tags, else its first tag's top level (``cs`` for ``cs.LG``)."""
    for tag in paper.tags:
        if tag in guide_categories:
            return tag
    return paper.tags[0].split(".")[0] if paper.tags else "other"


def _guide_edges(
    catalog: Catalog, entry_papers: dict[str, int | None], entry_works: dict[str, list[int]]
) -> set[tuple[str, str, str]]:
    # The guide's related links, and each paper an entry names (Jamba, Sleeper Agents, ...) linked to
    # the entry's own paper, or to the papers it refers to when it has none of its own.
    by_number = {e.number: e.slug for e in catalog.entries}
    edges = set()
    for entry in catalog.entries:
        own = entry_papers.get(entry.paper or entry.slug) or entry_papers.get(entry.slug)
        others = [entry_papers.get(o) for o in [*entry.related, *(by_number[n] for n in entry.see_also)]]
        links = [(own, other) for other in others]
        for work in entry_works.get(entry.slug, []):
            links += [(work, own)] if own else [(work, other) for other in others]
        for source, target in links:
            if source and target and source != target:
                a, b = sorted((f"p{source}", f"p{target}"))
                edges.add((a, b, "related"))
    return edges


def citation_graph(library: Library) -> CitationGraph:
    """The library's connected-papers picture (see the module docstring)."""
    with library.store.connect() as conn:
        ids = search_rows.graph_paper_ids(conn, MAX_NODES, library.user_id)
        total = search_rows.graph_paper_count(conn, library.user_id) if len(ids) >= MAX_NODES else len(ids)
        papers = paper_rows.papers_by_ids(conn, ids)
        states = paper_rows.statuses(conn, ids, user_id=library.user_id)
        links = [dict(r) for r in search_rows.citation_rows(conn, ids)]
        resolved = search_rows.resolve_papers(
            conn, [r["other_arxiv_id"] for r in links], [r["other_s2_id"] for r in links]
        )
        entry_papers = guide_rows.entry_paper_ids(conn)
        entry_works = guide_rows.entry_work_ids(conn)
    edges, outside, cited_by = _citation_edges(links, resolved)
    edges |= _guide_edges(library.catalog, entry_papers, entry_works)
    guide_categories = {c.slug for c in library.catalog.categories}
    categories = {pid: paper_category(p, guide_categories) for pid, p in papers.items()}
    colours = category_colours(library.catalog, list(categories.values()))
    nodes = [
        GraphNode(f"p{pid}", p.title, f"/papers/{p.slug}", p.year, categories[pid], colours[categories[pid]],
                  states.get(pid, "to-read"), cited_by.get(f"p{pid}", 0), True)
        for pid, p in sorted(papers.items())
    ]  # fmt: skip
    nodes += _suggestions(outside, edges)
    keys = {n.key for n in nodes}
    kept = sorted(e for e in edges if e[0] in keys and e[1] in keys)
    positions = force_layout(tuple(n.key for n in nodes), tuple((a, b) for a, b, _ in kept))
    placed = [_place(n, positions[n.key]) for n in nodes]
    used = set(categories.values())
    legend = {name: colour for name, colour in colours.items() if name in used}
    return CitationGraph(placed, [GraphEdge(*e) for e in kept], legend, total=total)


def _place(node: GraphNode, xy: tuple[float, float]) -> GraphNode:
    return replace(node, x=round(xy[0], 1), y=round(xy[1], 1))


def _citation_edges(
    links: Sequence[Mapping[str, Any]], resolved: dict[str, int]
) -> tuple[set[tuple[str, str, str]], dict[str, Mapping[str, Any]], Counter[str]]:
    edges: set[tuple[str, str, str]] = set()
    outside: dict[str, Mapping[str, Any]] = {}
    citing: dict[str, set[str]] = {}
    for link in links:
        own = f"p{link['paper_id']}"
        found = resolved.get(f"arxiv:{link['other_arxiv_id']}") or resolved.get(f"s2:{link['other_s2_id']}")
        other = f"p{found}" if found is not None else str(link["other_key"])
        if found is None:
            outside.setdefault(other, link)
        source, target = (own, other) if link["direction"] == "references" else (other, own)
        citing.setdefault(target, set()).add(source)
        edges.add((source, target, "cites"))
    return edges, outside, Counter({k: len(v) for k, v in citing.items()})


def _suggestions(outside: dict[str, Mapping[str, Any]], edges: set[tuple[str, str, str]]) -> list[GraphNode]:
    degree = Counter(k for a, b, _ in edges for k in (a, b) if k in outside)
    chosen = sorted(degree, key=lambda k: (-degree[k], k))[:MAX_SUGGESTIONS]
    nodes = []
    for key in chosen:
        link = outside[key]
        arxiv, s2 = link.get("other_arxiv_id"), link.get("other_s2_id")
        url = f"https://arxiv.org/abs/{arxiv}" if arxiv else f"https://www.semanticscholar.org/paper/{s2}"
        year = link.get("other_year")
        title = str(link.get("other_title") or key)
        when = year if isinstance(year, int) else None
        nodes.append(GraphNode(key, title, url, when, "suggestion", "#bbbbbb", "to-read", degree[key], False))
    return nodes


def _start(key: str, n: int, total: int) -> tuple[float, float]:
    # Deterministic start: a spiral ordered by key, jittered by the key's hash.
    jitter = int(hashlib.sha1(key.encode()).hexdigest()[:6], 16) / 0xFFFFFF
    angle = n * 2.399963 + jitter  # the golden angle spreads points evenly
    radius = 0.45 * math.sqrt((n + 0.5) / max(total, 1))
    return 0.5 + radius * math.cos(angle), 0.5 + radius * math.sin(angle)


@lru_cache(maxsize=32)
def force_layout(
    keys: tuple[str, ...], edges: tuple[tuple[str, str], ...], iterations: int = 120
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold positions in a WIDTH x HEIGHT box; the same input always gives the same output."""
    total = len(keys)
    pos = [list(_start(k, n, total)) for n, k in enumerate(keys)]
    index = {k: n for n, k in enumerate(keys)}
    pairs = [(index[a], index[b]) for a, b in edges if a in index and b in index]
    k = 0.8 * math.sqrt(1.0 / max(total, 1))
    temperature = 0.1
    for _ in range(iterations):
        disp = [[0.0, 0.0] for _ in keys]
        for i in range(total):
            xi, yi = pos[i]
            for j in range(i + 1, total):
                dx, dy = xi - pos[j][0], yi - pos[j][1]
                d2 = dx * dx + dy * dy + 1e-9
                f = k * k / d2
                disp[i][0] += dx * f
                disp[i][1] += dy * f
                disp[j][0] -= dx * f
                disp[j][1] -= dy * f
        for i, j in pairs:
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            d = math.sqrt(dx * dx + dy * dy) + 1e-9
            f = d / k
            disp[i][0] -= dx * f
            disp[i][1] -= dy * f
            disp[j][0] += dx * f
            disp[j][1] += dy * f
        for i in range(total):
            # A weak pull to the centre keeps unconnected nodes on the page.
            dx, dy = disp[i][0] + (0.5 - pos[i][0]) * 0.5, disp[i][1] + (0.5 - pos[i][1]) * 0.5
            d = math.sqrt(dx * dx + dy * dy) + 1e-9
            step = min(d, temperature)
            pos[i][0] += dx / d * step
            pos[i][1] += dy / d * step
        temperature *= 0.96
    return {key: xy for key, xy in zip(keys, _fit(pos), strict=True)}


def _fit(pos: list[list[float]], margin: float = 0.04, label_room: float = 0.14) -> list[tuple[float, float]]:
    # Scale the layout to fill the box instead of clamping nodes against its edges (which piles them up
    # on the border); room is kept on the right for the labels drawn after each node.
    if not pos:
        return []
    xs, ys = [p[0] for p in pos], [p[1] for p in pos]
    spread_x, spread_y = max(xs) - min(xs) or 1.0, max(ys) - min(ys) or 1.0
    width, height = 1 - 2 * margin - label_room, 1 - 2 * margin
    return [
        (
            (margin + (x - min(xs)) / spread_x * width) * WIDTH,
            (margin + (y - min(ys)) / spread_y * height) * HEIGHT,
        )
        for x, y in zip(xs, ys, strict=True)
    ]
