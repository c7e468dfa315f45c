"""Bad files on the command line, on SQLite and PostgreSQL alike: a NUL character in a note or in meeting
minutes is exit 2 with one line on stderr and nothing saved; `vault sync` reports a note that is not UTF-8
(or holds NUL) in one line, goes on with the others, and imports the note once it is valid again.

On the old code PostgreSQL ended these with a traceback while SQLite stored the NUL, and a non-UTF-8 vault
note stopped the whole sync with a UnicodeDecodeError.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paperpass.library import get_paper
from paperpass.notes.history import note_history
from paperpass.store import Store
from support.cli import CliRun
from support.library import library_for
from support.notes import GOOD_NOTE


@pytest.fixture
def run(library_with_guide: Store, db_url: str, cli: CliRun, monkeypatch: pytest.MonkeyPatch) -> CliRun:
    """The CLI on a seeded single-user library on each back end."""
    monkeypatch.setenv("PAPERPASS_DB", db_url)
    return cli


def one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_a_note_file_with_a_nul_is_exit_2_and_not_saved(
    run: CliRun, library_with_guide: Store, tmp_path: Path
) -> None:
    draft = tmp_path / "note.md"
    draft.write_text(GOOD_NOTE.replace("RNNs read", "RNNs\x00read"), encoding="utf-8")
    result = run("note", "lora", "--from", str(draft))
    assert result.code == 2
    assert "NUL" in one_line_error(result.err)
    lib = library_for(library_with_guide)
    assert note_history(lib, get_paper(lib, "lora")) == []


def test_minutes_with_a_nul_are_exit_2(run: CliRun, tmp_path: Path) -> None:
    made = run("group", "create", "Club", "--weekly", "thu", "17:00", "--tz", "UTC", "--start", "2026-10-01")
    assert made.code == 0, made.err
    minutes = tmp_path / "minutes.md"
    minutes.write_text("we met\x00 and read\n", encoding="utf-8")
    result = run("group", "minutes", "club", "2026-10-01", "--file", str(minutes))
    assert result.code == 2 and "NUL" in one_line_error(result.err)
    assert run("group", "minutes", "club", "2026-10-01").out.strip() == "(no notes yet)"


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_vault_sync_reports_a_bad_note_goes_on_and_imports_it_once_fixed(run: CliRun, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    assert run("vault", "export", str(vault)).code == 0
    lora, orpo, bert = (vault / "Papers" / f"{slug}.md" for slug in ("lora", "orpo", "bert"))
    _edit(orpo, "TODO: One sentence", "Alignment costs two stages. One sentence")
    good_lora = lora.read_text(encoding="utf-8").replace("TODO: One sentence", "Low rank. One sentence")
    lora.write_bytes(good_lora.replace("Low rank", "Low r\xe4nk").encode("latin-1"))  # not UTF-8
    _edit(bert, "TODO: One sentence", "Masked\x00 words. One sentence")

    result = run("vault", "sync", str(vault), "--json")
    assert result.code == 1 and "Traceback" not in result.err
    report = json.loads(result.out)
    assert report["imported"] == ["Papers/orpo.md"]
    invalid = dict(line.split(": ", 1) for line in report["invalid"])
    assert set(invalid) == {"Papers/lora.md", "Papers/bert.md"}
    assert "UTF-8" in invalid["Papers/lora.md"] and "NUL" in invalid["Papers/bert.md"]
    assert lora.read_bytes() == good_lora.replace("Low rank", "Low r\xe4nk").encode("latin-1")  # untouched

    plain = run("vault", "sync", str(vault))
    assert plain.code == 1
    assert [line for line in plain.out.splitlines() if "lora.md" in line] == [
        next(line for line in plain.out.splitlines() if "invalid" in line and "lora.md" in line)
    ]

    lora.write_text(good_lora, encoding="utf-8")
    _edit(bert, "Masked\x00 words", "Masked words")
    fixed = run("vault", "sync", str(vault), "--json")
    assert fixed.code == 0, fixed.out
    assert sorted(json.loads(fixed.out)["imported"]) == ["Papers/bert.md", "Papers/lora.md"]
    assert "Low rank. One sentence" in run("note", "lora", "--print").out
    assert "Masked words" in run("note", "bert", "--print").out
