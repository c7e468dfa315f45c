"""Logging in on a team server: the throttle and the check queue around one password check."""

from __future__ import annotations

from dataclasses import dataclass

from paperpass.accounts.throttle import LoginThrottle, PasswordChecks
from paperpass.accounts.users import authenticate
from paperpass.config import Settings
from paperpass.errors import BusyError
from paperpass.store import Store
from paperpass.store.accounts import UserRecord


@dataclass(frozen=True)
class LoginGuard:
    """What a server process holds for logins: the shared attempt throttle and its own check queue."""

    throttle: LoginThrottle
    checks: PasswordChecks

    @classmethod
    def from_settings(cls, store: Store, settings: Settings) -> LoginGuard:
        """The guard the settings describe (``login_attempts``, ``login_account_attempts``,
        ``login_window_minutes``, ``login_checks``)."""
        throttle = LoginThrottle(
            store,
            settings.login_attempts,
            settings.login_window_minutes * 60,
            max_account_attempts=settings.login_account_attempts,
        )
        slots = settings.login_checks
        return cls(throttle, PasswordChecks(slots=slots, queue=4 * slots))


def log_in(store: Store, guard: LoginGuard, username: str, password: str, address: str) -> UserRecord | None:
    """The account when the password is right, else None; the attempt is counted before the check.

    Raises:
        ThrottledError: too many attempts for this username (from this address or from all); the password
            was not checked.
        BusyError: the server runs as many checks as it may; the attempt is not counted.
        ForbiddenError: the password is right but the account is disabled.
    """
    guard.throttle.admit(username, address)
    try:
        with guard.checks.slot():
            user = authenticate(store, username, password)
    except BusyError:
        guard.throttle.not_checked(username, address)
        raise
    if user is not None:
        guard.throttle.succeeded(username, address)
    return user
