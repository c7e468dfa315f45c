"""Notes in the store (SQLite and PostgreSQL): every save kept, stale saves refused, diff and restore."""

from __future__ import annotations

import pytest

from paperpass.config import Settings
from paperpass.errors import ConflictError, InvalidInputError, NotFoundError
from paperpass.library import get_paper
from paperpass.notes.history import load_note, note_diff, note_history, restore_note, save_note
from paperpass.notes.render import render_markdown
from paperpass.store import Store
from support.library import library_for
from support.notes import GOOD_NOTE


def test_a_new_note_starts_from_the_template(library_with_guide: Store, settings: Settings) -> None:
    paper = get_paper(library_for(library_with_guide), "lora")
    state = load_note(library_for(library_with_guide, settings=settings), paper)
    assert state.is_new and state.version == 0
    assert state.text.startswith("# LoRA") and "## Key idea" in state.text


def test_every_save_is_kept_and_numbered(library_with_guide: Store, settings: Settings) -> None:
    paper = get_paper(library_for(library_with_guide), "lora")
    first = save_note(library_for(library_with_guide), paper, GOOD_NOTE, 0)
    second = save_note(
        library_for(library_with_guide), paper, GOOD_NOTE.replace("8 heads", "eight heads"), first.version
    )
    assert (first.version, second.version) == (1, 2)
    history = note_history(library_for(library_with_guide), paper)
    assert [r.version for r in history] == [1, 2] and history[0].body == GOOD_NOTE
    assert load_note(library_for(library_with_guide, settings=settings), paper).version == 2


def test_a_stale_save_raises_conflict_and_writes_nothing(
    library_with_guide: Store, settings: Settings
) -> None:
    paper = get_paper(library_for(library_with_guide), "dpo")
    save_note(library_for(library_with_guide), paper, GOOD_NOTE, 0)
    save_note(library_for(library_with_guide), paper, GOOD_NOTE + "\nmore\n", 1)
    with pytest.raises(ConflictError, match="now version 2"):
        save_note(library_for(library_with_guide), paper, "## Problem\nstale\n", 1)
    with pytest.raises(ConflictError):
        save_note(library_for(library_with_guide), paper, "## Problem\nalso new\n", 0)
    assert len(note_history(library_for(library_with_guide), paper)) == 2
    assert "stale" not in load_note(library_for(library_with_guide, settings=settings), paper).text


def test_an_invalid_note_is_refused_before_writing(library_with_guide: Store) -> None:
    paper = get_paper(library_for(library_with_guide), "dpo")
    with pytest.raises(InvalidInputError, match="unknown section"):
        save_note(library_for(library_with_guide), paper, "## Problm\nx\n", 0)
    with pytest.raises(InvalidInputError, match="empty"):
        save_note(library_for(library_with_guide), paper, "  \n", 0)
    assert note_history(library_for(library_with_guide), paper) == []


def test_diff_and_restore(library_with_guide: Store, settings: Settings) -> None:
    paper = get_paper(library_for(library_with_guide), "rag")
    save_note(library_for(library_with_guide), paper, GOOD_NOTE, 0)
    save_note(library_for(library_with_guide), paper, GOOD_NOTE.replace("8 heads", "eight heads"), 1)
    diff = note_diff(library_for(library_with_guide), paper)
    assert diff.startswith("--- rag v1\n+++ rag v2\n")
    assert "\n-- Multi-head attention with 8 heads" in diff
    assert "\n+- Multi-head attention with eight heads" in diff
    assert note_diff(library_for(library_with_guide), paper, 0, 1).count("\n+") > 10
    restored = restore_note(library_for(library_with_guide), paper, 1)
    assert restored.version == 3 and restored.source == "restore"
    assert load_note(library_for(library_with_guide, settings=settings), paper).text == GOOD_NOTE
    with pytest.raises(NotFoundError):
        restore_note(library_for(library_with_guide), paper, 9)


def test_rendered_notes_have_math_and_no_script() -> None:
    html = render_markdown(
        "Cost $O(n^2)$ <script>alert(1)</script> [x](javascript:alert(1))\n\n$$\\sum_i x_i$$"
    )
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">' in html
    assert 'display="block"' in html and "<msup>" in html
    assert "<script" not in html and "&lt;script&gt;" in html and 'href="javascript' not in html
