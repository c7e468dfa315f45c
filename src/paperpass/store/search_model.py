"""What a full-text search backend is given and gives back: the parsed query, the filters, the matches.

Plain data, no SQL: :mod:`paperpass.search.query` builds a :class:`Query` from what the user typed, each
backend (:mod:`paperpass.store.search_fts5` for SQLite, :mod:`paperpass.store.search_postgres` for
PostgreSQL) renders it into its own syntax and answers with :class:`StoredMatch` values. The interface the
backends share is :class:`paperpass.search.backend.SearchBackend`.

A query is a conjunction of :class:`Clause` values; a clause is one or more :class:`SearchTerm` values of
which any may match (``lora OR qlora``), or, negated, none may. A term is a word, a phrase (several words in
order) or a prefix, optionally limited to the title or the authors. Words hold only letters and digits, so
no user text ever reaches a backend's query syntax.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MARK_START = "\x02"
"""Opens a matched stretch in titles and snippets."""
MARK_END = "\x03"
"""Closes a matched stretch."""
RANK_WINDOW = 1_000
"""Matches beyond this many (newest first) are not ranked: the query is too broad to rank them all fast.
The same on both backends."""


@dataclass(frozen=True)
class SearchTerm:
    """A word, a phrase (several words in order) or a prefix (``prefix``: the last word is a prefix).

    ``field`` limits the term to ``title`` or ``authors``; ``expansions`` (SQLite, one-word prefixes) are
    the indexed words the prefix stands for.
    """

    words: tuple[str, ...]
    prefix: bool = False
    field: str | None = None
    expansions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Clause:
    """Terms any of which may match (``a OR b``); ``negated``: none of them may."""

    terms: tuple[SearchTerm, ...]
    negated: bool = False

    @property
    def words(self) -> list[str]:
        """Every word of every term."""
        return [w for t in self.terms for w in t.words]

    @property
    def fielded(self) -> bool:
        """Whether a term is limited to the title or the authors (paper metadata only)."""
        return any(t.field for t in self.terms)


@dataclass(frozen=True)
class Query:
    """Clauses that must all hold."""

    clauses: tuple[Clause, ...] = ()

    @property
    def positive(self) -> tuple[Clause, ...]:
        """The clauses a result must match."""
        return tuple(c for c in self.clauses if not c.negated)

    @property
    def negative(self) -> tuple[Clause, ...]:
        """The clauses a result must not match."""
        return tuple(c for c in self.clauses if c.negated)

    def only(self, positive: tuple[Clause, ...]) -> Query:
        """The query with ``positive`` as its positive clauses (its negative ones kept)."""
        return Query(positive + self.negative)


@dataclass(frozen=True)
class SearchFilters:
    """What a result must satisfy besides matching. Empty values filter nothing.

    ``discovery`` includes the records of the discovery index (by default only library papers are
    searched); ``user_id`` is whose statuses and notes the filters (and the notes searched) are, set by
    :func:`paperpass.search.engine.search` to the viewer's (-1: nobody's).
    """

    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    has_notes: bool | None = None
    paper_ids: frozenset[int] | None = None
    discovery: bool = False
    user_id: int = -1

    @property
    def active(self) -> bool:
        """Whether any filter applies besides the library-or-discovery one."""
        return bool(
            self.categories or self.tags or self.statuses or self.year_from is not None
            or self.year_to is not None or self.has_notes is not None or self.paper_ids is not None
        )  # fmt: skip


@dataclass(frozen=True)
class StoredMatch:
    """A matching document: a paper's metadata (``kind='paper'``) or a note, PDF page or guide entry.

    ``title`` and ``snippet`` carry :data:`MARK_START` / :data:`MARK_END` around matched words.
    """

    paper_id: int | None
    kind: str
    ref: str
    title: str
    snippet: str
    score: float


@dataclass(frozen=True)
class RankedPapers:
    """The best papers matching a query, and how many matched (at most :data:`RANK_WINDOW` are counted)."""

    matches: list[StoredMatch] = field(default_factory=list)
    matched: int = 0
