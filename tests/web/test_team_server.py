"""Team-server mode in-process: login, sessions in signed HttpOnly SameSite cookies, CSRF, throttling,
roles on group pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from paperpass.accounts.users import add_user, end_all_sessions, set_password
from paperpass.config import Settings
from paperpass.store import Store
from paperpass.web.app import create_app
from paperpass.web.binding import check_binding
from support.html import Page
from support.web import BrowserClient

PASSWORDS = {"ana": "ana's password", "bob": "bob's password", "eve": "eve's password"}


@pytest.fixture
def team_store(sqlite_library: Store) -> Store:
    add_user(sqlite_library, "ana", PASSWORDS["ana"], admin=True)
    add_user(sqlite_library, "bob", PASSWORDS["bob"])
    add_user(sqlite_library, "eve", PASSWORDS["eve"])
    return sqlite_library


@pytest.fixture
def team_app(settings: Settings, team_store: Store) -> Any:
    return create_app(settings, team_store)


@pytest.fixture
def anon(team_app: Any) -> Iterator[TestClient]:
    with BrowserClient(team_app) as client:
        yield client


def csrf(client: TestClient, path: str = "/login") -> str:
    """The CSRF token the forms of the page at ``path`` carry (the same in each)."""
    tokens = set(Page(client.get(path).text).attrs('form[method="post"] input[name="csrf_token"]', "value"))
    assert len(tokens) == 1, f"{path}: CSRF fields {tokens}"
    return tokens.pop()


def login(client: TestClient, user: str, password: str | None = None) -> Any:
    token = csrf(client)
    return client.post(
        "/login",
        data={
            "username": user,
            "password": password or PASSWORDS[user],
            "csrf_token": token,
            "next": "/groups",
        },
        follow_redirects=False,
    )


def client_for(app: Any, user: str) -> TestClient:
    client = BrowserClient(app)
    assert login(client, user).status_code == 303
    return client


def test_binding_a_public_address_needs_accounts(settings: Settings) -> None:
    from paperpass.errors import ConfigError

    with pytest.raises(ConfigError, match="refusing to bind 0.0.0.0"):
        check_binding("0.0.0.0", settings)
    check_binding("0.0.0.0", settings, accounts=True)
    check_binding("127.0.0.1", settings)


def test_every_page_needs_a_login(anon: TestClient) -> None:
    for path in ("/", "/groups", "/papers", "/guide/lora"):
        response = anon.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")
    assert anon.get("/api/guide").status_code == 401
    assert anon.get("/static/style.css").status_code == 200
    assert anon.get("/login").status_code == 200


def test_login_sets_a_signed_httponly_samesite_cookie(anon: TestClient) -> None:
    response = login(anon, "ana")
    assert response.status_code == 303 and response.headers["location"] == "/groups"
    cookies = response.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith("paperpass_session="))
    assert "HttpOnly" in session and "SameSite=Lax" in session and "Secure" not in session
    assert "Max-Age=604800" in session
    groups = anon.get("/groups")
    assert groups.status_code == 200
    page = Page(groups.text)
    assert page.text_of("header .nav-user > a[href='/account']") == "ana"  # who is logged in
    assert page.text_of('header .nav-user form[action="/logout"] button[type="submit"]') == "Log out"
    value = session.split(";")[0].split("=", 1)[1]
    forged = BrowserClient(anon.app, cookies={"paperpass_session": value[:-2] + "xx"})
    assert forged.get("/groups", follow_redirects=False).status_code == 303


def test_secure_cookies_behind_https(settings: Settings, team_store: Store) -> None:
    secure = Settings(home=settings.home, cookie_secure=True)
    with BrowserClient(create_app(secure, team_store)) as client:
        first = client.get("/login")
        assert all("Secure" in c for c in first.headers.get_list("set-cookie"))


def test_wrong_password_and_unknown_user_are_401(anon: TestClient) -> None:
    assert login(anon, "ana", "wrong password").status_code == 401
    assert login(anon, "nobody", "whatever it is").status_code == 401
    refused = Page(login(anon, "ana", "nope nope").text)
    assert refused.text_of('main .error-message[role="alert"]') == "Wrong username or password."
    assert refused.form("/login").select('input[name="username"][value="ana"]')  # kept for the next try


def test_login_attempts_are_throttled(anon: TestClient) -> None:
    for _ in range(5):
        assert login(anon, "ana", "guess guess").status_code == 401
    blocked = login(anon, "ana")  # even the right password waits
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
    assert Page(blocked.text).text_of("main .error-message").startswith("Too many login attempts")
    assert login(anon, "bob").status_code == 303  # another username is not blocked


@pytest.mark.parametrize("token", [None, "", "wrong-token"])
def test_posts_without_the_right_csrf_token_are_403(team_app: Any, token: str | None) -> None:
    client = client_for(team_app, "ana")
    client.auto_csrf = False
    data = {"name": "G", "weekday": "thu", "at": "17:00", "zone": "UTC", "starts_on": "2026-10-01"}
    if token is not None:
        data["csrf_token"] = token
    response = client.post("/groups", data=data)
    assert response.status_code == 403 and "CSRF" in Page(response.text).text_of("main .error-message")
    assert client.post("/api/papers/lora/status", json={"status": "done"}).status_code == 403
    assert client.post("/logout", data={}).status_code == 403
    anon = BrowserClient(team_app)
    anon.auto_csrf = False
    anon.get("/login")
    assert anon.post("/login", data={"username": "ana", "password": PASSWORDS["ana"]}).status_code == 403


def test_the_right_csrf_token_passes_in_a_form_or_a_header(team_app: Any) -> None:
    client = client_for(team_app, "ana")
    token = csrf(client, "/groups")
    data = {
        "name": "G",
        "weekday": "thu",
        "at": "17:00",
        "zone": "UTC",
        "starts_on": "2026-10-01",
        "csrf_token": token,
    }
    assert client.post("/groups", data=data, follow_redirects=False).status_code == 303
    header = client.post(
        "/groups/g/skips", data={"day": "2026-10-08"}, headers={"X-CSRF-Token": token}, follow_redirects=False
    )
    assert header.status_code == 303
    assert Page(client.get("/groups").text).one('head meta[name="csrf-token"]')["content"] == token


def test_logout_ends_the_session(team_app: Any) -> None:
    client = client_for(team_app, "bob")
    response = client.post("/logout", data={"csrf_token": csrf(client, "/groups")}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert any(
        c.startswith("paperpass_session=;") and "Max-Age=0" in c
        for c in response.headers.get_list("set-cookie")
    )
    assert client.get("/groups", follow_redirects=False).status_code == 303


def test_logout_also_ends_a_copied_cookie_on_the_server(team_app: Any) -> None:
    client = client_for(team_app, "bob")
    copied = BrowserClient(team_app, cookies={"paperpass_session": client.cookies["paperpass_session"]})
    assert copied.get("/groups", follow_redirects=False).status_code == 200
    client.post("/logout", data={"csrf_token": csrf(client, "/groups")}, follow_redirects=False)
    assert copied.get("/groups", follow_redirects=False).status_code == 303


def test_another_worker_refuses_an_ended_session(settings: Settings, team_store: Store) -> None:
    worker_a, worker_b = create_app(settings, team_store), create_app(settings, team_store)
    client = client_for(worker_a, "bob")
    cookie = {"paperpass_session": client.cookies["paperpass_session"]}
    assert BrowserClient(worker_b, cookies=cookie).get("/groups", follow_redirects=False).status_code == 200
    worker_b.state.session_cache.clear()  # the cache of a lookup lives VIEWER_TTL seconds
    client.post("/logout", data={"csrf_token": csrf(client, "/groups")}, follow_redirects=False)
    assert BrowserClient(worker_b, cookies=cookie).get("/groups", follow_redirects=False).status_code == 303


def test_a_new_password_or_logout_everywhere_ends_every_session(team_app: Any, team_store: Store) -> None:
    laptop, phone = client_for(team_app, "bob"), client_for(team_app, "bob")
    set_password(team_store, "bob", "a brand new password")
    team_app.state.session_cache.clear()
    for client in (laptop, phone):
        assert client.get("/groups", follow_redirects=False).status_code == 303
    again = client_for(team_app, "eve")
    assert end_all_sessions(team_store, "eve") == 1
    team_app.state.session_cache.clear()
    assert again.get("/groups", follow_redirects=False).status_code == 303


def test_the_login_throttle_is_shared_by_every_worker(settings: Settings, team_store: Store) -> None:
    first = BrowserClient(create_app(settings, team_store))
    second = BrowserClient(create_app(settings, team_store))
    for _ in range(3):
        assert login(first, "ana", "guess guess").status_code == 401
        assert login(second, "ana", "guess guess").status_code in (401, 429)
    assert login(second, "ana").status_code == 429
    assert login(first, "ana").status_code == 429


def _create_group(client: TestClient, name: str) -> str:
    created = client.post("/groups", data={"name": name, "weekday": "thu", "at": "17:00", "zone": "UTC",
                                           "starts_on": "2026-10-01"}, follow_redirects=False)  # fmt: skip
    assert created.status_code == 303
    return str(created.headers["location"])


def _join(client: TestClient, group_name: str) -> None:
    """Accept the invitation to ``group_name`` shown on the client's groups page."""
    page = Page(client.get("/groups").text)
    names = page.texts("#my-invitations li .group-name")
    assert group_name in names, f"no invitation to {group_name}: {names}"
    invitation = page.all("#my-invitations li")[names.index(group_name)]
    [accept] = invitation.select('form[action$="/accept"]')
    assert client.post(str(accept["action"]), follow_redirects=False).status_code == 303


