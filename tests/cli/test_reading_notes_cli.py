"""The reading and note commands: read (timer and --minutes), log, pass-done, progress, note, vault."""

from __future__ import annotations

import json
import os
import stat
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from paperpass.config import Settings
from support.cli import CliRun, run
from support.corpus import install_lora_pdf
from support.notes import GOOD_NOTE


def write_note(tmp_path: Path, text: str = GOOD_NOTE, name: str = "note.md") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_read_with_minutes_shows_the_pass_and_logs() -> None:
    code, out, _ = run("read", "lora", "--pass", "1", "--minutes", "7")
    assert code == 0
    assert "Pass 1 (Survey, 5-10 min)" in out and "The guide: 6. LoRA" in out and "No PDF" in out
    assert "Logged 7 min of pass 1 on lora." in out
    data = json.loads(run("progress", "--json")[1])
    assert data["total_minutes"] == 7


def test_read_pass_2_and_3_show_what_to_study() -> None:
    out = run("read", "lora", "--pass", "2", "--minutes", "1")[1]
    assert "Fill in the note" in out and "Colleague summary" in out
    out = run("read", "lora", "--pass", "3", "--minutes", "1")[1]
    assert "Reproduce the derivations" in out and "Connect it with other papers" in out


def test_read_runs_a_timer_and_logs_on_enter(monkeypatch: pytest.MonkeyPatch) -> None:
    from paperpass.reading import sessions

    moments = iter(datetime(2026, 11, 2, 9, tzinfo=UTC) + timedelta(minutes=3 * i) for i in range(100))
    monkeypatch.setattr(sessions, "utc_now", lambda: next(moments))
    code, out, _ = run("read", "dpo", "--pass", "1", stdin="\n")
    assert code == 0 and "Pass 1" in out and "Logged" in out and "interrupted" not in out


def test_read_timer_logs_on_ctrl_c_and_shows_over_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from paperpass.cli import reading as reading_cli
    from paperpass.reading import sessions

    now = [datetime(2026, 11, 2, 9, tzinfo=UTC)]
    monkeypatch.setattr(sessions, "utc_now", lambda: now[0])

    def ctrl_c_after_a_while(seconds: float = 0.5) -> bool:
        now[0] += timedelta(minutes=12)
        raise KeyboardInterrupt

    monkeypatch.setattr(reading_cli, "_wait_for_enter", ctrl_c_after_a_while)
    code, out, _ = run("read", "rag", "--pass", "1")
    assert code == 0 and "Logged 12.0 min of pass 1 on rag (interrupted)." in out
    history = json.loads(run("progress", "--json")[1])
    rag = next(p for c in history["categories"] for p in c["papers"] if p["slug"] == "rag")
    assert rag["minutes"]["1"] == 12 and rag["budget_state"]["1"] == "over"


def test_log_and_bad_input_are_one_line_errors() -> None:
    code, out, _ = run("log", "react", "--pass", "2", "--minutes", "40")
    assert code == 0 and "Logged 40 min of pass 2 on react." in out
    code, _, err = run("log", "react", "--pass", "2", "--minutes", "0")
    assert code == 2 and "minutes must be at least 0.5 (got 0)" in err and err.count("\n") == 1
    code, _, err = run("log", "react", "--pass", "2", "--minutes", "-5")
    assert code == 2 and "minutes must be at least 0.5 (got -5)" in err and err.count("\n") == 1
    code, _, err = run("log", "no-such-paper", "--pass", "1", "--minutes", "5")
    assert code == 2 and "no paper 'no-such-paper'" in err
    code, _, _ = run("log", "react", "--pass", "4", "--minutes", "5")
    assert code == 2


def test_pass_done_checks_exit_criteria_and_force_is_logged(tmp_path: Path) -> None:
    code, _, err = run("pass-done", "lora", "1")
    assert code == 1 and "not complete yet" in err and "no note yet" in err
    code, out, _ = run("pass-done", "lora", "1", "--force")
    assert code == 0 and "--force" in out
    assert run("note", "lora", "--from", write_note(tmp_path))[0] == 0
    code, out, _ = run("read", "lora", "--pass", "2", "--minutes", "40", "--complete")
    assert code == 0 and "Pass 2 of lora complete" in out
    code, out, _ = run("pass-done", "lora", "3")
    assert code == 0
    data = json.loads(run("progress", "--json")[1])
    assert next(t for t in data["top15"] if t["label"] == "LoRA")["status"] == "done"


def test_progress_table_has_categories_top15_and_sparkline() -> None:
    run("log", "lora", "--pass", "1", "--minutes", "9")
    code, out, _ = run("progress")
    assert code == 0
    for text in (
        "By category",
        "Foundational",
        "Top 15 for interviews",
        "LoRA",
        "Reading per week",
        "total 9 min",
    ):
        assert text in out


