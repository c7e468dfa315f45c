"""Accounts of a team server: users with argon2-hashed passwords, login throttling, and who is asking.

A library without accounts is the local single-user library: no login, user id 0, loopback only. Once an
account exists (``paperpass user add``), ``paperpass serve`` runs multi-user and every page needs a login.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Viewer:
    """Who makes a request: an account on a team server, or the local single user (id 0, all rights)."""

    user_id: int
    username: str = ""
    is_admin: bool = False
    local: bool = False

    @property
    def can_administer(self) -> bool:
        """Whether every group and account may be managed: the local user and admins."""
        return self.local or self.is_admin


LOCAL_VIEWER = Viewer(user_id=0, username="", is_admin=True, local=True)

__all__ = ["LOCAL_VIEWER", "Viewer"]
