"""User accounts of a team server: insert, look up, list. Passwords arrive here already hashed."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, RowMapping, case, delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from paperpass.errors import ConflictError, NotFoundError
from paperpass.store.tables import group_members, login_counters, meta, metadata, sessions, users, utcnow


@dataclass(frozen=True)
class UserRecord:
    """A stored account. ``id`` starts at 1: user 0 is the local single user, who has no account."""

    id: int
    username: str
    password_hash: str
    is_admin: bool
    created_at: datetime
    last_login_at: datetime | None = None
    disabled_at: datetime | None = None

    @property
    def disabled(self) -> bool:
        """Whether an admin disabled the account (no login, no session)."""
        return self.disabled_at is not None


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _to_user(row: RowMapping) -> UserRecord:
    created = _aware(row["created_at"])
    assert created is not None
    return UserRecord(
        id=row["id"],
        username=row["username"],
        password_hash=row["password_hash"],
        is_admin=bool(row["is_admin"]),
        created_at=created,
        last_login_at=_aware(row["last_login_at"]),
        disabled_at=_aware(row["disabled_at"]),
    )


def insert_user(conn: Connection, username: str, password_hash: str, *, is_admin: bool = False) -> UserRecord:
    """Store a new account.

    Raises:
        ConflictError: the username is taken; nothing is written.
    """
    try:
        with conn.begin_nested():
            new_id = conn.execute(
                insert(users)
                .values(
                    username=username, password_hash=password_hash, is_admin=is_admin, created_at=utcnow()
                )
                .returning(users.c.id)
            ).scalar_one()
    except IntegrityError:
        raise ConflictError(f"there is already a user {username!r}") from None
    return get_user(conn, int(new_id))


def find_user(conn: Connection, key: str | int) -> UserRecord | None:
    """An account by id or username, or None."""
    column = users.c.id if isinstance(key, int) else users.c.username
    row = conn.execute(select(users).where(column == key)).mappings().first()
    return _to_user(row) if row else None


def get_user(conn: Connection, key: str | int) -> UserRecord:
    """An account by id or username.

    Raises:
        NotFoundError: no such user, with close usernames as suggestions.
    """
    found = find_user(conn, key)
    if found is None:
        names = list(conn.execute(select(users.c.username)).scalars())
        raise NotFoundError(f"no user {key!r}", difflib.get_close_matches(str(key), names, n=3, cutoff=0.6))
    return found


def list_users(conn: Connection) -> list[UserRecord]:
    """Every account, by username."""
    return [_to_user(r) for r in conn.execute(select(users).order_by(users.c.username)).mappings()]


def count_users(conn: Connection) -> int:
    """How many accounts exist (0 means local single-user mode)."""
    return int(conn.execute(select(func.count()).select_from(users)).scalar_one())


def set_password_hash(conn: Connection, user_id: int, password_hash: str) -> None:
    """Replace an account's password hash (a new password or a rehash with newer parameters)."""
    conn.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))


def set_disabled(conn: Connection, user_id: int, disabled: bool) -> None:
    """Disable an account (from now) or enable it again."""
    conn.execute(
        update(users).where(users.c.id == user_id).values(disabled_at=utcnow() if disabled else None)
    )


def set_admin(conn: Connection, user_id: int, admin: bool) -> None:
    """Make an account an admin, or an ordinary account."""
    conn.execute(update(users).where(users.c.id == user_id).values(is_admin=admin))


def count_active_admins(conn: Connection) -> int:
    """How many admin accounts are not disabled."""
    query = select(func.count()).select_from(users).where(users.c.is_admin, users.c.disabled_at.is_(None))
    return int(conn.execute(query).scalar_one())


def delete_user(conn: Connection, user_id: int) -> dict[str, int]:
    """Delete an account and every row of its personal data; returns how many rows per table.

    Personal data is every row whose ``user_id`` is the account's, in any table of the schema (notes,
    revisions, practice, reading sessions, plans, shares, and whatever a later table keeps per user), so
    nothing is left for a later account that might get the same id. Group memberships are kept as names
    without an account (a group's history names its presenters); sessions go with the account.
    """
    conn.execute(update(group_members).where(group_members.c.user_id == user_id).values(user_id=None))
    deleted: dict[str, int] = {}
    for table in reversed(metadata.sorted_tables):
        if table.name in {"users", "sessions", "group_members"} or "user_id" not in table.c:
            continue
        count = conn.execute(delete(table).where(table.c.user_id == user_id)).rowcount or 0
        if count:
            deleted[table.name] = count
    conn.execute(delete(sessions).where(sessions.c.user_id == user_id))
    conn.execute(delete(users).where(users.c.id == user_id))
    return deleted


