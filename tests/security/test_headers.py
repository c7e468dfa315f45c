"""Every response carries the security headers; no page runs inline script; cookies are ``__Host-`` when
secure; ``/api/docs`` works without a network (real server, SQLite and PostgreSQL)."""

from __future__ import annotations

from html.parser import HTMLParser

import httpx

from support.live import RealServer, page_token

PAGES = ["/", "/papers", "/papers/lora", "/papers/lora/note", "/papers/lora/read", "/groups", "/plan",
         "/practice", "/mock", "/questions", "/ready", "/graph", "/timeline", "/method", "/search?q=lora",
         "/guide/lora", "/compare", "/api/docs", "/no/such/page"]  # fmt: skip


def _check_headers(response: httpx.Response) -> None:
    policy = response.headers.get("content-security-policy", "")
    directives = {d.strip().split(" ")[0]: d.strip() for d in policy.split(";") if d.strip()}
    assert directives.get("script-src") == "script-src 'self'", (response.url, policy)
    assert directives.get("frame-ancestors") == "frame-ancestors 'none'"
    assert directives.get("object-src") == "object-src 'none'"
    assert "unsafe-inline" not in directives.get("script-src", "") + directives.get("default-src", "")
    assert response.headers.get("x-frame-options") == "DENY"
    assert response.headers.get("x-content-type-options") == "nosniff"
    assert response.headers.get("referrer-policy") in {"same-origin", "no-referrer", "strict-origin"}


class _Scripts(HTMLParser):
    """Collects what would run as inline script: script elements without src, on* handlers, javascript:
    URLs, and scripts from other hosts."""

    def __init__(self, own: str) -> None:
        super().__init__()
        self.own = own
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag == "script":
            src = values.get("src") or ""
            kind = (values.get("type") or "").lower()
            if not src and kind not in {"application/json", "application/ld+json"}:
                self.in_script = True
            if src.startswith(("http:", "https:", "//")) and not src.startswith(self.own + "/"):
                self.problems.append(f"script from another host: {src}")
        href = values.get("href") or ""
        if (
            tag == "link"
            and href.startswith(("http:", "https:", "//"))
            and not href.startswith(self.own + "/")
        ):
            self.problems.append(f"stylesheet from another host: {href}")

    def handle_data(self, data: str) -> None:
        if self.in_script and data.strip():
            self.problems.append(f"inline script: {data.strip()[:60]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False


def test_every_response_carries_the_security_headers(local_server: RealServer) -> None:
    with local_server.client() as client:
        token = page_token(client)
        answers = [client.get(path) for path in PAGES]
        answers += [
            client.get("/static/style.css"),
            client.get("/api/papers/lora"),
            client.get("/openapi.json"),
        ]
        answers += [
            client.post("/plan", data={"interview": "x"}),
            client.post("/plan", headers={"Origin": "http://x.y"}),
        ]
        answers.append(
            client.post("/api/notes/preview", json={"text": "*hi*"}, headers={"X-CSRF-Token": token})
        )
    answers.append(httpx.get(local_server.url + "/", headers={"Host": "evil.example"}))
    assert {a.status_code for a in answers} >= {200, 400, 403, 404}
    for answer in answers:
        _check_headers(answer)


def test_no_page_runs_inline_script(local_server: RealServer) -> None:
    with local_server.client() as client:
        for path in PAGES:
            page = client.get(path, follow_redirects=True)
            parser = _Scripts(local_server.url)
            parser.feed(page.text)
            assert parser.problems == [], (path, parser.problems)


def test_api_docs_need_no_network(local_server: RealServer) -> None:
    with local_server.client() as client:
        page = client.get("/api/docs")
        assert page.status_code == 200 and 'id="swagger-ui"' in page.text
        assert "cdn" not in page.text.lower() and "https://" not in page.text
        bundle = client.get("/api/docs/assets/swagger-ui-bundle.js")
        assert bundle.status_code == 200 and "SwaggerUIBundle" in bundle.text[:5000] + bundle.text[-5000:]
        assert client.get("/api/docs/assets/swagger-ui.css").status_code == 200
        assert "/api/papers/{key}/sources" in client.get("/openapi.json").json()["paths"]


def test_secure_cookies_are_host_prefixed(start_server: object) -> None:
    server = start_server(cookie_secure="1")  # type: ignore[operator]
    page = httpx.get(server.url + "/login")
    cookies = page.headers.get_list("set-cookie")
    csrf = next(c for c in cookies if "paperpass_csrf" in c)
    assert csrf.startswith("__Host-paperpass_csrf=") and "; Secure" in csrf and "Path=/" in csrf
    assert "domain=" not in csrf.lower() and "HttpOnly" in csrf
    jar = httpx.Client(
        base_url=server.url, cookies={"__Host-paperpass_csrf": csrf.split(";")[0].split("=", 1)[1]}
    )
    token = page_token(jar)
    login = jar.post(
        "/login", data={"csrf_token": token, "username": "bob", "password": "bob's long password"}
    )
    assert login.status_code == 303
    session = next(c for c in login.headers.get_list("set-cookie") if "paperpass_session" in c)
    assert session.startswith("__Host-paperpass_session=") and "; Secure" in session
