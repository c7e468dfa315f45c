"""Two users run a reading group on one team server backed by a real PostgreSQL, each in their own
browser context: the organizer creates the group, invites the member and records the meeting; the member
logs in, accepts the invitation and sees the same schedule, agenda and minutes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from paperpass.accounts.users import add_user
from paperpass.catalog import load_catalog
from paperpass.config import Settings
from paperpass.library import seed_guide
from paperpass.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


@pytest.fixture
def team_server(settings: Settings, postgres_url: str) -> Iterator[Any]:
    """The app in team-server mode on PostgreSQL with an organizer (ana) and a member (bob)."""
    from browser.conftest import LiveServer
    from paperpass.web.app import create_app

    store = Store.open(postgres_url)
    seed_guide(store, load_catalog())
    add_user(store, "ana", "ana's password")
    add_user(store, "bob", "bob's password")
    with LiveServer(create_app(settings, store)) as server:
        yield server
    store.close()


def _log_in(browser: Any, server: Any, user: str) -> Any:
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "/groups")
    page.wait_for_url("**/login?next=*")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", f"{user}'s password")
    page.click("form.login button[type=submit]")
    page.wait_for_url("**/groups")
    return page


def test_two_users_share_one_groups_schedule(browser: Any, team_server: Any) -> None:
    ana = _log_in(browser, team_server, "ana")
    cookies = {c["name"]: c for c in ana.context.cookies()}
    assert cookies["paperpass_session"]["httpOnly"] and cookies["paperpass_session"]["sameSite"] == "Lax"
    form = ana.locator("#create-group")
    form.locator("input[name=name]").fill("Thursday papers <b>")
    form.locator("select[name=weekday]").select_option("thursday")
    form.locator("input[name=zone]").fill("Europe/Berlin")
    form.locator("input[name=starts_on]").fill("2026-10-01")
    form.locator("button").click()
    ana.wait_for_url("**/groups/thursday-papers-b-ana")  # named in ana's own space
    assert ana.locator("h1.group-name").inner_text() == "Thursday papers <b>"
    invite = ana.locator("#invite-form")
    invite.locator("input[name=username]").fill("bob")
    invite.locator("input[name=name]").fill("Bob")
    invite.locator("button").click()
    ana.wait_for_url("**/groups/thursday-papers-b-ana#invitations")
    assert "bob" in ana.locator("ul.invitations").inner_text()
    skip = ana.locator("#skip-form")
    skip.locator("input[name=day]").fill("2026-10-08")
    skip.locator("input[name=reason]").fill("holiday")
    skip.locator("button").click()
    ana.wait_for_url("**#schedule")
    ana.goto(team_server.url + "/groups/thursday-papers-b-ana/meetings/2026-10-01")
    ana.locator("#minutes-form textarea[name=notes]").fill("We compared sin/cos and learned positions.")
    ana.locator("#minutes-form button").click()
    ana.wait_for_url("**#minutes")

    bob = _log_in(browser, team_server, "bob")
    assert bob.locator("ul.groups a", has_text="Thursday papers").count() == 0  # not a member yet
    invitation = bob.locator("#my-invitations li", has_text="Thursday papers")
    assert "from ana" in invitation.inner_text()
    invitation.locator("button", has_text="Join").click()
    bob.wait_for_url("**/groups/thursday-papers-b-ana")
    rows = bob.locator("table.schedule tbody tr")
    assert "Attention Is All You Need" in rows.nth(0).inner_text()
    assert "skipped: holiday" in rows.nth(1).inner_text()
    assert rows.nth(0).inner_text().endswith("ana") and rows.nth(2).inner_text().endswith("Bob")
    assert bob.locator("#member-form").count() == 0
    ana.goto(team_server.url + "/groups/thursday-papers-b-ana")  # after bob joined the rotation
    assert bob.locator("table.schedule").inner_text() == ana.locator("table.schedule").inner_text()
    bob.locator("table.schedule a", has_text="2026-10-01").click()
    bob.wait_for_url("**/meetings/2026-10-01")
    assert bob.locator("section.timebox").count() == 6
    assert "We compared sin/cos" in bob.locator(".meeting-notes").inner_text()
    assert bob.locator("#minutes-form").count() == 0
    ana.context.close()
    bob.context.close()


def test_the_note_editor_saves_on_a_team_server_and_notes_stay_private(
    browser: Any, team_server: Any
) -> None:
    """The editor's script sends the CSRF token from the page's meta tag; a second tab's stale save is
    refused with the reason, its text kept; the other user never sees the note."""
    ana = _log_in(browser, team_server, "ana")
    ana.goto(team_server.url + "/papers/lora/note")
    other_tab = ana.context.new_page()
    other_tab.goto(team_server.url + "/papers/lora/note")
    editor = ana.locator("#note-text")
    editor.fill(editor.input_value() + "\nana's private remark\n")
    ana.locator("#note-save").click()
    ana.locator("#note-message", has_text="Saved version 1.").wait_for(timeout=10_000)
    stale = other_tab.locator("#note-text")
    stale.fill(stale.input_value() + "\nfrom the other tab\n")
    other_tab.locator("#note-save").click()
    other_tab.locator("#note-message", has_text="saved elsewhere").wait_for(timeout=10_000)
    assert "from the other tab" in stale.input_value()
    bob = _log_in(browser, team_server, "bob")
    bob.goto(team_server.url + "/papers/lora/note")
    assert "ana's private remark" not in bob.locator("#note-text").input_value()
    ana.context.close()
    bob.context.close()
