"""The practice commands: questions (--json, add), practice, mock, ready, anki export."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from support.cli import run


@pytest.fixture(autouse=True)
def lexical_judge(monkeypatch: pytest.MonkeyPatch) -> None:
    """Typed answers are judged lexically here (the semantic judge has its own tests)."""
    monkeypatch.setenv("PAPERPASS_JUDGE", "lexical")


def test_questions_json_lists_every_question_with_its_fields() -> None:
    code, out, _ = run("questions", "--json")
    data = json.loads(out)
    assert code == 0 and len(data) >= 23 * 3
    assert set(data[0]) >= {"id", "kind", "entries", "prompt", "reference_points"}
    assert {q["kind"] for q in data} == {"specific", "comparative", "open", "scenario", "cloze", "choice"}
    code, out, _ = run("questions", "--json", "--entry", "lora", "--kind", "comparative")
    assert code == 0 and all("lora" in q["entries"] for q in json.loads(out))


def test_questions_add_and_its_errors() -> None:
    code, out, _ = run("questions", "add", "Why freeze the base model?", "-p", "saves memory", "-e", "lora")
    assert code == 0 and "added question" in out
    code, out, _ = run("questions", "--json", "--kind", "user")
    assert [q["prompt"] for q in json.loads(out)] == ["Why freeze the base model?"]
    code, _, err = run("questions", "add", "No points")
    assert code == 2 and "reference point" in err and err.count("\n") == 1
    code, _, err = run("questions", "--kind", "bogus")
    assert code == 2 and "unknown kind" in err


def test_practice_ticks_propose_the_rating_which_can_be_changed(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAPERPASS_DB", db_url)
    stdin = (
        "Transformers replace recurrence\nwith self-attention\n\n9\n1\n\n"  # a bad tick, then 1; keep
        "\n1 3\ngood\n"  # thought only; ticks 1 and 3 of 5 propose Hard, changed to Good
    )
    only = ("--kind", "specific", "--entry", "attention-is-all-you-need")
    code, out, err = run("practice", "--new", "2", *only, stdin=stdin)
    assert code == 0 and "not a point: '9'" in err and err.count("\n") == 1
    assert "hint: " in out and "they tick nothing for you" in out
    assert "Proposed: Easy (1 of 1 points)" in out and "Proposed: Hard (2 of 5 points)" in out
    assert "2 cards reviewed" in out
    logged = _self_graded(db_url)
    assert logged["attention-is-all-you-need/problem"] == (4, [True])
    assert logged["attention-is-all-you-need/key-idea"] == (3, [True, False, True, False, False])
    code, out, _ = run("ready", "--json")
    transformer = next(i for i in json.loads(out)["items"] if i["entries"] == ["attention-is-all-you-need"])
    assert transformer["last_practised"] is not None and transformer["recall"] > 0


def _self_graded(db_url: str) -> dict[str, tuple[int, list[bool] | None]]:
    from paperpass.store import Store
    from paperpass.store import practice as rows

    store = Store.open(db_url)
    try:
        with store.connect() as conn:
            keys = {q.id: q.key for q in rows.list_questions(conn, 0)}
            return {keys[r.question_id]: (r.rating, r.ticked) for r in rows.reviews(conn, 0)}
    finally:
        store.close()


def test_practice_quit_and_bad_rating() -> None:
    code, out, err = run("practice", "--new", "1", "--kind", "specific", stdin="\na\nmaybe\nq\n")
    assert code == 0 and "not a rating" in err and "0 cards reviewed" in out


def test_mock_interview_follows_up_on_a_missed_point_json_report() -> None:
    answers = (
        "memory grows as O(n^2) with sequence length\n\n\n"  # nothing ticked: every point missed
        "I am not sure\n\na\n" + "my answer\n\na\n" * 4
    )
    code, out, _ = run("mock", "--minutes", "20", "--entry", "attention-is-all-you-need", "--seed", "1",
                       "--json", stdin=answers)  # fmt: skip
    assert code == 0
    report = json.loads(out[out.index("{\n") :])
    assert report["finished"] and [q["role"] for q in report["questions"]] == [
        "specific", "follow-up", "limitations", "comparative", "scenario", "open"
    ]  # fmt: skip
    first, follow = report["questions"][:2]
    assert first["answer"].startswith("memory grows") and {p["mark"] for p in first["points"]} == {"missed"}
    assert follow["question"]["prompt"].startswith("You did not mention") and follow["follows"] == 1
    assert follow["question"]["reference_points"] == [first["points"][0]["point"]]
    assert all(q["seconds"] is not None for q in report["questions"])
    code, _, err = run("mock", "--minutes", "500")
    assert code == 2 and "5-180 minutes" in err


def test_mock_report_shows_the_answers_beside_the_points() -> None:
    code, out, _ = run("mock", "--minutes", "10", "--entry", "lora", "--seed", "2",
                       stdin="a rank of 4 to 64\n\n1?\n")  # fmt: skip
    assert code == 0 and "Interview stopped" in out and "Your answer: a rank of 4 to 64" in out
    assert "The interviewer follows up." in out and "You sounded unsure about" in out
    assert "To review" in out and "~" in out


def test_ready_table_and_anki_export(tmp_path: Path) -> None:
    code, out, _ = run("ready")
    assert code == 0 and "Overall readiness" in out and "Next steps" in out
    target = tmp_path / "paperpass.apkg"
    code, out, _ = run("anki", "export", str(target))
    assert code == 0 and "notes" in out and zipfile.is_zipfile(target)
    code, _, err = run("anki", "export", str(tmp_path / "missing" / "x.apkg"))
    assert code == 2 and "no such folder" in err


def _reviews(db_url: str) -> dict[str, tuple[int, list[bool], str]]:
    from paperpass.store import Store
    from paperpass.store import practice as rows

    store = Store.open(db_url)
    try:
        with store.connect() as conn:
            keys = {q.id: q.key for q in rows.list_questions(conn, 0)}
            return {keys[r.question_id]: (r.rating, r.covered, r.answer) for r in rows.reviews(conn, 0)}
    finally:
        store.close()


def test_practising_cloze_and_choice_cards_grades_and_schedules_them(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from paperpass.catalog import load_catalog
    from paperpass.practice.exact import exact_card

    monkeypatch.setenv("PAPERPASS_DB", db_url)
    code, out, _ = run(
        "practice", "--kind", "cloze", "--entry", "instructgpt", "--new", "1", stdin="1.3 billion\n"
    )
    assert code == 0 and "✓ right" in out and "rated Easy" in out and "1 card reviewed" in out
    card = exact_card(load_catalog(), "choice/deepseek-r1/algorithm")
    assert card is not None
    wrong = next(n for n in range(1, len(card.options) + 1) if n != card.correct_option)
    code, out, err = run("practice", "--kind", "choice", "--entry", "deepseek-r1", "--new", "1",
                         stdin=f"9\n{wrong}\n")  # fmt: skip
    assert (
        code == 0
        and "pick an option from 1 to" in err
        and "the answer is GRPO" in out
        and "rated Again" in out
    )
    logged = _reviews(db_url)
    assert logged["cloze/instructgpt/small-model"] == (4, [True], "1.3 billion")
    assert logged["choice/deepseek-r1/algorithm"][:2] == (1, [False])
    code, _, err = run("practice", "--kind", "bogus")
    assert code == 2 and "unknown kind" in err


def test_questions_json_carries_every_kind_and_the_exact_cards_details() -> None:
    from paperpass.config import load_settings
    from paperpass.library import open_library
    from paperpass.models import Paper
    from paperpass.store import notes as note_rows
    from paperpass.store import papers as paper_rows

    store = open_library(load_settings(), username=None).store
    with store.transaction() as conn:
        paper = paper_rows.insert_paper(
            conn, Paper(slug="qlora", title="QLoRA: Efficient Finetuning of LLMs")
        )
        body = "# QLoRA\n\n## Problem\nA 65B model does not fit one GPU.\n"
        note_rows.save_note(conn, paper.id or 0, body, 0, user_id=0)
    store.close()
    run("questions", "add", "Why freeze the base model?", "-p", "saves memory", "-e", "lora")
    code, out, _ = run("questions", "--json")
    data = json.loads(out)
    kinds = {"specific", "comparative", "open", "scenario", "cloze", "choice", "note", "user"}
    assert code == 0 and {q["kind"] for q in data} == kinds
    assert next(q for q in data if q["kind"] == "note")["prompt"] == "What problem does QLoRA solve?"
    cloze = next(q for q in data if q["key"] == "cloze/chain-of-thought/gsm8k-before")
    assert (
        cloze["answer"] == "17.9%" and cloze["rounded_ok"] and "(a rounded answer is fine)" in cloze["prompt"]
    )
    choice = next(q for q in data if q["key"] == "choice/flash-attention/exactness")
    assert choice["options"][choice["correct_option"] - 1] == "exact" and "approximate" in choice["options"]
    prompts = [" ".join(q["prompt"].lower().split()) for q in data]
    assert len(prompts) == len(set(prompts))
    code, out, _ = run("questions", "--json", "--kind", "scenario", "--entry", "lora")
    assert code == 0 and len(json.loads(out)) >= 3
