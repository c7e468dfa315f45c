"""The Library: who a command acts as, and personal data that stays with its owner.

The local user (id 0) of a single-user library and the accounts of a team library never see each other's
notes, note cards, reviews or plans; a viewer without an account (the CLI on a team library without
``--user``) is refused personal data instead of being handed user 0's.
"""

from __future__ import annotations

import pytest

from paperpass.accounts.users import add_user
from paperpass.config import Settings
from paperpass.errors import AccountRequiredError, InvalidInputError, NotFoundError
from paperpass.library import Library, get_paper, open_library, resolve_viewer
from paperpass.models import LOCAL_VIEWER, OPERATOR, Paper
from paperpass.notes.history import load_note, note_history, save_note
from paperpass.practice.questions import get_question, list_questions, sync_bank
from paperpass.practice.scheduling import practice_queue
from paperpass.reading.status import guide_progress
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from support.notes import GOOD_NOTE


def test_the_local_users_note_cards_stay_out_of_an_accounts_practice(
    local_library: Library, account_library: Library
) -> None:
    """The bug: cards made from user 0's notes (``note/u0/...``) were in every account's practice."""
    qlora = _paper_beyond_the_guide(local_library)
    save_note(local_library, qlora, GOOD_NOTE, 0)
    sync_bank(local_library)
    local_cards = list_questions(local_library, kind="note")
    assert local_cards and all(q.key.startswith("note/u0/") for q in local_cards)
    sync_bank(account_library)
    seen = list_questions(account_library)
    assert not [q for q in seen if q.source == "note"]
    assert {q.source for q in seen} == {"catalog"}  # the guide's bank is shared
    queue = practice_queue(account_library, new_limit=10_000)
    assert not [q for q in queue if q.key.startswith("note/u0/")]
    with pytest.raises(NotFoundError):
        get_question(account_library, local_cards[0].id or 0)


def test_an_accounts_note_cards_stay_out_of_the_local_users_practice(
    local_library: Library, account_library: Library
) -> None:
    qlora = _paper_beyond_the_guide(account_library)
    save_note(account_library, qlora, GOOD_NOTE, 0)
    sync_bank(account_library)
    mine = list_questions(account_library, kind="note")
    assert mine and all(q.key.startswith(f"note/u{account_library.user_id}/") for q in mine)
    assert list_questions(local_library, kind="note") == []
    assert note_history(local_library, qlora) == []
    assert load_note(local_library, qlora).is_new


def test_a_viewer_without_an_account_is_refused_personal_data(local_library: Library) -> None:
    operator = local_library.acting_as(OPERATOR)
    lora = _paper(operator, "lora")
    for attempt in (
        lambda: save_note(operator, lora, GOOD_NOTE, 0),
        lambda: load_note(operator, lora),
        lambda: sync_bank(operator),
        lambda: guide_progress(operator),
    ):
        with pytest.raises(AccountRequiredError, match="--user NAME"):
            attempt()
    assert note_history(local_library, lora) == []  # nothing was written for anyone


def test_resolve_viewer_by_kind_of_library(store: Store) -> None:
    assert resolve_viewer(store, None) == LOCAL_VIEWER
    with pytest.raises(InvalidInputError, match="no accounts"):
        resolve_viewer(store, "ada")
    ada = add_user(store, "ada", "ada's password", admin=True)
    assert resolve_viewer(store, None) == OPERATOR
    viewer = resolve_viewer(store, "ada")
    assert (viewer.user_id, viewer.username, viewer.is_admin, viewer.personal) == (ada.id, "ada", True, True)
    with pytest.raises(NotFoundError, match="no account 'bob'"):
        resolve_viewer(store, "bob")


def test_open_library_seeds_and_names_its_viewer(settings: Settings) -> None:
    opened = open_library(settings, username=None)
    try:
        assert opened.viewer == LOCAL_VIEWER and opened.user_id == 0
        assert _paper(opened, "lora").guide
    finally:
        opened.store.close()
    with pytest.raises(InvalidInputError):
        open_library(settings, username="ada")


def _paper(library: Library, slug: str) -> Paper:
    return get_paper(library, slug)


def _paper_beyond_the_guide(library: Library) -> Paper:
    """A paper the guide does not cover: its note makes note cards (a guide paper's note repeats no bank
    card, so it makes none)."""
    with library.store.transaction() as conn:
        return paper_rows.insert_paper(conn, Paper(slug="qlora", title="QLoRA: Efficient Finetuning"))
