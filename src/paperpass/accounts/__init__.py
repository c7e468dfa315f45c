"""Accounts of a team server: users with argon2-hashed passwords, login throttling, and who is asking.

A library without accounts is the local single-user library: no login, user id 0, loopback only. Once an
account exists (``paperpass user add``), ``paperpass serve`` runs multi-user and every page needs a login.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperpass.lazy import Exports, exports

if TYPE_CHECKING:
    from paperpass.accounts.admin import change_own_password as change_own_password
    from paperpass.accounts.admin import list_accounts as list_accounts
    from paperpass.accounts.admin import remove_account as remove_account
    from paperpass.accounts.admin import set_admin as set_admin
    from paperpass.accounts.admin import set_disabled as set_disabled
    from paperpass.accounts.login import LoginGuard as LoginGuard
    from paperpass.accounts.login import log_in as log_in
    from paperpass.accounts.throttle import LoginThrottle as LoginThrottle
    from paperpass.accounts.users import add_user as add_user
    from paperpass.accounts.users import authenticate as authenticate
    from paperpass.accounts.users import check_username as check_username
    from paperpass.accounts.users import end_all_sessions as end_all_sessions
    from paperpass.accounts.users import end_session as end_session
    from paperpass.accounts.users import find_user as find_user
    from paperpass.accounts.users import list_users as list_users
    from paperpass.accounts.users import server_mode as server_mode
    from paperpass.accounts.users import session_account as session_account
    from paperpass.accounts.users import session_secret as session_secret
    from paperpass.accounts.users import set_password as set_password
    from paperpass.accounts.users import start_session as start_session
    from paperpass.accounts.users import viewer_for as viewer_for
    from paperpass.models import LOCAL_VIEWER as LOCAL_VIEWER
    from paperpass.models import OPERATOR as OPERATOR
    from paperpass.models import Viewer as Viewer

_EXPORTS: Exports = {
    "LOCAL_VIEWER": ("paperpass.models", "LOCAL_VIEWER"),
    "LoginGuard": ("paperpass.accounts.login", "LoginGuard"),
    "LoginThrottle": ("paperpass.accounts.throttle", "LoginThrottle"),
    "OPERATOR": ("paperpass.models", "OPERATOR"),
    "Viewer": ("paperpass.models", "Viewer"),
    "add_user": ("paperpass.accounts.users", "add_user"),
    "authenticate": ("paperpass.accounts.users", "authenticate"),
    "change_own_password": ("paperpass.accounts.admin", "change_own_password"),
    "check_username": ("paperpass.accounts.users", "check_username"),
    "end_all_sessions": ("paperpass.accounts.users", "end_all_sessions"),
    "end_session": ("paperpass.accounts.users", "end_session"),
    "find_user": ("paperpass.accounts.users", "find_user"),
    "list_accounts": ("paperpass.accounts.admin", "list_accounts"),
    "list_users": ("paperpass.accounts.users", "list_users"),
    "log_in": ("paperpass.accounts.login", "log_in"),
    "remove_account": ("paperpass.accounts.admin", "remove_account"),
    "server_mode": ("paperpass.accounts.users", "server_mode"),
    "session_account": ("paperpass.accounts.users", "session_account"),
    "session_secret": ("paperpass.accounts.users", "session_secret"),
    "set_admin": ("paperpass.accounts.admin", "set_admin"),
    "set_disabled": ("paperpass.accounts.admin", "set_disabled"),
    "set_password": ("paperpass.accounts.users", "set_password"),
    "start_session": ("paperpass.accounts.users", "start_session"),
    "viewer_for": ("paperpass.accounts.users", "viewer_for"),
}
"""What the package offers: name -> (module, name there)."""

__all__ = [
    "LOCAL_VIEWER",
    "LoginGuard",
    "LoginThrottle",
    "OPERATOR",
    "Viewer",
    "add_user",
    "authenticate",
    "change_own_password",
    "check_username",
    "end_all_sessions",
    "end_session",
    "find_user",
    "list_accounts",
    "list_users",
    "log_in",
    "remove_account",
    "server_mode",
    "session_account",
    "session_secret",
    "set_admin",
    "set_disabled",
    "set_password",
    "start_session",
    "viewer_for",
]

if not TYPE_CHECKING:  # type checkers see the imports above; a name not offered is an error there
    __getattr__ = exports(globals(), _EXPORTS)
