"""Login throttling: after N failures for one username from one address within a window, wait.

Failures are counted in the database, so every worker process of ``paperpass serve --workers N`` (and a
restarted server) shares one count: a brute-force attempt gets ``max_failures`` guesses per window in all.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from paperpass.store import Store
from paperpass.store import accounts as account_rows

PURGE_EVERY = 100
"""Failed logins between two clean-ups of failures older than the window."""


class LoginThrottle:
    """Counts failed logins per (username, client address) in a sliding window, in the library's database."""

    def __init__(
        self,
        store: Store,
        max_failures: int = 5,
        window_seconds: float = 900.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.max_failures = max_failures
        self.window = window_seconds
        self.clock = clock
        self._failed = 0

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), UTC)

    def retry_after(self, username: str, address: str) -> float:
        """Seconds until another attempt is allowed (0: allowed now)."""
        now = self._now()
        with self.store.connect() as conn:
            times = account_rows.login_failures_since(
                conn, username.lower(), address, now - timedelta(seconds=self.window)
            )
        if len(times) < self.max_failures:
            return 0.0
        oldest = times[-self.max_failures]
        return max(0.0, self.window - (now - oldest).total_seconds())

    def failed(self, username: str, address: str) -> None:
        """Count a failed attempt."""
        now = self._now()
        with self.store.transaction() as conn:
            account_rows.add_login_failure(conn, username.lower(), address, now)
            self._failed += 1
            if self._failed % PURGE_EVERY == 0:
                account_rows.delete_login_failures_before(conn, now - timedelta(seconds=self.window))

    def succeeded(self, username: str, address: str) -> None:
        """Forget the failures of a username and address after a successful login."""
        with self.store.transaction() as conn:
            account_rows.clear_login_failures(conn, username.lower(), address)
