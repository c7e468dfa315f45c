"""Accounts and membership on a real server (SQLite and PostgreSQL): nothing reveals other groups or
accounts to non-admins, members join by invitation only, admins disable, demote and remove accounts (a
disabled account's sessions end), everyone changes their own password, and the sources API names files
without showing where the server keeps them.

On the old code a taken group name was a 409 naming the other group, adding an unknown username said
"no user 'x' (did you mean: ...)", an organizer could put any account in a group, and there was no way to
disable an account or change one's own password on the web.
"""

from __future__ import annotations

import re

import httpx

from paperpass.store import Store
from paperpass.store import accounts as account_rows
from paperpass.store import notes as note_rows
from paperpass.store import papers as paper_rows
from paperpass.store import sources as source_rows
from security.conftest import PASSWORDS, add_account
from support.live import RealServer, log_in, page_token
from support.notes import GOOD_NOTE

GROUP_FORM = {"weekday": "thu", "at": "17:00", "zone": "UTC", "starts_on": "2026-10-01"}


class Browser:
    """A logged-in browser tab: the client and the CSRF token of its session."""

    def __init__(self, server: RealServer, name: str, password: str | None = None) -> None:
        self.client = server.client()
        self.token = log_in(self.client, name, password or PASSWORDS[name])

    def post(self, path: str, **data: str) -> httpx.Response:
        return self.client.post(path, data=data, headers={"X-CSRF-Token": self.token})

    def get(self, path: str) -> httpx.Response:
        return self.client.get(path)


def _create(browser: Browser, name: str) -> httpx.Response:
    return browser.post("/groups", name=name, **GROUP_FORM)


def _accept_from_groups_page(browser: Browser, group_name: str) -> httpx.Response:
    page = browser.get("/groups").text
    found = re.search(r'action="(/invitations/\d+/accept)"', page.split(group_name, 1)[-1])
    assert found, f"no invitation to {group_name}"
    return browser.post(found.group(1))


def test_a_taken_group_name_reveals_nothing(team_server: RealServer) -> None:
    eve, bob = Browser(team_server, "eve"), Browser(team_server, "bob")
    assert _create(eve, "Secret Society").status_code == 303
    taken, fresh = _create(bob, "Secret Society"), _create(bob, "Open Society")
    assert (taken.status_code, fresh.status_code) == (303, 303)
    assert taken.headers["location"] == "/groups/secret-society-bob"  # the same shape either way
    assert fresh.headers["location"] == "/groups/open-society-bob"
    theirs, nothing = bob.get("/groups/secret-society-eve"), bob.get("/groups/no-such-society-eve")
    assert theirs.status_code == nothing.status_code == 404
    assert theirs.text.replace("secret-society-eve", "X") == nothing.text.replace("no-such-society-eve", "X")
    close = bob.get("/groups/secret-society-ev")  # no "did you mean" naming eve's group
    assert close.status_code == 404 and "secret-society-eve" not in close.text


def test_inviting_an_unknown_username_looks_like_inviting_a_known_one(team_server: RealServer) -> None:
    bob = Browser(team_server, "bob")
    url = _create(bob, "Paper Club").headers["location"]
    known, unknown = (
        bob.post(f"{url}/invitations", username="cat"),
        bob.post(f"{url}/invitations", username="zed"),
    )
    assert known.status_code == unknown.status_code == 303
    assert known.headers["location"] == unknown.headers["location"]
    page = bob.get(url).text
    rows = dict(re.findall(r'<span class="invitee">([^<]+)</span> <span class="muted">([^<]+)</span>', page))
    assert set(rows) == {"cat", "zed"} and rows["cat"].replace("cat", "zed") == rows["zed"]
    assert "no user" not in page and "did you mean" not in page
    bad = bob.post(f"{url}/invitations", username="not a name!")
    assert bad.status_code == 400  # a malformed name is refused whatever exists


def test_a_member_joins_only_by_accepting(team_server: RealServer) -> None:
    bob, cat, eve = Browser(team_server, "bob"), Browser(team_server, "cat"), Browser(team_server, "eve")
    url = _create(bob, "Reading Club").headers["location"]
    assert bob.post(f"{url}/invitations", username="cat", name="Cat").status_code == 303
    assert bob.post(f"{url}/invitations", username="eve").status_code == 303
    assert cat.get(url).status_code == 404  # invited is not yet a member
    page = cat.get("/groups").text
    assert "Reading Club" in page and "from bob" in page
    invitation = re.search(r'action="/invitations/(\d+)/accept"', page.split("Reading Club", 1)[1])
    assert invitation is not None
    assert eve.post(f"/invitations/{invitation.group(1)}/accept").status_code == 404  # not hers
    assert eve.get(url).status_code == 404
    accepted = cat.post(f"/invitations/{invitation.group(1)}/accept")
    assert accepted.status_code == 303 and accepted.headers["location"] == url
    assert cat.get(url).status_code == 200
    assert '<span class="member-name">Cat</span>' in bob.get(url).text
    declined = re.search(
        r'action="(/invitations/\d+)/accept"', eve.get("/groups").text.split("Reading Club", 1)[1]
    )
    assert declined is not None and eve.post(f"{declined.group(1)}/decline").status_code == 303
    assert eve.get(url).status_code == 404
    assert '<span class="invitee">eve</span>' in bob.get(url).text  # declined still looks like waiting


