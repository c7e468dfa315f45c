"""What stands between a login form and a password check: the attempt throttle and the check queue.

- :class:`LoginThrottle` counts every attempt in the database *before* its password is checked, in one
  atomic statement per counter, so parallel guesses cannot all pass a check-then-record gap, and every
  worker process (and a restarted server) shares the count. Two counters: one username from one address
  (``login_attempts``), and one username from all addresses (``login_account_attempts``).
- :class:`PasswordChecks` bounds how many argon2id checks (64 MiB each) run at once in a process, with a
  short queue; beyond it a login is refused with :class:`~paperpass.errors.BusyError`, so a burst of
  logins cannot take the server's memory.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from paperpass.errors import BusyError, ThrottledError
from paperpass.store import Store
from paperpass.store import accounts as account_rows

PURGE_EVERY = 100
"""Attempts between two clean-ups of counters older than the window."""


def address_key(username: str, address: str) -> str:
    """The counter of one username from one client address."""
    return f"address:{username.lower()[:200]}|{address[:64]}"


def account_key(username: str) -> str:
    """The counter of one username from every address."""
    return f"account:{username.lower()[:200]}"


class LoginThrottle:
    """Login attempts per (username, address) and per username in a fixed window, kept in the database."""

    def __init__(
        self,
        store: Store,
        max_attempts: int = 5,
        window_seconds: float = 900.0,
        *,
        max_account_attempts: int = 20,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.max_attempts = max_attempts
        self.max_account_attempts = max_account_attempts
        self.window = window_seconds
        self.clock = clock
        self._counted = 0

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), UTC)

    def admit(self, username: str, address: str) -> None:
        """Count an attempt, before its password is checked.

        Raises:
            ThrottledError: the attempt is over a limit (it is not to be checked); ``retry_after`` says
                when the window that holds the attempts ends.
        """
        now = self._now()
        keys = (address_key(username, address), account_key(username))
        limits = (self.max_attempts, self.max_account_attempts)
        with self.store.transaction() as conn:
            counts = [account_rows.count_login_attempt(conn, key, now, self.window) for key in keys]
            waits = [
                self.window - (now - started).total_seconds()
                for (count, started), limit in zip(counts, limits, strict=True)
                if count > limit
            ]
            if waits:  # refused, never checked: not counted (the wait ends with the window)
                for key in keys:
                    account_rows.refund_login_attempt(conn, key)
            self._counted += 1
            if self._counted % PURGE_EVERY == 0:
                account_rows.delete_login_counters_before(conn, now - timedelta(seconds=self.window))
        if waits:
            wait = max(1.0, max(waits))
            minutes = max(1, round(wait / 60))
            raise ThrottledError(
                f"Too many login attempts: try again in about {minutes} minute{'s' * (minutes > 1)}.", wait
            )

    def succeeded(self, username: str, address: str) -> None:
        """A right password: forget this address's attempts and take the attempt back from the account's
        count (the failures of others stay counted)."""
        with self.store.transaction() as conn:
            account_rows.clear_login_attempts(conn, address_key(username, address))
            account_rows.refund_login_attempt(conn, account_key(username))

    def not_checked(self, username: str, address: str) -> None:
        """Take back an admitted attempt whose password was never checked (the server was busy)."""
        with self.store.transaction() as conn:
            account_rows.refund_login_attempt(conn, address_key(username, address))
            account_rows.refund_login_attempt(conn, account_key(username))


class PasswordChecks:
    """At most ``slots`` password checks at once in this process, and at most ``queue`` waiting for one."""

    def __init__(self, slots: int = 2, queue: int = 8, wait_seconds: float = 10.0) -> None:
        self.slots = max(1, slots)
        self.queue = max(0, queue)
        self.wait_seconds = wait_seconds
        self._free = threading.BoundedSemaphore(self.slots)
        self._lock = threading.Lock()
        self._waiting = 0

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold a check slot for the ``with`` block, waiting a little for one.

        Raises:
            BusyError: every slot is taken and the queue is full, or no slot came free in time.
        """
        if not self._free.acquire(blocking=False):
            with self._lock:
                if self._waiting >= self.queue:
                    raise BusyError("The server is busy checking passwords: try again in a moment.", 2)
                self._waiting += 1
            try:
                acquired = self._free.acquire(timeout=self.wait_seconds)
            finally:
                with self._lock:
                    self._waiting -= 1
            if not acquired:
                raise BusyError("The server is busy checking passwords: try again in a moment.", 2)
        try:
            yield
        finally:
            self._free.release()
