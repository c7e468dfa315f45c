"""One polite HTTP session for every source: rate limits, retries with backoff, an on-disk cache.

Etiquette is part of correctness. Each source client names its *service* and its minimum interval between
requests (arXiv 3 s, Semantic Scholar 1 s, ...); :class:`PoliteSession` waits so that no service is asked
more often than that, retries 429/5xx answers and timeouts with exponential backoff and jitter, honours
``Retry-After``, and keeps successful answers (and definite 404s) in an on-disk cache so that repeated
look-ups cost nothing. The sleep function, clock and random source are injectable so tests run instantly.

Offline is normal. A connection that cannot be made (no network, a refused connection, a name that does
not resolve) is not retried: the service is marked unreachable for the rest of the session (one command,
one web request) and every later request to it fails at once with :class:`SourceUnreachableError`, without
a request or a wait, so the caller queues its look-ups (``paperpass sources retry``) instead of paying the
backoff again for every paper. A service that still fails after every retry is marked the same way.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import random
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from paperpass import __version__
from paperpass.errors import SourceError, SourceUnreachableError

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CACHED_STATUSES = frozenset({200, 404})
MAX_RETRY_AFTER = 300.0
"""A Retry-After longer than this (seconds) is not waited for: the request fails and stays queued."""
NO_CONNECTION = (httpx.ConnectError, httpx.ConnectTimeout, httpx.ProxyError, httpx.UnsupportedProtocol)
"""Failures to open a connection at all: the service is unreachable, trying again now will not help."""


def user_agent(mailto: str = "") -> str:
    """The User-Agent every request carries: names paperpass and, when configured, a contact address."""
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"paperpass/{__version__} (https://pypi.org/project/paperpass/{contact})"


@dataclass(frozen=True)
class Fetched:
    """A response body as the clients use it (from the network or the cache)."""

    url: str
    status: int
    text: str
    content_type: str = ""
    from_cache: bool = False

    def json(self) -> Any:
        """The body parsed as JSON.

        Raises:
            SourceError: the body is not JSON.
        """
        try:
            return json.loads(self.text)
        except json.JSONDecodeError:
            raise SourceError(f"{self.url}: expected JSON, got {self.text[:60]!r}") from None


@dataclass
class ResponseCache:
    """Answers kept on disk as one JSON file per request, valid for ``ttl`` seconds."""

    directory: Path
    ttl: float = 7 * 24 * 3600.0
    clock: Callable[[], float] = time.time

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Fetched | None:
        """The cached answer for ``key`` if present and fresh."""
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if self.clock() - float(data.get("stored", 0)) > self.ttl:
            return None
        return Fetched(data["url"], int(data["status"]), data["text"], data.get("content_type", ""), True)

    def put(self, key: str, fetched: Fetched) -> None:
        """Keep an answer (written atomically, so a crash never leaves half a file)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "url": fetched.url,
            "status": fetched.status,
            "content_type": fetched.content_type,
            "text": fetched.text,
            "stored": self.clock(),
        }
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(record), encoding="utf-8")
        tmp.replace(path)


