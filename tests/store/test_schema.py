"""One check of the whole schema: a database migrated to the newest revision is what ``store/tables.py``
declares, plus the full-text index objects each back end builds in its own DDL, listed here.

A migration that adds a table, column or index tables.py does not declare (or the reverse) fails here,
on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from paperpass.store import Store
from paperpass.store.tables import metadata

FTS5 = ("config", "data", "docsize", "idx")
SEARCH_INDEX = {
    # SQLite: FTS5 external-content tables over papers and search_texts, their shadow tables, and the
    # vocabulary view of the papers index (migration 0006).
    "sqlite": {("table", name) for name in ("papers_fts", "papers_fts_vocab", "search_texts_fts")}
    | {("table", f"{base}_{part}") for base in ("papers_fts", "search_texts_fts") for part in FTS5},
    # PostgreSQL: generated tsvector columns with GIN indexes (0006), and the year index the filtered
    # search uses (0012).
    "postgresql": {
        ("column", "papers.search_vector"),
        ("column", "search_texts.search_vector"),
        ("index", "ix_papers_search_vector"),
        ("index", "ix_search_texts_search_vector"),
        ("index", "ix_papers_year"),
    },
}


def _describe(change: Any) -> tuple[str, str]:
    """An Alembic difference as (what differs, its name), e.g. ``("table", "search_terms")``."""
    if isinstance(change, list):  # a column's type, nullability or default differs
        return (change[0][0], f"{change[0][2]}.{change[0][3]}")
    kind = change[0]
    if kind in ("add_table", "remove_table"):
        return ("table", change[1].name)
    if kind in ("add_column", "remove_column"):
        return ("column", f"{change[2]}.{change[3].name}")
    if kind in ("add_index", "remove_index"):
        return ("index", change[1].name)
    return (kind, str(change[1:]))


def test_the_migrated_schema_is_tables_py_plus_the_search_index(store: Store) -> None:
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    only_in_database = all(
        not isinstance(c, list) and c[0].startswith("remove_") for c in differences
    )  # nothing declared is missing from the database
    assert {_describe(c) for c in differences} == SEARCH_INDEX[store.dialect]
    assert only_in_database


def test_every_declared_table_exists(store: Store) -> None:
    assert set(metadata.tables) <= set(store.table_names())
