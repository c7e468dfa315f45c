"""Accounts: add, list, authenticate, and the server's session secret."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta

from paperpass.accounts.passwords import (
    MAX_PASSWORD_CHARS,
    MIN_PASSWORD_CHARS,
    dummy_hash,
    hash_password,
    needs_rehash,
    verify_password,
)
from paperpass.config import Settings
from paperpass.errors import ForbiddenError, InvalidInputError
from paperpass.models import Viewer
from paperpass.store import Store
from paperpass.store import accounts as account_rows
from paperpass.store.accounts import UserRecord

USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
SECRET_META_KEY = "session_secret"


def check_username(username: str) -> str:
    """A valid username, unchanged.

    Raises:
        InvalidInputError: not 1-80 letters, digits, ``_ . -`` starting with a letter or digit.
    """
    if not USERNAME.match(username):
        raise InvalidInputError(
            f"not a username: {username!r} (1-80 letters, digits, '_', '.', '-'; "
            "starting with a letter or digit)"
        )
    return username


def check_password(password: str) -> str:
    """A password long enough and not absurdly long, unchanged.

    Raises:
        InvalidInputError: shorter than 8 or longer than 1024 characters.
    """
    if len(password) < MIN_PASSWORD_CHARS:
        raise InvalidInputError(f"the password needs at least {MIN_PASSWORD_CHARS} characters")
    if len(password) > MAX_PASSWORD_CHARS:
        raise InvalidInputError(f"the password may have at most {MAX_PASSWORD_CHARS} characters")
    return password


def add_user(store: Store, username: str, password: str, *, admin: bool = False) -> UserRecord:
    """Create an account with an argon2id-hashed password.

    Raises:
        InvalidInputError: a bad username or password.
        ConflictError: the username is taken.
    """
    check_username(username)
    check_password(password)
    with store.transaction() as conn:
        return account_rows.insert_user(conn, username, hash_password(password), is_admin=admin)


def list_users(store: Store) -> list[UserRecord]:
    """Every account, by username."""
    with store.connect() as conn:
        return account_rows.list_users(conn)


def find_user(store: Store, key: str | int) -> UserRecord | None:
    """An account by id or username, or None."""
    with store.connect() as conn:
        return account_rows.find_user(conn, key)


def server_mode(store: Store) -> bool:
    """Whether the library has accounts, so it is served multi-user with logins."""
    with store.connect() as conn:
        return account_rows.count_users(conn) > 0


def authenticate(store: Store, username: str, password: str) -> UserRecord | None:
    """The account when the password is right, else None (unknown users take as long as wrong passwords).

    A hash made with older argon2 parameters is replaced by a fresh one on a successful login.

    Raises:
        ForbiddenError: the password is right but an admin disabled the account.
    """
    with store.connect() as conn:
        user = account_rows.find_user(conn, username) if USERNAME.match(username) else None
    if user is None:
        verify_password(dummy_hash(), password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if user.disabled:
        raise ForbiddenError(f"the account {user.username} is disabled: ask an admin to enable it")
    with store.transaction() as conn:
        if needs_rehash(user.password_hash):
            account_rows.set_password_hash(conn, user.id, hash_password(password))
        account_rows.record_login(conn, user.id)
    return user


def viewer_for(user: UserRecord) -> Viewer:
    """The viewer a logged-in account acts as."""
    return Viewer(user_id=user.id, username=user.username, is_admin=user.is_admin)


def session_secret(store: Store, settings: Settings) -> str:
    """The key that signs session cookies: the ``secret_key`` setting, else one kept in the database.

    Keeping a generated key in the database lets every worker process, and a restarted server, accept the
    same cookies without configuration.
    """
    configured = settings.secret_key
    if configured:
        return configured
    with store.transaction() as conn:
        return account_rows.ensure_secret(conn, SECRET_META_KEY, secrets.token_urlsafe(48))


def start_session(store: Store, user_id: int, days: float, user_agent: str = "") -> str:
    """Open a login session of ``days`` for an account and return its id (kept server-side, sent signed).

    Expired sessions are cleaned up on the way.
    """
    session_id = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with store.transaction() as conn:
        account_rows.delete_expired_sessions(conn, now)
        account_rows.insert_session(conn, session_id, user_id, now + timedelta(days=days), user_agent)
    return session_id


def session_account(store: Store, session_id: str) -> UserRecord | None:
    """The account of a live session (None when it ended, expired or its account is gone)."""
    with store.connect() as conn:
        return account_rows.session_user(conn, session_id, datetime.now(UTC))


def end_session(store: Store, session_id: str) -> None:
    """Log one session out: its cookie stops working in every worker process."""
    with store.transaction() as conn:
        account_rows.delete_session(conn, session_id)


def end_all_sessions(store: Store, username: str) -> int:
    """Log an account out everywhere; returns how many sessions ended.

    Raises:
        NotFoundError: no such account.
    """
    with store.transaction() as conn:
        user = account_rows.get_user(conn, username)
        return account_rows.delete_user_sessions(conn, user.id)


def set_password(store: Store, username: str, password: str) -> UserRecord:
    """Give an account a new password and end its sessions (a stolen cookie stops working).

    Raises:
        InvalidInputError: the password is too short or too long.
        NotFoundError: no such account.
    """
    check_password(password)
    with store.transaction() as conn:
        user = account_rows.get_user(conn, username)
        account_rows.set_password_hash(conn, user.id, hash_password(password))
        account_rows.delete_user_sessions(conn, user.id)
    return user
