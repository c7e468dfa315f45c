"""Accounts on SQLite and PostgreSQL: argon2id hashes, wrong passwords, throttling, the session secret."""

from __future__ import annotations

import pytest

from paperpass.accounts.passwords import verify_password
from paperpass.accounts.throttle import LoginThrottle
from paperpass.accounts.users import (
    add_user,
    authenticate,
    end_all_sessions,
    end_session,
    list_users,
    server_mode,
    session_account,
    session_secret,
    set_password,
    start_session,
)
from paperpass.config import Settings
from paperpass.errors import ConflictError, InvalidInputError
from paperpass.store import Store


def test_passwords_are_stored_as_argon2id_hashes(store: Store) -> None:
    assert not server_mode(store)
    user = add_user(store, "ana", "correct horse battery", admin=True)
    assert user.id >= 1 and user.is_admin
    assert user.password_hash.startswith("$argon2id$") and "correct horse" not in user.password_hash
    assert verify_password(user.password_hash, "correct horse battery")
    assert server_mode(store)
    again = add_user(store, "bob", "correct horse battery")
    assert again.password_hash != user.password_hash  # salted


def test_authenticate_accepts_only_the_right_password(store: Store) -> None:
    add_user(store, "ana", "correct horse battery")
    user = authenticate(store, "ana", "correct horse battery")
    assert user is not None and user.username == "ana"
    assert authenticate(store, "ana", "Correct horse battery") is None
    assert authenticate(store, "nobody", "correct horse battery") is None
    assert authenticate(store, "' OR 1=1 --", "x") is None
    assert list_users(store)[0].last_login_at is not None


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("", "long enough", "not a username"),
        ("a b", "long enough", "not a username"),
        ("<script>", "long enough", "not a username"),
        ("ana", "short", "at least 8"),
    ],
)
def test_bad_usernames_and_passwords(store: Store, name: str, password: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        add_user(store, name, password)
    assert list_users(store) == []


def test_a_taken_username_is_a_conflict(store: Store) -> None:
    add_user(store, "ana", "correct horse battery")
    with pytest.raises(ConflictError, match="already a user 'ana'"):
        add_user(store, "ana", "another password")
    assert len(list_users(store)) == 1


def test_throttle_blocks_after_n_failures_per_username_and_address(store: Store) -> None:
    now = [1_000_000.0]
    throttle = LoginThrottle(store, max_failures=3, window_seconds=60, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.retry_after("ana", "10.0.0.1") == 0
        throttle.failed("ana", "10.0.0.1")
    assert throttle.retry_after("ana", "10.0.0.1") == pytest.approx(60)
    assert throttle.retry_after("ANA", "10.0.0.1") > 0
    assert throttle.retry_after("ana", "10.0.0.2") == 0
    assert throttle.retry_after("bob", "10.0.0.1") == 0
    now[0] += 30
    assert throttle.retry_after("ana", "10.0.0.1") == pytest.approx(30)
    now[0] += 31
    assert throttle.retry_after("ana", "10.0.0.1") == 0
    throttle.failed("bob", "x")
    throttle.succeeded("bob", "x")
    assert throttle.retry_after("bob", "x") == 0
    other_worker = LoginThrottle(store, max_failures=3, window_seconds=60, clock=lambda: now[0])
    for _ in range(3):
        throttle.failed("eve", "10.0.0.9")
    assert other_worker.retry_after("eve", "10.0.0.9") == pytest.approx(60)


def test_sessions_end_at_logout_expiry_new_password_or_deleted_account(store: Store) -> None:
    user = add_user(store, "ana", "correct horse battery")
    live = start_session(store, user.id, days=1, user_agent="firefox")
    found = session_account(store, live)
    assert found is not None and found.username == "ana"
    assert session_account(store, start_session(store, user.id, days=-1)) is None  # expired
    assert session_account(store, "made-up") is None
    end_session(store, live)
    assert session_account(store, live) is None
    one, two = start_session(store, user.id, days=1), start_session(store, user.id, days=1)
    set_password(store, "ana", "another good password")
    assert session_account(store, one) is None and session_account(store, two) is None
    assert authenticate(store, "ana", "another good password") is not None
    with pytest.raises(InvalidInputError):
        set_password(store, "ana", "short")
    assert end_all_sessions(store, "ana") == 0


def test_session_secret_is_kept_in_the_database_unless_configured(store: Store, settings: Settings) -> None:
    first = session_secret(store, settings)
    assert len(first) >= 48 and session_secret(store, settings) == first
    configured = Settings(home=settings.home, secret_key="from-config")
    assert session_secret(store, configured) == "from-config"
