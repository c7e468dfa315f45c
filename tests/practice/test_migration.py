"""The practice migration (0005) creates exactly the tables store/tables.py declares."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from paperpass.store import Store
from paperpass.store.tables import metadata

PRACTICE = {"practice_questions", "practice_cards", "practice_reviews", "mock_interviews", "mock_answers"}


def test_practice_tables_match_their_migration(store: Store) -> None:
    assert set(store.table_names()) >= PRACTICE
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)

    def table_of(change: object) -> str | None:
        item = change[0] if isinstance(change, list) else change
        for part in item[1:] if isinstance(item, tuple) else ():
            name = getattr(part, "name", None) if not hasattr(part, "table") else part.table.name
            if name:
                return str(name)
        return None

    assert [c for c in diff if table_of(c) in PRACTICE] == []