def record_login(conn: Connection, user_id: int) -> None:
    """Remember when the account last logged in."""
    conn.execute(update(users).where(users.c.id == user_id).values(last_login_at=utcnow()))


def ensure_secret(conn: Connection, key: str, fresh: str) -> str:
    """The meta value ``key``, stored as ``fresh`` when missing; a concurrent writer's value wins."""
    current = conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar_one_or_none()
    if current:
        return str(current)
    try:
        with conn.begin_nested():
            conn.execute(insert(meta).values(key=key, value=fresh))
    except IntegrityError:
        return str(conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar_one())
    return fresh


def insert_session(
    conn: Connection, session_id: str, user_id: int, expires_at: datetime, user_agent: str = ""
) -> None:
    """Store a new login session."""
    conn.execute(
        insert(sessions).values(
            id=session_id,
            user_id=user_id,
            created_at=utcnow(),
            expires_at=expires_at,
            user_agent=user_agent[:200],
        )
    )


def session_user(conn: Connection, session_id: str, now: datetime) -> UserRecord | None:
    """The account of a stored, unexpired session, or None."""
    row = (
        conn.execute(
            select(users)
            .join(sessions, sessions.c.user_id == users.c.id)
            .where(sessions.c.id == session_id, sessions.c.expires_at > now, users.c.disabled_at.is_(None))
        )
        .mappings()
        .first()
    )
    return _to_user(row) if row is not None else None


def delete_session(conn: Connection, session_id: str) -> None:
    """End one session."""
    conn.execute(delete(sessions).where(sessions.c.id == session_id))


def delete_user_sessions(conn: Connection, user_id: int) -> int:
    """End every session of an account; returns how many there were."""
    return conn.execute(delete(sessions).where(sessions.c.user_id == user_id)).rowcount or 0


def delete_expired_sessions(conn: Connection, now: datetime) -> int:
    """Forget sessions past their expiry; returns how many."""
    return conn.execute(delete(sessions).where(sessions.c.expires_at <= now)).rowcount or 0


def count_login_attempt(
    conn: Connection, key: str, now: datetime, window_seconds: float
) -> tuple[int, datetime]:
    """Count one attempt under ``key`` and return the attempts in its window so far (this one included)
    and when the window started.

    One ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` statement: the row lock (PostgreSQL) or the
    write lock (SQLite) serialises concurrent attempts, so no two of them read the same count. A window
    older than ``window_seconds`` starts over at this attempt.
    """
    cutoff = now - timedelta(seconds=window_seconds)
    table = login_counters
    upsert = pg_insert(table) if conn.dialect.name == "postgresql" else sqlite_insert(table)
    expired = table.c.window_start <= cutoff
    statement = (
        upsert.values(key=key[:300], window_start=now, attempts=1)
        .on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "attempts": case((expired, 1), else_=table.c.attempts + 1),
                "window_start": case((expired, now), else_=table.c.window_start),
            },
        )
        .returning(table.c.attempts, table.c.window_start)
    )
    row = conn.execute(statement).one()
    started = _aware(row.window_start)
    assert started is not None
    return int(row.attempts), started


def refund_login_attempt(conn: Connection, key: str) -> None:
    """Take back one counted attempt (a successful login, or one that was never checked)."""
    table = login_counters
    conn.execute(
        update(table)
        .where(table.c.key == key[:300], table.c.attempts > 0)
        .values(attempts=table.c.attempts - 1)
    )


def clear_login_attempts(conn: Connection, key: str) -> None:
    """Forget the attempts counted under ``key``."""
    conn.execute(delete(login_counters).where(login_counters.c.key == key[:300]))


def delete_login_counters_before(conn: Connection, before: datetime) -> int:
    """Forget counters whose window started before ``before``; returns how many."""
    table = login_counters
    return conn.execute(delete(table).where(table.c.window_start <= before)).rowcount or 0
