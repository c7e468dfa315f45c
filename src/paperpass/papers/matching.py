"""When two records are the same paper, how they merge, and how a new paper's slug is made.

Duplicates are found by identifier first (arXiv id in any version, DOI, Semantic Scholar id), then by a
near-identical title with the same first author's last name and the same year (± 1, since a preprint and
its proceedings version often straddle a new year).
"""

from __future__ import annotations

import difflib
import re

from paperpass.models import Paper, normalise_title

TITLE_SIMILARITY = 0.93
"""Normalised titles at least this similar (difflib ratio) count as the same title."""
_STOPWORDS = frozenset(
    {"a", "an", "the", "on", "of", "for", "and", "in", "to", "with", "is", "are", "via", "from"}
)


def last_name(author: str) -> str:
    """The last word of a name, normalised (``'Noam M. Shazeer'`` -> ``'shazeer'``)."""
    words = normalise_title(author).split()
    return words[-1] if words else ""


def same_identifier(a: Paper, b: Paper) -> bool:
    """True when the papers share an arXiv id, a DOI or a Semantic Scholar id."""
    return bool(
        (a.arxiv_id and a.arxiv_id == b.arxiv_id)
        or (a.doi and b.doi and a.doi.lower() == b.doi.lower())
        or (a.s2_id and a.s2_id == b.s2_id)
    )


def conflicting_identifier(a: Paper, b: Paper) -> bool:
    """True when both papers have an identifier of the same kind and the values differ."""
    return bool(
        (a.arxiv_id and b.arxiv_id and a.arxiv_id != b.arxiv_id)
        or (a.s2_id and b.s2_id and a.s2_id != b.s2_id)
    )


def same_work(a: Paper, b: Paper) -> bool:
    """Near-identical title, same first author's last name, year equal or within one (when both known)."""
    if conflicting_identifier(a, b):
        return False
    ta, tb = normalise_title(a.title), normalise_title(b.title)
    if not ta or not tb or difflib.SequenceMatcher(None, ta, tb).ratio() < TITLE_SIMILARITY:
        return False
    if a.authors and b.authors and last_name(a.authors[0]) != last_name(b.authors[0]):
        return False
    return a.year is None or b.year is None or abs(a.year - b.year) <= 1


def merge_papers(existing: Paper, incoming: Paper) -> Paper:
    """``existing`` with the gaps filled from ``incoming``; nothing the library has is overwritten.

    Identifiers, venue, abstract and year fill in when missing; the longer author list wins (guide papers
    name only the first authors); links and tags are united; ``arxiv_version`` keeps the newer version.
    """
    version = max(v for v in (existing.arxiv_version, incoming.arxiv_version, 0) if v is not None) or None
    authors = incoming.authors if len(incoming.authors) > len(existing.authors) else existing.authors
    return existing.with_changes(
        title=existing.title or incoming.title,
        authors=list(authors),
        year=existing.year or incoming.year,
        venue=existing.venue or incoming.venue,
        abstract=existing.abstract or incoming.abstract,
        arxiv_id=existing.arxiv_id or incoming.arxiv_id,
        arxiv_version=version,
        doi=existing.doi or incoming.doi,
        s2_id=existing.s2_id or incoming.s2_id,
        links={**incoming.links, **existing.links},
        tags=list(dict.fromkeys([*existing.tags, *incoming.tags])),
    )


def slug_base(paper: Paper) -> str:
    """A readable slug: ``<first author's last name><year>-<first significant title word>``.

    ``vaswani2017-attention``; ``paper-<id>`` style fallbacks when authors or title are missing.
    """
    words = [w for w in normalise_title(paper.title).split() if w not in _STOPWORDS]
    word = next((w for w in words if len(w) > 2), words[0] if words else "")
    author = last_name(paper.authors[0]) if paper.authors else ""
    head = f"{author}{paper.year or ''}"
    base = "-".join(part for part in (head, word) if part)
    if not base:
        base = f"arxiv-{paper.arxiv_id}" if paper.arxiv_id else "paper"
    return re.sub(r"[^a-z0-9-]+", "-", base.lower()).strip("-")[:80] or "paper"
