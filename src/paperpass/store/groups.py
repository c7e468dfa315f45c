"""Reading groups: the group, its members, custom paper list, skipped dates, meetings and attendance.

The schedule itself is computed (``paperpass.groups.schedule``); a meeting row exists once something was
recorded for a date (minutes, attendance), and it pins that date's paper and presenter so later changes to
the member list or the paper list do not rewrite history.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Connection, RowMapping, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from paperpass.errors import ConflictError, NotFoundError
from paperpass.store.tables import (
    group_invitations,
    group_meetings,
    group_members,
    group_papers,
    group_skips,
    meeting_attendance,
    reading_groups,
    utcnow,
)

ROLES = ("organizer", "member")


@dataclass(frozen=True)
class GroupRecord:
    """A stored reading group: when it meets and where its papers come from."""

    id: int
    slug: str
    name: str
    uid: str
    weekday: int
    meet_time: str
    timezone: str
    starts_on: date
    source: str
    minutes: int
    revision: int
    created_by: int
    updated_at: datetime


@dataclass(frozen=True)
class MemberRecord:
    """A member of a group; ``user_id`` links an account on a team server (None for a name only)."""

    id: int
    group_id: int
    name: str
    user_id: int | None
    role: str
    share_questions: bool
    position: int


@dataclass(frozen=True)
class MeetingRecord:
    """What was recorded for one meeting date: the pinned paper and presenter, minutes and decisions."""

    id: int
    group_id: int
    day: date
    paper_id: int | None
    entry_slug: str | None
    presenter_id: int | None
    notes: str
    decisions: list[str] = field(default_factory=list)
    version: int = 0


@dataclass(frozen=True)
class InvitationRecord:
    """An invitation to join a group under ``member_name``, for whoever owns the account ``username``.

    ``status`` is pending, accepted or declined; only the invited account ever sees which.
    """

    id: int
    group_id: int
    username: str
    member_name: str
    role: str
    invited_by: int
    status: str
    created_at: datetime
    expires_at: datetime


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _to_group(row: RowMapping) -> GroupRecord:
    return GroupRecord(
        id=row["id"], slug=row["slug"], name=row["name"], uid=row["uid"], weekday=row["weekday"],
        meet_time=row["meet_time"], timezone=row["timezone"], starts_on=row["starts_on"],
        source=row["source"], minutes=row["minutes"], revision=row["revision"],
        created_by=row["created_by"], updated_at=_aware(row["updated_at"]),
    )  # fmt: skip


def _to_member(row: RowMapping) -> MemberRecord:
    return MemberRecord(
        id=row["id"], group_id=row["group_id"], name=row["name"], user_id=row["user_id"],
        role=row["role"], share_questions=bool(row["share_questions"]), position=row["position"],
    )  # fmt: skip


def _to_invitation(row: RowMapping) -> InvitationRecord:
    return InvitationRecord(
        id=row["id"], group_id=row["group_id"], username=row["username"], member_name=row["member_name"],
        role=row["role"], invited_by=row["invited_by"], status=row["status"],
        created_at=_aware(row["created_at"]), expires_at=_aware(row["expires_at"]),
    )  # fmt: skip


def _to_meeting(row: RowMapping) -> MeetingRecord:
    return MeetingRecord(
        id=row["id"], group_id=row["group_id"], day=row["day"], paper_id=row["paper_id"],
        entry_slug=row["entry_slug"], presenter_id=row["presenter_id"], notes=row["notes"],
        decisions=list(row["decisions"] or []), version=row["version"],
    )  # fmt: skip


def insert_group(
    conn: Connection,
    *,
    slug: str,
    name: str,
    uid: str,
    weekday: int,
    meet_time: str,
    timezone: str,
    starts_on: date,
    source: str = "guide",
    minutes: int = 45,
    created_by: int = 0,
) -> GroupRecord:
    """Store a new group.

    Raises:
        ConflictError: a group with this slug exists; nothing is written.
    """
    now = utcnow()
    values = dict(slug=slug, name=name, uid=uid, weekday=weekday, meet_time=meet_time, timezone=timezone,
                  starts_on=starts_on, source=source, minutes=minutes, revision=1, created_by=created_by,
                  created_at=now, updated_at=now)  # fmt: skip
    try:
        with conn.begin_nested():
            conn.execute(insert(reading_groups).values(**values))
    except IntegrityError:
        raise ConflictError(f"there is already a group {slug!r}") from None
    return get_group(conn, slug)


def get_group(conn: Connection, slug: str, *, visible_to: int | None = None) -> GroupRecord:
    """A group by slug.

    Args:
        visible_to: an account id: only that account's groups are offered as suggestions, so a miss never
            names a group the asker may not see (None: any group, for admins and the operator).

    Raises:
        NotFoundError: with close slugs as suggestions.
    """
    row = conn.execute(select(reading_groups).where(reading_groups.c.slug == slug)).mappings().first()
    if row is None:
        known = [g.slug for g in list_groups(conn, visible_to)]
        raise NotFoundError(f"no reading group {slug!r}", difflib.get_close_matches(slug, known, n=3))
    return _to_group(row)


def slug_taken(conn: Connection, slug: str) -> bool:
    """Whether a group has this slug."""
    query = select(reading_groups.c.id).where(reading_groups.c.slug == slug)
    return conn.execute(query).first() is not None


def list_groups(conn: Connection, user_id: int | None = None) -> list[GroupRecord]:
    """Every group by name, or only those where the account ``user_id`` is a member."""
    query = select(reading_groups).order_by(reading_groups.c.name)
    if user_id is not None:
        member_of = select(group_members.c.group_id).where(group_members.c.user_id == user_id)
        query = query.where(reading_groups.c.id.in_(member_of))
    return [_to_group(r) for r in conn.execute(query).mappings()]


def count_groups(conn: Connection) -> int:
    """How many groups exist."""
    return int(conn.execute(select(func.count()).select_from(reading_groups)).scalar_one())


def touch_group(conn: Connection, group_id: int) -> None:
    """Count one more change to the group (the calendar's SEQUENCE), so calendar apps take updates."""
    conn.execute(
        update(reading_groups)
        .where(reading_groups.c.id == group_id)
        .values(revision=reading_groups.c.revision + 1, updated_at=utcnow())
    )


def add_member(
    conn: Connection,
    group_id: int,
    name: str,
    *,
    user_id: int | None = None,
    role: str = "member",
    share_questions: bool = False,
) -> MemberRecord:
    """Add a member at the end of the presenter rotation.

    Raises:
        ConflictError: the group already has a member of that name; nothing is written.
    """
    last = conn.execute(
        select(func.max(group_members.c.position)).where(group_members.c.group_id == group_id)
    ).scalar()
    try:
        with conn.begin_nested():
            member_id = conn.execute(
                insert(group_members)
                .values(group_id=group_id, name=name, user_id=user_id, role=role,
                        share_questions=share_questions, position=(last or 0) + 1, created_at=utcnow())
                .returning(group_members.c.id)
            ).scalar_one()  # fmt: skip
    except IntegrityError:
        raise ConflictError(f"the group already has a member named {name!r}") from None
    touch_group(conn, group_id)
    row = conn.execute(select(group_members).where(group_members.c.id == member_id)).mappings().one()
    return _to_member(row)


def list_members(conn: Connection, group_id: int) -> list[MemberRecord]:
    """The group's members in rotation order."""
    query = (
        select(group_members).where(group_members.c.group_id == group_id).order_by(group_members.c.position)
    )
    return [_to_member(r) for r in conn.execute(query).mappings()]


def update_member(
    conn: Connection, member_id: int, *, role: str | None = None, share_questions: bool | None = None
) -> None:
    """Change a member's role or whether their notes' open questions are shared with the group."""
    values: dict[str, object] = {}
    if role is not None:
        values["role"] = role
    if share_questions is not None:
        values["share_questions"] = share_questions
    if values:
        conn.execute(update(group_members).where(group_members.c.id == member_id).values(**values))


def set_group_papers(conn: Connection, group_id: int, paper_ids: Iterable[int]) -> None:
    """Replace the group's custom paper list (in order)."""
    conn.execute(delete(group_papers).where(group_papers.c.group_id == group_id))
    rows = [{"group_id": group_id, "position": i, "paper_id": p} for i, p in enumerate(paper_ids, 1)]
    if rows:
        conn.execute(insert(group_papers), rows)
    touch_group(conn, group_id)


def group_paper_ids(conn: Connection, group_id: int) -> list[int]:
    """The group's custom paper list, in order."""
    query = select(group_papers.c.paper_id).where(group_papers.c.group_id == group_id)
    return list(conn.execute(query.order_by(group_papers.c.position)).scalars())


def add_skip(conn: Connection, group_id: int, day: date, reason: str = "") -> bool:
    """Mark a date as skipped; False when it already was."""
    exists = conn.execute(
        select(group_skips.c.day).where((group_skips.c.group_id == group_id) & (group_skips.c.day == day))
    ).first()
    if exists is not None:
        return False
    conn.execute(insert(group_skips).values(group_id=group_id, day=day, reason=reason))
    touch_group(conn, group_id)
    return True


def remove_skip(conn: Connection, group_id: int, day: date) -> bool:
    """Meet again on a skipped date; False when it was not skipped."""
    result = conn.execute(
        delete(group_skips).where((group_skips.c.group_id == group_id) & (group_skips.c.day == day))
    )
    if result.rowcount:
        touch_group(conn, group_id)
    return bool(result.rowcount)


def skips(conn: Connection, group_id: int) -> dict[date, str]:
    """Skipped dates and their reasons."""
    query = select(group_skips.c.day, group_skips.c.reason).where(group_skips.c.group_id == group_id)
    return {row.day: row.reason for row in conn.execute(query)}


def meetings(conn: Connection, group_id: int) -> dict[date, MeetingRecord]:
    """Every meeting with something recorded, by date."""
    query = select(group_meetings).where(group_meetings.c.group_id == group_id)
    return {m.day: m for m in map(_to_meeting, conn.execute(query).mappings())}


def get_meeting(conn: Connection, group_id: int, day: date) -> MeetingRecord | None:
    """The recorded meeting on a date, or None."""
    row = conn.execute(
        select(group_meetings).where((group_meetings.c.group_id == group_id) & (group_meetings.c.day == day))
    ).mappings().first()  # fmt: skip
    return _to_meeting(row) if row else None


def pin_meeting(
    conn: Connection,
    group_id: int,
    day: date,
    *,
    paper_id: int | None,
    entry_slug: str | None,
    presenter_id: int | None,
) -> MeetingRecord:
    """The meeting row of a date, created with its scheduled paper and presenter when missing."""
    found = get_meeting(conn, group_id, day)
    if found is not None:
        return found
    try:
        with conn.begin_nested():
            conn.execute(
                insert(group_meetings).values(
                    group_id=group_id, day=day, paper_id=paper_id, entry_slug=entry_slug,
                    presenter_id=presenter_id, notes="", decisions=[], version=0, updated_by=0,
                    updated_at=utcnow(),
                )
            )  # fmt: skip
    except IntegrityError:
        pass  # another writer pinned it first; theirs is as good as ours
    pinned = get_meeting(conn, group_id, day)
    assert pinned is not None
    return pinned


def save_minutes(
    conn: Connection,
    meeting: MeetingRecord,
    notes: str,
    decisions: list[str],
    expected_version: int,
    *,
    user_id: int,
) -> MeetingRecord:
    """Save a meeting's notes and decisions if nobody saved them since ``expected_version``.

    Raises:
        ConflictError: stale version; carries both texts (``mine``, ``theirs``); nothing is written.
    """
    result = conn.execute(
        update(group_meetings)
        .where((group_meetings.c.id == meeting.id) & (group_meetings.c.version == expected_version))
        .values(notes=notes, decisions=decisions, version=expected_version + 1, updated_by=user_id,
                updated_at=utcnow())
    )  # fmt: skip
    if result.rowcount == 0:
        current = get_meeting(conn, meeting.group_id, meeting.day)
        theirs = current.notes if current else ""
        raise ConflictError(
            f"the minutes of {meeting.day} were saved by someone else (now version "
            f"{current.version if current else 0}, this edit is based on version {expected_version}); "
            "nothing was saved",
            mine=notes,
            theirs=theirs,
        )
    touch_group(conn, meeting.group_id)
    saved = get_meeting(conn, meeting.group_id, meeting.day)
    assert saved is not None
    return saved


def set_attendance(conn: Connection, meeting_id: int, present: Mapping[int, bool]) -> None:
    """Record who was there (member id -> present), replacing earlier marks for those members."""
    where = meeting_attendance.c.meeting_id == meeting_id
    if present:
        conn.execute(
            delete(meeting_attendance).where(where & meeting_attendance.c.member_id.in_(list(present)))
        )
        conn.execute(
            insert(meeting_attendance),
            [{"meeting_id": meeting_id, "member_id": m, "present": p} for m, p in present.items()],
        )


def attendance(conn: Connection, meeting_id: int) -> dict[int, bool]:
    """Member id -> present, for the members marked so far."""
    query = select(meeting_attendance).where(meeting_attendance.c.meeting_id == meeting_id)
    return {row.member_id: bool(row.present) for row in conn.execute(query)}


def put_invitation(
    conn: Connection,
    group_id: int,
    username: str,
    member_name: str,
    role: str,
    invited_by: int,
    expires_at: datetime,
) -> InvitationRecord:
    """Invite ``username`` to a group (a pending invitation; an earlier one for the same name is renewed)."""
    table = group_invitations
    values = dict(member_name=member_name, role=role, invited_by=invited_by, status="pending",
                  created_at=utcnow(), expires_at=expires_at)  # fmt: skip
    where = (table.c.group_id == group_id) & (table.c.username == username)
    if conn.execute(update(table).where(where).values(**values)).rowcount == 0:
        try:
            with conn.begin_nested():
                conn.execute(insert(table).values(group_id=group_id, username=username, **values))
        except IntegrityError:  # invited at the same moment by another organizer: renew theirs
            conn.execute(update(table).where(where).values(**values))
    row = conn.execute(select(table).where(where)).mappings().one()
    return _to_invitation(row)


def group_invitations_of(conn: Connection, group_id: int, now: datetime) -> list[InvitationRecord]:
    """A group's invitations not accepted yet and not expired, by username."""
    table = group_invitations
    query = select(table).where(
        table.c.group_id == group_id, table.c.status != "accepted", table.c.expires_at > now
    )
    return [_to_invitation(r) for r in conn.execute(query.order_by(table.c.username)).mappings()]


def invitations_for(conn: Connection, username: str, now: datetime) -> list[InvitationRecord]:
    """The pending, unexpired invitations of an account, newest first."""
    table = group_invitations
    query = select(table).where(
        table.c.username == username, table.c.status == "pending", table.c.expires_at > now
    )
    return [_to_invitation(r) for r in conn.execute(query.order_by(table.c.created_at.desc())).mappings()]


def get_invitation(conn: Connection, invitation_id: int) -> InvitationRecord | None:
    """An invitation by id, or None."""
    row = conn.execute(select(group_invitations).where(group_invitations.c.id == invitation_id)).mappings()
    found = row.first()
    return _to_invitation(found) if found else None


def set_invitation_status(conn: Connection, invitation_id: int, status: str) -> None:
    """Mark an invitation accepted or declined."""
    table = group_invitations
    conn.execute(update(table).where(table.c.id == invitation_id).values(status=status))


def delete_invitation(conn: Connection, invitation_id: int) -> bool:
    """Withdraw an invitation; False when there was none."""
    table = group_invitations
    return bool(conn.execute(delete(table).where(table.c.id == invitation_id)).rowcount)


def delete_invitations_for(conn: Connection, username: str) -> int:
    """Forget every invitation of an account (when it is removed); returns how many."""
    table = group_invitations
    return conn.execute(delete(table).where(table.c.username == username)).rowcount or 0
