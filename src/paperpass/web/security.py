"""Who is asking (a signed session cookie on a team server), and the CSRF check every state-changing
request passes, in every mode.

The shield (:mod:`paperpass.web.shield`) runs first: unknown ``Host`` values are refused and bodies are
bounded. Then :class:`GuardMiddleware`:

- **single-user library** (no accounts): every request is the local user (id 0), no login;
- **team server** (the library has accounts): the session cookie carries the id of a session kept in the
  database, signed (itsdangerous, key from :func:`paperpass.accounts.users.session_secret`), HttpOnly,
  SameSite=Lax, ``Secure`` and ``__Host-``-prefixed when the ``cookie_secure`` setting is on; it lasts
  ``session_days``; logging out, a new password or a disabled account ends the session server-side, so
  a copied cookie stops working in every worker within ``VIEWER_TTL``. Every page but ``/login`` and
  ``/static`` needs a login (a redirect for pages, 401 for ``/api``);
- **both**: every POST/PUT/PATCH/DELETE must come from this server's own pages (``Origin``, else
  ``Referer``, when present, is the server's origin) and carry the CSRF token of its browser, from the
  ``X-CSRF-Token`` header or a form's ``csrf_token`` field. The token lives in a signed cookie bound to
  the session (a token from before a login, or from another session, is refused); the single-user
  library signs it with a per-install secret kept in the database. Missing, wrong or cross-site is 403.
  The check is middleware, so it covers every route of every part of the app.

Routes get the current user through :func:`current_viewer` / :func:`current_user_id`
(``request.state.user_id``: 0 in local mode). Templates get ``csrf_field()`` (the hidden input every form
starts with) and ``csrf_meta()`` (the ``<meta name="csrf-token">`` scripts read for ``fetch``).
"""

from __future__ import annotations

import hashlib
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

from paperpass.accounts import (
    LOCAL_VIEWER,
    LoginGuard,
    Viewer,
    server_mode,
    session_account,
    session_secret,
    viewer_for,
)
from paperpass.config import Settings
from paperpass.store import Store
from paperpass.web.csrf import CSRF_FIELD, CSRF_HEADER, same_origin, sent_token
from paperpass.web.shield import HostRule, ShieldMiddleware

SESSION_COOKIE = "paperpass_session"
CSRF_COOKIE = "paperpass_csrf"
SECURE_PREFIX = "__Host-"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
PUBLIC_PREFIXES = ("/login", "/static/")
ANONYMOUS = Viewer(user_id=-1, personal=False)
"""Who makes a request before logging in on a team server: no account, no personal data."""
SessionCache = dict[str, tuple[float, Viewer]]
"""Session id -> (when looked up, the viewer): one per app, shared by the middleware and logout."""
VIEWER_TTL = 5.0  # seconds an account lookup is reused: a deleted account or a new role applies within it
__all__ = ["CSRF_FIELD", "CSRF_HEADER", "CookieSigner", "GuardMiddleware", "install"]


def session_binding(session_id: str | None) -> str:
    """What ties a CSRF token to a session: a digest of its id (the id itself never leaves the server's
    signed session cookie), empty without a session."""
    return hashlib.sha256(session_id.encode()).hexdigest()[:32] if session_id else ""


class CookieSigner:
    """Signs and checks the session and CSRF cookies with the server's secret."""

    def __init__(self, secret: str, settings: Settings) -> None:
        self.sessions = URLSafeTimedSerializer(secret, salt="paperpass-session")
        self.tokens = URLSafeTimedSerializer(secret, salt="paperpass-csrf")
        self.max_age = int(settings.session_days * 86400)
        self.secure = settings.cookie_secure
        prefix = SECURE_PREFIX if self.secure else ""
        self.session_name = prefix + SESSION_COOKIE
        self.csrf_name = prefix + CSRF_COOKIE

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

    def csrf_token(self, value: str | None, session_id: str | None = None) -> str | None:
        """The CSRF token a signed CSRF cookie holds, if it was issued to this session (or to no session)."""
        if not value:
            return None
        try:
            data = self.tokens.loads(value)
        except BadSignature:
            return None
        if not isinstance(data, dict) or data.get("s") != session_binding(session_id):
            return None
        token = data.get("t")
        return token if isinstance(token, str) and token else None

    def cookie(self, name: str, value: str, *, max_age: int | None = None) -> str:
        """A ``Set-Cookie`` header value with the flags every paperpass cookie carries."""
        parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
        if max_age is not None:
            parts.append(f"Max-Age={max_age}")
        if self.secure:
            parts.append("Secure")
        return "; ".join(parts)

    def csrf_value(self, token: str, session_id: str | None = None) -> str:
        """The signed CSRF cookie value carrying ``token`` for a session (or none)."""
        return str(self.tokens.dumps({"t": token, "s": session_binding(session_id)}))

    def new_csrf_cookie(self, session_id: str | None = None) -> tuple[str, str]:
        """A fresh token for a session (or none) and the ``Set-Cookie`` value carrying it signed."""
        token = secrets.token_urlsafe(32)
        return token, self.cookie(self.csrf_name, self.csrf_value(token, session_id))

    def session_cookie(self, session_id: str) -> str:
        """The ``Set-Cookie`` value of a new login."""
        return self.cookie(self.session_name, self.session_value(session_id), max_age=self.max_age)

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


