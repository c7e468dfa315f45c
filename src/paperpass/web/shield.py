"""The outermost layer of the web app: which hosts it answers, how big a request body may be, and the
security headers of every response. It runs before any route, in every mode (single-user included).

- **Host**: only the loopback names (``127.0.0.1``, ``localhost``, ``[::1]``, any port), the address the
  server binds to and the ``allowed_hosts`` setting. Any other ``Host`` is a 400: a page on another site
  that rebinds its DNS name to 127.0.0.1 (DNS rebinding) cannot read the library through the browser.
- **Body size**: uploads (multipart forms, PDFs) up to ``max_body_mb``, anything else (notes, forms, JSON)
  up to ``max_note_kb``. A declared ``Content-Length`` over the limit is a 413 before a byte is read; a
  body without one is counted as it arrives and cut off at the limit, so nothing (the CSRF check, a
  form parser) ever holds more than the limit in memory.
- **Headers**: a Content-Security-Policy without inline script (``script-src 'self'``) that no other
  site may frame, ``X-Frame-Options: DENY``, ``nosniff``, a same-origin referrer policy and
  cross-origin isolation of responses. A route that needs another policy sets its own header, which is
  kept.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from paperpass.config import Settings

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
WILDCARD_BINDS = {"0.0.0.0", "::", "[::]", ""}
UPLOAD_TYPES = ("multipart/form-data", "application/pdf", "application/octet-stream")
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",  # colour swatches set per category in style="" attributes
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-frame-options", "DENY"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
)


class BodyTooLarge(HTTPException):
    """A request body over its limit (raised by the counting ``receive`` wherever the body is read)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request is larger than this server accepts ({_size(limit)})")
        self.limit = limit


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"


@dataclass(frozen=True)
class HostRule:
    """Which ``Host`` header values the server answers."""

    names: frozenset[str]
    suffixes: tuple[str, ...] = ()
    anything: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> HostRule:
        """Loopback, the bound address (unless a wildcard) and the ``allowed_hosts`` setting."""
        listed = [h.strip().lower() for h in settings.allowed_hosts.split(",") if h.strip()]
        bound = _host_name(settings.host)
        names = {*LOOPBACK_HOSTS, *(n for n in listed if not n.startswith(".") and n != "*")}
        if bound not in WILDCARD_BINDS:
            names.add(bound)
        suffixes = tuple(n for n in listed if n.startswith(".") and len(n) > 1)
        return cls(frozenset(names), suffixes, "*" in listed)

    def allows(self, host_header: str | None) -> bool:
        """Whether a ``Host`` header (name and optional port) names this server."""
        if host_header is None:
            return False
        name = split_host(host_header)[0]
        if name is None:
            return False
        if self.anything or name in self.names:
            return True
        return any(name.endswith(s) or name == s[1:] for s in self.suffixes)


def _host_name(address: str) -> str:
    """A bind address as it appears in a Host header (IPv6 in brackets), lower case."""
    address = address.strip().lower()
    try:
        if ipaddress.ip_address(address.strip("[]")).version == 6:
            return f"[{address.strip('[]')}]"
    except ValueError:
        pass
    return address


def _digits(text: str) -> bool:
    """ASCII digits only (``str.isdigit`` also takes ``'\xb3'``, a Latin-1 header byte ``int`` refuses)."""
    return text.isascii() and text.isdigit()


def split_host(value: str) -> tuple[str | None, int | None]:
    """``(name, port)`` of a Host header or URL authority; name None when it is malformed."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None, None
        name, rest = value[: end + 1], value[end + 1 :]
    else:
        name, _, port_text = value.partition(":")
        rest = f":{port_text}" if port_text else ""
    if rest and (not rest.startswith(":") or not _digits(rest[1:]) or int(rest[1:]) > 65535):
        return None, None
    name = name.rstrip(".")
    if not name or any(c in name for c in " /\\@?#"):
        return None, None
    return name, int(rest[1:]) if rest else None


class ShieldMiddleware:
    """Host allowlist, body-size limits and security headers, in front of everything else."""

    def __init__(self, app: ASGIApp, hosts: HostRule, upload_limit: int, body_limit: int) -> None:
        self.app = app
        self.hosts = hosts
        self.upload_limit = upload_limit
        self.body_limit = body_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        send = _with_security_headers(send)
        if not self.hosts.allows(headers.get("host")):
            await _plain(400, "unknown host: this server does not answer to that name")(scope, receive, send)
            return
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        limit = self.upload_limit if kind in UPLOAD_TYPES else self.body_limit
        declared = headers.get("content-length")
        if declared is not None and (not _digits(declared) or int(declared) > limit):
            status = 413 if _digits(declared) else 400
            response = _plain(status, BodyTooLarge(limit).detail if status == 413 else "bad Content-Length")
            await response(scope, receive, send)
            return
        started = False
        counted = 0

        async def counting_receive() -> Message:
            nonlocal counted
            message = await receive()
            if message["type"] == "http.request":
                counted += len(message.get("body", b""))
                if counted > limit:
                    raise BodyTooLarge(limit)
            return message

        async def noting_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, noting_send)
        except BodyTooLarge as exc:
            if started:
                raise
            await _plain(413, exc.detail)(scope, receive, send)


def _headers(scope: Scope) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in scope.get("headers", []):
        name = key.decode("latin-1").lower()
        if name not in found:
            found[name] = value.decode("latin-1")
    return found


def _plain(status: int, message: str) -> PlainTextResponse:
    """A short answer that also closes the connection (the unread body is not drained)."""
    return PlainTextResponse(message + "\n", status_code=status, headers={"connection": "close"})


def _with_security_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            present = {k.lower() for k, _ in message.get("headers", [])}
            extra = [(k.encode(), v.encode()) for k, v in _missing(SECURITY_HEADERS, present)]
            message["headers"] = [*message.get("headers", []), *extra]
        await send(message)

    return sending


def _missing(headers: Iterable[tuple[str, str]], present: set[bytes]) -> list[tuple[str, str]]:
    return [(k, v) for k, v in headers if k.encode() not in present]
