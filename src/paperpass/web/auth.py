"""Login and logout pages of a team server (local single-user mode has no login: they redirect home)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from paperpass.accounts import LoginGuard, end_session, log_in, start_session
from paperpass.errors import BusyError, ForbiddenError, TooManyRequestsError
from paperpass.web.deps import LibraryDep
from paperpass.web.openapi import THROTTLED
from paperpass.web.security import CookieSigner
from paperpass.web.templating import render

router = APIRouter()
LOGIN_REFUSALS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Wrong username or password: the form again.", "content": {"text/html": {}}},
    403: {"description": "The account is disabled: the form again.", "content": {"text/html": {}}},
    **THROTTLED,
}


def safe_next(target: str | None) -> str:
    """A same-site path to go to after login (anything else, e.g. ``//evil.example``, becomes ``/``)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


def _signer(request: Request) -> CookieSigner | None:
    """The cookie signer on a team server (None in single-user mode, which has no login)."""
    signer = request.app.state.signer
    return signer if request.app.state.server_mode and isinstance(signer, CookieSigner) else None


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> Response:  # noqa: A002 - the query parameter's name
    """The login form."""
    if _signer(request) is None:
        return RedirectResponse("/", status_code=303)
    return render(request, "login.html", next=safe_next(next), username="", message="")


def _login_page(request: Request, status: int, username: str, next_: str, message: str) -> HTMLResponse:
    response = render(request, "login.html", next=safe_next(next_), username=username, message=message)
    response.status_code = status
    return response


@router.post("/login", response_class=HTMLResponse, response_model=None, responses=LOGIN_REFUSALS)
def login(
    request: Request,
    lib: LibraryDep,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",  # noqa: A002
) -> HTMLResponse | RedirectResponse:
    """Count the attempt (per username and address, and per username), check the password in one of a few
    check slots, and start a session."""
    signer = _signer(request)
    if signer is None:
        return RedirectResponse("/", status_code=303)
    guard: LoginGuard = request.app.state.login_guard
    address = request.client.host if request.client else "unknown"
    try:
        user = log_in(lib.store, guard, username, password, address)
    except TooManyRequestsError as exc:
        status = 503 if isinstance(exc, BusyError) else 429
        response = _login_page(request, status, username, next, exc.message)
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
    except ForbiddenError as exc:
        return _login_page(request, 403, username, next, exc.message)
    if user is None:
        return _login_page(request, 401, username, next, "Wrong username or password.")
    days = lib.settings.session_days
    session_id = start_session(lib.store, user.id, days, request.headers.get("user-agent", ""))
    redirect = RedirectResponse(safe_next(next), status_code=303)
    redirect.headers.append("set-cookie", signer.session_cookie(session_id))
    redirect.headers.append("set-cookie", signer.expired(signer.csrf_name))  # a fresh token after login
    return redirect


@router.post("/logout")
def logout(request: Request, lib: LibraryDep) -> RedirectResponse:
    """End the session, on the server too: the cookie stops working even where it was copied."""
    signer = _signer(request)
    redirect = RedirectResponse("/login" if signer else "/", status_code=303)
    if signer is not None:
        session_id = signer.session_id(request.cookies.get(signer.session_name))
        if session_id is not None:
            end_session(lib.store, session_id)
            request.app.state.session_cache.pop(session_id, None)
        redirect.headers.append("set-cookie", signer.expired(signer.session_name))
        redirect.headers.append("set-cookie", signer.expired(signer.csrf_name))
    return redirect
