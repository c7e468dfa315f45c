"""The plan tables on both back ends: migration 0008 matches tables.py, a plan round-trips and is replaced."""

from __future__ import annotations

from datetime import date

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from paperpass.store import Store
from paperpass.store import plan as rows
from paperpass.store.tables import metadata

PLAN = {"study_plans", "plan_items"}


def test_plan_tables_match_their_migration(store: Store) -> None:
    assert set(store.table_names()) >= PLAN
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [c for c in diff if PLAN & set(str(c).split("'"))] == []


def test_a_plan_round_trips_and_a_replan_replaces_it(store: Store) -> None:
    item = rows.ItemRow(date(2027, 1, 4), 0, "read/lora/p1", "read", "Pass 1: LoRA", 10, "lora", None, 1)
    with store.transaction() as conn:
        rows.save_plan(conn, user_id=3, uid="u1", interview=date(2027, 1, 18), starts_on=date(2027, 1, 4),
                       hours_per_day=1.5, focus=["top15"], report={"planned": 10}, items=[item])  # fmt: skip
    with store.connect() as conn:
        got = rows.get_plan(conn, 3)
        assert rows.get_plan(conn, 0) is None
    assert got is not None and got.items == [item] and got.focus == ["top15"] and got.revision == 1
    with store.transaction() as conn:
        rows.save_plan(conn, user_id=3, uid="u2", interview=date(2027, 1, 18), starts_on=date(2027, 1, 5),
                       hours_per_day=2.0, focus=["all"], report={}, items=[])  # fmt: skip
    with store.connect() as conn:
        again = rows.get_plan(conn, 3)
    assert again is not None and again.uid == "u1" and again.revision == 2 and again.items == []
    with store.transaction() as conn:
        assert rows.delete_plan(conn, 3) and not rows.delete_plan(conn, 3)
