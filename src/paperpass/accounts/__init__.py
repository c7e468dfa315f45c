"""Accounts of a team server: users with argon2-hashed passwords, login throttling, and who is asking.

A library without accounts is the local single-user library: no login, user id 0, loopback only. Once an
account exists (``paperpass user add``), ``paperpass serve`` runs multi-user and every page needs a login.
"""

from __future__ import annotations

from paperpass.models import LOCAL_VIEWER, OPERATOR, Viewer

__all__ = ["LOCAL_VIEWER", "OPERATOR", "Viewer"]
