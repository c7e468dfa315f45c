"""Team-server security: who is asking (signed session cookie), CSRF tokens on every form, and the one
dependency that hands routes the current user.

Local single-user mode (no accounts) is unchanged: every request is user 0, no login, no token, and
``csrf_field()`` renders nothing. In server mode (the library has accounts):

- the session cookie carries the id of a session kept in the database, signed (itsdangerous, key from
  :func:`paperpass.accounts.users.session_secret`), HttpOnly, SameSite=Lax, Secure when the
  ``cookie_secure`` setting is on; it lasts ``session_days``, and logging out (or a new password) ends
  the session server-side, so a copied cookie stops working in every worker within ``VIEWER_TTL``;
- every page but ``/login`` and ``/static`` needs a login (a redirect for pages, 401 for ``/api``);
- every POST/PUT/PATCH/DELETE needs the CSRF token, from the ``csrf_token`` form field or the
  ``X-CSRF-Token`` header, matching the signed CSRF cookie; missing or wrong is 403. The check is in the
  middleware, so it covers every route of every part of the app.

Routes get the current user through :func:`current_viewer` / :func:`current_user_id`
(``request.state.user_id``: 0 in local mode).
"""

from __future__ import annotations

import hmac
import secrets
import time
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from jinja2 import Environment, pass_context
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from paperpass.accounts import LOCAL_VIEWER, Viewer
from paperpass.accounts.users import session_account, viewer_for
from paperpass.config import Settings
from paperpass.store import Store

SESSION_COOKIE = "paperpass_session"
CSRF_COOKIE = "paperpass_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
PUBLIC_PREFIXES = ("/login", "/static/")
ANONYMOUS = Viewer(user_id=-1, personal=False)
"""Who makes a request before logging in on a team server: no account, no personal data."""
SessionCache = dict[str, tuple[float, Viewer]]
"""Session id -> (when looked up, the viewer): one per app, shared by the middleware and logout."""
VIEWER_TTL = 5.0  # seconds an account lookup is reused: a deleted account or a new role applies within it


class CookieSigner:
    """Signs and checks the session and CSRF cookies with the server's secret."""

    def __init__(self, secret: str, settings: Settings) -> None:
        self.sessions = URLSafeTimedSerializer(secret, salt="paperpass-session")
        self.tokens = URLSafeTimedSerializer(secret, salt="paperpass-csrf")
        self.max_age = int(settings.session_days * 86400)
        self.secure = settings.cookie_secure

    def session_value(self, session_id: str) -> str:
        """The cookie value that carries a server-side session id (see ``accounts.users.start_session``)."""
        return str(self.sessions.dumps({"sid": session_id}))

    def session_id(self, value: str | None) -> str | None:
        """The session id of a validly signed, unexpired session cookie (the session itself may be over)."""
        if not value:
            return None
        try:
            data = self.sessions.loads(value, max_age=self.max_age)
        except BadSignature:
            return None
        sid = data.get("sid") if isinstance(data, dict) else None
        return sid if isinstance(sid, str) and 0 < len(sid) <= 64 else None

    def csrf_token(self, value: str | None) -> str | None:
        """The CSRF token a signed CSRF cookie holds."""
        if not value:
            return None
        try:
            token = self.tokens.loads(value)
        except BadSignature:
            return None
        return token if isinstance(token, str) else None

    def cookie(self, name: str, value: str, *, max_age: int | None = None) -> str:
        """A ``Set-Cookie`` header value with the flags every paperpass cookie carries."""
        parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
        if max_age is not None:
            parts.append(f"Max-Age={max_age}")
        if self.secure:
            parts.append("Secure")
        return "; ".join(parts)

    def new_csrf_cookie(self) -> tuple[str, str]:
        """A fresh token and the ``Set-Cookie`` value carrying it signed."""
        token = secrets.token_urlsafe(32)
        return token, self.cookie(CSRF_COOKIE, str(self.tokens.dumps(token)))

    def session_cookie(self, session_id: str) -> str:
        """The ``Set-Cookie`` value of a new login."""
        return self.cookie(SESSION_COOKIE, self.session_value(session_id), max_age=self.max_age)

    def expired(self, name: str) -> str:
        """A ``Set-Cookie`` value that deletes cookie ``name``."""
        return self.cookie(name, "", max_age=0)


