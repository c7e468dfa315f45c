"""Running accounts and group membership from the command line: admins disable, enable, demote, promote and
remove accounts; an account changes its own password; accounts join groups by invitation only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paperpass.accounts.users import authenticate
from paperpass.config import load_settings
from paperpass.errors import ForbiddenError
from paperpass.store import Store
from support.cli import CliRun
from support.notes import GOOD_NOTE

ACCOUNTS = {"ada": True, "bob": False, "cat": False}


@pytest.fixture
def team(cli: CliRun) -> CliRun:
    """A team library: ``ada`` (admin), ``bob`` and ``cat``."""
    for name, admin in ACCOUNTS.items():
        extra = ["--admin"] if admin else []
        result = cli("user", "add", name, "--password-stdin", *extra, stdin=f"{name}'s password\n")
        assert result.code == 0, result.err
    return cli


def _store() -> Store:
    return Store.open(load_settings().db_url)


def _accounts(team: CliRun) -> dict[str, dict[str, object]]:
    return {row["username"]: row for row in json.loads(team("user", "list", "--json").out)}


def test_disable_and_enable_an_account(team: CliRun) -> None:
    assert team("user", "disable", "bob").code == 0
    assert _accounts(team)["bob"]["disabled"] is True
    store = _store()
    try:
        with pytest.raises(ForbiddenError, match="disabled"):
            authenticate(store, "bob", "bob's password")
        assert team("user", "enable", "bob").code == 0
        assert authenticate(store, "bob", "bob's password") is not None
    finally:
        store.close()


def test_demote_promote_and_the_last_admin(team: CliRun) -> None:
    assert team("user", "promote", "bob").code == 0 and _accounts(team)["bob"]["admin"] is True
    assert team("user", "demote", "bob").code == 0 and _accounts(team)["bob"]["admin"] is False
    last = team("user", "demote", "ada")
    assert last.code == 1 and "last active admin" in last.err and _accounts(team)["ada"]["admin"] is True
    assert team("user", "disable", "ada").code == 1
    own = team("--user", "ada", "user", "promote", "ada")
    assert own.code == 2 and "your own account" in own.err
    refused = team("--user", "bob", "user", "disable", "cat")
    assert refused.code == 1 and "only an admin" in refused.err
    assert _accounts(team)["cat"]["disabled"] is False


def test_remove_deletes_the_account_and_its_data(team: CliRun, tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text(GOOD_NOTE, encoding="utf-8")
    saved = team("--user", "cat", "note", "lora", "--from", str(note))
    assert saved.code == 0, saved.err
    assert team("user", "remove", "cat", stdin="n\n").code == 1  # asks first
    assert "cat" in _accounts(team)
    removed = team("user", "remove", "cat", "--yes")
    assert removed.code == 0 and "Removed cat" in removed.out
    assert "cat" not in _accounts(team)
    assert team("user", "add", "cat", "--password-stdin", stdin="a new cat's password\n").code == 0
    assert team("--user", "cat", "note", "lora", "--print").out != GOOD_NOTE  # nothing inherited
    assert team("user", "remove", "nobody", "--yes").code == 2


def test_change_your_own_password(team: CliRun) -> None:
    wrong = team(
        "--user", "bob", "user", "change-password", "--password-stdin", stdin="nope\nnew password!\n"
    )
    assert wrong.code == 2 and "current password is wrong" in wrong.err
    short = team(
        "--user", "bob", "user", "change-password", "--password-stdin", stdin="bob's password\nshort\n"
    )
    assert short.code == 2
    changed = team("--user", "bob", "user", "change-password", "--password-stdin",
                   stdin="bob's password\nbob's new password\n")  # fmt: skip
    assert changed.code == 0, changed.err
    store = _store()
    try:
        assert authenticate(store, "bob", "bob's new password") is not None
        assert authenticate(store, "bob", "bob's password") is None
    finally:
        store.close()
    nobody = team("user", "change-password", "--password-stdin", stdin="x\ny\n")
    assert nobody.code == 2 and "--user" in nobody.err


def test_accounts_join_groups_by_invitation(team: CliRun) -> None:
    created = team("--user", "bob", "group", "create", "Club", "--weekly", "thu", "17:00", "--tz", "UTC")
    assert created.code == 0 and "club-bob" in created.out
    for name in ("cat", "nobody"):  # an unknown name is answered exactly like a known one
        invited = team("--user", "bob", "group", "invite", "club-bob", name)
        assert invited.code == 0 and "if the account exists" in invited.out
    sent = json.loads(team("--user", "bob", "group", "invitations", "club-bob", "--json").out)
    assert sorted(i["username"] for i in sent) == ["cat", "nobody"]
    mine = json.loads(team("--user", "cat", "group", "invitations", "--json").out)
    assert [(i["group"], i["invited_by"]) for i in mine] == [("club-bob", "bob")]
    assert json.loads(team("--user", "ada", "group", "invitations", "--json").out) == []
    assert team("--user", "ada", "group", "accept", "club-bob").code == 2  # not ada's invitation
    assert team("--user", "cat", "group", "accept", "club-bob").code == 0
    schedule = json.loads(team("--user", "cat", "group", "schedule", "club-bob", "--json").out)
    assert schedule  # a member now
    sent = json.loads(team("--user", "bob", "group", "invitations", "club-bob", "--json").out)
    assert [i["username"] for i in sent] == ["nobody"]
    assert team("--user", "cat", "group", "share", "club-bob").code == 0


def test_a_declined_invitation_looks_like_an_unanswered_one(team: CliRun) -> None:
    team("--user", "bob", "group", "create", "Club", "--weekly", "thu", "17:00", "--tz", "UTC")
    team("--user", "bob", "group", "invite", "club-bob", "cat")
    assert team("--user", "cat", "group", "decline", "club-bob").code == 0
    sent = json.loads(team("--user", "bob", "group", "invitations", "club-bob", "--json").out)
    assert [i["username"] for i in sent] == ["cat"]  # still "waiting" to bob
    assert json.loads(team("--user", "cat", "group", "invitations", "--json").out) == []
    assert json.loads(team("--user", "cat", "group", "list", "--json").out) == []  # not a member