def cache_key(method: str, url: str, params: Mapping[str, Any] | None, body: Any) -> str:
    """A stable key for a request: method, URL, sorted query parameters and JSON body."""
    material = json.dumps([method.upper(), url, sorted((params or {}).items()), body], default=str)
    return hashlib.sha256(material.encode()).hexdigest()


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date); None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass
class PoliteSession:
    """An ``httpx.Client`` wrapped with per-service rate limits, retries and a cache.

    Attributes:
        client: the one HTTP client (its transport is what tests replace).
        cache: on-disk cache, or None for none.
        retries: how many times a failed request is tried again.
        backoff: first retry delay in seconds; doubled each attempt, capped at ``max_backoff``.
        sleep: called to wait (``time.sleep``; tests pass a recorder).
        clock: monotonic seconds, for rate limits.
        jitter: returns a float in [0, 1) to spread retries (``random.random``).
    """

    client: httpx.Client
    cache: ResponseCache | None = None
    retries: int = 4
    backoff: float = 2.0
    max_backoff: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    jitter: Callable[[], float] = random.random
    requests_sent: int = 0
    unreachable: dict[str, str] = field(default_factory=dict)
    """Services found unreachable in this session -> the sentence that says so; not asked again."""
    _last: dict[str, float] = field(default_factory=dict)

    def _check_reachable(self, service: str) -> None:
        """Fail at once, without a request, for a service already found unreachable in this session."""
        if service in self.unreachable:
            raise SourceUnreachableError(service, self.unreachable[service])

    def _give_up(self, service: str, why: str) -> SourceUnreachableError:
        """Mark ``service`` unreachable for the rest of the session; the error to raise."""
        message = f"{service} could not be reached ({why})"
        self.unreachable[service] = message
        return SourceUnreachableError(service, message)

    def wait_turn(self, service: str, interval: float) -> None:
        """Sleep until ``interval`` seconds have passed since the service's previous request."""
        last = self._last.get(service)
        if last is not None and interval > 0:
            remaining = last + interval - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self._last[service] = self.clock()

    def _delay(self, attempt: int, response: httpx.Response | None) -> float:
        base = min(self.max_backoff, self.backoff * 2.0**attempt)
        delay = base / 2 + self.jitter() * base / 2
        hinted = retry_after_seconds(response.headers.get("retry-after")) if response is not None else None
        if hinted is not None:
            if hinted > MAX_RETRY_AFTER:
                url = response.url if response is not None else ""
                raise SourceError(f"{url}: the server asks to wait {hinted:.0f} s; try again later")
            delay = max(delay, hinted)
        return delay

    def get(
        self, service: str, url: str, *, interval: float, params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None, cache: bool = True,
    ) -> Fetched:  # fmt: skip
        """GET ``url`` politely; see :meth:`request`."""
        return self.request(
            service, "GET", url, interval=interval, params=params, headers=headers, cache=cache
        )

    def request(
        self, service: str, method: str, url: str, *, interval: float,
        params: Mapping[str, Any] | None = None, json_body: Any = None,
        headers: Mapping[str, str] | None = None, cache: bool = True,
    ) -> Fetched:  # fmt: skip
        """Send one request, retrying transient failures; any final status is returned, not raised.

        Raises:
            SourceUnreachableError: no connection (not retried), failures after every retry, or the service
                was found unreachable earlier in this session (nothing sent).
            SourceError: the server asks to wait longer than :data:`MAX_RETRY_AFTER`.
        """
        key = cache_key(method, url, params, json_body)
        if cache and self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                return hit
        response = self._send(service, method, url, interval, params, json_body, headers)
        fetched = Fetched(str(response.url), response.status_code, response.text,
                          response.headers.get("content-type", ""))  # fmt: skip
        if cache and self.cache is not None and fetched.status in CACHED_STATUSES:
            self.cache.put(key, fetched)
        return fetched

    def _send(
        self, service: str, method: str, url: str, interval: float, params: Mapping[str, Any] | None,
        json_body: Any, headers: Mapping[str, str] | None,
    ) -> httpx.Response:  # fmt: skip
        self._check_reachable(service)
        problem = ""
        for attempt in range(self.retries + 1):
            self.wait_turn(service, interval)
            self.requests_sent += 1
            response: httpx.Response | None = None
            try:
                response = self.client.request(method, url, params=params, json=json_body, headers=headers)
            except NO_CONNECTION:
                raise self._give_up(service, "no connection") from None
            except httpx.TimeoutException:
                problem = "timed out"
            except httpx.TransportError:
                problem = "the connection broke"
            else:
                if response.status_code not in RETRY_STATUSES:
                    return response
                problem = f"HTTP {response.status_code}"
            if attempt < self.retries:
                self.sleep(self._delay(attempt, response))
        raise self._give_up(service, f"{problem} after {self.retries + 1} tries")

    @contextmanager
    def stream(self, service: str, url: str, *, interval: float) -> Iterator[httpx.Response]:
        """A streamed GET (for PDFs): rate-limited and retried until a 200 answer's headers arrive.

        Errors while the body is read are not retried here; they reach the caller.

        Raises:
            SourceUnreachableError: no connection, no usable answer after every retry, or the service was
                found unreachable earlier in this session.
            SourceError: a non-retryable status.
        """
        response = self._open_stream(service, url, interval)
        try:
            yield response
        finally:
            response.close()

    def _open_stream(self, service: str, url: str, interval: float) -> httpx.Response:
        self._check_reachable(service)
        problem = ""
        for attempt in range(self.retries + 1):
            self.wait_turn(service, interval)
            self.requests_sent += 1
            response: httpx.Response | None = None
            try:
                response = self.client.send(self.client.build_request("GET", url), stream=True)
            except NO_CONNECTION:
                raise self._give_up(service, "no connection") from None
            except httpx.TimeoutException:
                problem = "timed out"
            except httpx.TransportError:
                problem = "the connection broke"
            else:
                if response.status_code == 200:
                    return response
                response.close()
                problem = f"HTTP {response.status_code}"
                if response.status_code not in RETRY_STATUSES:
                    raise SourceError(f"{service}: {url} answered {problem}")
            if attempt < self.retries:
                self.sleep(self._delay(attempt, response))
        raise self._give_up(service, f"{problem} after {self.retries + 1} tries")

    def close(self) -> None:
        """Close the underlying HTTP client."""
        self.client.close()


def open_session(
    *, timeout: float = 30.0, mailto: str = "", cache_dir: Path | None = None, cache_ttl: float = 7 * 86400.0,
    transport: httpx.BaseTransport | None = None, sleep: Callable[[float], None] = time.sleep,
) -> PoliteSession:  # fmt: skip
    """A session over one ``httpx.Client`` (HTTP/1.1, redirects followed, paperpass User-Agent).

    Args:
        timeout: seconds before a request gives up (then it is retried).
        mailto: contact address for the User-Agent (Crossref's polite pool).
        cache_dir: where answers are cached; None disables the cache.
        cache_ttl: how long a cached answer stays valid, in seconds (0 disables the cache).
        transport: replaces the network (``httpx.MockTransport`` in tests).
        sleep: how to wait between requests.
    """
    client = httpx.Client(
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": user_agent(mailto)},
        follow_redirects=True,
        transport=transport,
    )
    cache = ResponseCache(cache_dir, cache_ttl) if cache_dir is not None and cache_ttl > 0 else None
    return PoliteSession(client, cache=cache, sleep=sleep)
