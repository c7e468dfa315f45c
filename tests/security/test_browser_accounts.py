"""Account pages in Chromium on a real team server: an account changes its own password on /account, an
admin disables it on /admin/users and its open tab is logged out."""

from __future__ import annotations

from typing import Any

import pytest

from security.conftest import add_account
from support.live import RealServer

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("new_library", ["sqlite"], indirect=True)]


def _log_in(browser: Any, server: RealServer, user: str, password: str) -> Any:
    page = browser.new_context().new_page()
    page.goto(server.url + "/account")
    page.wait_for_url("**/login?next=*")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", password)
    page.click("form.login button[type=submit]")
    page.wait_for_url("**/account")
    return page


def test_change_a_password_then_an_admin_disables_the_account(browser: Any, team_server: RealServer) -> None:
    password = add_account(team_server, "ivy")
    ivy = _log_in(browser, team_server, "ivy", password)
    form = ivy.locator("#password-form")
    form.locator("input[name=current]").fill(password)
    form.locator("input[name=new]").fill("ivy's fresh password")
    form.locator("input[name=again]").fill("ivy's fresh password")
    form.locator("button").click()
    ivy.wait_for_url("**/account?changed=1")
    assert "Your password was changed" in ivy.locator(".notice").inner_text()

    ana = _log_in(browser, team_server, "ana", "ana's long password")
    ana.locator("nav a", has_text="Accounts").click()
    ana.wait_for_url("**/admin/users")
    row = ana.locator("#account-ivy")
    row.locator("button", has_text="Disable").click()
    ana.wait_for_url("**/admin/users")
    assert ana.locator("#account-ivy .state").inner_text() == "disabled"

    ivy.reload()
    ivy.wait_for_url("**/login?next=*")  # the open tab's session ended
    ivy.fill("input[name=username]", "ivy")
    ivy.fill("input[name=password]", "ivy's fresh password")
    ivy.click("form.login button[type=submit]")
    assert "disabled" in ivy.locator(".error-message").inner_text()
    ana.context.close()
    ivy.context.close()