def test_admins_disable_enable_and_demote_accounts(team_server: RealServer) -> None:
    dan_password = add_account(team_server, "dan", admin=True)
    ana, dan = Browser(team_server, "ana"), Browser(team_server, "dan", dan_password)
    assert dan.get("/admin/users").status_code == 200
    assert Browser(team_server, "bob").post("/admin/users/dan/disable").status_code == 403  # not an admin
    assert ana.post("/admin/users/dan/demote").status_code == 303
    assert dan.get("/admin/users").status_code == 403  # at once: the role is no longer admin
    assert ana.post("/admin/users/dan/disable").status_code == 303
    assert dan.get("/groups").status_code == 303  # the session ended
    with team_server.client() as again:
        refused = again.post("/login", data={"csrf_token": page_token(again), "username": "dan",
                                             "password": dan_password})  # fmt: skip
        assert refused.status_code == 403 and "disabled" in refused.text
    assert ana.post("/admin/users/dan/enable").status_code == 303
    assert Browser(team_server, "dan", dan_password).get("/groups").status_code == 200
    own = ana.post("/admin/users/ana/demote")
    assert own.status_code == 400 and "your own account" in own.text


def test_admins_remove_an_account_and_its_data(team_server: RealServer) -> None:
    gus_password = add_account(team_server, "gus")
    gus = Browser(team_server, "gus", gus_password)
    assert gus.client.post("/api/papers/lora/note", json={"text": GOOD_NOTE, "version": 0},
                           headers={"X-CSRF-Token": gus.token}).status_code == 200  # fmt: skip
    ana = Browser(team_server, "ana")
    unconfirmed = ana.post("/admin/users/gus/remove", confirm="someone")
    assert unconfirmed.status_code == 400
    store = Store.open(team_server.db_url, migrate=False)
    try:
        with store.connect() as conn:
            gus_id = account_rows.get_user(conn, "gus").id
            lora = paper_rows.get_paper(conn, "lora")
            assert lora.id is not None and note_rows.current_note(conn, lora.id, gus_id) is not None
        assert ana.post("/admin/users/gus/remove", confirm="gus").status_code == 303
        with store.connect() as conn:
            assert note_rows.current_note(conn, lora.id, gus_id) is None
    finally:
        store.close()
    assert gus.get("/groups").status_code == 303
    assert "gus" not in ana.get("/admin/users").text


def test_everyone_changes_their_own_password(team_server: RealServer) -> None:
    password = add_account(team_server, "hal")
    hal, other_tab = Browser(team_server, "hal", password), Browser(team_server, "hal", password)
    new = "hal's brand new password"
    wrong = hal.post("/account/password", current="not it", new=new, again=new)
    assert wrong.status_code == 400 and "current password is wrong" in wrong.text
    differ = hal.post("/account/password", current=password, new=new, again=new + "!")
    assert differ.status_code == 400
    changed = hal.post("/account/password", current=password, new=new, again=new)
    assert changed.status_code == 303 and changed.headers["location"] == "/account?changed=1"
    assert hal.get("/account?changed=1").status_code == 200  # this tab stays logged in, with a new session
    assert other_tab.get("/groups").status_code == 303  # every other session ended
    Browser(team_server, "hal", new)
    with team_server.client() as old:
        answer = old.post(
            "/login", data={"csrf_token": page_token(old), "username": "hal", "password": password}
        )
        assert answer.status_code == 401


def test_the_sources_api_shows_no_server_paths(team_server: RealServer) -> None:
    hidden = team_server.home / "private-dir" / "pdfs" / "attention.pdf"
    store = Store.open(team_server.db_url, migrate=False)
    try:
        with store.transaction() as conn:
            paper = paper_rows.get_paper(conn, "attention-is-all-you-need")
            assert paper.id is not None
            source_rows.add_file(conn, source_rows.PaperFile(paper.id, str(hidden), "cd" * 32, 4096, 7, None))
    finally:
        store.close()
    bob = Browser(team_server, "bob")
    sources = bob.get("/api/papers/attention-is-all-you-need/sources")
    assert sources.status_code == 200
    [entry] = sources.json()["files"]
    assert entry["name"] == "attention.pdf" and entry["sha256"] == "cd" * 32 and entry["arxiv_version"] == 7
    for where in (sources.text, bob.get("/papers/attention-is-all-you-need").text,
                  bob.get("/api/papers/attention-is-all-you-need").text):  # fmt: skip
        assert str(team_server.home) not in where and "private-dir" not in where
