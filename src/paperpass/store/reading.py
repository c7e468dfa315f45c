"""Reading sessions: the log of time spent per pass and of passes marked complete."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Connection, RowMapping, insert, select

from paperpass.models import ReadingSession
from paperpass.store.tables import reading_sessions


def _to_session(row: RowMapping) -> ReadingSession:
    return ReadingSession(
        id=row["id"],
        paper_id=row["paper_id"],
        user_id=row["user_id"],
        pass_number=row["pass_number"],
        started_at=_aware(row["started_at"]),
        ended_at=_aware(row["ended_at"]),
        minutes=float(row["minutes"]),
        completed=bool(row["completed"]),
        forced=bool(row["forced"]),
        note=row["note"] or "",
    )


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes for values that were stored as UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def add_session(conn: Connection, session: ReadingSession) -> ReadingSession:
    """Append a session to the log in the caller's transaction and return it with its id."""
    new_id = conn.execute(
        insert(reading_sessions)
        .values(
            paper_id=session.paper_id,
            user_id=session.user_id,
            pass_number=session.pass_number,
            started_at=session.started_at,
            ended_at=session.ended_at,
            minutes=session.minutes,
            completed=session.completed,
            forced=session.forced,
            note=session.note,
        )
        .returning(reading_sessions.c.id)
    ).scalar_one()
    return ReadingSession(**{**session.__dict__, "id": new_id})


def sessions(
    conn: Connection, paper_ids: Iterable[int] | None = None, *, user_id: int
) -> list[ReadingSession]:
    """The log for some papers (every paper when ``paper_ids`` is None), oldest first."""
    query = (
        select(reading_sessions)
        .where(reading_sessions.c.user_id == user_id)
        .order_by(reading_sessions.c.started_at, reading_sessions.c.id)
    )
    if paper_ids is not None:
        query = query.where(reading_sessions.c.paper_id.in_(list(paper_ids)))
    return [_to_session(row) for row in conn.execute(query).mappings()]
