"""Accounts of a team server: users with argon2-hashed passwords, login throttling, and who is asking.

A library without accounts is the local single-user library: no login, user id 0, loopback only. Once an
account exists (``paperpass user add``), ``paperpass serve`` runs multi-user and every page needs a login.
"""

from __future__ import annotations

from paperpass.accounts.throttle import LoginThrottle
from paperpass.accounts.users import (
    add_user,
    authenticate,
    check_username,
    end_all_sessions,
    end_session,
    find_user,
    list_users,
    server_mode,
    session_account,
    session_secret,
    set_password,
    start_session,
    viewer_for,
)
from paperpass.models import LOCAL_VIEWER, OPERATOR, Viewer

__all__ = [
    "LOCAL_VIEWER",
    "LoginThrottle",
    "OPERATOR",
    "Viewer",
    "add_user",
    "authenticate",
    "check_username",
    "end_all_sessions",
    "end_session",
    "find_user",
    "list_users",
    "server_mode",
    "session_account",
    "session_secret",
    "set_password",
    "start_session",
    "viewer_for",
]
