"""A real browser as the attacker: a page on another site the user visits while the library is open.

It auto-submits a form that would replace the study plan, posts a new note version with ``fetch`` (a
"simple" request, which browsers send cross-site without asking the server first), frames
the library, and (with its DNS name pointed at 127.0.0.1, as DNS rebinding does) tries to read a note.
Debian's Chromium through Playwright; the library is a single-user one on a real server. On the old code
the plan was replaced and the note read.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from security.conftest import CHROME_ARGS
from support.live import RealServer
from support.notes import GOOD_NOTE
from support.postgres import free_port

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("new_library", ["sqlite"], indirect=True)]
EVIL_DAY = (date.today() + timedelta(days=9)).isoformat()


class EvilSite:
    """Pages of another site (``http://localhost:PORT``, another origin and another site than the library
    at 127.0.0.1), served from a thread."""

    def __init__(self, pages: dict[str, str]) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                body = site.pages.get(self.path, "not here").encode()
                self.send_response(200 if self.path in site.pages else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.pages = pages
        self.port = free_port()
        self.url = f"http://localhost:{self.port}"
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> EvilSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def _attack_pages(library: str) -> dict[str, str]:
    form = f"""<!doctype html><title>Cute cats</title>
<form id="f" method="post" action="{library}/plan">
<input name="interview" value="{EVIL_DAY}"><input name="hours_per_day" value="0.1"></form>
<script>document.getElementById("f").submit();</script>"""
    note = json.dumps(GOOD_NOTE.replace("## Problem\n", "## Problem\n\nowned by another site\n"))
    fetching = f"""<!doctype html><title>More cats</title><p id="done">waiting</p>
<script>
fetch("{library}/papers/lora/note", {{method: "POST", mode: "no-cors", credentials: "include",
  body: new URLSearchParams({{text: {note}, version: "0"}})}})
  .finally(() => {{ document.getElementById("done").textContent = "sent"; }});
</script>"""
    framing = f"""<!doctype html><title>Frames</title><iframe id="lib" src="{library}/"></iframe>"""
    return {"/form.html": form, "/fetch.html": fetching, "/frame.html": framing}


@pytest.fixture
def evil(local_server: RealServer) -> Iterator[EvilSite]:
    with EvilSite(_attack_pages(local_server.url)) as site:
        yield site


def _interview(server: RealServer) -> str | None:
    answer = httpx.get(server.url + "/api/plan")
    return answer.json()["interview"] if answer.status_code == 200 else None


def test_a_form_posted_from_another_site_is_refused(
    page: Any, local_server: RealServer, evil: EvilSite
) -> None:
    page.goto(local_server.url + "/plan")  # the user has the library open in the same browser
    with page.expect_navigation(url=local_server.url + "/plan"):
        page.goto(evil.url + "/form.html")
    assert "cross-site request refused" in page.content()
    assert _interview(local_server) != EVIL_DAY


def test_a_fetch_from_another_site_is_refused(page: Any, local_server: RealServer, evil: EvilSite) -> None:
    before = httpx.get(local_server.url + "/api/papers/lora/note").json()
    page.goto(local_server.url + "/papers/lora/note")
    answers: list[int] = []
    page.on("request", lambda r: answers.append(("request", r.url, r.method)))
    page.on("response", lambda r: answers.append(("response", r.url, r.status)))
    page.on("requestfailed", lambda r: answers.append(("failed", r.url, r.failure)))
    page.goto(evil.url + "/fetch.html")
    page.locator("#done", has_text="sent").wait_for(timeout=10000)
    target = local_server.url + "/papers/lora/note"
    assert ("request", target, "POST") in answers  # the browser did send it
    assert ("response", target, 200) not in answers  # refused (403), and unreadable (CORP same-origin)
    after = httpx.get(local_server.url + "/api/papers/lora/note").json()
    assert after == before and "owned by another site" not in str(after)


def test_another_site_cannot_frame_the_library(page: Any, local_server: RealServer, evil: EvilSite) -> None:
    page.goto(evil.url + "/frame.html")
    page.wait_for_timeout(1000)
    frame = next(f for f in page.frames if f != page.main_frame)
    assert "paperpass" not in frame.content()  # refused by frame-ancestors 'none' / X-Frame-Options DENY


def test_a_rebound_dns_name_gets_400(browser_type: Any, browser_type_launch_args: dict[str, Any],
                                     local_server: RealServer) -> None:  # fmt: skip
    rules = "--host-resolver-rules=MAP rebound.example 127.0.0.1"
    browser = browser_type.launch(**{**browser_type_launch_args, "args": [*CHROME_ARGS, rules]})
    try:
        page = browser.new_page()
        answer = page.goto(f"http://rebound.example:{local_server.port}/api/papers/lora/note")
        assert answer is not None and answer.status == 400
        assert "LoRA" not in page.content()
        home = page.goto(f"http://127.0.0.1:{local_server.port}/")
        assert home is not None and home.status == 200
    finally:
        browser.close()


def test_the_api_docs_render_offline_under_the_csp(page: Any, local_server: RealServer) -> None:
    elsewhere: list[str] = []
    errors: list[str] = []

    def only_the_library(route: Any) -> None:
        if route.request.url.startswith(local_server.url + "/"):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_library)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(local_server.url + "/api/docs")
    page.locator(".opblock-summary-path", has_text="/api/papers/{key}/sources").first.wait_for(timeout=20000)
    assert elsewhere == []
    # Chromium's own /favicon.ico request is not a page response; a CSP refusal would be a console error.
    assert [e for e in errors if "favicon" not in e and not e.startswith("Failed to load resource")] == []
