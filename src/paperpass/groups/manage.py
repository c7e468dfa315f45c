"""Running a group: create it, add members, choose its papers, skip dates, share open questions."""

from __future__ import annotations

import re
import secrets
import unicodedata
import uuid
from collections.abc import Sequence
from datetime import date

from paperpass.errors import InvalidInputError
from paperpass.groups.access import require_member, require_organizer, visible_to
from paperpass.groups.schedule import (
    SOURCES,
    check_meeting_day,
    parse_time,
    parse_weekday,
    parse_zone,
)
from paperpass.library import Library
from paperpass.store import Connection
from paperpass.store import groups as group_rows
from paperpass.store import papers as paper_rows
from paperpass.store.groups import ROLES, GroupRecord, MemberRecord

MAX_NAME_CHARS = 120
MINUTES_RANGE = (30, 60)  # the guide: a 30-60 minute discussion


def check_name(name: str, what: str = "group name") -> str:
    """A display name, stripped.

    Raises:
        InvalidInputError: empty, longer than 120 characters or holding control characters.
    """
    cleaned = name.strip()
    if not cleaned:
        raise InvalidInputError(f"the {what} is empty")
    if len(cleaned) > MAX_NAME_CHARS:
        raise InvalidInputError(f"the {what} is longer than {MAX_NAME_CHARS} characters")
    if any(unicodedata.category(c) == "Cc" for c in cleaned):
        raise InvalidInputError(f"the {what} holds control characters")
    return cleaned


def check_minutes(minutes: int) -> int:
    """A meeting length the guide recommends.

    Raises:
        InvalidInputError: outside 30-60 minutes.
    """
    low, high = MINUTES_RANGE
    if not low <= minutes <= high:
        raise InvalidInputError(f"a meeting lasts {low}-{high} minutes, not {minutes}")
    return minutes


