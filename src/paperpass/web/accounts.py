"""Account pages: your own account (change the password, answer invitations) and the admins' account list
(disable, enable, demote, promote, remove)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from paperpass.accounts import change_own_password, list_accounts, set_admin, set_disabled, start_session
from paperpass.accounts import remove_account as delete_account
from paperpass.errors import InvalidInputError
from paperpass.groups import answer_invitation, my_invitations
from paperpass.web.deps import LibraryDep
from paperpass.web.openapi import THROTTLED
from paperpass.web.params import RowId
from paperpass.web.security import CookieSigner, forget_sessions
from paperpass.web.templating import render

router = APIRouter()


def _back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, lib: LibraryDep, changed: bool = False) -> HTMLResponse:
    """Who you are, the form to change your password, and your invitations."""
    has_account = not lib.viewer.local and bool(lib.viewer.username)
    received = my_invitations(lib) if has_account else []
    return render(
        request, "account.html", has_account=has_account, invitations=received, changed=changed, message=""
    )


@router.post("/account/password", response_class=HTMLResponse, response_model=None, responses=THROTTLED)
def change_password(
    request: Request,
    lib: LibraryDep,
    current: Annotated[str, Form(max_length=1024)],
    new: Annotated[str, Form(max_length=1024)],
    again: Annotated[str, Form(max_length=1024)],
) -> HTMLResponse | RedirectResponse:
    """Change your password (the current one is checked like a login); your other sessions end and this
    browser gets a new one."""
    try:
        if new != again:
            raise InvalidInputError("the two new passwords differ; nothing was changed")
        address = request.client.host if request.client else "unknown"
        user = change_own_password(lib, current, new, guard=request.app.state.login_guard, address=address)
    except InvalidInputError as exc:
        page = render(
            request, "account.html", has_account=True, invitations=[], changed=False, message=exc.message
        )
        page.status_code = 400
        return page
    forget_sessions(request.app, user.id)
    signer: CookieSigner = request.app.state.signer
    session_id = start_session(
        lib.store, user.id, lib.settings.session_days, request.headers.get("user-agent", "")
    )
    redirect = _back("/account?changed=1")
    redirect.headers.append("set-cookie", signer.session_cookie(session_id))
    redirect.headers.append("set-cookie", signer.expired(signer.csrf_name))
    return redirect


@router.post("/invitations/{invitation_id}/accept")
def accept_invitation(request: Request, invitation_id: RowId, lib: LibraryDep) -> RedirectResponse:
    """Join the group you were invited to."""
    group = answer_invitation(lib, invitation_id, True)
    return _back(f"/groups/{group.slug}")


@router.post("/invitations/{invitation_id}/decline")
def decline_invitation(request: Request, invitation_id: RowId, lib: LibraryDep) -> RedirectResponse:
    """Decline an invitation (the inviter is not told)."""
    answer_invitation(lib, invitation_id, False)
    return _back("/groups")


@router.get("/admin/users", response_class=HTMLResponse)
def accounts_page(request: Request, lib: LibraryDep) -> HTMLResponse:
    """Every account, with the admin's actions (admins only)."""
    return render(request, "admin_users.html", accounts=list_accounts(lib), my_id=lib.viewer.user_id)


def _done(request: Request, user_id: int) -> RedirectResponse:
    forget_sessions(request.app, user_id)
    return _back("/admin/users")


@router.post("/admin/users/{username}/disable")
def disable_account(request: Request, username: str, lib: LibraryDep) -> RedirectResponse:
    """Disable an account: no login, and its sessions end now (admins only)."""
    return _done(request, set_disabled(lib, username, True).id)


@router.post("/admin/users/{username}/enable")
def enable_account(request: Request, username: str, lib: LibraryDep) -> RedirectResponse:
    """Enable a disabled account (admins only)."""
    return _done(request, set_disabled(lib, username, False).id)


@router.post("/admin/users/{username}/demote")
def demote_account(request: Request, username: str, lib: LibraryDep) -> RedirectResponse:
    """Make an admin an ordinary account (admins only; the last active admin stays)."""
    return _done(request, set_admin(lib, username, False).id)


@router.post("/admin/users/{username}/promote")
def promote_account(request: Request, username: str, lib: LibraryDep) -> RedirectResponse:
    """Make an account an admin (admins only)."""
    return _done(request, set_admin(lib, username, True).id)


@router.post("/admin/users/{username}/remove")
def remove_account(
    request: Request, username: str, lib: LibraryDep, confirm: Annotated[str, Form(max_length=80)] = ""
) -> RedirectResponse:
    """Delete an account and its personal data (admins only); the form asks for the username again."""
    if confirm != username:
        raise InvalidInputError(f"type the username {username!r} to confirm the removal; nothing was removed")
    user_id = next((u.id for u in list_accounts(lib) if u.username == username), None)
    delete_account(lib, username)
    return _done(request, user_id or -1)
