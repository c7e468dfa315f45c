"""Writes that the web app's fuzzing and parallel requests turned into 500s: a NUL character (PostgreSQL
cannot store it), two first saves of one note at once, and SQLite writers that read before writing."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import select

from paperpass.errors import ConflictError, InvalidInputError
from paperpass.store import Store
from paperpass.store import notes as note_rows
from paperpass.store.tables import notes, papers


def _paper_id(store: Store) -> int:
    with store.connect() as conn:
        return int(conn.execute(select(papers.c.id).limit(1)).scalar_one())


def test_a_nul_character_is_refused_alike_on_both_back_ends(library_with_guide: Store) -> None:
    paper = _paper_id(library_with_guide)
    with pytest.raises(InvalidInputError, match="NUL"), library_with_guide.transaction() as conn:
        note_rows.save_note(conn, paper, "## Problem\nhalf\x00written", 0, user_id=0)
    with library_with_guide.connect() as conn:
        assert conn.execute(select(notes.c.body)).all() == []  # nothing half-written
    with library_with_guide.transaction() as conn:  # six characters a user typed are text like any other
        note_rows.save_note(conn, paper, "## Problem\nthe escape \\u0000 in JSON", 0, user_id=0)


def test_two_first_saves_at_once_give_one_note_and_one_conflict(library_with_guide: Store) -> None:
    paper = _paper_id(library_with_guide)
    outcome: dict[str, Any] = {}
    first_written = threading.Event()

    def second() -> None:
        first_written.wait(10)
        try:
            with library_with_guide.transaction() as conn:
                note_rows.save_note(conn, paper, "## Problem\nsecond", 0, user_id=0)
            outcome["second"] = "saved"
        except Exception as exc:  # noqa: BLE001 - the kind of failure is what is checked
            outcome["second"] = exc

    thread = threading.Thread(target=second)
    thread.start()
    with library_with_guide.transaction() as conn:
        note_rows.save_note(conn, paper, "## Problem\nfirst", 0, user_id=0)
        first_written.set()
        time.sleep(0.5)  # the second save checks, finds no note yet, and waits on the insert (or the lock)
    thread.join(20)
    assert isinstance(outcome["second"], ConflictError), outcome["second"]
    with library_with_guide.connect() as conn:
        assert conn.execute(select(notes.c.body)).scalars().all() == ["## Problem\nfirst"]
