"""Accounts on SQLite and PostgreSQL: argon2id hashes, wrong passwords, throttling, the session secret."""

from __future__ import annotations

import pytest

from paperpass.accounts.passwords import verify_password
from paperpass.accounts.throttle import LoginThrottle, PasswordChecks
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
from paperpass.errors import BusyError, ConflictError, InvalidInputError, ThrottledError
from paperpass.store import Store


@pytest.mark.real_argon2
def test_passwords_are_stored_as_argon2id_hashes(store: Store) -> None:
    assert not server_mode(store)
    user = add_user(store, "ana", "correct horse battery", admin=True)
    assert user.id >= 1 and user.is_admin
    assert user.password_hash.startswith("$argon2id$") and "correct horse" not in user.password_hash
    assert verify_password(user.password_hash, "correct horse battery")
    assert server_mode(store)
    again = add_user(store, "bob", "correct horse battery")
    assert again.password_hash != user.password_hash  # salted
    assert "$m=65536,t=3,p=4$" in user.password_hash  # the production parameters (RFC 9106, low memory)


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


def _admitted(throttle: LoginThrottle, username: str, address: str) -> float:
    """0 when an attempt is admitted, else the seconds it is told to wait."""
    try:
        throttle.admit(username, address)
    except ThrottledError as exc:
        return exc.retry_after
    return 0


def test_throttle_counts_attempts_per_username_and_address(store: Store) -> None:
    now = [1_000_000.0]
    throttle = LoginThrottle(store, 3, 60, max_account_attempts=100, clock=lambda: now[0])
    for _ in range(3):
        assert _admitted(throttle, "ana", "10.0.0.1") == 0
    assert _admitted(throttle, "ana", "10.0.0.1") == 60
    assert _admitted(throttle, "ANA", "10.0.0.1") > 0  # usernames are counted case-blind
    assert _admitted(throttle, "ana", "10.0.0.2") == 0
    assert _admitted(throttle, "bob", "10.0.0.1") == 0
    now[0] += 30
    assert _admitted(throttle, "ana", "10.0.0.1") == 30
    now[0] += 31
    assert _admitted(throttle, "ana", "10.0.0.1") == 0  # a new window
    for _ in range(2):
        throttle.admit("bob", "x")
    throttle.succeeded("bob", "x")
    for _ in range(3):
        assert _admitted(throttle, "bob", "x") == 0
    other_worker = LoginThrottle(store, 3, 60, clock=lambda: now[0])
    for _ in range(3):
        throttle.admit("eve", "10.0.0.9")
    assert _admitted(other_worker, "eve", "10.0.0.9") == 60


def test_throttle_counts_attempts_per_username_across_addresses(store: Store) -> None:
    now = [1_000_000.0]
    throttle = LoginThrottle(store, 3, 60, max_account_attempts=5, clock=lambda: now[0])
    for n in range(5):
        assert _admitted(throttle, "ana", f"10.0.0.{n}") == 0
    assert _admitted(throttle, "ana", "10.0.1.1") == 60  # a fresh address, but the account is at its limit
    assert _admitted(throttle, "bob", "10.0.1.1") == 0
    throttle.succeeded("ana", "10.0.0.4")  # the owner logs in: their attempt is taken back, not the others
    assert _admitted(throttle, "ana", "10.0.1.2") == 0
    assert _admitted(throttle, "ana", "10.0.1.3") > 0


def test_an_attempt_the_server_had_no_time_to_check_is_not_counted(store: Store) -> None:
    throttle = LoginThrottle(store, 2, 60, max_account_attempts=2)
    for _ in range(5):
        throttle.admit("ana", "10.0.0.1")
        throttle.not_checked("ana", "10.0.0.1")
    assert _admitted(throttle, "ana", "10.0.0.1") == 0


def test_password_checks_run_a_few_at_a_time_and_refuse_beyond_the_queue() -> None:
    import threading

    checks = PasswordChecks(slots=2, queue=1, wait_seconds=5)
    inside, release = threading.Semaphore(0), threading.Event()
    outcomes: list[str] = []

    def check() -> None:
        try:
            with checks.slot():
                inside.release()
                release.wait(5)
            outcomes.append("checked")
        except BusyError as exc:
            assert exc.retry_after >= 1
            outcomes.append("busy")

    holders = [threading.Thread(target=check) for _ in range(2)]
    for thread in holders:
        thread.start()
    assert inside.acquire(timeout=5) and inside.acquire(timeout=5)  # both slots taken
    waiter = threading.Thread(target=check)
    waiter.start()
    deadline = 50
    while checks._waiting == 0 and deadline:  # the third one queues
        threading.Event().wait(0.02)
        deadline -= 1
    check()  # a fourth finds the queue full
    assert outcomes == ["busy"]
    release.set()
    for thread in [*holders, waiter]:
        thread.join(5)
    assert sorted(outcomes) == ["busy", "checked", "checked", "checked"]


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
