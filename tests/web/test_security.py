"""Security on the team server: XSS payloads rendered inert, CSRF on every unsafe route (from the route
list), SQL-injection strings harmless, path traversal refused, and stale note saves as 409 conflicts with
both texts (two users, two tabs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from paperpass.accounts.users import end_session, start_session
from paperpass.catalog import load_catalog
from paperpass.config import Settings
from paperpass.errors import InvalidInputError
from paperpass.models import Paper
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from support.html import Page, submitted
from support.library import library_for
from support.notes import GOOD_NOTE
from support.team import GROUP, Team, build_team
from support.web import BrowserClient
from web.test_authorization import TABLE, all_routes, concrete_path

XSS = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
]
SQL = [
    "' OR '1'='1",
    "'; DROP TABLE papers; --",
    '" OR 1=1 --',
    "1) UNION SELECT password_hash FROM users --",
]


@pytest.fixture
def team(settings: Settings, sqlite_library: Store) -> Team:
    return build_team(settings, sqlite_library)


def _inert(html: str) -> Page:
    """No payload survives as markup: nothing in the page would run (a script of its own, an event handler,
    a ``javascript:`` URL: ``Page.active_content``), and none of the elements the payloads would create.
    """
    page = Page(html)
    assert page.active_content() == [], page.texts("title")
    assert page.all('img[src="x"], svg[onload]') == [], page.texts("title")
    assert [script for script in page.all("script") if "alert" in script.get_text()] == []
    return page


def test_xss_in_titles_notes_questions_and_group_names_is_inert(team: Team) -> None:
    payload = " ".join(XSS)
    with team.store.transaction() as conn:
        paper_rows.insert_paper(conn, Paper(slug="xss-paper", title=f"Title {payload}", authors=[payload]))
    member = team.client("member")
    note = GOOD_NOTE.replace("## Problem\n", f"## Problem\n\n{payload} [link](javascript:alert(1))\n")
    note = note.replace("Why sinusoids rather than learned positions?", f"Why {payload}?")
    assert member.post("/api/papers/xss-paper/note", json={"text": note, "version": 0}).status_code == 200
    member.post("/papers/xss-paper/note/share", data={"group": GROUP, "share": "true"})
    organizer = team.client("organizer")
    created = organizer.post("/groups", data={"name": f"Club {XSS[0]}", "weekday": "mon", "at": "9:00",
                                              "zone": "UTC", "starts_on": "2026-10-05"})  # fmt: skip
    assert created.status_code == 200
    title = f"Title {payload}"
    pages = ["/papers", "/papers/xss-paper", "/papers/xss-paper/note", "/papers/xss-paper/read",
             "/search?q=Title", "/timeline", "/groups", "/practice", "/questions"]  # fmt: skip
    titled = {"/papers", "/papers/xss-paper", "/papers/xss-paper/note", "/papers/xss-paper/read",
              "/search?q=Title"}  # fmt: skip
    seen = {(path, who): _inert(client.get(path).text) for path in pages
            for who, client in (("member", member), ("organizer", organizer))}  # fmt: skip
    for (path, _), page in seen.items():
        assert path not in titled or title in page.text, path  # the payload shown as text
    paper = seen["/papers/xss-paper", "member"]
    assert paper.text_of("main h1") == title and payload in paper.text_of("main p.meta")
    editor = seen["/papers/xss-paper/note", "member"]
    assert f"Why {payload}?" in submitted(editor.form("/papers/xss-paper/note"))["text"][0]
    assert payload in editor.text_of("#note-preview")
    assert f"Club {XSS[0]}" in seen["/groups", "organizer"].texts("ul.groups > li > a")
    shared = _inert(organizer.get(f"/groups/{GROUP}/notes/xss-paper").text)
    assert f"Why {payload}?" in shared.text_of("article.shared-note .note-preview")  # rendered, sanitized
    preview = _inert(member.post("/api/notes/preview", json={"text": payload}).json()["html"])
    assert preview.text == payload


def _unsafe_routes(team: Team) -> list[tuple[str, str]]:
    return [(m, p) for m, p in all_routes(team.app) if m not in {"GET", "HEAD", "OPTIONS"}]


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_every_unsafe_route_refuses_a_missing_or_wrong_csrf_token(team: Team, token: str | None) -> None:
    routes = _unsafe_routes(team)
    assert len(routes) >= 19
    for method, template in routes:
        path = concrete_path(TABLE[(method, template)][0], team)
        client = team.client("organizer")
        del client.headers["X-CSRF-Token"]
        client.auto_csrf = False
        form = {} if token is None else {"csrf_token": token}
        as_form = client.request(method, path, data=form, follow_redirects=False)
        assert as_form.status_code == 403, f"{method} {template} (form) took {token!r}"
        headers = {} if token is None else {"X-CSRF-Token": token}
        as_json = client.request(method, path, json={"text": "x"}, headers=headers, follow_redirects=False)
        assert as_json.status_code == 403, f"{method} {template} (JSON) took {token!r}"


def test_one_users_token_does_not_work_for_another(team: Team) -> None:
    member, organizer = team.client("member"), team.client("organizer")
    member.cookies.set("paperpass_csrf", organizer.cookies.get("paperpass_csrf") or "")
    response = member.post(f"/groups/{GROUP}/skips", data={"day": "2026-10-22"}, follow_redirects=False)
    assert response.status_code == 403  # the header token no longer matches the signed cookie


def test_sql_injection_strings_in_search_and_forms_are_harmless(team: Team) -> None:
    member = team.client("member")
    with team.store.connect() as conn:
        before = paper_rows.count_papers(conn)
    for text in SQL:
        for path in ("/search", "/api/search"):
            response = member.get(path, params={"q": text, "category": text, "status": text, "year": text})
            assert response.status_code in (200, 400, 422), (path, text, response.status_code)
        assert member.get(f"/papers/{text}").status_code == 404
        assert member.get("/api/papers/" + text.replace("/", "")).status_code == 404
    organizer = team.client("organizer")
    name = SQL[1]
    created = organizer.post("/groups", data={"name": name, "weekday": "mon", "at": "9:00", "zone": "UTC",
                                              "starts_on": "2026-10-05"}, follow_redirects=False)  # fmt: skip
    assert created.status_code == 303
    assert Page(organizer.get(created.headers["location"]).text).text_of("main h1.group-name") == name
    anonymous = BrowserClient(team.app)
    anonymous.get("/login")
    token = anonymous.cookies.get("paperpass_csrf")
    assert token
    login = anonymous.post("/login", data={"username": "ana' --", "password": "' OR '1'='1"},
                           headers={"X-CSRF-Token": team.app.state.signer.csrf_token(token)})  # fmt: skip
    assert login.status_code == 401
    with team.store.connect() as conn:
        assert paper_rows.count_papers(conn) == before
    assert member.get("/api/papers").status_code == 200


def test_a_stale_save_from_another_tab_is_a_409_page_with_both_texts(team: Team) -> None:
    member = team.client("member")
    first, second = GOOD_NOTE + "\nfirst tab text\n", GOOD_NOTE + "\nsecond tab <b>text</b>\n"
    assert (
        member.post(
            "/papers/kto/note", data={"text": first, "version": "0"}, follow_redirects=False
        ).status_code
        == 303
    )
    stale = member.post("/papers/kto/note", data={"text": second, "version": "0"})
    assert stale.status_code == 409
    conflict = Page(stale.text)
    assert conflict.one("section.conflict pre.mine").get_text() == second  # as text: no <b> element
    assert conflict.one("section.conflict pre.theirs").get_text() == first and not conflict.has("pre b")
    api = member.post("/api/papers/kto/note", json={"text": second, "version": 0})
    assert api.status_code == 409
    body = api.json()
    assert body["mine"].startswith(GOOD_NOTE) and "second tab" in body["mine"]
    assert "first tab text" in body["theirs"]
    assert member.get("/api/papers/kto/note").json()["version"] == 1  # nothing was overwritten


def test_two_users_editing_the_same_paper_never_conflict(team: Team) -> None:
    member, organizer = team.client("member"), team.client("organizer")
    one = member.post("/api/papers/orpo/note", json={"text": GOOD_NOTE + "\nmember\n", "version": 0})
    two = organizer.post("/api/papers/orpo/note", json={"text": GOOD_NOTE + "\norganizer\n", "version": 0})
    assert one.status_code == two.status_code == 200
    assert "member" in member.get("/api/papers/orpo/note").json()["text"].splitlines()[-1]
    assert "organizer" in organizer.get("/api/papers/orpo/note").json()["text"].splitlines()[-1]


def test_the_note_editor_script_sends_the_csrf_header(team: Team) -> None:
    member = team.client("member")
    page = Page(member.get(f"/papers/{team.paper}/note").text)
    token = team.token(member)
    assert page.one('head meta[name="csrf-token"]')["content"] == token
    editor = page.form(f"/papers/{team.paper}/note")
    assert submitted(editor)["csrf_token"] == [token]  # the no-JavaScript form post too
    assert any(src.endswith("/static/note-editor.js") for src in page.attrs("script", "src"))
    script = member.get("/static/note-editor.js").text
    assert 'meta[name="csrf-token"]' in script and '"X-CSRF-Token"' in script
    assert script.count("headers: jsonHeaders") == 2  # preview and save
    for name in ("practice.js", "graph.js"):
        text = member.get(f"/static/{name}").text
        assert "fetch(" not in text and "XMLHttpRequest" not in text  # they post through forms only


def test_vault_paths_outside_the_vault_are_refused(
    settings: Settings, sqlite_library: Store, tmp_path: Path
) -> None:
    from paperpass.notes.vault import STATE_FILE, export_vault, inside, sync_vault

    vault = tmp_path / "vault"
    for bad in ("../outside.md", "/etc/passwd", "a/../../outside.md", ".."):
        with pytest.raises(InvalidInputError):
            inside(vault, bad)
    (tmp_path / "elsewhere").mkdir()
    vault.mkdir()
    (vault / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(InvalidInputError):
        inside(vault, "link/note.md")
    catalog = load_catalog()
    export_vault(library_for(sqlite_library, settings=settings, catalog=catalog), vault)
    state = json.loads((vault / STATE_FILE).read_text())
    state["papers"]["lora"]["file"] = "../../escaped.md"
    (vault / STATE_FILE).write_text(json.dumps(state))
    with pytest.raises(InvalidInputError, match="outside the vault"):
        sync_vault(library_for(sqlite_library, settings=settings, catalog=catalog), vault)
    assert not (tmp_path / "escaped.md").exists() and not (tmp_path.parent / "escaped.md").exists()


def test_backup_and_restore_refuse_what_is_not_a_library(
    settings: Settings, sqlite_library: Store, tmp_path: Path
) -> None:
    from paperpass.store.backup import backup_sqlite, restore_sqlite

    url = settings.db_url
    with pytest.raises(InvalidInputError):
        backup_sqlite(url, settings.home / "library.db")  # over the library itself
    with pytest.raises(InvalidInputError):
        backup_sqlite(url, settings.home / "sub" / ".." / "library.db")
    not_a_library = tmp_path / "passwd"
    not_a_library.write_text("root:x:0:0:root:/root:/bin/bash\n")
    for bad in (not_a_library, tmp_path / "missing.db", tmp_path / ".." / ".." / "etc" / "passwd"):
        with pytest.raises(InvalidInputError):
            restore_sqlite(url, bad)
    with sqlite_library.connect() as conn:
        assert paper_rows.count_papers(conn) > 0


def test_the_web_app_has_no_backup_restore_or_vault_routes(team: Team) -> None:
    paths = [p for _, p in all_routes(team.app)]
    assert not [p for p in paths if any(word in p for word in ("backup", "restore", "vault", "export"))]


def test_session_cookies_of_an_unknown_ended_or_forged_session_are_refused(team: Team) -> None:
    signer = team.app.state.signer
    ended = start_session(team.store, team.users["member"], days=1)
    end_session(team.store, ended)
    expired = start_session(team.store, team.users["member"], days=-1)
    for sid in ("", "no-such-session", ended, expired, "x" * 65):
        client = BrowserClient(team.app, cookies={"paperpass_session": signer.session_value(sid)})
        assert client.get("/papers", follow_redirects=False).status_code == 303
    forged: Any = BrowserClient(team.app, cookies={"paperpass_session": '{"uid": 1}'})
    assert forged.get("/api/papers").status_code == 401
