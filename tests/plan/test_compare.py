"""Comparisons: note fields side by side with the guide's facts where a note is empty, presets, the
Markdown handout, and drilling a comparison into the practice queue."""

from __future__ import annotations

import pytest

from paperpass.catalog import load_catalog
from paperpass.errors import InvalidInputError, NotFoundError
from paperpass.library import get_paper
from paperpass.notes.history import save_note
from paperpass.plan.compare import compare, drill, presets, presets_for, to_markdown
from paperpass.practice.scheduling import practice_queue
from paperpass.store import Store
from support.library import library_for
from support.notes import GOOD_NOTE

CATALOG = load_catalog()


def test_note_fields_win_and_the_guide_fills_the_rest(sqlite_library: Store) -> None:
    paper = get_paper(library_for(sqlite_library), "attention-is-all-you-need")
    save_note(library_for(sqlite_library), paper, GOOD_NOTE, 0)
    found = compare(library_for(sqlite_library, catalog=CATALOG), ["transformer", "mamba"])
    transformer, mamba = found.columns
    assert (
        transformer.cells["problem"].source == "note" and "parallelised" in transformer.cells["problem"].text
    )
    assert (
        mamba.cells["problem"].source == "guide" and mamba.cells["problem"].text == CATALOG.entries[8].problem
    )
    assert mamba.cells["limitations"].text and (transformer.year, mamba.year) == (2017, 2023)
    assert mamba.category == "Efficiency & Scaling"
    prompts = [q.prompt for q in found.questions]
    assert "Compare Mamba with the Transformer for long sequences." in prompts
    assert all({"mamba", "attention-is-all-you-need"} <= set(q.entries) for q in found.questions)
    assert {q.kind for q in found.questions} <= {"comparative", "scenario"}


@pytest.mark.parametrize("preset", [p.slug for p in presets()])
def test_every_preset_compares_and_has_its_questions(sqlite_library: Store, preset: str) -> None:
    found = compare(library_for(sqlite_library, catalog=CATALOG), preset=preset)
    assert found.questions and found.preset is not None and found.preset.slug == preset
    assert all(c.cells[k].text for c in found.columns for k in ("problem", "key_idea", "results"))


def test_presets_match_the_guide_comparisons() -> None:
    sets = {p.slug: p.entries for p in presets()}
    assert sets["cot-tot-react"] == ["chain-of-thought", "tree-of-thoughts", "react"]
    assert set(sets["dpo-rlhf-kto-orpo"]) == {"dpo", "instructgpt", "kto", "orpo"}
    assert {p.slug for p in presets_for("lora")} == {"lora-full-fine-tuning"}
    assert "Compare CoT, ToT, and ReAct" in [q.prompt for q in compare_questions("cot-tot-react")]
    assert "When would you use LoRA versus full fine-tuning?" in [
        q.prompt for q in compare_questions("lora-full-fine-tuning")
    ]


def compare_questions(preset: str) -> list:  # type: ignore[type-arg]
    from paperpass.plan.compare import linking_questions

    return linking_questions(CATALOG, [s for p in presets() if p.slug == preset for s in p.entries])


def test_markdown_handout(sqlite_library: Store) -> None:
    text = to_markdown(compare(library_for(sqlite_library, catalog=CATALOG), preset="lora-full-fine-tuning"))
    assert text.startswith("# LoRA versus full fine-tuning\n")
    assert "| | LoRA | Full fine-tuning |" in text and "## Limitations" in text
    assert "## Questions to discuss" in text and "700 GB" in text


def test_drill_puts_the_questions_in_the_practice_queue(sqlite_library: Store) -> None:
    found = compare(library_for(sqlite_library, catalog=CATALOG), preset="cot-tot-react")
    assert drill(library_for(sqlite_library, catalog=CATALOG), found) == len(found.questions)
    due = practice_queue(library_for(sqlite_library), new_limit=0)
    assert {q.key for q in found.questions} <= {q.key for q in due}


@pytest.mark.parametrize(
    ("keys", "error"), [(["lora"], InvalidInputError), (["lora", "lora"], InvalidInputError),
                        (["lora", "nope"], NotFoundError)],
)  # fmt: skip
def test_bad_comparisons(sqlite_library: Store, keys: list[str], error: type[Exception]) -> None:
    with pytest.raises(error):
        compare(library_for(sqlite_library, catalog=CATALOG), keys)
