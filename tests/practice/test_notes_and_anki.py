"""Cards from the user's notes (refreshed when the note changes) and the Anki export."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from paperpass.catalog import load_catalog
from paperpass.errors import InvalidInputError, NotFoundError
from paperpass.models import Paper
from paperpass.practice.anki import export_anki
from paperpass.practice.questions import add_question, list_questions, sync_bank
from paperpass.store import Store
from paperpass.store import notes as note_rows
from paperpass.store import papers as paper_rows
from support.library import library_for

NOTE = """# QLoRA

## Problem
Fine-tuning a 65B model needs more GPU memory than one GPU has.

## Key idea
Quantize the frozen base model to 4 bits. Train LoRA adapters on top.

## Results
A 65B model fine-tuned on one 48 GB GPU.

## Limitations
TODO
"""


def _save(store: Store, body: str, version: int, slug: str = "qlora") -> int:
    with store.transaction() as conn:
        paper = paper_rows.find_paper(conn, slug) or paper_rows.insert_paper(
            conn, Paper(slug="qlora", title="QLoRA: Efficient Finetuning of Quantized LLMs")
        )
        note_rows.save_note(conn, paper.id or 0, body, version, user_id=0)
    return paper.id or 0


def test_note_cards_follow_the_note(library_with_guide: Store) -> None:
    catalog = load_catalog()
    paper_id = _save(library_with_guide, NOTE, 0)
    cards = list_questions(library_for(library_with_guide, catalog=catalog), kind="note")
    assert {q.facet for q in cards} == {"problem", "key_idea", "results"}  # the TODO field gives no card
    problem = next(q for q in cards if q.facet == "problem")
    assert problem.prompt == "What problem does QLoRA solve?"  # the short title, not the full one
    assert problem.reference_points == ["Fine-tuning a 65B model needs more GPU memory than one GPU has."]
    edited = NOTE.replace("more GPU memory", "more memory").replace("TODO", "Slower than 16-bit LoRA.")
    _save(library_with_guide, edited, 1)
    change = sync_bank(library_for(library_with_guide, catalog=catalog)).notes
    assert (change.added, change.updated) == (1, 1)
    cards = {
        q.facet: q for q in list_questions(library_for(library_with_guide, catalog=catalog), kind="note")
    }
    assert cards["problem"].id == problem.id  # refreshed in place: the schedule is kept
    assert "more memory" in cards["problem"].reference_points[0]
    assert cards["limitations"].paper_id == paper_id
    _save(library_with_guide, edited.replace("## Results\nA 65B", "## Results\nTODO a 65B"), 2)
    assert sync_bank(library_for(library_with_guide, catalog=catalog)).notes.retired == 1


def test_a_note_on_a_guide_paper_repeats_no_bank_card(library_with_guide: Store) -> None:
    catalog = load_catalog()
    body = NOTE.replace("# QLoRA", "# LoRA").replace("TODO", "The rank is a guess.")
    _save(library_with_guide, body, 0, slug="lora")
    bank = list_questions(library_for(library_with_guide, catalog=catalog), entry="lora")
    asked = {q.facet for q in bank if q.kind == "specific" and q.entries == ["lora"]}
    assert {"problem", "key_idea", "results", "limitations"} <= asked
    assert [q for q in bank if q.kind == "note"] == []
    everything = list_questions(library_for(library_with_guide, catalog=catalog))
    prompts = [" ".join(q.prompt.lower().split()) for q in everything]
    assert len(prompts) == len(set(prompts))


def test_user_questions_are_validated(library_with_guide: Store) -> None:
    catalog = load_catalog()
    added = add_question(
        library_for(library_with_guide, catalog=catalog), " Why  LoRA? ", ["low rank", " "], ["6"]
    )
    assert added.kind == "user" and added.entries == ["lora"] and added.reference_points == ["low rank"]
    with pytest.raises(InvalidInputError):
        add_question(library_for(library_with_guide, catalog=catalog), "No points", [])
    with pytest.raises(NotFoundError):
        add_question(library_for(library_with_guide, catalog=catalog), "Q", ["p"], ["nope"])


def _notes(path: Path) -> list[tuple[str, str, str]]:
    with zipfile.ZipFile(path) as archive:
        assert "collection.anki2" in archive.namelist()
        data = archive.read("collection.anki2")
    db = path.with_suffix(".anki2")
    db.write_bytes(data)
    with sqlite3.connect(db) as conn:
        return list(conn.execute("SELECT guid, flds, tags FROM notes ORDER BY guid"))


def test_anki_export_is_a_collection_with_stable_ids(library_with_guide: Store, tmp_path: Path) -> None:
    catalog = load_catalog()
    first = export_anki(library_for(library_with_guide, catalog=catalog), tmp_path / "deck.apkg")
    notes = _notes(first.path)
    assert len(notes) == first.notes >= 23 * 3
    fields = {flds.split("\x1f")[0]: (guid, flds, tags) for guid, flds, tags in notes}
    lora = fields["lora/d1"]
    assert "Which rank should you choose for LoRA?" in lora[1] and "4 to 64" in lora[1]
    assert "entry::lora" in lora[2] and "category::efficiency-scaling" in lora[2]
    add_question(library_for(library_with_guide, catalog=catalog), "My own question?", ["my point"], ["lora"])
    again = _notes(export_anki(library_for(library_with_guide, catalog=catalog), tmp_path / "deck.apkg").path)
    assert len(again) == len(notes) + 1
    assert {g for g, _, _ in notes} <= {g for g, _, _ in again}  # same GUIDs: Anki updates, no duplicates
    with pytest.raises(InvalidInputError):
        export_anki(library_for(library_with_guide, catalog=catalog), tmp_path / "deck.zip")
