"""Writers on one SQLite library queue instead of failing: a write transaction takes the write lock when it
begins, waits for another writer up to the busy timeout, and past it gives up with a clean BusyError (a 503
on the web) having written nothing.

On the old code a transaction that read before it wrote failed at once with "database is locked" (an
OperationalError, a 500) when another writer held the lock, whatever the busy timeout.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from paperpass.errors import BusyError
from paperpass.store import Store, db
from paperpass.store.tables import meta


def _set(store: Store, key: str, value: str) -> None:
    from paperpass.store.papers import set_meta

    with store.transaction() as conn:
        conn.execute(select(meta.c.value)).all()  # read first, then write: the pattern that failed
        set_meta(conn, key, value)


def _get(store: Store, key: str) -> str | None:
    from paperpass.store.papers import get_meta

    with store.connect() as conn:
        return get_meta(conn, key)


def test_a_writer_waits_for_another_writer(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    store = Store.open(f"sqlite:///{path}")
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO meta (key, value) VALUES ('held', 'yes')")
    threading.Timer(0.8, lambda: holder.execute("COMMIT")).start()
    started = time.monotonic()
    try:
        _set(store, "waited", "yes")
    finally:
        holder.close()
    assert time.monotonic() - started >= 0.5
    assert (_get(store, "waited"), _get(store, "held")) == ("yes", "yes")
    store.close()


def test_concurrent_read_then_write_transactions_all_commit(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'library.db'}")
    start = threading.Barrier(16)
    failures: list[BaseException] = []

    def write(i: int) -> None:
        start.wait()
        try:
            _set(store, f"writer-{i}", str(i))
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert [_get(store, f"writer-{i}") for i in range(16)] == [str(i) for i in range(16)]
    store.close()


def test_a_lock_held_past_the_busy_timeout_is_a_busy_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "SQLITE_BUSY_MS", 1500)  # read when a connection opens
    path = tmp_path / "library.db"
    store = Store.open(f"sqlite:///{path}")
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        with pytest.raises(BusyError, match="busy with another write") as raised:
            _set(store, "late", "yes")
        assert time.monotonic() - started >= 1.5 * 0.9
        assert raised.value.retry_after >= 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _get(store, "late") is None
    store.close()
