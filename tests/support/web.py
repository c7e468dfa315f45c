"""An in-process client that behaves like a browser tab on the library.

The server answers only the hosts it serves and refuses state-changing requests without the CSRF token of
the page they come from. A browser has both: it asks for ``http://127.0.0.1:8765/...`` and its forms carry
the token of the page (``csrf_field()``), its scripts the ``<meta name="csrf-token">`` one. So does
:class:`BrowserClient`: its base URL is a loopback address, and before an unsafe request that carries no
token of its own it reads the token from a page, as the note editor's script does, whenever the CSRF
cookie it holds has changed (the first time, after a login or a logout).

A test that means to send a wrong token says so (``headers={"X-CSRF-Token": "x"}`` or a ``csrf_token``
form field of its own); one that means to send none turns ``auto_csrf`` off.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

BASE_URL = "http://127.0.0.1:8765"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
TOKEN_IN_PAGE = re.compile(r'<meta name="csrf-token" content="([^"]+)">|name="csrf_token" value="([^"]+)"')


class BrowserClient(TestClient):
    """A :class:`TestClient` on a loopback host that sends the page's CSRF token like a browser."""

    def __init__(self, app: Any, *, base_url: str = BASE_URL, **kwargs: Any) -> None:
        super().__init__(app, base_url=base_url, **kwargs)
        self._token_for: tuple[str | None, str] | None = None
        self.auto_csrf = True

    def csrf_token(self) -> str:
        """The token of the page this client would post from (read from a page when its cookie changed)."""
        cookie = self._csrf_cookie()
        if self._token_for is not None and self._token_for[0] == cookie and cookie is not None:
            return self._token_for[1]
        page = super().request("GET", "/login", follow_redirects=True)
        found = TOKEN_IN_PAGE.search(page.text)
        assert found, f"no CSRF token on {page.url} (status {page.status_code})"
        token = found.group(1) or found.group(2)
        self._token_for = (self._csrf_cookie(), token)
        return token

    def _csrf_cookie(self) -> str | None:
        for cookie in self.cookies.jar:
            if cookie.name.endswith("paperpass_csrf"):
                return cookie.value
        return None

    def request(self, method: str, url: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        """Send a request; an unsafe one without a token of its own gets the page's token header."""
        unsafe = method.upper() not in SAFE_METHODS
        if unsafe and self.auto_csrf and "x-csrf-token" not in self.headers and not _carries_token(kwargs):
            headers = dict(kwargs.pop("headers", None) or {})
            headers["X-CSRF-Token"] = self.csrf_token()
            kwargs["headers"] = headers
        return super().request(method, url, **kwargs)


def _carries_token(kwargs: dict[str, Any]) -> bool:
    headers = kwargs.get("headers") or {}
    if any(str(name).lower() == "x-csrf-token" for name in headers):
        return True
    data = kwargs.get("data")
    return isinstance(data, dict) and "csrf_token" in data
