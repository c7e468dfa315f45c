"""Members' open questions for a meeting, from the "Your questions" field of their notes on its paper.

Notes are private: only members who share their questions with the group (the member's "share my
questions" setting), or who shared their note on the paper with the group (a per-note setting, see
:mod:`paperpass.groups.notes`), are read. In the local single-user library (no accounts) the one reader is
user 0, whose questions are the organizer's own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from paperpass.errors import InvalidInputError
from paperpass.notes.document import parse_note
from paperpass.notes.lint import unfilled
from paperpass.store import Store
from paperpass.store import notes as note_rows
from paperpass.store.groups import MemberRecord

_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
MAX_QUESTIONS_PER_MEMBER = 10


@dataclass(frozen=True)
class OpenQuestion:
    """One question a member wrote in their note."""

    asked_by: str
    text: str


def note_questions(store: Store, paper_id: int, user_id: int) -> list[str]:
    """The items of the "Your questions" field of a user's current note on a paper ([] without a note);
    the template's placeholders (``TODO: ...``, the field's prompt, comments) are not questions.

    This is the one place the groups read notes (through ``paperpass.store.notes`` and the notes parser).
    """
    with store.connect() as conn:
        current = note_rows.current_note(conn, paper_id, user_id)
    if current is None:
        return []
    try:
        text = parse_note(current.body).text("questions")
    except InvalidInputError:
        return []
    items: list[str] = []
    for line in text.splitlines():
        if _ITEM.match(line):
            items.append(_ITEM.sub("", line).strip())
        elif line.strip() and items and line.startswith((" ", "\t")):
            items[-1] += " " + line.strip()
        elif line.strip():
            items.append(line.strip())
    return [i for i in items if not unfilled(i)][:MAX_QUESTIONS_PER_MEMBER]


def open_questions(
    store: Store,
    paper_id: int | None,
    members: Sequence[MemberRecord],
    *,
    local: bool,
    group_id: int | None = None,
) -> list[OpenQuestion]:
    """The open questions on a paper of every member sharing their questions or their note on the paper
    with the group ``group_id`` (and the local user's own)."""
    if paper_id is None:
        return []
    shared_notes: set[int] = set()
    if group_id is not None:
        with store.connect() as conn:
            shared_notes = note_rows.shared_with_group(conn, group_id, paper_id)
    readers: list[tuple[str, int]] = [("you", 0)] if local else []
    readers += [
        (m.name, m.user_id)
        for m in members
        if m.user_id is not None and (m.share_questions or m.user_id in shared_notes)
    ]
    return [OpenQuestion(name, q) for name, uid in readers for q in note_questions(store, paper_id, uid)]
