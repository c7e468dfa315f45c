"""Notes shared with a group, on SQLite and PostgreSQL: migration 0009 matches tables.py; private by
default, shared per note and group, readable by members only, and the agenda reads shared notes' questions."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from paperpass.accounts.users import add_user, viewer_for
from paperpass.catalog import load_catalog
from paperpass.errors import InvalidInputError, NotFoundError
from paperpass.groups import manage
from paperpass.groups.agenda import build_agenda
from paperpass.groups.notes import share_choices, share_note, shared_notes
from paperpass.groups.schedule import load_schedule
from paperpass.library import get_paper
from paperpass.notes.history import save_note
from paperpass.store import Store
from paperpass.store.tables import metadata
from support.library import join, library_for
from support.notes import GOOD_NOTE

DAY = date(2026, 10, 1)


def test_the_note_shares_table_matches_its_migration(store: Store) -> None:
    assert "note_shares" in store.table_names()
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    mine = {
        "note_shares",
        "ix_note_shares_group_paper",
        "ix_group_members_user_id",
        "ix_reading_status_user_id",
    }
    assert [c for c in diff if mine & set(str(c).replace('"', "'").split("'"))] == []


def test_sharing_a_note_with_a_group(library_with_guide: Store) -> None:
    store, catalog = library_with_guide, load_catalog()
    olga, mo, nora = (viewer_for(add_user(store, n, f"{n}'s password")) for n in ("olga", "mo", "nora"))
    manage.create_group(library_for(store, viewer=olga), "Club", "thursday", "17:00", "UTC", starts_on=DAY)
    join(store, "club-olga", mo, name="Mo", inviter=olga)
    schedule = load_schedule(library_for(store, catalog=catalog), "club-olga")
    paper = get_paper(library_for(store), schedule.meeting_on(DAY).reading.paper_slug or "")  # type: ignore[union-attr]
    save_note(
        library_for(store, user=mo.user_id), paper, GOOD_NOTE.replace("Why sinusoids", "Why mo's doubt"), 0
    )
    assert shared_notes(library_for(store, viewer=olga), "club-olga", paper) == []  # private by default
    agenda = build_agenda(library_for(store, catalog=catalog, viewer=olga), schedule, DAY)
    assert not any("mo's doubt" in q.text for q in agenda.questions)
    assert [(c.group.slug, c.shared) for c in share_choices(library_for(store, viewer=mo), paper)] == [
        ("club-olga", False)
    ]
    share_note(library_for(store, viewer=mo), paper, "club-olga", True)
    share_note(library_for(store, viewer=mo), paper, "club-olga", True)  # idempotent
    assert [(c.group.slug, c.shared) for c in share_choices(library_for(store, viewer=mo), paper)] == [
        ("club-olga", True)
    ]
    found = shared_notes(library_for(store, viewer=olga), "club-olga", paper)
    assert [(n.author, n.version) for n in found] == [("Mo", 1)] and "mo's doubt" in found[0].body
    agenda = build_agenda(
        library_for(store, catalog=catalog, viewer=olga), load_schedule(library_for(store), "club-olga"), DAY
    )
    assert any(q.asked_by == "Mo" and "mo's doubt" in q.text for q in agenda.questions)
    with pytest.raises(NotFoundError):
        shared_notes(library_for(store, viewer=nora), "club-olga", paper)
    with pytest.raises(NotFoundError):
        share_note(library_for(store, viewer=nora), paper, "club-olga", True)
    with pytest.raises(InvalidInputError):
        share_note(
            library_for(store, viewer=viewer_for(add_user(store, "root", "root's password", admin=True))),
            paper,
            "club-olga",
            True,
        )
    share_note(library_for(store, viewer=mo), paper, "club-olga", False)
    assert shared_notes(library_for(store, viewer=olga), "club-olga", paper) == []
