"""Structured notes: the current version per paper and user, and every saved revision."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, RowMapping, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from paperpass.errors import ConflictError, NotFoundError
from paperpass.models import NoteRevision
from paperpass.store.tables import note_revisions, note_shares, notes, utcnow


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _to_revision(row: RowMapping) -> NoteRevision:
    return NoteRevision(
        paper_id=row["paper_id"],
        user_id=row["user_id"],
        version=row["version"],
        body=row["body"],
        saved_at=_aware(row["saved_at"]),
        source=row["source"],
    )


def current_note(conn: Connection, paper_id: int, user_id: int) -> NoteRevision | None:
    """The newest saved version of a paper's note, or None when it has never been saved."""
    row = (
        conn.execute(
            select(note_revisions)
            .where((note_revisions.c.paper_id == paper_id) & (note_revisions.c.user_id == user_id))
            .order_by(note_revisions.c.version.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    return _to_revision(row) if row else None


def save_note(
    conn: Connection,
    paper_id: int,
    body: str,
    expected_version: int,
    *,
    source: str = "cli",
    user_id: int,
) -> NoteRevision:
    """Save a new version of a note, based on ``expected_version`` (0 for a note never saved).

    The version check and the write are one conditional UPDATE, so two writers based on the same version
    cannot both win, on SQLite or PostgreSQL.

    Raises:
        ConflictError: the note was saved by someone else since ``expected_version``; nothing is written.
    """
    now = utcnow()
    new_version = expected_version + 1
    where = (notes.c.paper_id == paper_id) & (notes.c.user_id == user_id)
    if expected_version == 0:
        if conn.execute(select(notes.c.version).where(where)).first() is not None:
            raise _conflict(conn, paper_id, user_id, expected_version, body)
        try:
            # Another first save can commit between the check and the insert (PostgreSQL runs them at
            # once): the unique key refuses the second, which is a conflict like any stale save.
            with conn.begin_nested():
                conn.execute(
                    insert(notes).values(
                        paper_id=paper_id,
                        user_id=user_id,
                        version=1,
                        body=body,
                        created_at=now,
                        updated_at=now,
                    )
                )
        except IntegrityError:
            raise _conflict(conn, paper_id, user_id, expected_version, body) from None
    else:
        result = conn.execute(
            update(notes)
            .where(where & (notes.c.version == expected_version))
            .values(version=new_version, body=body, updated_at=now)
        )
        if result.rowcount == 0:
            raise _conflict(conn, paper_id, user_id, expected_version, body)
    conn.execute(
        insert(note_revisions).values(
            paper_id=paper_id, user_id=user_id, version=new_version, body=body, source=source, saved_at=now
        )
    )
    return NoteRevision(paper_id, new_version, body, now, source, user_id=user_id)


def _conflict(conn: Connection, paper_id: int, user_id: int, expected: int, mine: str) -> ConflictError:
    """The conflict error of a stale save, carrying the text typed and the text saved in the meantime."""
    where = (notes.c.paper_id == paper_id) & (notes.c.user_id == user_id)
    current = conn.execute(select(notes.c.version, notes.c.body).where(where)).first()
    version, theirs = (current[0], current[1]) if current is not None else (0, "")
    return ConflictError(
        f"the note was saved elsewhere (now version {version}, this edit is based on version "
        f"{expected}); nothing was saved: reload, merge and save again",
        mine=mine,
        theirs=theirs,
    )


def note_history(conn: Connection, paper_id: int, user_id: int) -> list[NoteRevision]:
    """Every saved version of a note, oldest first."""
    query = (
        select(note_revisions)
        .where((note_revisions.c.paper_id == paper_id) & (note_revisions.c.user_id == user_id))
        .order_by(note_revisions.c.version)
    )
    return [_to_revision(row) for row in conn.execute(query).mappings()]


def note_revision(conn: Connection, paper_id: int, version: int, user_id: int) -> NoteRevision:
    """One saved version of a note.

    Raises:
        NotFoundError: there is no such version.
    """
    row = (
        conn.execute(
            select(note_revisions).where(
                (note_revisions.c.paper_id == paper_id)
                & (note_revisions.c.user_id == user_id)
                & (note_revisions.c.version == version)
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFoundError(f"the note has no version {version}")
    return _to_revision(row)


def note_versions(conn: Connection, user_id: int) -> dict[int, int]:
    """Paper id -> current note version, for every paper with a saved note."""
    rows = conn.execute(select(notes.c.paper_id, notes.c.version).where(notes.c.user_id == user_id))
    return {pid: version for pid, version in rows}


def set_note_share(conn: Connection, paper_id: int, user_id: int, group_id: int, shared: bool) -> None:
    """Share a user's note on a paper with a group (read-only for its members), or stop sharing it."""
    key = (
        (note_shares.c.paper_id == paper_id)
        & (note_shares.c.user_id == user_id)
        & (note_shares.c.group_id == group_id)
    )
    exists = conn.execute(select(note_shares.c.group_id).where(key)).first() is not None
    if shared and not exists:
        conn.execute(
            insert(note_shares).values(
                paper_id=paper_id, user_id=user_id, group_id=group_id, created_at=utcnow()
            )
        )
    elif not shared and exists:
        conn.execute(delete(note_shares).where(key))


def note_share_groups(conn: Connection, paper_id: int, user_id: int) -> set[int]:
    """The ids of the groups a user's note on a paper is shared with."""
    rows = conn.execute(
        select(note_shares.c.group_id).where(
            (note_shares.c.paper_id == paper_id) & (note_shares.c.user_id == user_id)
        )
    )
    return {group_id for (group_id,) in rows}


def shared_with_group(conn: Connection, group_id: int, paper_id: int) -> set[int]:
    """The user ids whose note on a paper is shared with a group."""
    rows = conn.execute(
        select(note_shares.c.user_id).where(
            (note_shares.c.group_id == group_id) & (note_shares.c.paper_id == paper_id)
        )
    )
    return {user_id for (user_id,) in rows}
