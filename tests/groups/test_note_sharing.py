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
    manage.create_group(store, "Club", "thursday", "17:00", "UTC", starts_on=DAY, viewer=olga)
    manage.add_member(store, "club", "Mo", username="mo", viewer=olga)
    schedule = load_schedule(store, catalog, "club")
    paper = get_paper(store, schedule.meeting_on(DAY).reading.paper_slug or "")  # type: ignore[union-attr]
    save_note(store, paper, GOOD_NOTE.replace("Why sinusoids", "Why mo's doubt"), 0, user_id=mo.user_id)
    assert shared_notes(store, "club", paper, olga) == []  # private by default
    agenda = build_agenda(store, catalog, schedule, DAY, local=False)
    assert not any("mo's doubt" in q.text for q in agenda.questions)
    assert [(c.group.slug, c.shared) for c in share_choices(store, paper, mo)] == [("club", False)]
    share_note(store, paper, "club", True, mo)
    share_note(store, paper, "club", True, mo)  # idempotent
    assert [(c.group.slug, c.shared) for c in share_choices(store, paper, mo)] == [("club", True)]
    found = shared_notes(store, "club", paper, olga)
    assert [(n.author, n.version) for n in found] == [("Mo", 1)] and "mo's doubt" in found[0].body
    agenda = build_agenda(store, catalog, load_schedule(store, catalog, "club"), DAY, local=False)
    assert any(q.asked_by == "Mo" and "mo's doubt" in q.text for q in agenda.questions)
    with pytest.raises(NotFoundError):
        shared_notes(store, "club", paper, nora)
    with pytest.raises(NotFoundError):
        share_note(store, paper, "club", True, nora)
    with pytest.raises(InvalidInputError):
        share_note(
            store, paper, "club", True, viewer_for(add_user(store, "root", "root's password", admin=True))
        )
    share_note(store, paper, "club", False, mo)
    assert shared_notes(store, "club", paper, olga) == []
