"""Connected papers from Semantic Scholar: references, citations, and a ranking of the most connected.

The ranking scores every paper the API returned around the seed:

- recommended by Semantic Scholar's recommendations endpoint (+2),
- cited by the seed (+1) or citing it (+1),
- co-citation: how many of the seed's citing papers also cite the candidate (+0.5 each),
- bibliographic coupling: how many references the candidate shares with the seed (+0.5 each).

Co-citation and coupling are counted over what the API returns (the first citing papers and the
references' own reference lists, one batch request), not over all of Semantic Scholar.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.models import Paper
from paperpass.search.graph import remember_connections
from paperpass.sources import Sources
from paperpass.sources.semanticscholar import s2_key

WEIGHTS = {"recommended": 2.0, "cited by it": 1.0, "cites it": 1.0, "co-cited": 0.5, "coupled": 0.5}


@dataclass(frozen=True)
class RankedPaper:
    """A connected paper with its score and the reasons behind it."""

    paper: Paper
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Connected:
    """Everything ``paperpass related`` shows for one paper."""

    seed: Paper
    references: list[Paper]
    citations: list[Paper]
    recommendations: list[Paper]
    ranking: list[RankedPaper]


def seed_key(paper: Paper) -> str:
    """How Semantic Scholar is asked about a library paper: its paperId, else arXiv id, else DOI.

    Raises:
        InvalidInputError: the paper has none of these identifiers.
    """

    if paper.s2_id:
        return paper.s2_id
    if paper.arxiv_id:
        return s2_key("arxiv", paper.arxiv_id)
    if paper.doi:
        return s2_key("doi", paper.doi)
    raise InvalidInputError(f"{paper.slug} has no arXiv id, DOI or Semantic Scholar id to look it up by")


def rank_connected(
    seed_id: str | None, references: list[Paper], citations: list[Paper], recommendations: list[Paper],
    reference_lists: dict[str, list[Paper]],
) -> list[RankedPaper]:  # fmt: skip
    """Score the papers around a seed (see the module docstring), best first; the seed itself is left out."""
    papers: dict[str, Paper] = {}
    reasons: dict[str, Counter[str]] = {}

    def note(paper: Paper, reason: str, times: int = 1) -> None:
        if not paper.s2_id or paper.s2_id == seed_id:
            return
        papers.setdefault(paper.s2_id, paper)
        counts = reasons.setdefault(paper.s2_id, Counter())
        if reason in ("co-cited", "coupled"):
            counts[reason] += times
        else:  # a relation holds or not, however often a listing repeats it
            counts[reason] = 1

    for paper in recommendations:
        note(paper, "recommended")
    for paper in references:
        note(paper, "cited by it")
    for paper in citations:
        note(paper, "cites it")
    seed_refs = {p.s2_id for p in references if p.s2_id}
    citing = {p.s2_id for p in citations if p.s2_id}
    for owner, refs in reference_lists.items():
        if owner in citing:
            for ref in refs:
                note(ref, "co-cited")
        shared = len(seed_refs & {r.s2_id for r in refs if r.s2_id})
        if shared and owner in papers:
            note(papers[owner], "coupled", shared)
    ranked = [
        RankedPaper(papers[key], sum(WEIGHTS[r] * n for r, n in counts.items()), _describe(counts))
        for key, counts in reasons.items()
    ]
    return sorted(ranked, key=lambda r: (-r.score, r.paper.title.lower()))


def _describe(counts: Counter[str]) -> list[str]:
    out = []
    for reason in WEIGHTS:
        n = counts.get(reason, 0)
        if n:
            out.append(f"{reason} ×{n}" if reason in ("co-cited", "coupled") else reason)
    return out


def connected_papers(
    sources: Sources, seed: Paper, *, citations_limit: int = 200, references_limit: int = 1000,
    batch_limit: int = 400,
) -> Connected:  # fmt: skip
    """References, citations, recommendations and the ranking for a library paper.

    About ``2 + ceil(references / 100) + ceil(citations_limit / 100)`` requests at one per second.

    Raises:
        NotFoundError: Semantic Scholar does not know the paper.
        SourceError: Semantic Scholar could not be reached.
    """
    s2 = sources.semanticscholar
    key = seed_key(seed)
    references = s2.references(key, limit=references_limit)
    citations = s2.citations(key, limit=citations_limit)
    recommendations = s2.recommendations(key)
    owners = [p.s2_id for p in [*citations, *references] if p.s2_id][:batch_limit]
    lists = s2.reference_lists(list(dict.fromkeys(owners))) if owners else {}
    return Connected(
        seed, references, citations, recommendations,
        rank_connected(seed.s2_id, references, citations, recommendations, lists),
    )  # fmt: skip


def connect_library_paper(library: Library, sources: Sources, seed: Paper) -> Connected:
    """:func:`connected_papers`, with the references and citations kept as the citation graph's edges."""

    found = connected_papers(sources, seed)
    if seed.id is not None:
        remember_connections(library.store, seed.id, found.references, found.citations)
    return found


def identifier_for(paper: Paper) -> str | None:
    """What ``paperpass add`` is given to add a connected paper: arXiv id, else DOI, else S2 paperId."""
    return paper.arxiv_id or paper.doi or paper.s2_id
