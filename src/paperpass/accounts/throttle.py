"""Login throttling, in process: after N failures for one username from one address, wait."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

MAX_KEYS = 10_000


class LoginThrottle:
    """Counts failed logins per (username, client address) in a sliding window.

    One process only: behind several worker processes each keeps its own count, which still bounds a
    brute-force attempt to ``workers * max_failures`` guesses per window.
    """

    def __init__(
        self,
        max_failures: int = 5,
        window_seconds: float = 900.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window = window_seconds
        self.clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        return times

    def retry_after(self, username: str, address: str) -> float:
        """Seconds until another attempt is allowed (0: allowed now)."""
        key = (username.lower(), address)
        with self._lock:
            now = self.clock()
            times = self._recent(key, now)
            if len(times) < self.max_failures:
                return 0.0
            return max(0.0, self.window - (now - times[0]))

    def failed(self, username: str, address: str) -> None:
        """Count a failed attempt."""
        key = (username.lower(), address)
        with self._lock:
            now = self.clock()
            if len(self._failures) >= MAX_KEYS:
                self._forget_old(now)
            times = self._recent(key, now)
            times.append(now)
            self._failures[key] = times

    def succeeded(self, username: str, address: str) -> None:
        """Forget the failures of a username and address after a successful login."""
        with self._lock:
            self._failures.pop((username.lower(), address), None)

    def _forget_old(self, now: float) -> None:
        for key in list(self._failures):
            if not self._recent(key, now):
                del self._failures[key]
        while len(self._failures) >= MAX_KEYS:  # still full of fresh keys: drop the oldest inserted
            del self._failures[next(iter(self._failures))]