def test_note_from_print_check_history_diff_restore(tmp_path: Path) -> None:
    code, out, _ = run("note", "--print", "bert")
    assert code == 0 and out.startswith("# BERT") and "TODO:" in out
    assert run("note", "bert", "--from", write_note(tmp_path, out))[0] == 0  # the template itself saves
    code, out, _ = run("note", "check", "bert")
    assert code == 1 and "Problem (problem): placeholder 'TODO' left" in out
    assert run("note", "bert", "--from", write_note(tmp_path))[1].startswith(
        "Saved the note of bert as version 2."
    )
    code, out, _ = run("note", "check")
    assert code == 0 and "ok   bert" in out
    assert "2" in run("note", "history", "bert")[1]
    assert "+## Problem" not in run("note", "diff", "bert")[1] and "-TODO" in run("note", "diff", "bert")[1]
    assert "Restored version 1 of bert as version 3." in run("note", "restore", "bert", "1")[1]
    assert run("note", "--print", "bert")[1].count("TODO:") == 6


def test_note_from_a_bad_file_is_refused(tmp_path: Path) -> None:
    code, _, err = run("note", "gpt-3", "--from", write_note(tmp_path, "## Problm\nx\n"))
    assert code == 2 and "unknown section 'Problm'" in err
    code, _, err = run("note", "gpt-3", "--from", str(tmp_path / "missing.md"))
    assert code == 2 and "cannot read" in err
    run("note", "gpt-3", "--from", write_note(tmp_path))
    code, _, err = run("note", "gpt-3", "--from", write_note(tmp_path), "--base-version", "0")
    assert code == 1 and "saved elsewhere" in err


def editor_script(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(
        f"import sys, pathlib\npathlib.Path(sys.argv[1]).write_text({body!r})\n", encoding="utf-8"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return f"{sys.executable} {script}"


def test_note_opens_the_editor_and_saves_on_exit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, GOOD_NOTE))
    monkeypatch.delenv("VISUAL", raising=False)
    code, out, _ = run("note", "dpo")
    assert code == 0 and "Saved the note of dpo as version 1." in out
    assert run("note", "--print", "dpo")[1] == GOOD_NOTE
    assert list((Path(os.environ["PAPERPASS_HOME"]) / "drafts").iterdir()) == []


def test_an_invalid_edit_is_reported_and_the_file_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "## Problm\nmy precious words\n"))
    monkeypatch.delenv("VISUAL", raising=False)
    code, _, err = run("note", "kto")
    assert code == 2 and "unknown section 'Problm'" in err and "your edit is kept in" in err
    [draft] = (Path(os.environ["PAPERPASS_HOME"]) / "drafts").iterdir()
    assert "my precious words" in draft.read_text(encoding="utf-8") and str(draft) in err
    assert f"paperpass note kto --from '{draft}'" in err


def test_vault_export_and_sync(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    code, out, _ = run("vault", "export", str(vault))
    assert code == 0 and "32 file(s) written" in out
    path = vault / "Papers" / "orpo.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "TODO: One sentence", "Alignment costs two stages. One sentence"
        )
    )
    code, out, _ = run("vault", "sync", str(vault))
    assert code == 0 and "imported  Papers/orpo.md" in out
    path.write_text(path.read_text(encoding="utf-8").replace("two stages", "2 stages"))
    run("note", "orpo", "--from", write_note(tmp_path))
    code, out, _ = run("vault", "sync", str(vault), "--json")
    assert code == 1 and len(json.loads(out)["conflicts"]) == 1
    (vault / "Papers" / "bert.md").unlink()
    code, out, _ = run("vault", "sync", str(vault))
    assert "deleted" in out and "Papers/bert.md" in out
    code, _, err = run("vault", "sync", str(tmp_path / "nowhere"))
    assert code == 2 and "not a paperpass vault" in err


def test_highlights_from_the_command_line(cli: CliRun, settings: Settings) -> None:
    assert cli("highlights", "lora").out.startswith("No highlights on lora yet")
    nowhere = cli("highlights", "lora", "--add", "a low-rank update", "--page", "4")
    assert nowhere.code != 0 and "no PDF" in nowhere.err  # nothing to highlight on yet
    install_lora_pdf(settings.pdf_dir)
    beyond = cli("highlights", "lora", "--add", "a low-rank update", "--page", "99")
    assert beyond.code == 2 and beyond.err.count("\n") == 1 and "no page 99" in beyond.err
    kept = cli("highlights", "lora", "--add", "a low-rank  update ", "--page", "4")
    assert kept.code == 0 and "on p. 4 of lora" in kept.out
    cli("highlights", "lora", "--add", "frozen weights", "--page", "2")
    assert (
        cli("highlights", "lora", "--markdown").out
        == "> frozen weights [p. 2]\n\n> a low-rank update [p. 4]\n"
    )
    data = json.loads(cli("highlights", "lora", "--json").out)
    assert [h["page"] for h in data["highlights"]] == [2, 4]
    first = data["highlights"][0]["id"]
    assert cli("highlights", "lora", "--delete", str(first)).code == 0
    missing = cli("highlights", "lora", "--delete", str(first))
    assert missing.code != 0 and missing.err.count("\n") == 1 and "no highlight" in missing.err
    assert cli("highlights", "lora", "--add", "text").code == 2  # no --page
