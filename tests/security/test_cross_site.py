"""Another website cannot change the library, and the server answers only the names it serves.

Issue 16's "High": in single-user mode there was no CSRF token, Origin was ignored and any Host accepted, so
a page the user merely visited could replace their study plan or add a note version, and a DNS-rebinding
page could read notes (``Host: evil.example`` was answered). Each test drives a real server on SQLite and
PostgreSQL.
"""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest

from security.conftest import PASSWORDS
from support.live import RealServer, log_in, page_token
from support.notes import GOOD_NOTE

EVIL = "http://evil.example"
EVIL_DAY = (date.today() + timedelta(days=14)).isoformat()
OWN_DAY = (date.today() + timedelta(days=30)).isoformat()
PLAN_FORM = {"interview": EVIL_DAY, "hours_per_day": "0.1"}


OWN_FORM = {"interview": OWN_DAY, "hours_per_day": "2"}


def _evil_plan(client: httpx.Client) -> bool:
    """Whether the plan is the one the attacker posted."""
    plan = client.get("/api/plan")
    return plan.status_code == 200 and plan.json()["interview"] == EVIL_DAY


def test_a_cross_site_form_cannot_change_a_single_user_library(local_server: RealServer) -> None:
    with local_server.client() as browser:
        token = page_token(browser, "/plan")  # the user has the library open: the browser holds its cookie
        for headers in ({"Origin": EVIL}, {"Referer": EVIL + "/page.html"}, {"Origin": "null"}):
            refused = browser.post("/plan", data=PLAN_FORM, headers=headers)
            assert refused.status_code == 403, headers
            with_token = browser.post("/plan", data={**PLAN_FORM, "csrf_token": token}, headers=headers)
            assert with_token.status_code == 403, headers  # even a stolen token does not help cross-site
        assert browser.post("/plan", data=PLAN_FORM).status_code == 403  # no Origin, no token
        note = browser.post("/api/papers/lora/note", json={"text": "# LoRA\nspam", "version": 0})
        assert note.status_code == 403
        assert not _evil_plan(browser)
        assert "spam" not in browser.get("/api/papers/lora/note").text
        own = browser.post(
            "/plan", data={**OWN_FORM, "csrf_token": token}, headers={"Origin": local_server.url}
        )
        assert own.status_code == 303 and browser.get("/api/plan").json()["interview"] == OWN_DAY


def test_a_page_of_another_origin_on_the_same_machine_is_cross_site(local_server: RealServer) -> None:
    port = local_server.port
    with local_server.client() as browser:
        token = page_token(browser)
        for origin in (
            f"http://127.0.0.1:{port + 1}",
            f"http://localhost:{port}",
        ):
            answer = browser.post(
                "/plan", data={**PLAN_FORM, "csrf_token": token}, headers={"Origin": origin}
            )
            assert answer.status_code == 403, origin
        assert not _evil_plan(browser)


def test_a_token_is_tied_to_its_browser(local_server: RealServer) -> None:
    with local_server.client() as mine, local_server.client() as theirs:
        their_token = page_token(theirs)
        page_token(mine)
        stolen = mine.post("/plan", data={**PLAN_FORM, "csrf_token": their_token})
        assert stolen.status_code == 403
        forged = httpx.post(local_server.url + "/plan", data={**PLAN_FORM, "csrf_token": their_token})
        assert forged.status_code == 403  # the token without the cookie it belongs to


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.1.evil.example", "", "a b"])
def test_foreign_host_names_get_400_before_any_route(local_server: RealServer, host: str) -> None:
    answer = httpx.get(local_server.url + "/api/papers/lora/note", headers={"Host": host})
    assert answer.status_code == 400
    assert "LoRA" not in answer.text
    written = httpx.post(local_server.url + "/plan", data=PLAN_FORM, headers={"Host": host})
    assert written.status_code == 400


def test_loopback_names_with_any_port_are_served(local_server: RealServer) -> None:
    for host in ("127.0.0.1", f"127.0.0.1:{local_server.port}", "localhost:1234", "LOCALHOST", "[::1]:8765"):
        answer = httpx.get(local_server.url + "/api/papers/lora/note", headers={"Host": host})
        assert answer.status_code == 200, host
        assert answer.json()["paper"]["slug"] == "lora" if "paper" in answer.json() else True


def test_a_team_server_answers_its_allowed_hosts(team_server: RealServer) -> None:
    server = team_server  # allowed_hosts="papers.example.org, .lab.example.org"
    for host, status in [("papers.example.org", 303), ("papers.example.org:443", 303),
                         ("x.lab.example.org", 303), ("lab.example.org", 303), ("example.org", 400),
                         ("evil.example", 400), ("papers.example.org.evil.example", 400)]:  # fmt: skip
        answer = httpx.get(server.url + "/groups", headers={"Host": host})
        assert answer.status_code == status, host


def test_a_logged_in_session_refuses_cross_site_writes(team_server: RealServer) -> None:
    with team_server.client() as bob:
        token = log_in(bob, "bob", PASSWORDS["bob"])
        headers = {"X-CSRF-Token": token, "Origin": EVIL}
        assert (
            bob.post("/api/papers/lora/note", json={"text": "x", "version": 0}, headers=headers).status_code
            == 403
        )
        created = bob.post("/groups", data={"name": "Evil", "weekday": "mon", "at": "9:00", "zone": "UTC",
                                            "starts_on": "2026-10-05", "csrf_token": token},
                           headers={"Origin": EVIL})  # fmt: skip
        assert created.status_code == 403
        assert "Evil" not in bob.get("/groups").text
        ok = bob.post("/api/papers/lora/note", json={"text": GOOD_NOTE, "version": 0},
                      headers={"X-CSRF-Token": token, "Origin": team_server.url})  # fmt: skip
        assert ok.status_code == 200


def test_a_token_from_before_login_or_another_account_is_refused(team_server: RealServer) -> None:
    with team_server.client() as bob, team_server.client() as eve:
        before = page_token(bob)
        log_in(bob, "bob", PASSWORDS["bob"])
        eve_token = log_in(eve, "eve", PASSWORDS["eve"])
        for token in (before, eve_token):
            answer = bob.post("/api/papers/lora/note", json={"text": "x", "version": 0},
                              headers={"X-CSRF-Token": token})  # fmt: skip
            assert answer.status_code == 403
