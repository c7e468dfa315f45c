"""Running a team server's accounts: admins disable, enable, promote, demote and remove accounts; every
account changes its own password.

Every function takes the :class:`~paperpass.library.Library` of whoever asks: the CLI's operator (no
``--user``) and admin accounts may manage accounts; an admin may not disable, demote or remove their own
account (another admin can), and the last active admin stays, so a server is never left without one.
"""

from __future__ import annotations

from dataclasses import dataclass

from paperpass.accounts.login import LoginGuard, log_in
from paperpass.accounts.passwords import hash_password
from paperpass.accounts.users import authenticate, check_password
from paperpass.errors import AccountRequiredError, ConflictError, ForbiddenError, InvalidInputError
from paperpass.library import Library
from paperpass.store import Connection
from paperpass.store import accounts as account_rows
from paperpass.store import groups as group_rows
from paperpass.store.accounts import UserRecord


@dataclass(frozen=True)
class RemovedAccount:
    """What removing an account deleted: the account and its personal rows, per table."""

    username: str
    rows: dict[str, int]


def _require_admin(library: Library) -> None:
    if not library.viewer.can_administer:
        raise ForbiddenError("only an admin can manage accounts")


def _target(conn: Connection, library: Library, username: str, action: str) -> UserRecord:
    user = account_rows.get_user(conn, username)
    if not library.viewer.local and user.id == library.viewer.user_id:
        raise InvalidInputError(f"you cannot {action} your own account; another admin can")
    return user


def _keep_an_admin(conn: Connection, user: UserRecord, action: str) -> None:
    if user.is_admin and not user.disabled and account_rows.count_active_admins(conn) <= 1:
        raise ConflictError(
            f"{user.username} is the last active admin: promote another account before you {action} it"
        )


def list_accounts(library: Library) -> list[UserRecord]:
    """Every account, by username (admins only).

    Raises:
        ForbiddenError: the viewer is not an admin.
    """
    _require_admin(library)
    with library.store.connect() as conn:
        return account_rows.list_users(conn)


def set_disabled(library: Library, username: str, disabled: bool) -> UserRecord:
    """Disable an account (it cannot log in and its sessions end at once) or enable it again.

    Raises:
        ForbiddenError: the viewer is not an admin.
        NotFoundError: no such account.
        InvalidInputError: the admin's own account.
        ConflictError: the last active admin.
    """
    _require_admin(library)
    with library.store.transaction() as conn:
        user = _target(conn, library, username, "disable" if disabled else "enable")
        if disabled:
            _keep_an_admin(conn, user, "disable")
            account_rows.delete_user_sessions(conn, user.id)
        account_rows.set_disabled(conn, user.id, disabled)
        return account_rows.get_user(conn, user.id)


def set_admin(library: Library, username: str, admin: bool) -> UserRecord:
    """Promote an account to admin, or demote it to an ordinary account.

    Raises:
        ForbiddenError: the viewer is not an admin.
        NotFoundError: no such account.
        InvalidInputError: the admin's own account.
        ConflictError: demoting the last active admin.
    """
    _require_admin(library)
    with library.store.transaction() as conn:
        user = _target(conn, library, username, "promote" if admin else "demote")
        if not admin:
            _keep_an_admin(conn, user, "demote")
        account_rows.set_admin(conn, user.id, admin)
        return account_rows.get_user(conn, user.id)


def remove_account(library: Library, username: str) -> RemovedAccount:
    """Delete an account with its personal data (notes, practice, reading history, plans, shares) and its
    open invitations; its group memberships stay as names without an account.

    Raises:
        ForbiddenError: the viewer is not an admin.
        NotFoundError: no such account.
        InvalidInputError: the admin's own account.
        ConflictError: the last active admin.
    """
    _require_admin(library)
    with library.store.transaction() as conn:
        user = _target(conn, library, username, "remove")
        _keep_an_admin(conn, user, "remove")
        group_rows.delete_invitations_for(conn, user.username)
        rows = account_rows.delete_user(conn, user.id)
    return RemovedAccount(user.username, rows)


def change_own_password(
    library: Library, current: str, new: str, *, guard: LoginGuard | None = None, address: str = "local"
) -> UserRecord:
    """Change the viewer's own password, given the current one; every session of the account ends (the
    web app starts a new one for the browser that asked).

    With a ``guard`` (the web app's) the current password is checked like a login: counted by the
    throttle and in a check slot, so a stolen session cannot guess it quickly.

    Raises:
        ForbiddenError: the viewer is not an account (a single-user library, the CLI without ``--user``).
        InvalidInputError: the current password is wrong, or the new one too short or too long.
        ThrottledError, BusyError: (with a guard) too many attempts, or the server is busy.
    """
    viewer = library.viewer
    if viewer.local or not viewer.username:
        raise AccountRequiredError(
            "only an account has a password to change (on the command line: --user NAME)"
        )
    check_password(new)
    if guard is not None:
        user = log_in(library.store, guard, viewer.username, current, address)
    else:
        user = authenticate(library.store, viewer.username, current)
    if user is None:
        raise InvalidInputError("the current password is wrong; nothing was changed")
    with library.store.transaction() as conn:
        account_rows.set_password_hash(conn, user.id, hash_password(new))
        account_rows.delete_user_sessions(conn, user.id)
    return user
