"""A paper's stage: how far a user has read it. The one definition every view shows (the home page, the
checklist, the plan, readiness, progress, search, the CLI and the API).

A pass is reached when ``pass-done`` accepts it (its exit criteria are met) or when it is explicitly
overridden (``pass-done --force``, the override button on the web). Time logged never moves a stage: 45
minutes logged on pass 2 is reading time, not a pass 2.

The stage is the furthest pass completed: ``to-read``, ``pass-1``, ``pass-2``, then ``done`` once pass 3
is complete. (``pass-3`` is kept as a known word for filters written before, and is never given.)

It is kept in the store (``reading_status``) so that search can filter on it in SQL; it is written in one
place, :func:`record_completion`, in the transaction that logs the completed pass, and migration 0018
recomputed every stored stage from the log of completed passes.
"""

from __future__ import annotations

from collections.abc import Iterable

from paperpass.library import Library
from paperpass.models import READING_STATUSES, Paper, ReadingStatus
from paperpass.store import Connection
from paperpass.store import papers as paper_rows

STAGE_OF_PASS: dict[int, ReadingStatus] = {1: "pass-1", 2: "pass-2", 3: "done"}
PASSES_OF_STAGE: dict[str, int] = {"to-read": 0, "pass-1": 1, "pass-2": 2, "pass-3": 2, "done": 3}
"""How many passes a stage means are reached (a legacy ``pass-3`` counts as pass 2 reached)."""
DEFINITION = (
    "A pass is reached when pass-done accepts it (its exit criteria met) or it is explicitly overridden; "
    "time logged does not move a paper to a pass."
)


def stage_of(completed: Iterable[int]) -> ReadingStatus:
    """The stage that some completed passes give: the furthest one (``to-read`` when there is none)."""
    furthest = max((n for n in completed if n in STAGE_OF_PASS), default=0)
    return STAGE_OF_PASS.get(furthest, "to-read")


def passes_reached(stage: str) -> int:
    """How many passes a stage means are reached: 0-3."""
    return PASSES_OF_STAGE.get(stage, 0)


def stages(library: Library, paper_ids: Iterable[int]) -> dict[int, ReadingStatus]:
    """The viewer's stage of each paper (every id given is in the answer; unread ones are ``to-read``)."""
    wanted = list(dict.fromkeys(paper_ids))
    if not wanted:
        return {}
    with library.store.connect() as conn:
        stored = paper_rows.statuses(conn, wanted, user_id=library.user_id)
    return {pid: _known(stored.get(pid, "to-read")) for pid in wanted}


def stage(library: Library, paper: Paper) -> ReadingStatus:
    """The viewer's stage of one paper."""
    if paper.id is None:
        return "to-read"
    return stages(library, [paper.id])[paper.id]


def record_completion(conn: Connection, paper_id: int, number: int, user_id: int) -> None:
    """Move a paper's stage forward for a pass just completed, in the caller's transaction (a later stage
    is kept: completing pass 1 after pass 2 changes nothing)."""
    current = _known(paper_rows.statuses(conn, [paper_id], user_id=user_id).get(paper_id, "to-read"))
    reached = STAGE_OF_PASS[number]
    if passes_reached(reached) > passes_reached(current):
        paper_rows.set_status(conn, paper_id, reached, user_id)


def _known(value: str) -> ReadingStatus:
    for status in READING_STATUSES:
        if status == value:
            return status
    return "to-read"