def slugify(name: str) -> str:
    """A URL-safe slug from a group name ("ML Club #1" -> "ml-club-1")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:80].strip("-")
    return slug or "group"


def _group_slug(conn: Connection, library: Library, name: str) -> str:
    """The slug of a new group. Admins and the local user, who see every group, get the name's slug (a
    taken one is a conflict). A team account gets it followed by its username: a group is named in the
    account's own space, so creating one never tells whether someone else's group has that name; when
    even that is taken (their own group of that name) a random suffix makes it unique."""
    base = slugify(name)
    if library.viewer.can_administer:
        return base
    owner = slugify(library.viewer.username or f"user {library.viewer.user_id}")
    slug = f"{base[: 79 - len(owner)].strip('-')}-{owner}"
    while group_rows.slug_taken(conn, slug):
        slug = f"{slug[:72].strip('-')}-{secrets.token_hex(3)}"
    return slug


def create_group(
    library: Library,
    name: str,
    weekday: str,
    at: str,
    zone: str,
    *,
    starts_on: date,
    source: str = "guide",
    papers: Sequence[str] = (),
    minutes: int = 45,
) -> GroupRecord:
    """Create a group meeting weekly; on a team server its creator becomes its first organizer.

    Args:
        weekday: a day name (``thu``, ``Thursday``); at: ``HH:MM``; zone: an IANA time zone.
        source: where papers come from: ``guide``, ``top15``, ``custom`` (``papers``) or ``library``.
        papers: library papers (slug, arXiv id, DOI) for a custom list, in order.

    Raises:
        InvalidInputError: a bad name, day, time, zone, source, length or paper list; nothing is written.
        NotFoundError: a paper of the custom list is not in the library.
        ConflictError: (admins, the local user) a group with the same slug exists.
    """
    name = check_name(name)
    day, clock, tz = parse_weekday(weekday), parse_time(at), parse_zone(zone)
    if source not in SOURCES:
        raise InvalidInputError(f"unknown paper source {source!r}; choose one of {', '.join(SOURCES)}")
    if (source == "custom") != bool(papers):
        raise InvalidInputError("a custom list needs papers, and papers need --from custom")
    with library.store.transaction() as conn:
        paper_ids = [paper_rows.get_paper(conn, key).id or 0 for key in papers]
        group = group_rows.insert_group(
            conn,
            slug=_group_slug(conn, library, name),
            name=name,
            uid=str(uuid.uuid4()),
            weekday=day,
            meet_time=clock.strftime("%H:%M"),
            timezone=tz.key,
            starts_on=starts_on,
            source=source,
            minutes=check_minutes(minutes),
            created_by=library.viewer.user_id,
        )
        if paper_ids:
            group_rows.set_group_papers(conn, group.id, paper_ids)
        if not library.viewer.local:
            group_rows.add_member(
                conn,
                group.id,
                library.viewer.username or f"user {library.viewer.user_id}",
                user_id=library.viewer.user_id,
                role="organizer",
            )
        return group_rows.get_group(conn, group.slug)


def visible_groups(library: Library) -> list[GroupRecord]:
    """The groups a viewer may see: all for the local user and admins, else their own."""
    with library.store.connect() as conn:
        return group_rows.list_groups(conn, None if library.viewer.can_administer else library.viewer.user_id)


def open_group(library: Library, slug: str) -> tuple[GroupRecord, list[MemberRecord]]:
    """A group and its members, for a viewer allowed to see it.

    Raises:
        NotFoundError: no such group, or the viewer is not a member.
    """
    with library.store.connect() as conn:
        group = group_rows.get_group(conn, slug, visible_to=visible_to(library.viewer))
        members = group_rows.list_members(conn, group.id)
    require_member(library.viewer, group, members)
    return group, members


def add_member(library: Library, slug: str, name: str, *, role: str = "member") -> MemberRecord:
    """Add a member by name, at the end of the presenter rotation (organizers only).

    A member with an account joins by accepting an invitation
    (:func:`paperpass.groups.invitations.invite`): nobody is put in a group without their consent.

    Raises:
        InvalidInputError: a bad name or role.
        NotFoundError: no such group.
        ForbiddenError: the viewer is not an organizer.
        ConflictError: the name is taken in the group.
    """
    name = check_name(name, "member name")
    if role not in ROLES:
        raise InvalidInputError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    with library.store.transaction() as conn:
        group = group_rows.get_group(conn, slug, visible_to=visible_to(library.viewer))
        require_organizer(library.viewer, group, group_rows.list_members(conn, group.id))
        return group_rows.add_member(conn, group.id, name, role=role)


def skip_date(library: Library, slug: str, day: date, reason: str = "", *, undo: bool = False) -> bool:
    """Skip a meeting date (later papers move a week back), or meet again on it with ``undo``.

    Returns:
        Whether anything changed.

    Raises:
        InvalidInputError: the group does not meet that day, or the meeting already has minutes.
        ForbiddenError: the viewer is not an organizer.
    """
    with library.store.transaction() as conn:
        group = group_rows.get_group(conn, slug, visible_to=visible_to(library.viewer))
        require_organizer(library.viewer, group, group_rows.list_members(conn, group.id))
        check_meeting_day(group, day)
        if undo:
            return group_rows.remove_skip(conn, group.id, day)
        if group_rows.get_meeting(conn, group.id, day) is not None:
            raise InvalidInputError(f"the meeting on {day} already has minutes or attendance; not skipped")
        return group_rows.add_skip(conn, group.id, day, check_reason(reason))


def check_reason(reason: str) -> str:
    """A short free-text reason, stripped.

    Raises:
        InvalidInputError: longer than 200 characters.
    """
    if len(reason) > 200:
        raise InvalidInputError("the reason is longer than 200 characters")
    return reason.strip()


def share_questions(library: Library, slug: str, share: bool) -> MemberRecord:
    """Share (or stop sharing) the viewer's notes' open questions with a group's agendas.

    Notes are private by default; only the "your questions" field of a member who opted in is read.

    Raises:
        NotFoundError: no such group or the viewer is not a member.
        InvalidInputError: the viewer has no membership of their own (the local user, an admin).
    """
    with library.store.transaction() as conn:
        group = group_rows.get_group(conn, slug, visible_to=visible_to(library.viewer))
        members = group_rows.list_members(conn, group.id)
        require_member(library.viewer, group, members)
        mine = next(
            (m for m in members if m.user_id == library.viewer.user_id and not library.viewer.local), None
        )
        if mine is None:
            raise InvalidInputError("only a member with an account shares their own questions")
        group_rows.update_member(conn, mine.id, share_questions=share)
        return next(m for m in group_rows.list_members(conn, group.id) if m.id == mine.id)
