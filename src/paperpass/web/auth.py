"""Login and logout pages of a team server (local single-user mode has no login: they redirect home)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from paperpass.accounts.throttle import LoginThrottle
from paperpass.accounts.users import authenticate, end_session, start_session
from paperpass.web.deps import LibraryDep
from paperpass.web.security import CSRF_COOKIE, SESSION_COOKIE, CookieSigner
from paperpass.web.templating import render

router = APIRouter()


def safe_next(target: str | None) -> str:
    """A same-site path to go to after login (anything else, e.g. ``//evil.example``, becomes ``/``)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


def _signer(request: Request) -> CookieSigner | None:
    signer = request.app.state.signer
    return signer if isinstance(signer, CookieSigner) else None


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> Response:  # noqa: A002 - the query parameter's name
    """The login form."""
    if _signer(request) is None:
        return RedirectResponse("/", status_code=303)
    return render(request, "login.html", next=safe_next(next), username="", message="")


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    lib: LibraryDep,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",  # noqa: A002
) -> Response:
    """Check the password (throttled per username and address) and start a session."""
    signer = _signer(request)
    if signer is None:
        return RedirectResponse("/", status_code=303)
    throttle: LoginThrottle = request.app.state.login_throttle
    address = request.client.host if request.client else "unknown"
    wait = throttle.retry_after(username, address)
    if wait > 0:
        minutes = max(1, round(wait / 60))
        message = f"Too many failed attempts: try again in about {minutes} minute{'s' * (minutes > 1)}."
        response = render(request, "login.html", next=safe_next(next), username=username, message=message)
        response.status_code = 429
        response.headers["Retry-After"] = str(int(wait) + 1)
        return response
    user = authenticate(lib.store, username, password)
    if user is None:
        throttle.failed(username, address)
        response = render(
            request,
            "login.html",
            next=safe_next(next),
            username=username,
            message="Wrong username or password.",
        )
        response.status_code = 401
        return response
    throttle.succeeded(username, address)
    days = lib.settings.session_days
    session_id = start_session(lib.store, user.id, days, request.headers.get("user-agent", ""))
    redirect = RedirectResponse(safe_next(next), status_code=303)
    redirect.headers.append("set-cookie", signer.session_cookie(session_id))
    redirect.headers.append("set-cookie", signer.expired(CSRF_COOKIE))  # a fresh token after login
    return redirect


@router.post("/logout")
def logout(request: Request, lib: LibraryDep) -> Response:
    """End the session, on the server too: the cookie stops working even where it was copied."""
    signer = _signer(request)
    redirect = RedirectResponse("/login" if signer else "/", status_code=303)
    if signer is not None:
        session_id = signer.session_id(request.cookies.get(SESSION_COOKIE))
        if session_id is not None:
            end_session(lib.store, session_id)
            request.app.state.session_cache.pop(session_id, None)
        redirect.headers.append("set-cookie", signer.expired(SESSION_COOKIE))
        redirect.headers.append("set-cookie", signer.expired(CSRF_COOKIE))
    return redirect
