"""A save conflict in the note editor loses nothing: the page says the save failed, and after a reload the
unsaved draft is offered (it says which version it was typed on) although the note has moved on.

On the old code the draft stayed in localStorage but was hidden for good, because its version no longer
matched the note's.
"""

from __future__ import annotations

from typing import Any

import pytest

from paperpass.config import Settings
from paperpass.library import get_paper
from paperpass.notes.history import load_note, save_note
from paperpass.store import Store
from support.library import library_for
from support.notes import GOOD_NOTE

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("shot")]


def test_after_a_conflict_a_reload_offers_the_draft(
    page: Any, live_server: Any, sqlite_library: Store, settings: Settings
) -> None:
    page.goto(live_server.url + "/papers/bert/note")
    assert page.locator("#note-version").inner_text() == "0"
    mine = GOOD_NOTE.replace("RNNs read tokens", "Words typed in this tab")
    page.locator("#note-text").fill(mine)

    library = library_for(sqlite_library, settings=settings)
    theirs = GOOD_NOTE.replace("RNNs read tokens", "Words saved from elsewhere")
    save_note(library, get_paper(library, "bert"), theirs, 0, source="cli")

    page.locator("#note-save").click()
    page.locator("#note-message", has_text="Not saved").wait_for(timeout=5000)
    page.reload()
    assert page.locator("#note-version").inner_text() == "1"
    assert "Words saved from elsewhere" in page.locator("#note-text").input_value()
    restore = page.locator("#note-restore-draft")
    restore.wait_for(state="visible", timeout=5000)
    assert "version 0" in restore.inner_text()
    restore.click()
    assert "Words typed in this tab" in page.locator("#note-text").input_value()
    assert "version 1" in page.locator("#note-message").inner_text()
    assert load_note(library, get_paper(library, "bert")).text.count("Words saved from elsewhere") == 1