def _cookies(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001 - a malformed Cookie header is treated as no cookies
                return {}
    return {k: m.value for k, m in jar.items()}


class TeamServerMiddleware:
    """Sets ``request.state.viewer``/``user_id`` (and the CSRF token); in server mode requires a login."""

    def __init__(
        self, app: ASGIApp, store: Store, signer: CookieSigner | None, cache: SessionCache | None = None
    ) -> None:
        self.app = app
        self.store = store
        self.signer = signer
        self.viewers: SessionCache = {} if cache is None else cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        if self.signer is None:
            state.update(viewer=LOCAL_VIEWER, user_id=0, csrf_token=None, server_mode=False)
            await self.app(scope, receive, send)
            return
        cookies = _cookies(scope)
        viewer = await self._viewer(cookies.get(SESSION_COOKIE))
        token = self.signer.csrf_token(cookies.get(CSRF_COOKIE))
        set_cookie = None
        if token is None:
            token, set_cookie = self.signer.new_csrf_cookie()
        state.update(viewer=viewer, user_id=viewer.user_id, csrf_token=token, server_mode=True)
        path = scope.get("path", "/")
        if viewer is ANONYMOUS and not path.startswith(PUBLIC_PREFIXES):
            await self._login_required(scope, path)(scope, receive, send)
            return
        if scope["method"] not in SAFE_METHODS:
            accepted, receive = await _check_csrf(scope, receive, token)
            if not accepted:
                await _forbidden(scope)(scope, receive, send)
                return

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and set_cookie is not None:
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"set-cookie", set_cookie.encode("latin-1"))]
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    async def _viewer(self, cookie: str | None) -> Viewer:
        """The account of a live session, looked up at most every few seconds per process."""
        assert self.signer is not None
        sid = self.signer.session_id(cookie)
        if sid is None:
            return ANONYMOUS
        now = time.monotonic()
        cached = self.viewers.get(sid)
        if cached is not None and now - cached[0] < VIEWER_TTL:
            return cached[1]
        user = await run_in_threadpool(session_account, self.store, sid)
        viewer = viewer_for(user) if user is not None else ANONYMOUS
        if len(self.viewers) > 10_000:
            self.viewers.clear()
        self.viewers[sid] = (now, viewer)
        return viewer

    @staticmethod
    def _login_required(scope: Scope, path: str) -> ASGIApp:
        if path.startswith("/api/"):
            return JSONResponse({"error": "log in first"}, status_code=401)
        query = scope.get("query_string", b"").decode("latin-1")
        target = path + (f"?{query}" if query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


async def _check_csrf(scope: Scope, receive: Receive, expected: str) -> tuple[bool, Receive]:
    """Whether an unsafe request carries the CSRF token, and a ``receive`` that replays its body.

    The token comes from the ``X-CSRF-Token`` header or, for a form, its ``csrf_token`` field; the form is
    read here (so every route is covered, whoever wrote it) and its bytes handed on unchanged.
    """
    request = Request(scope, receive)
    sent = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "")
    body: bytes | None = None
    if sent is None and content_type.startswith(FORM_TYPES):
        body = await request.body()
        form = await request.form()
        field = form.get(CSRF_FIELD)
        sent = field if isinstance(field, str) else None
        await form.close()
    accepted = bool(sent) and hmac.compare_digest((sent or "").encode(), expected.encode())
    if body is None:
        return accepted, receive
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if replayed:
            return await receive()
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}

    return accepted, replay


def _forbidden(scope: Scope) -> ASGIApp:
    message = "missing or wrong CSRF token: reload the page and try again"
    if scope.get("path", "").startswith("/api/"):
        return JSONResponse({"error": message}, status_code=403)
    request = Request(scope)
    templates = request.app.state.templates
    response: ASGIApp = templates.TemplateResponse(
        request, "error.html", {"status": 403, "message": message}, status_code=403
    )
    return response


def install(app: FastAPI) -> None:
    """Set the app up for its mode: local single-user, or team server when the library has accounts.

    Call once ``app.state.settings`` and ``app.state.store`` are set.
    """
    from paperpass.accounts.throttle import LoginThrottle
    from paperpass.accounts.users import server_mode, session_secret

    settings: Settings = app.state.settings
    store: Store = app.state.store
    team = server_mode(store)
    signer = CookieSigner(session_secret(store, settings), settings) if team else None
    app.state.server_mode = team
    app.state.signer = signer
    app.state.login_throttle = LoginThrottle(
        store, settings.login_attempts, settings.login_window_minutes * 60
    )
    cache: SessionCache = {}
    app.state.session_cache = cache
    app.add_middleware(TeamServerMiddleware, store=store, signer=signer, cache=cache)
    install_template_globals(app.state.templates.env)


def current_viewer(request: Request) -> Viewer:
    """Dependency: who makes the request (the local user in single-user mode)."""
    viewer = getattr(request.state, "viewer", LOCAL_VIEWER)
    assert isinstance(viewer, Viewer)
    return viewer


def current_user_id(request: Request) -> int:
    """Dependency: the user id to scope data by (0 in local single-user mode)."""
    return current_viewer(request).user_id


@pass_context
def csrf_field(context: Any) -> Markup:
    """Template global: the hidden CSRF input in server mode, nothing in local mode."""
    request = context.get("request")
    token = getattr(request.state, "csrf_token", None) if request is not None else None
    if not token:
        return Markup("")
    return Markup('<input type="hidden" name="{}" value="{}">').format(CSRF_FIELD, escape(token))


@pass_context
def csrf_meta(context: Any) -> Markup:
    """Template global: ``<meta name="csrf-token">`` for scripts that POST (server mode only)."""
    request = context.get("request")
    token = getattr(request.state, "csrf_token", None) if request is not None else None
    if not token:
        return Markup("")
    return Markup('<meta name="csrf-token" content="{}">').format(escape(token))


@pass_context
def current_user(context: Any) -> Viewer | None:
    """Template global: the logged-in account, or None (local mode, the login page)."""
    request = context.get("request")
    viewer = getattr(request.state, "viewer", None) if request is not None else None
    return viewer if isinstance(viewer, Viewer) and not viewer.local and viewer.user_id > 0 else None


def install_template_globals(env: Environment) -> None:
    """Make ``csrf_field()``, ``csrf_meta()`` and ``current_user()`` available to every template."""
    env.globals.update(csrf_field=csrf_field, csrf_meta=csrf_meta, current_user=current_user)
