"""Notes shared with a reading group: private by default, shared per note and per group, read-only.

A member shares their own note on a paper with a group they belong to; every member of that group can then
read it (never edit it: edits only ever go to the author's own note). Only members with an account share;
the local single user has nobody to share with. A note's author who is no longer a member of the group no
longer shares with it, whatever the share row says. The group's agendas read the open questions of shared
notes too (:func:`paperpass.groups.questions.open_questions`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from paperpass.errors import InvalidInputError
from paperpass.groups.manage import open_group
from paperpass.library import Library
from paperpass.models import Paper
from paperpass.store import groups as group_rows
from paperpass.store import notes as note_rows
from paperpass.store.groups import GroupRecord


@dataclass(frozen=True)
class SharedNote:
    """A member's note on a paper, as shared with a group."""

    author: str
    user_id: int
    version: int
    body: str
    saved_at: datetime


@dataclass(frozen=True)
class ShareChoice:
    """A group the viewer belongs to, and whether their note on a paper is shared with it."""

    group: GroupRecord
    shared: bool


def share_choices(library: Library, paper: Paper) -> list[ShareChoice]:
    """The groups the viewer is a member of (with an account), each with the note's share setting."""
    if library.viewer.local or library.viewer.user_id <= 0 or paper.id is None:
        return []
    with library.store.connect() as conn:
        groups = group_rows.list_groups(conn, library.viewer.user_id)
        shared = note_rows.note_share_groups(conn, paper.id, library.viewer.user_id)
    return [ShareChoice(g, g.id in shared) for g in groups]


def share_note(library: Library, paper: Paper, group_slug: str, share: bool) -> None:
    """Share the viewer's note on ``paper`` with a group they belong to, or stop sharing it.

    Raises:
        NotFoundError: no such group, or the viewer is not a member of it.
        InvalidInputError: the viewer has no membership of their own (the local user, an admin).
    """
    assert paper.id is not None
    group, members = open_group(library, group_slug)
    if library.viewer.local or not any(m.user_id == library.viewer.user_id for m in members):
        raise InvalidInputError("only a member with an account shares their own notes with a group")
    with library.store.transaction() as conn:
        note_rows.set_note_share(conn, paper.id, library.viewer.user_id, group.id, share)


def shared_notes(library: Library, group_slug: str, paper: Paper) -> list[SharedNote]:
    """The current notes on ``paper`` that members shared with a group, for a viewer who may see it.

    Raises:
        NotFoundError: no such group, or the viewer may not see it (its existence is not revealed).
    """
    assert paper.id is not None
    group, members = open_group(library, group_slug)
    names = {m.user_id: m.name for m in members if m.user_id is not None}
    found: list[SharedNote] = []
    with library.store.connect() as conn:
        authors = note_rows.shared_with_group(conn, group.id, paper.id) & set(names)
        for user_id in sorted(authors, key=lambda uid: names[uid].casefold()):
            note = note_rows.current_note(conn, paper.id, user_id)
            if note is not None:
                found.append(SharedNote(names[user_id], user_id, note.version, note.body, note.saved_at))
    return found