def test_group_pages_by_role(team_app: Any) -> None:
    bob = client_for(team_app, "bob")
    url = _create_group(bob, "Bob's club")
    assert url == "/groups/bob-s-club-bob"  # named in bob's own space
    bob.post(f"{url}/invitations", data={"username": "ana"})
    eve = client_for(team_app, "eve")
    assert eve.get(url).status_code == 404
    assert eve.get(f"{url}/meetings/2026-10-01").status_code == 404
    assert eve.get(f"{url}/schedule.ics").status_code == 404
    outsider = Page(eve.get("/groups").text)
    assert not outsider.has("ul.groups, #my-invitations") and "Bob's club" not in outsider.text
    ana = client_for(team_app, "ana")  # an admin, and a member once she accepts
    _join(ana, "Bob's club")
    assert ana.get(url).status_code == 200
    page = Page(bob.get(url).text)
    assert page.form(f"{url}/members")["id"] == "member-form"  # the organizer's forms
    assert page.form(f"{url}/invitations")["id"] == "invite-form"
    assert page.text_of(f'form[action="{url}/share"] button').startswith("Share my notes")
    joined = Page(client_for(team_app, "ana").get("/groups").text)
    assert joined.texts(f'ul.groups > li > a[href="{url}"]') == ["Bob's club"]
    assert not joined.has("#my-invitations")  # accepted, no longer waiting


def test_a_member_cannot_change_the_group(team_app: Any, team_store: Store) -> None:
    bob = client_for(team_app, "bob")
    url = _create_group(bob, "Club")
    bob.post(f"{url}/invitations", data={"username": "eve", "name": "Eve"})
    eve = client_for(team_app, "eve")
    _join(eve, "Club")
    page = Page(eve.get(url).text)
    assert page.text_of("h1.group-name") == "Club"  # she sees the group
    assert not page.has("#member-form, #skip-form, #invite-form")  # and no organizer's form
    assert page.attrs("main form", "action") == [f"{url}/share"]  # only her own sharing
    assert eve.post(f"{url}/members", data={"name": "X"}).status_code == 403
    assert eve.post(f"{url}/invitations", data={"username": "ana"}).status_code == 403
    denied = eve.post(f"{url}/meetings/2026-10-01/minutes", data={"version": "0", "notes": "x"})
    assert denied.status_code == 403
    shared = eve.post(f"{url}/share", data={"share": "true"})
    assert shared.status_code == 200
    assert Page(shared.text).text_of(f'form[action="{url}/share"] button').startswith("Stop sharing")
