"""The practice commands: questions (--json, add), practice, mock, ready, anki export."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paperpass.cli.app import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def lexical_judge(monkeypatch: pytest.MonkeyPatch) -> None:
    """Typed answers are judged lexically here (the semantic judge has its own tests)."""
    monkeypatch.setenv("PAPERPASS_JUDGE", "lexical")


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_questions_json_lists_every_question_with_its_fields() -> None:
    code, out, _ = run("questions", "--json")
    data = json.loads(out)
    assert code == 0 and len(data) >= 23 * 3
    assert set(data[0]) >= {"id", "kind", "entries", "prompt", "reference_points"}
    assert {q["kind"] for q in data} == {"specific", "comparative", "open"}
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


def test_practice_reveals_rates_and_saves_each_review() -> None:
    stdin = "Transformers replace recurrence\nwith self-attention\n\ngood\n\n3\n"  # then EOF
    code, out, _ = run("practice", "--new", "3", "--entry", "attention-is-all-you-need", stdin=stdin)
    assert code == 0
    assert "Reference points" in out and "next review in" in out
    assert "2 cards reviewed" in out
    code, out, _ = run("ready", "--json")
    transformer = next(i for i in json.loads(out)["items"] if i["entries"] == ["attention-is-all-you-need"])
    assert transformer["last_practised"] is not None and transformer["recall"] > 0


def test_practice_quit_and_bad_rating() -> None:
    code, out, err = run("practice", "--new", "1", stdin="\nmaybe\nq\n")
    assert code == 0 and "not a rating" in err and "0 cards reviewed" in out


def test_mock_interview_end_to_end_json_report() -> None:
    answers = "memory grows as O(n^2) with sequence length\n\n\n\n\n"
    code, out, _ = run("mock", "--minutes", "20", "--entry", "attention-is-all-you-need", "--seed", "1",
                       "--json", stdin=answers)  # fmt: skip
    assert code == 0
    report = json.loads(out[out.index("{\n") :])
    assert report["finished"] and [q["role"] for q in report["questions"]] == [
        "specific", "follow-up", "comparative", "open"
    ]  # fmt: skip
    assert all(q["seconds"] is not None for q in report["questions"])
    code, _, err = run("mock", "--minutes", "500")
    assert code == 2 and "4-180 minutes" in err


def test_mock_interrupted_keeps_answers_and_prints_report() -> None:
    code, out, _ = run("mock", "--minutes", "10", "--entry", "lora", stdin="a rank of 4 to 64\n\n")
    assert code == 0 and "Interview stopped" in out and "To review" in out


def test_ready_table_and_anki_export(tmp_path: Path) -> None:
    code, out, _ = run("ready")
    assert code == 0 and "Overall readiness" in out and "Next steps" in out
    target = tmp_path / "paperpass.apkg"
    code, out, _ = run("anki", "export", str(target))
    assert code == 0 and "notes" in out and zipfile.is_zipfile(target)
    code, _, err = run("anki", "export", str(tmp_path / "missing" / "x.apkg"))
    assert code == 2 and "no such folder" in err
