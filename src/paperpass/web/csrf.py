"""What a state-changing request must show before any route runs: that it comes from one of this server's
own pages (``Origin``/``Referer``, when the browser sends them) and carries the CSRF token of its
session (the ``X-CSRF-Token`` header, or a form's ``csrf_token`` field).

The form field is found without reading a large body whole: a urlencoded form is at most ``max_note_kb``
(the shield enforces it), and a multipart form (an upload) is parsed as it streams in only until its
``csrf_token`` field, which ``{{ csrf_field() }}`` puts first in every form; what was read is buffered
(at most :data:`MULTIPART_SCAN_BYTES`) and handed on to the route unchanged.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.types import Message, Receive, Scope

from paperpass.web.shield import split_host

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
MULTIPART_SCAN_BYTES = 64 * 1024
DEFAULT_PORTS = {"http": 80, "https": 443}


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def same_origin(scope: Scope) -> bool:
    """Whether the request's ``Origin`` (else its ``Referer``), when it has one, is this server.

    The server's origin is the ``Host`` the browser asked for (the shield has checked it names this
    server). Its scheme is compared only when the request arrived over https (a TLS proxy that does not
    forward the scheme would otherwise refuse every form); a browser's opaque ``Origin: null`` never
    matches.
    """
    sent = _header(scope, b"origin")
    if sent is None:
        referer = _header(scope, b"referer")
        if referer is None:
            return True
        sent = referer
    try:
        parts = urlsplit(sent.strip())
    except ValueError:
        return False
    if parts.scheme not in DEFAULT_PORTS or not parts.netloc:
        return False
    name, port = split_host(parts.netloc)
    own_name, own_port = split_host(_header(scope, b"host") or "")
    if name is None or own_name is None or name != own_name:
        return False
    if scope.get("scheme") == "https" and parts.scheme != "https":
        return False
    return (port or DEFAULT_PORTS[parts.scheme]) == (own_port or DEFAULT_PORTS[parts.scheme])


async def sent_token(scope: Scope, receive: Receive) -> tuple[str | None, Receive]:
    """The CSRF token a request carries, and a ``receive`` that replays whatever body was read for it."""
    header = _header(scope, CSRF_HEADER.encode())
    if header is not None:
        return header, receive
    content_type = _header(scope, b"content-type") or ""
    kind, options = parse_options_header(content_type)
    if kind == URLENCODED.encode():
        return await _urlencoded_token(receive)
    if kind == MULTIPART.encode() and options.get(b"boundary"):
        return await _multipart_token(receive, options[b"boundary"])
    return None, receive


async def _urlencoded_token(receive: Receive) -> tuple[str | None, Receive]:
    chunks: list[bytes] = []
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            return None, _replay(chunks, receive, finished=True)
        chunks.append(message.get("body", b""))
        more = bool(message.get("more_body", False))
    body = b"".join(chunks)
    fields = parse_qsl(body.decode("latin-1"), keep_blank_values=True)
    token = next((v for k, v in fields if k == CSRF_FIELD), None)
    return token, _replay([body], receive, finished=True)


class _TokenScan:
    """python-multipart callbacks that collect the value of the ``csrf_token`` part."""

    def __init__(self) -> None:
        self.field = b""
        self.value = b""
        self.name: bytes | None = None
        self.headers: list[tuple[bytes, bytes]] = []
        self.collected = b""
        self.token: str | None = None
        self.done = False

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self.field += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self.value += data[start:end]

    def header_end(self) -> None:
        self.headers.append((self.field.lower(), self.value))
        self.field = self.value = b""

    def headers_finished(self) -> None:
        disposition = dict(self.headers).get(b"content-disposition", b"")
        _, params = parse_options_header(disposition)
        self.name = params.get(b"name")
        self.headers = []
        self.collected = b""

    def part_data(self, data: bytes, start: int, end: int) -> None:
        if self.name == CSRF_FIELD.encode() and len(self.collected) < 1024:
            self.collected += data[start:end]

    def part_end(self) -> None:
        if self.name == CSRF_FIELD.encode():
            self.token = self.collected.decode("latin-1")
        self.done = True  # the token is the first field, or the form has none


async def _multipart_token(receive: Receive, boundary: bytes) -> tuple[str | None, Receive]:
    scan = _TokenScan()
    parser = MultipartParser(
        boundary,
        {
            "on_header_field": scan.header_field,
            "on_header_value": scan.header_value,
            "on_header_end": scan.header_end,
            "on_headers_finished": scan.headers_finished,
            "on_part_data": scan.part_data,
            "on_part_end": scan.part_end,
        },
    )
    chunks: list[bytes] = []
    read = 0
    finished = False
    while not scan.done and read < MULTIPART_SCAN_BYTES:
        message = await receive()
        if message["type"] != "http.request":
            finished = True
            break
        chunk = message.get("body", b"")
        chunks.append(chunk)
        read += len(chunk)
        try:
            parser.write(chunk)
        except Exception:  # noqa: BLE001 - a malformed body simply carries no token
            break
        if not message.get("more_body", False):
            finished = True
            break
    return scan.token, _replay(chunks, receive, finished=finished)


def _replay(chunks: list[bytes], receive: Receive, *, finished: bool) -> Receive:
    """A ``receive`` that first gives back the bytes already read, then the rest of the body."""
    pending = b"".join(chunks)
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if replayed:
            return await receive()
        replayed = True
        return {"type": "http.request", "body": pending, "more_body": not finished}

    return replay
