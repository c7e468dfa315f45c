"""The Anki export as Anki itself reads it: the official ``anki`` library imports the package into a fresh
collection, and the cards are rendered the way a user sees them."""

from __future__ import annotations

from html import escape
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportResponse

from paperpass.catalog import load_catalog
from paperpass.config import Settings
from paperpass.models import Paper
from paperpass.papers.transfer import remove_paper
from paperpass.practice.anki import export_anki
from paperpass.practice.exact import questions_json
from paperpass.practice.questions import add_question, list_questions
from paperpass.store import Store
from paperpass.store import notes as note_rows
from paperpass.store import papers as paper_rows
from support.library import library_for

# A paper beyond the guide: a guide paper's note repeats no bank card, so it makes no note cards.
QLORA = Paper(slug="qlora", title="QLoRA: Efficient Finetuning of Quantized LLMs", arxiv_id="2305.14314")
KEY = "note/arxiv:2305.14314"
NOTE = """# QLoRA

## Problem
Full fine-tuning with **self-attention** everywhere needs 700 GB; $\\mathrm{Var}(q\\cdot k)=d_k$ grows.

## Key idea
Train a low-rank update $$\\Delta W = BA$$ with r < 64 <script>alert(1)</script>.

## Results
Quality close to full fine-tuning.
"""


def _save_note(store: Store, body: str) -> None:
    with store.transaction() as conn:
        paper = paper_rows.find_paper(conn, QLORA.slug) or paper_rows.insert_paper(conn, QLORA)
        paper_id = paper.id or 0
        current = note_rows.current_note(conn, paper_id, 0)
        note_rows.save_note(conn, paper_id, body, current.version if current else 0, user_id=0)


def _import(col: Collection, apkg: Path) -> ImportResponse.Log:
    options = ImportAnkiPackageOptions(merge_notetypes=True, with_scheduling=False, with_deck_configs=False)
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(apkg), options=options)).log


def _note_card(col: Collection, key: str) -> object:
    found = col.find_notes(f'"Key:{key}"')
    assert len(found) == 1, (key, found)
    return col.get_note(found[0]).cards()[0]


def test_markdown_and_math_become_html_anki_renders(library_with_guide: Store, tmp_path: Path) -> None:
    catalog = load_catalog()
    _save_note(library_with_guide, NOTE)
    add_question(library_for(library_with_guide, catalog=catalog), "Why scale *logits* by $\\sqrt{d_k}$?",
                 ["Keeps `softmax` out of saturation", "<img src=x onerror=alert(1)> **variance** is $d_k$"],
                 ["attention-is-all-you-need"])  # fmt: skip
    export = export_anki(library_for(library_with_guide, catalog=catalog), tmp_path / "deck.apkg")
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        log = _import(col, export.path)
        assert (len(log.new), len(log.updated), len(log.duplicate)) == (export.notes, 0, 0)
        problem = _note_card(col, f"{KEY}/problem")
        answer = problem.answer()  # type: ignore[attr-defined]
        assert "<strong>self-attention</strong>" in answer and "**" not in answer
        assert "\\(\\mathrm{Var}(q\\cdot k)=d_k\\)" in answer and "$" not in answer
        idea = _note_card(col, f"{KEY}/key_idea").answer()  # type: ignore[attr-defined]
        assert "\\[\\Delta W = BA\\]" in idea
        assert "<script" not in idea and "r &lt; 64" in idea  # raw HTML in a note is text, never markup
        user = col.get_note(col.find_notes('"Prompt:*logits*"')[0]).cards()[0]
        assert "Why scale <em>logits</em> by \\(\\sqrt{d_k}\\)?" in user.question()
        shown = user.answer()
        assert "<code>softmax</code>" in shown and "<strong>variance</strong> is \\(d_k\\)" in shown
        assert "<img" not in shown and "&lt;img src=x" in shown  # shown as the text the user typed
    finally:
        col.close()


def test_note_cards_survive_removing_and_re_adding_the_paper(
    library_with_guide: Store, settings: Settings, tmp_path: Path
) -> None:
    catalog = load_catalog()
    _save_note(library_with_guide, NOTE)
    first = export_anki(
        library_for(library_with_guide, catalog=catalog), tmp_path / "deck.apkg", timestamp=1_700_000_000
    )
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        assert len(_import(col, first.path).new) == first.notes
        card = _note_card(col, f"{KEY}/problem")
        card.start_timer()  # type: ignore[attr-defined]
        col.sched.answerCard(card, 3)  # type: ignore[arg-type]
        # added again below: a new paper id, the same arXiv id
        remove_paper(library_for(library_with_guide, settings=settings), QLORA.slug)
        _save_note(library_with_guide, NOTE.replace("700 GB", "700 GB of optimizer state"))
        again = export_anki(
            library_for(library_with_guide, catalog=catalog), tmp_path / "deck.apkg", timestamp=1_700_000_100
        )
        log = _import(col, again.path)
        assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, again.notes, 0)
        assert f"{KEY}/problem" in {n.fields[0] for n in log.updated}
        card = _note_card(col, f"{KEY}/problem")
        assert "700 GB of optimizer state" in card.answer()  # type: ignore[attr-defined]
        assert card.reps == 1 and col.db.scalar("select count() from revlog where cid=?", card.id) == 1  # type: ignore[attr-defined]
        assert col.note_count() == first.notes
    finally:
        col.close()


def test_choice_cards_show_their_options_and_cloze_cards_their_blank(
    library_with_guide: Store, tmp_path: Path
) -> None:
    library = library_for(library_with_guide)
    bank = {str(d["key"]): d for d in questions_json(library.catalog, list_questions(library))}
    choice_key = next(k for k, d in bank.items() if d["kind"] == "choice")
    cloze_key = next(k for k, d in bank.items() if d["kind"] == "cloze")
    export = export_anki(library, tmp_path / "deck.apkg")
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        assert len(_import(col, export.path).new) == export.notes
        choice = _note_card(col, choice_key)
        front = choice.question()  # type: ignore[attr-defined]
        options = [escape(str(o), quote=False) for o in bank[choice_key]["options"]]  # type: ignore[attr-defined]
        assert len(options) >= 2 and all(f"<li>{o}</li>" in front for o in options)
        answer = str(bank[choice_key]["answer"])
        assert escape(answer, quote=False) in choice.answer().split("<hr id=answer>")[1]  # type: ignore[attr-defined]
        cloze = _note_card(col, cloze_key)
        assert "___" in cloze.question() and "<ol" not in cloze.question()  # type: ignore[attr-defined]
    finally:
        col.close()
