"""The one interface every full-text search backend offers, like httpx's transports: the search asks
it, never which database it has.

Two backends implement it, in the store (SQL stays there): FTS5 on SQLite
(:class:`paperpass.store.search_fts5.Fts5Backend`) and ``tsvector`` on PostgreSQL
(:class:`paperpass.store.search_postgres.PostgresBackend`). :func:`backend_for` gives a connection's.
"""

from __future__ import annotations

from typing import Protocol

from paperpass.store import Connection
from paperpass.store import search as search_rows
from paperpass.store.search_model import Query, RankedPapers, SearchFilters, StoredMatch


class SearchBackend(Protocol):
    """Full-text search over the papers' metadata and the indexed texts (notes, PDF pages, the guide)."""

    name: str

    def match_papers(
        self, conn: Connection, query: Query, filters: SearchFilters, limit: int
    ) -> RankedPapers:
        """The ``limit`` best papers whose title, authors or abstract match ``query`` and pass
        ``filters``, with their highlighted title and abstract snippet, and how many matched."""

    def match_texts(
        self, conn: Connection, query: Query, filters: SearchFilters, limit: int
    ) -> list[StoredMatch]:
        """The ``limit`` best notes (of ``filters.user_id``), PDF pages and guide texts matching ``query``."""

    def recent_papers(
        self, conn: Connection, filters: SearchFilters, limit: int, without: Query | None = None
    ) -> list[int]:
        """The newest papers passing ``filters`` and matching none of ``without``'s clauses."""

    def rebuild(self, conn: Connection) -> None:
        """Rebuild the full-text indexes from their tables."""

    def optimize(self, conn: Connection) -> None:
        """Make the index faster to query after a bulk load."""


def backend_for(conn: Connection) -> SearchBackend:
    """The backend of ``conn``'s database."""
    return search_rows.backend_for(conn)
