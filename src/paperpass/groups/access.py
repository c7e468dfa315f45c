"""Who may see and run a group: organizers run it, members see it, admins and the local user do both.

A group a viewer may not see is reported as not found, so group slugs cannot be probed.
"""

from __future__ import annotations

from typing import Literal

from paperpass.errors import ForbiddenError, NotFoundError
from paperpass.models import Viewer
from paperpass.store.groups import GroupRecord, MemberRecord

Role = Literal["admin", "organizer", "member"]


def visible_to(viewer: Viewer) -> int | None:
    """Whose groups a lookup may name to this viewer (None: every group, for admins and the local user)."""
    return None if viewer.can_administer else viewer.user_id


def viewer_role(viewer: Viewer, members: list[MemberRecord]) -> Role | None:
    """The viewer's role in a group, or None for a non-member."""
    if viewer.can_administer:
        return "admin"
    mine = next((m for m in members if m.user_id == viewer.user_id), None)
    if mine is None:
        return None
    return "organizer" if mine.role == "organizer" else "member"


def require_member(viewer: Viewer, group: GroupRecord, members: list[MemberRecord]) -> Role:
    """The viewer's role, for reading the group.

    Raises:
        NotFoundError: the viewer is not a member (the group's existence is not revealed).
    """
    role = viewer_role(viewer, members)
    if role is None:
        raise NotFoundError(f"no reading group {group.slug!r}")
    return role


def require_organizer(viewer: Viewer, group: GroupRecord, members: list[MemberRecord]) -> Role:
    """The viewer's role, for changing the group.

    Raises:
        NotFoundError: the viewer is not a member.
        ForbiddenError: a member who is not an organizer.
    """
    role = require_member(viewer, group, members)
    if role == "member":
        raise ForbiddenError(f"only an organizer of {group.name} can change it")
    return role


def own_membership(viewer: Viewer, members: list[MemberRecord]) -> MemberRecord | None:
    """The viewer's own membership (None for the local user or an admin who is not a member)."""
    if viewer.local:
        return None
    return next((m for m in members if m.user_id == viewer.user_id), None)
