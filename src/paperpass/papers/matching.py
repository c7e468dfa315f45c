"""When two records are the same paper, how they merge, and how a new paper's slug is made.

Duplicates are found by identifier first (arXiv id in any version, DOI, Semantic Scholar id), then by a
near-identical title with the same first author's last name and the same year (± 1, since a preprint and
its proceedings version often straddle a new year).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

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
    if not ta or not tb:
        return False
    titles = difflib.SequenceMatcher(None, ta, tb)
    # the quick ratios are upper bounds of ratio(), each far cheaper than the next
    if min(titles.real_quick_ratio(), titles.quick_ratio(), titles.ratio()) < TITLE_SIMILARITY:
        return False
    if a.authors and b.authors and last_name(a.authors[0]) != last_name(b.authors[0]):
        return False
    return a.year is None or b.year is None or abs(a.year - b.year) <= 1


YearLoader = Callable[[Sequence[int] | None], Iterable[Paper]]
"""Papers of the given years plus those of unknown year (every paper when given None). They may hold only
what a title match reads (id, title, authors, year, identifiers): :class:`TitleIndex` asks its ``whole``
for the full paper it returns."""


def _bigrams(title: str) -> Counter[str]:
    return Counter(title[n : n + 2] for n in range(len(title) - 1))


@lru_cache(maxsize=4096)
def _signature(title: str) -> tuple[str, Counter[str]]:
    """A title normalised and its bigrams (cached: a paper is looked up, then indexed, then re-indexed)."""
    normal = normalise_title(title)
    return normal, _bigrams(normal)


def could_be_similar(a: str, b: str, bigrams_a: Counter[str], bigrams_b: Counter[str]) -> bool:
    """False only when normalised titles ``a`` and ``b`` cannot reach :data:`TITLE_SIMILARITY`.

    Bounds, not guesses. Lengths first: difflib matches at most the shorter title, so the ratio is at most
    2·min/T with T = len(a) + len(b). Then bigrams: if difflib matches M characters in k blocks, the
    blocks share M - k bigrams, and k - 1 <= T - 2M (blocks are separated by unmatched characters), so
    the titles share at least 3M - T - 1 bigrams; a ratio 2M/T >= s needs M >= sT/2. Both take
    microseconds, difflib's ratio a third of a millisecond.
    """
    total = len(a) + len(b)
    if total and 2 * min(len(a), len(b)) < TITLE_SIMILARITY * total:
        return False
    needed = 3 * (TITLE_SIMILARITY * total / 2) - total - 1
    return needed <= 0 or sum((bigrams_a & bigrams_b).values()) >= needed


@dataclass
class _Indexed:
    paper: Paper
    loaded: bool
    """Loaded through the index's loader (maybe partly: :meth:`TitleIndex.find` completes it)."""
    _signature: tuple[str, Counter[str]] | None = None

    @property
    def signature(self) -> tuple[str, Counter[str]]:
        """The normalised title and its bigrams, made when first compared (most entries never are)."""
        if self._signature is None:
            self._signature = _signature(self.paper.title)
        return self._signature


class TitleIndex:
    """Papers grouped by year and first author's last name, for :func:`same_work`'s title match.

    Finding a paper's duplicate compares it only with the papers it could match (same first author's last
    name, or no authors; a year within one), and skips those whose titles cannot be similar enough
    (:func:`could_be_similar`) before difflib runs, so importing n entries does not cost n² title
    comparisons. Years are loaded when first asked for, through ``load`` (each year once). What the loaded
    papers do not hold is asked of ``beyond`` (the discovery index, too large to load: it looks titles up
    by their key). The loader may give papers with only what the match reads; ``whole`` completes the one
    found before it is returned.
    """

    def __init__(
        self,
        load: YearLoader,
        beyond: Callable[[Paper], Paper | None] | None = None,
        whole: Callable[[Paper], Paper] | None = None,
    ) -> None:
        self._load = load
        self._beyond = beyond
        self._whole = whole
        self._loaded: set[int] = set()
        self._everything = False
        self._groups: dict[int | None, dict[str, list[_Indexed]]] = {}
        self._ids: set[int] = set()

    @staticmethod
    def _name(paper: Paper) -> str:
        return last_name(paper.authors[0]) if paper.authors else ""

    def add(self, paper: Paper, *, loaded: bool = False) -> None:
        """Index a paper (once: a paper already indexed is left as it is)."""
        if paper.id is not None:
            if paper.id in self._ids:
                return
            self._ids.add(paper.id)
        entry = _Indexed(paper, loaded)
        self._groups.setdefault(paper.year, {}).setdefault(self._name(paper), []).append(entry)

    def remove(self, old: Paper) -> None:
        """Forget a paper (matched by id)."""
        group = self._groups.get(old.year, {}).get(self._name(old), [])
        for n, entry in enumerate(group):
            if entry.paper.id == old.id:
                del group[n]
                break
        self._ids.discard(old.id or 0)

    def replace(self, old: Paper, new: Paper) -> None:
        """Index ``new`` in place of ``old`` (the same paper after a merge)."""
        self.remove(old)
        self.add(new)

    def _ensure(self, year: int | None) -> None:
        if self._everything:
            return
        if year is None:
            wanted: list[int] | None = None
            self._everything = True
        else:
            wanted = [y for y in (year - 1, year, year + 1) if y not in self._loaded]
            if not wanted:
                return
            self._loaded.update(wanted)
        for paper in self._load(wanted):
            self.add(paper, loaded=True)

    def _candidates(self, paper: Paper) -> Iterator[_Indexed]:
        near = (None, paper.year - 1, paper.year, paper.year + 1) if paper.year is not None else None
        name = self._name(paper) if paper.authors else None
        for year in dict.fromkeys(near if near is not None else list(self._groups)):
            groups = self._groups.get(year, {})
            if name is None:
                for group in groups.values():
                    yield from group
            else:
                yield from groups.get(name, [])
                if name:
                    yield from groups.get("", [])  # papers without authors match any first author

    def find(self, paper: Paper) -> Paper | None:
        """The library paper that is the same work as ``paper``, if any (else what ``beyond`` finds)."""
        self._ensure(paper.year)
        title, bigrams = _signature(paper.title)
        for entry in self._candidates(paper):
            other, other_bigrams = entry.signature
            if could_be_similar(title, other, bigrams, other_bigrams) and same_work(entry.paper, paper):
                if entry.loaded and self._whole is not None:
                    entry.paper, entry.loaded = self._whole(entry.paper), False
                return entry.paper
        return self._beyond(paper) if self._beyond is not None else None


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
