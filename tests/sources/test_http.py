"""The polite session: 429 then success, Retry-After, timeouts, the on-disk cache, cut-off downloads."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from paperpass.errors import SourceError
from paperpass.sources import Sources
from paperpass.sources.download import download_pdf
from paperpass.sources.http import ResponseCache, retry_after_seconds
from support.recorded import RecordedAPI

# Semantic Scholar's documented 429 body (no recording exists; see the fixtures README).
TOO_MANY = json.dumps(
    {
        "message": "Too Many Requests. Please wait and try again or apply for a key for higher rate limits.",
        "code": "429",
    }
).encode()
PDF = b"%PDF-1.4\n" + b"0" * 200_000 + b"\n%%EOF\n"


def test_429_then_success_backs_off_with_jitter(
    api: RecordedAPI, sources: Sources, sleeps: list[float]
) -> None:
    api.serve("semanticscholar/paper_not_found_404.json")
    api.answer("/graph/v1/paper/0", 429, TOO_MANY, headers={"content-type": "application/json"})
    sources.session.jitter = lambda: 0.5
    with pytest.raises(Exception, match="no paper 0"):
        sources.semanticscholar.paper("0")
    assert len(api.requests) == 2
    assert sleeps[-1] == pytest.approx(2.0 * 0.75)  # first backoff 2 s, half of it jittered


def test_retry_after_is_honoured(api: RecordedAPI, sources: Sources, sleeps: list[float]) -> None:
    api.serve("crossref/works_not_found_404.txt")
    api.answer("/works/10.1371/notarealdoi", 503, b"busy", headers={"retry-after": "7"})
    with pytest.raises(Exception, match="Crossref has no DOI"):
        sources.crossref.work("10.1371/notarealdoi")
    assert 7.0 in sleeps


def test_retry_after_too_long_gives_up_at_once(api: RecordedAPI, sources: Sources) -> None:
    api.answer("/works/10.1/x", 429, b"", headers={"retry-after": "3600"})
    with pytest.raises(SourceError, match="asks to wait 3600 s"):
        sources.crossref.work("10.1/x")
    assert len(api.requests) == 1


def test_retry_after_as_http_date() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 11, 28, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("Sat, 28 Nov 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("soon", now) is None


def _timeout(request: httpx.Request) -> None:
    raise httpx.ReadTimeout("timed out", request=request)


def test_timeouts_are_retried_then_name_the_service(
    api: RecordedAPI, sources: Sources, sleeps: list[float]
) -> None:
    api.fail("/api/query", _timeout)
    with pytest.raises(SourceError, match=r"arXiv could not be reached .*timed out after 5 tries"):
        sources.arxiv.get("1706.03762")
    # Backoff 1, 2, 4, 8 s (2 s doubling, halved by zero jitter); a backoff shorter than arXiv's 3 s is
    # topped up to it by the rate limit.
    assert sleeps == [1.0, 2.0, 2.0, 1.0, 4.0, 8.0]


def test_cache_makes_repeated_lookups_free(api: RecordedAPI, sources: Sources, tmp_path: Path) -> None:
    api.serve("arxiv/id_list_single_1605.08386.xml", query={"id_list": "1605.08386"})
    sources.session.cache = ResponseCache(tmp_path / "cache")
    first = sources.arxiv.get("1605.08386")
    again = sources.arxiv.get("1605.08386")
    assert first == again and len(api.requests) == 1
    sources.session.cache.ttl = 0
    sources.arxiv.get("1605.08386")
    assert len(api.requests) == 2


def test_download_is_atomic_with_sha256(api: RecordedAPI, sources: Sources, tmp_path: Path) -> None:
    import hashlib

    api.answer("/pdf/1706.03762v7", 200, PDF, headers={"content-type": "application/pdf"})
    got = download_pdf(sources.session, "https://arxiv.org/pdf/1706.03762v7", tmp_path / "a.pdf",
                       service="arXiv", interval=0)  # fmt: skip
    assert got.path.read_bytes() == PDF and got.sha256 == hashlib.sha256(PDF).hexdigest()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


class _CutOff(httpx.SyncByteStream):
    def __iter__(self):  # type: ignore[no-untyped-def]
        yield PDF[:70_000]
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")


def test_download_cut_off_half_way_leaves_no_file(tmp_path: Path, sources: Sources) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-length": str(len(PDF))}, stream=_CutOff())

    sources.session.client = httpx.Client(transport=httpx.MockTransport(handler))
    with pytest.raises(SourceError, match=r"cut off after \d+ bytes: the connection broke$"):
        download_pdf(sources.session, "https://arxiv.org/pdf/1706.03762", tmp_path / "a.pdf", service="arXiv",
                     interval=0)  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_download_cut_off_on_a_real_connection(tmp_path: Path, sources: Sources) -> None:
    import socket
    import threading

    server = socket.create_server(("127.0.0.1", 0))

    def serve_half() -> None:
        conn, _ = server.accept()
        conn.recv(65536)
        head = f"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: {len(PDF)}\r\n\r\n"
        conn.sendall(head.encode() + PDF[: len(PDF) // 2])
        conn.close()

    threading.Thread(target=serve_half, daemon=True).start()
    sources.session.client = httpx.Client()
    url = f"http://127.0.0.1:{server.getsockname()[1]}/pdf/1706.03762"
    with pytest.raises(SourceError, match="cut off"):
        download_pdf(sources.session, url, tmp_path / "a.pdf", service="arXiv", interval=0)
    server.close()
    assert list(tmp_path.iterdir()) == []


def test_download_refuses_what_is_not_a_pdf(api: RecordedAPI, sources: Sources, tmp_path: Path) -> None:
    api.answer("/pdf/1706.03762", 200, b"<html>captcha</html>", headers={"content-type": "text/html"})
    with pytest.raises(SourceError, match="not a PDF"):
        download_pdf(sources.session, "https://arxiv.org/pdf/1706.03762", tmp_path / "a.pdf", service="arXiv",
                     interval=0)  # fmt: skip
    assert list(tmp_path.iterdir()) == []
