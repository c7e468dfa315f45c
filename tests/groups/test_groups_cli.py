"""The group, user, db, backup and restore commands, end to end on the isolated home's library."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from icalendar import Calendar

from paperpass.store.db import newest_revision
from support.cli import run


def _club() -> None:
    code, out, err = run(
        "group",
        "create",
        "ML club",
        "--weekly",
        "thu",
        "17:00",
        "--tz",
        "Europe/Berlin",
        "--start",
        "2026-10-01",
    )
    assert code == 0, err
    assert "ml-club" in out
    for name in ("Ana", "Ben"):
        assert run("group", "add-member", "ml-club", name)[0] == 0


def test_a_group_from_creation_to_minutes(tmp_path: Path) -> None:
    _club()
    code, out, _ = run("group", "skip", "ML club", "2026-10-08", "--reason", "holiday")
    assert code == 0 and "skips 2026-10-08" in out
    code, out, _ = run("group", "schedule", "ml-club", "--json")
    rows = json.loads(out)
    assert [(r["date"], r["skipped"], r["presenter"]) for r in rows[:3]] == [
        ("2026-10-01", False, "Ana"),
        ("2026-10-08", True, None),
        ("2026-10-15", False, "Ben"),
    ]
    ics = tmp_path / "club.ics"
    code, out, _ = run("group", "schedule", "ml-club", "--ics", str(ics))
    assert code == 0 and "Attention Is All You Need" in out and "skipped" in out
    assert len(Calendar.from_ical(ics.read_bytes()).walk("VEVENT")) == len(rows)
    code, out, _ = run("group", "agenda", "ml-club", "2026-10-01", "--minutes", "60")
    assert code == 0 and out.startswith("# ML club: Attention Is All You Need") and "60 minutes" in out
    code, out, _ = run(
        "group", "minutes", "ml-club", "2026-10-01", "--notes", "Good talk", "--decision", "More math"
    )
    assert code == 0 and "version 1, 1 decisions" in out
    code, out, _ = run("group", "minutes", "ml-club", "2026-10-01")
    assert "Good talk" in out and "- decision: More math" in out
    code, out, _ = run("group", "attend", "ml-club", "2026-10-01", "Ana", "--absent", "Ben")
    assert code == 0 and "1 of 2 marked present: Ana" in out
    code, out, _ = run("group", "list", "--json")
    assert [g["slug"] for g in json.loads(out)] == ["ml-club"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["group", "create", "G", "--weekly", "thu", "17:00", "--tz", "Nowhere/City"], "unknown time zone"),
        (["group", "create", "G", "--weekly", "caturday", "17:00", "--tz", "UTC"], "not a day of the week"),
        (["group", "skip", "nope", "2026-10-01"], "no reading group 'nope'"),
        (["group", "agenda", "ml-club", "2026-10-02"], "no meeting on 2026-10-02"),
        (["group", "agenda", "ml-club", "1 Oct"], "not a date"),
        (["group", "attend", "ml-club", "2026-10-01", "Zed"], "no member 'Zed'"),
    ],
)
def test_bad_input_is_one_line_with_exit_2(args: list[str], message: str) -> None:
    _club()
    code, _, err = run(*args)
    assert code == 2 and message in err and err.count("\n") == 1


def test_user_add_from_stdin_and_serve_on_a_public_address() -> None:
    code, _, err = run("serve", "--host", "0.0.0.0", "--port", "1")
    assert code == 2 and "refusing to bind 0.0.0.0" in err and "user add" in err
    code, out, _ = run("user", "add", "ana", "--admin", "--password-stdin", stdin="correct horse\n")
    assert code == 0 and "Added admin ana" in out
    code, _, err = run("user", "add", "ana", "--password-stdin", stdin="correct horse\n")
    assert code == 1 and "already a user 'ana'" in err
    code, _, err = run("user", "add", "bob", "--password-stdin", stdin="short\n")
    assert code == 2 and "at least 8" in err
    code, out, _ = run("user", "list", "--json")
    assert [(u["username"], u["admin"]) for u in json.loads(out)] == [("ana", True)]
    assert "argon2" not in out
    code, out, _ = run("user", "password", "ana", "--password-stdin", stdin="a new long password\n")
    assert code == 0 and "sessions were ended" in out
    code, _, err = run("user", "password", "nobody", "--password-stdin", stdin="a new long password\n")
    assert code != 0 and "no user 'nobody'" in err and err.count("\n") == 1
    code, out, _ = run("user", "logout", "ana")
    assert code == 0 and "Ended 0 sessions of ana" in out


def test_serve_binds_a_public_address_once_accounts_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    run("user", "add", "ana", "--password-stdin", stdin="correct horse\n")
    code, out, err = run("serve", "--host", "0.0.0.0", "--port", "8999")
    assert code == 0, err
    assert "team server" in out and calls[0]["host"] == "0.0.0.0" and calls[0]["proxy_headers"] is True


def test_db_upgrade_backup_and_restore(isolated_env: Path, tmp_path: Path) -> None:
    code, out, _ = run("db", "upgrade")
    assert code == 0 and newest_revision() in out
    _club()
    backup = tmp_path / "backup.db"
    code, out, _ = run("backup", str(backup))
    assert code == 0 and backup.exists()
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT name FROM reading_groups").fetchall() == [("ML club",)]
    run("group", "create", "Later", "--weekly", "mon", "09:00", "--tz", "UTC")
    code, _, _ = run("restore", str(backup), "--yes")
    assert code == 0
    code, out, _ = run("group", "list", "--json")
    assert [g["slug"] for g in json.loads(out)] == ["ml-club"]
    not_a_db = tmp_path / "junk.db"
    not_a_db.write_text("hello")
    code, _, err = run("restore", str(not_a_db), "--yes")
    assert code == 2 and "not a SQLite database" in err
    code, _, err = run("backup", str(tmp_path / "missing" / "b.db"))
    assert code == 2 and "cannot write" in err
    code, _, err = run("backup", str(tmp_path / "pg.db"), "--db", "postgresql://u@127.0.0.1:1/x")
    assert code == 2 and "pg_dump" in err
