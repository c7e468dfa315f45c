"""Recorded real API responses (``tests/fixtures/http``) served to the source clients.

:class:`RecordedAPI` holds routes ``(method, path, required query params) -> response``; it is an
``httpx.MockTransport`` handler and also backs a local HTTP server on 127.0.0.1 (:class:`LocalServer`).
Every recording a test registers must be requested at least once: :meth:`RecordedAPI.assert_all_used`
runs at teardown, so a test whose recording goes unused fails (STYLE 15).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import httpx

REPO = Path(__file__).resolve().parents[2]


def fixtures_root() -> Path:
    """``$PAPERPASS_FIXTURES`` or the repository's own ``tests/fixtures`` (the recordings the tests use,
    copied from the team's shared collection with their sidecars, so a fresh clone runs these tests)."""
    return Path(os.environ.get("PAPERPASS_FIXTURES") or REPO / "tests" / "fixtures")


@dataclass(frozen=True)
class Recording:
    """One recorded response: body bytes and its sidecar."""

    name: str
    body: bytes
    meta: dict[str, Any]

    @property
    def status(self) -> int:
        return int(self.meta.get("status") or 200)

    @property
    def content_type(self) -> str:
        return str((self.meta.get("headers") or {}).get("content-type") or "application/octet-stream")

    @property
    def path(self) -> str:
        return unquote(urlsplit(str(self.meta["url"])).path)

    @property
    def query(self) -> dict[str, str]:
        return dict(parse_qsl(urlsplit(str(self.meta["url"])).query, keep_blank_values=True))


def load(name: str) -> Recording:
    """``load('arxiv/id_list_single_1605.08386.xml')``."""
    path = fixtures_root() / "http" / name
    meta_path = path.with_name(path.name.rsplit(".", 1)[0] + ".meta.json")
    return Recording(name, path.read_bytes(), json.loads(meta_path.read_text(encoding="utf-8")))


@dataclass
class Route:
    method: str
    path: str
    query: dict[str, str]
    responses: list[tuple[int, dict[str, str], bytes]]
    recording: str | None = None
    hits: int = 0
    raise_error: Callable[[httpx.Request], None] | None = None

    def matches(self, method: str, path: str, query: dict[str, str]) -> bool:
        return (
            self.method == method
            and self.path == path
            and all(query.get(k) == v for k, v in self.query.items())
        )


@dataclass
class RecordedAPI:
    """Routes of recorded answers; serve with :meth:`transport` or :class:`LocalServer`."""

    routes: list[Route] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)

    def serve(
        self, name: str, *, path: str | None = None, query: dict[str, str] | None = None,
        method: str | None = None, times: int = 1,
    ) -> Recording:  # fmt: skip
        """Answer requests for ``path`` (default: the recorded one) carrying ``query`` with a recording."""
        rec = load(name)
        headers = {"content-type": rec.content_type}
        self.routes.append(
            Route(
                (method or rec.meta.get("method") or "GET").upper(),
                path or rec.path,
                dict(query or {}),
                [(rec.status, headers, rec.body)] * times,
                rec.name,
            )  # fmt: skip
        )
        return rec

    def answer(
        self, path: str, status: int, body: bytes = b"", *, headers: dict[str, str] | None = None,
        query: dict[str, str] | None = None, method: str = "GET",
    ) -> None:  # fmt: skip
        """A response that is not a recording (a 429 before the recorded answer, a PDF ...)."""
        route = next(
            (r for r in self.routes if r.method == method and r.path == path and r.query == (query or {})),
            None,
        )
        if route is None:
            route = Route(method, path, dict(query or {}), [])
            self.routes.insert(0, route)
        route.responses.insert(0, (status, headers or {}, body))

    def fail(self, path: str, error: Callable[[httpx.Request], None], method: str = "GET") -> None:
        """Requests for ``path`` raise (a timeout, a dropped connection)."""
        self.routes.insert(0, Route(method, path, {}, [], raise_error=error))

    def respond(self, method: str, url: str) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(url)
        path, query = unquote(parts.path), dict(parse_qsl(parts.query, keep_blank_values=True))
        for route in self.routes:
            if route.matches(method, path, query) and route.responses:
                route.hits += 1
                return route.responses.pop(0) if len(route.responses) > 1 else route.responses[0]
        return 599, {"content-type": "text/plain"}, f"no recording for {method} {url}".encode()

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        for route in self.routes:
            if route.raise_error and route.matches(request.method, unquote(request.url.path), {}):
                route.hits += 1
                route.raise_error(request)
        status, headers, body = self.respond(request.method, str(request.url))
        assert status != 599, body.decode()
        return httpx.Response(status, headers=headers, content=body)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def assert_all_used(self) -> None:
        unused = [r.recording for r in self.routes if r.recording and r.hits == 0]
        assert not unused, f"recordings never requested: {unused}"


class LocalServer:
    """A real HTTP server on 127.0.0.1 answering from a :class:`RecordedAPI`."""

    def __init__(self, api: RecordedAPI) -> None:
        self.api = api
        handler = self._handler()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self.api

        class Handler(BaseHTTPRequestHandler):
            def _reply(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                status, headers, body = api.respond(self.command, self.path)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = _reply  # noqa: N815
            do_POST = _reply  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def recorded_api() -> Iterator[RecordedAPI]:
    """Generator body for a fixture: yields an API and checks at teardown that every recording was used."""
    api = RecordedAPI()
    yield api
    api.assert_all_used()


def recorded_fixtures_api() -> Iterator[RecordedAPI]:
    """:func:`recorded_api` for a fixture that needs the recorded HTTP answers (a skip, or a failure in CI,
    when they are absent)."""
    from support.components import missing

    if not (fixtures_root() / "http").is_dir():
        missing("recorded HTTP fixtures not found (set PAPERPASS_FIXTURES)")
    yield from recorded_api()


@contextmanager
def serving_sources(api: RecordedAPI, monkeypatch: Any) -> Iterator[LocalServer]:
    """A local server of ``api``'s answers with every source's base URL pointed at it, no pauses."""
    with LocalServer(api) as local:
        for name, url in {
            "ARXIV_API": f"{local.url}/api/query", "ARXIV_PDF": f"{local.url}/pdf", "S2_API": local.url,
            "CROSSREF_API": local.url, "HF_API": f"{local.url}/api", "HTTP_DELAY_SCALE": "0",
        }.items():  # fmt: skip
            monkeypatch.setenv(f"PAPERPASS_{name}", url)
        yield local