class GuardMiddleware:
    """Sets ``request.state.viewer``/``user_id`` and the CSRF token; refuses cross-site and tokenless
    writes; on a team server requires a login."""

    def __init__(
        self, app: ASGIApp, store: Store, signer: CookieSigner, team: bool, cache: SessionCache | None = None
    ) -> None:
        self.app = app
        self.store = store
        self.signer = signer
        self.team = team
        self.viewers: SessionCache = {} if cache is None else cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        cookies = _cookies(scope)
        viewer, session_id = LOCAL_VIEWER, None
        if self.team:
            session_id = self.signer.session_id(cookies.get(self.signer.session_name))
            viewer = await self._viewer(session_id)
            if viewer is ANONYMOUS:
                session_id = None
        token = self.signer.csrf_token(cookies.get(self.signer.csrf_name), session_id)
        set_cookie = None
        if token is None:
            token, set_cookie = self.signer.new_csrf_cookie(session_id)
        state.update(viewer=viewer, user_id=viewer.user_id, csrf_token=token, server_mode=self.team)

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and set_cookie is not None:
                message["headers"] = [
                    *message.get("headers", []),
                    (b"set-cookie", set_cookie.encode("latin-1")),
                ]
            await send(message)

        path = scope.get("path", "/")
        if self.team and viewer is ANONYMOUS and not path.startswith(PUBLIC_PREFIXES):
            await _login_required(scope, path)(scope, receive, send_with_cookie)
            return
        if scope["method"] not in SAFE_METHODS:
            if not same_origin(scope):
                await _forbidden(scope, "cross-site request refused: send it from this server's own pages")(
                    scope, receive, send_with_cookie
                )
                return
            sent, receive = await sent_token(scope, receive)
            if not sent or not hmac.compare_digest(sent.encode(), token.encode()):
                message = "missing or wrong CSRF token: reload the page and try again"
                await _forbidden(scope, message)(scope, receive, send_with_cookie)
                return
        await self.app(scope, receive, send_with_cookie)

    async def _viewer(self, session_id: str | None) -> Viewer:
        """The account of a live session, looked up at most every few seconds per process."""
        if session_id is None:
            return ANONYMOUS
        now = time.monotonic()
        cached = self.viewers.get(session_id)
        if cached is not None and now - cached[0] < VIEWER_TTL:
            return cached[1]
        user = await run_in_threadpool(session_account, self.store, session_id)
        viewer = viewer_for(user) if user is not None else ANONYMOUS
        if len(self.viewers) > 10_000:
            self.viewers.clear()
        self.viewers[session_id] = (now, viewer)
        return viewer


def _login_required(scope: Scope, path: str) -> ASGIApp:
    if path.startswith("/api/"):
        return JSONResponse({"error": "log in first"}, status_code=401)
    query = scope.get("query_string", b"").decode("latin-1")
    target = path + (f"?{query}" if query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def _forbidden(scope: Scope, message: str) -> ASGIApp:
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
    settings: Settings = app.state.settings
    store: Store = app.state.store
    team = server_mode(store)
    signer = CookieSigner(session_secret(store, settings), settings)
    app.state.server_mode = team
    app.state.signer = signer
    app.state.login_guard = LoginGuard.from_settings(store, settings)
    cache: SessionCache = {}
    app.state.session_cache = cache
    app.add_middleware(GuardMiddleware, store=store, signer=signer, team=team, cache=cache)
    app.add_middleware(
        ShieldMiddleware,
        hosts=HostRule.from_settings(settings),
        upload_limit=settings.max_body_mb * 1024 * 1024,
        body_limit=settings.max_note_kb * 1024,
    )
    install_template_globals(app.state.templates.env)


def forget_sessions(app: FastAPI, user_id: int) -> None:
    """Drop this process's cached lookups of an account's sessions (after its password, role or state
    changed), so the change applies to its next request here; other workers see it within VIEWER_TTL."""
    cache: SessionCache = app.state.session_cache
    for session_id, (_, viewer) in list(cache.items()):
        if viewer.user_id == user_id:
            cache.pop(session_id, None)


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
    """Template global: the hidden CSRF input every form carries (first, so an upload's token is found
    before its file)."""
    request = context.get("request")
    token = getattr(request.state, "csrf_token", None) if request is not None else None
    if not token:
        return Markup("")
    return Markup('<input type="hidden" name="{}" value="{}">').format(CSRF_FIELD, escape(token))


@pass_context
def csrf_meta(context: Any) -> Markup:
    """Template global: ``<meta name="csrf-token">``, which scripts send as ``X-CSRF-Token``."""
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
