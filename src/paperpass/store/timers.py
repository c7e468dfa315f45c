"""Pass timers kept on the server: one per user and paper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from paperpass.store.tables import pass_timers


@dataclass(frozen=True)
class TimerRow:
    """A stored timer: its pass, when it first started, since when it runs (None: paused), the seconds
    of the stretches before that."""

    paper_id: int
    user_id: int
    pass_number: int
    first_started_at: datetime
    running_since: datetime | None
    elapsed_seconds: float


def _aware(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes for values stored as UTC.
    return value if value is None or value.tzinfo else value.replace(tzinfo=UTC)


def get_timer(conn: Connection, paper_id: int, user_id: int) -> TimerRow | None:
    """The user's timer on a paper, or None."""
    row = (
        conn.execute(
            select(pass_timers).where(
                (pass_timers.c.paper_id == paper_id) & (pass_timers.c.user_id == user_id)
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    first = _aware(row["first_started_at"])
    assert first is not None
    return TimerRow(row["paper_id"], row["user_id"], row["pass_number"], first, _aware(row["running_since"]),
                    float(row["elapsed_seconds"]))  # fmt: skip


def put_timer(conn: Connection, timer: TimerRow) -> None:
    """Store a timer, replacing the user's timer on that paper (an upsert, so two tabs starting the same
    timer at once do not collide)."""
    values = {"pass_number": timer.pass_number, "first_started_at": timer.first_started_at,
              "running_since": timer.running_since, "elapsed_seconds": timer.elapsed_seconds}  # fmt: skip
    dialect_insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
    statement = dialect_insert(pass_timers).values(paper_id=timer.paper_id, user_id=timer.user_id, **values)
    conn.execute(statement.on_conflict_do_update(index_elements=["paper_id", "user_id"], set_=values))


def drop_timer(conn: Connection, paper_id: int, user_id: int) -> bool:
    """Remove the user's timer on a paper; False when there was none."""
    where = (pass_timers.c.paper_id == paper_id) & (pass_timers.c.user_id == user_id)
    return bool(conn.execute(delete(pass_timers).where(where)).rowcount)
