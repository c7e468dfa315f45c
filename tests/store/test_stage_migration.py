"""Migration 0018 on both back ends: stages that time logged had moved go back to what the completed passes
say; stages that ``pass-done`` (or its override) gave are kept."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from paperpass.catalog import load_catalog
from paperpass.library import get_paper, seed_guide
from paperpass.papers.stage import stages
from paperpass.store import Store
from paperpass.store.db import MIGRATIONS
from support.library import library_for

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _migrate(store: Store, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _session(conn: sa.Connection, paper_id: int, user: int, number: int, minutes: float, done: bool) -> None:
    conn.execute(
        sa.text(
            "INSERT INTO reading_sessions (paper_id, user_id, pass_number, started_at, ended_at, minutes, "
            "completed, forced, note) VALUES (:p, :u, :n, :t, :t, :m, :c, :f, '')"
        ),
        {"p": paper_id, "u": user, "n": number, "t": NOW, "m": minutes, "c": done, "f": False},
    )


def _status(conn: sa.Connection, paper_id: int, user: int, status: str) -> None:
    conn.execute(
        sa.text("INSERT INTO reading_status (paper_id, user_id, status, updated_at) VALUES (:p, :u, :s, :t)"),
        {"p": paper_id, "u": user, "s": status, "t": NOW},
    )


def test_stages_are_recomputed_from_completed_passes(unmigrated_db_url: str) -> None:
    store = Store.open(unmigrated_db_url, migrate=False)
    _migrate(store, "0017")
    seed_guide(store, load_catalog())
    lib = library_for(store)
    lora, dpo, rag = (get_paper(lib, s).id or 0 for s in ("lora", "dpo", "rag"))
    with store.engine.begin() as conn:
        _session(conn, lora, 0, 2, 45, done=False)  # `log lora --pass 2 --minutes 45` moved it to pass 2
        _status(conn, lora, 0, "pass-2")
        _session(conn, dpo, 0, 1, 0, done=True)  # pass-done 1 accepted, then 50 minutes on pass 3
        _session(conn, dpo, 0, 3, 50, done=False)
        _status(conn, dpo, 0, "pass-3")
        _session(conn, rag, 7, 3, 0, done=True)  # another user's pass 3, forced or not
        _status(conn, rag, 7, "done")
    _migrate(store, "0018")
    assert stages(lib, [lora, dpo, rag]) == {lora: "to-read", dpo: "pass-1", rag: "to-read"}
    assert stages(library_for(store, user=7), [lora, rag]) == {lora: "to-read", rag: "done"}
    store.close()
