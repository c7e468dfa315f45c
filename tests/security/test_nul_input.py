"""NUL characters (``\\x00``) typed or pasted into anything the server stores or looks up: a 400 with a
one-line message on SQLite and PostgreSQL alike, nothing stored, no traceback in the server's log.

On the old code PostgreSQL (whose text cannot hold NUL) answered 500 with a traceback in the log, and
SQLite stored the character: a note, meeting minutes or decisions, a skip reason; a username or a slug in
a lookup was a 500 on PostgreSQL.
"""

from __future__ import annotations

import httpx
import pytest

from security.conftest import PASSWORDS
from support.live import RealServer, log_in
from support.notes import GOOD_NOTE

GROUP_FORM = {"weekday": "thu", "at": "17:00", "zone": "UTC", "starts_on": "2026-10-01"}


class Tab:
    """A logged-in browser tab on the team server."""

    def __init__(self, server: RealServer, name: str) -> None:
        self.client = server.client()
        self.token = log_in(self.client, name, PASSWORDS[name])

    def post(self, path: str, **data: str) -> httpx.Response:
        return self.client.post(path, data=data, headers={"X-CSRF-Token": self.token})


def refused(response: httpx.Response) -> str:
    """The one-line message of a 400 that names the NUL character."""
    assert response.status_code == 400, (response.status_code, response.text[:300])
    text = response.json()["error"] if response.url.path.startswith("/api/") else response.text
    assert "NUL" in text
    return text


def no_traceback(server: RealServer) -> None:
    assert "Traceback" not in server.output(), server.output()[-3000:]


def test_a_note_with_a_nul_is_refused_and_not_stored(team_server: RealServer) -> None:
    ana = Tab(team_server, "ana")
    version = ana.client.get("/api/papers/lora/note").json()["version"]
    api = ana.client.post(
        "/api/papers/lora/note",
        json={"text": GOOD_NOTE.replace("RNNs read", "RNNs\x00read"), "version": version},
        headers={"X-CSRF-Token": ana.token},
    )
    message = refused(api)
    assert "\n" not in message.strip()
    refused(ana.post("/papers/lora/note", text=GOOD_NOTE + "\x00", version=str(version)))
    assert ana.client.get("/api/papers/lora/note").json()["version"] == version
    no_traceback(team_server)


@pytest.mark.parametrize("path", ["/papers/lo%00ra/note", "/api/papers/lo%00ra/note", "/papers/lo%00ra"])
def test_a_slug_with_a_nul_is_a_4xx(team_server: RealServer, path: str) -> None:
    ana = Tab(team_server, "ana")
    response = ana.client.get(path)
    assert response.status_code in (400, 404), (response.status_code, response.text[:300])
    no_traceback(team_server)


def test_minutes_and_skip_reasons_with_a_nul_are_refused(team_server: RealServer) -> None:
    bob = Tab(team_server, "bob")
    assert bob.post("/groups", name="Nul\x00 Club", **GROUP_FORM).status_code == 400  # control characters
    created = bob.post("/groups", name="Clean Club", **GROUP_FORM)
    assert created.status_code == 303
    group = created.headers["location"]
    refused(bob.post(f"{group}/skips", day="2026-10-08", reason="holiday\x00"))
    refused(bob.post(f"{group}/meetings/2026-10-01/minutes", version="0", notes="we met\x00"))
    refused(bob.post(f"{group}/meetings/2026-10-01/minutes", version="0", decisions="read\x00 more"))
    page = bob.client.get(group).text
    assert "holiday" not in page
    meeting = bob.client.get(f"{group}/meetings/2026-10-01").text
    assert "we met" not in meeting
    no_traceback(team_server)


def test_usernames_with_a_nul_are_refused(team_server: RealServer) -> None:
    with team_server.client() as client:
        page = client.get("/login")
        token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        login = client.post("/login", data={"username": "ana\x00", "password": "x", "csrf_token": token})
        assert login.status_code in (400, 401), (login.status_code, login.text[:300])
    bob = Tab(team_server, "bob")
    group = bob.post("/groups", name="Invite Club", **GROUP_FORM).headers["location"]
    invite = bob.post(f"{group}/invitations", username="cat\x00")
    assert invite.status_code in (303, 400), (invite.status_code, invite.text[:300])
    ana = Tab(team_server, "ana")
    admin = ana.post("/admin/users/bob%00/disable")
    assert admin.status_code in (400, 404), (admin.status_code, admin.text[:300])
    no_traceback(team_server)
