"""Joining a group with an account: an organizer invites a username, its owner accepts or declines.

Nobody is put in a group without consent, and inviting tells the organizer nothing about other accounts:
an invitation is kept by username whether or not such an account exists, the answer for an unknown name
is the same as for a known one, and until it is accepted (or expires) the organizer sees every invitation
as waiting, declined ones included. Only the invited account sees its invitations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from paperpass.accounts.users import check_username
from paperpass.errors import AccountRequiredError, ConflictError, InvalidInputError, NotFoundError
from paperpass.groups.access import require_organizer, visible_to
from paperpass.groups.manage import check_name
from paperpass.library import Library
from paperpass.store import accounts as account_rows
from paperpass.store import groups as group_rows
from paperpass.store.groups import ROLES, GroupRecord, InvitationRecord

INVITATION_DAYS = 14


@dataclass(frozen=True)
class SentInvitation:
    """An invitation as its group's organizers see it: who, under which name, until when (never whether
    the account exists or what it answered, until it joins)."""

    id: int
    username: str
    member_name: str
    role: str
    sent_on: datetime
    expires_at: datetime


@dataclass(frozen=True)
class ReceivedInvitation:
    """An invitation as the invited account sees it: the group, who invited, the name and role offered."""

    id: int
    group: GroupRecord
    member_name: str
    role: str
    invited_by: str
    expires_at: datetime


def _now() -> datetime:
    return datetime.now(UTC)


def _sent(record: InvitationRecord) -> SentInvitation:
    return SentInvitation(
        record.id, record.username, record.member_name, record.role, record.created_at, record.expires_at
    )


def invite(
    library: Library, slug: str, username: str, *, name: str | None = None, role: str = "member"
) -> SentInvitation:
    """Invite the account ``username`` to join a group as ``name`` (default: the username), organizers
    only. Inviting again renews the invitation. Whether the account exists is not checked, on purpose.

    Raises:
        InvalidInputError: not a username, a bad member name or role.
        NotFoundError: no such group (or the viewer is not a member).
        ForbiddenError: the viewer is not an organizer.
        ConflictError: the group already has a member of that name.
    """
    username = check_username(username.strip())
    member_name = check_name(name or username, "member name")
    if role not in ROLES:
        raise InvalidInputError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    with library.store.transaction() as conn:
        group = group_rows.get_group(conn, slug, visible_to=visible_to(library.viewer))
        members = group_rows.list_members(conn, group.id)
        require_organizer(library.viewer, group, members)
        if any(m.name == member_name for m in members):
            raise ConflictError(f"the group already has a member named {member_name!r}")
        expires = _now() + timedelta(days=INVITATION_DAYS)
        record = group_rows.put_invitation(
            conn, group.id, username, member_name, role, library.viewer.user_id, expires
        )
    return _sent(record)


def sent_invitations(library: Library, slug: str) -> list[SentInvitation]:
    """A group's invitations not joined yet and not expired (organizers only).

    Raises:
        NotFoundError: no such group (or the viewer is not a member).
        ForbiddenError: the viewer is not an organizer.
    """
    with library.store.connect() as conn:
        group = group_rows.get_group(conn, slug, visible_to=visible_to(library.viewer))
        require_organizer(library.viewer, group, group_rows.list_members(conn, group.id))
        return [_sent(r) for r in group_rows.group_invitations_of(conn, group.id, _now())]


def withdraw(library: Library, slug: str, invitation_id: int) -> None:
    """Withdraw a group's invitation (organizers only).

    Raises:
        NotFoundError: no such group or invitation.
        ForbiddenError: the viewer is not an organizer.
    """
    with library.store.transaction() as conn:
        group = group_rows.get_group(conn, slug, visible_to=visible_to(library.viewer))
        require_organizer(library.viewer, group, group_rows.list_members(conn, group.id))
        found = group_rows.get_invitation(conn, invitation_id)
        if found is None or found.group_id != group.id or found.status == "accepted":
            raise NotFoundError(f"no open invitation {invitation_id} to {group.name}")
        group_rows.delete_invitation(conn, invitation_id)


def _account(library: Library) -> str:
    viewer = library.viewer
    if viewer.local or not viewer.username:
        raise AccountRequiredError("invitations are for accounts (on the command line: --user NAME)")
    return viewer.username


def my_invitations(library: Library) -> list[ReceivedInvitation]:
    """The viewer's pending invitations, newest first.

    Raises:
        ForbiddenError: the viewer is not an account.
    """
    username = _account(library)
    received = []
    with library.store.connect() as conn:
        groups = {g.id: g for g in group_rows.list_groups(conn)}
        for record in group_rows.invitations_for(conn, username, _now()):
            inviter = account_rows.find_user(conn, record.invited_by) if record.invited_by else None
            by = inviter.username if inviter else "an admin"
            group = groups[record.group_id]
            received.append(
                ReceivedInvitation(record.id, group, record.member_name, record.role, by, record.expires_at)
            )
    return received


def answer(library: Library, invitation: int | str, accept: bool) -> GroupRecord:
    """Accept (join the group under the offered name and role) or decline one of the viewer's invitations,
    given by its id or by its group's slug.

    Raises:
        ForbiddenError: the viewer is not an account.
        NotFoundError: the viewer has no such pending invitation.
        ConflictError: (accepting) the group has meanwhile got a member of the offered name.
    """
    username = _account(library)
    with library.store.transaction() as conn:
        pending = group_rows.invitations_for(conn, username, _now())
        groups = {g.id: g for g in group_rows.list_groups(conn)}
        found = next((r for r in pending if invitation in (r.id, groups[r.group_id].slug)), None)
        if found is None:
            raise NotFoundError(f"you have no pending invitation {invitation!r}")
        group = groups[found.group_id]
        if accept:
            members = group_rows.list_members(conn, group.id)
            if not any(m.user_id == library.viewer.user_id for m in members):
                group_rows.add_member(
                    conn, group.id, found.member_name, user_id=library.viewer.user_id, role=found.role
                )
        group_rows.set_invitation_status(conn, found.id, "accepted" if accept else "declined")
        return group
