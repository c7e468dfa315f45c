"""The command line on a team library acts as a named account (``--user NAME`` / ``PAPERPASS_USER``).

Without one, commands that read or write personal data stop with one line and exit status 2, and write
nothing; administration works as before. A single-user library is unchanged: its one user is id 0.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.cli import CliRun
from support.notes import GOOD_NOTE

REFUSED = "this library has accounts: say whose notes, practice and plans to use with --user NAME"


@pytest.fixture
def team(cli: CliRun) -> CliRun:
    """A team library: two accounts, ``ada`` (admin) and ``bob``."""
    for name, extra in (("ada", ["--admin"]), ("bob", [])):
        result = cli("user", "add", name, "--password-stdin", *extra, stdin=f"{name}'s password\n")
        assert result.code == 0, result.err
    return cli


def _note_file(tmp_path: Path, text: str = GOOD_NOTE) -> str:
    path = tmp_path / "note.md"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "args",
    [
        ["note", "lora", "--from", "NOTE"],
        ["note", "lora", "--print"],
        ["note", "history", "lora"],
        ["questions", "add", "Why?", "--point", "because"],
        ["questions", "--json"],
        ["practice"],
        ["log", "lora", "--pass", "1", "--minutes", "5"],
        ["pass-done", "lora", "1"],
        ["progress", "--json"],
        ["plan", "--interview", "2030-01-01", "--hours-per-day", "2"],
        ["ready", "--json"],
        ["vault", "export", "VAULT"],
    ],
)
def test_personal_commands_without_an_account_are_refused(
    team: CliRun, tmp_path: Path, args: list[str]
) -> None:
    args = [_note_file(tmp_path) if a == "NOTE" else str(tmp_path / "v") if a == "VAULT" else a for a in args]
    result = team(*args, stdin="")
    assert result.code == 2
    assert result.err.strip().splitlines() == [f"paperpass: error: {REFUSED} (or the PAPERPASS_USER setting)"]
    assert "Traceback" not in result.out + result.err
    for name in ("ada", "bob"):  # nothing was written for anyone
        history = team("--user", name, "note", "history", "lora")
        assert history.code == 0 and "│ 1 " not in history.out
        assert json.loads(team("--user", name, "progress", "--json").out)["total_minutes"] == 0


def test_a_note_from_the_cli_belongs_to_the_named_account(team: CliRun, tmp_path: Path) -> None:
    # A paper beyond the guide: a guide paper's note repeats no bank card, so it makes no note cards.
    bib = tmp_path / "qlora.bib"
    bib.write_text(
        "@article{dettmers2023qlora, title={QLoRA: Efficient Finetuning of Quantized LLMs},"
        " author={Dettmers, Tim and Pagnoni, Artidoro}, year={2023}}\n",
        encoding="utf-8",
    )
    added = json.loads(team("add", str(bib), "--json").out)
    slug = added[0]["paper"]["slug"]
    saved = team("--user", "bob", "note", slug, "--from", _note_file(tmp_path))
    assert saved.code == 0 and "version 1" in saved.out
    assert team("--user", "bob", "note", slug, "--print").out == GOOD_NOTE
    as_ada = team("note", slug, "--print", env={"PAPERPASS_USER": "ada"})
    assert as_ada.code == 0 and as_ada.out != GOOD_NOTE and "## Problem" in as_ada.out  # ada's own template
    cards = json.loads(team("--user", "bob", "questions", "--json", "--kind", "note").out)
    assert cards and all(c["source"] == "note" for c in cards)
    assert json.loads(team("--user", "ada", "questions", "--json", "--kind", "note").out) == []


def test_the_option_wins_over_the_setting_and_unknown_names_are_one_line(
    team: CliRun, tmp_path: Path
) -> None:
    team("--user", "bob", "log", "lora", "--pass", "1", "--minutes", "5", env={"PAPERPASS_USER": "ada"})
    assert json.loads(team("--user", "bob", "progress", "--json").out)["total_minutes"] == 5
    assert json.loads(team("--user", "ada", "progress", "--json").out)["total_minutes"] == 0
    unknown = team("--user", "zed", "progress")
    assert unknown.code == 2 and unknown.err.startswith("paperpass: error: no account 'zed'")


def test_administration_needs_no_account(team: CliRun) -> None:
    listed = team("user", "list", "--json")
    assert listed.code == 0 and [u["username"] for u in json.loads(listed.out)] == ["ada", "bob"]
    assert team("list", "--json").code == 0
    created = team("group", "create", "Club", "--weekly", "thu", "17:00", "--tz", "UTC")
    assert created.code == 0, created.err
    assert team("guide", "--json").code == 0


def test_a_single_user_library_needs_no_name_and_refuses_one(cli: CliRun, tmp_path: Path) -> None:
    assert cli("note", "lora", "--from", _note_file(tmp_path)).code == 0
    assert cli("note", "lora", "--print").out == GOOD_NOTE
    named = cli("--user", "ada", "note", "lora", "--print")
    assert named.code == 2 and "this library has no accounts" in named.err
