"""The authorization matrix: every route of the app (read from ``app.routes``, so a new route without an
expectation here fails) for every role, with the expected status; private notes never visible to anyone
else; no object readable by guessing its id.

Roles (see ``support.team``): anonymous, outsider (an account in no group), member and organizer of the
group ``club``, admin (in no group). Unsafe requests carry the right CSRF token (CSRF itself is
tested in ``test_security``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from paperpass.config import Settings
from paperpass.store import Store
from support.team import ACCOUNTS, GROUP, MEMBER_SECRET, ROLES, SHARED_TEXT, SPARE, Team, build_team

LOGGED_IN = ROLES[1:]
DAY = "2026-10-01"
PUBLIC = {("GET", "/login"), ("POST", "/login")}


def all_routes(app: Any) -> Iterator[tuple[str, str]]:
    """(method, path template) of every HTTP route of the app, routers included, mounts left out."""

    def walk(routes: list[Any]) -> Iterator[Any]:
        for route in routes:
            if hasattr(route, "effective_route_contexts"):  # FastAPI >= 0.16x keeps included routers
                yield from route.effective_route_contexts()
            else:
                yield route

    for route in walk(list(app.routes)):
        for method in sorted(getattr(route, "methods", None) or ()):
            if method != "HEAD":
                yield method, route.path


Expect = dict[str, int]
Body = dict[str, Any] | Callable[[str, Team], dict[str, Any]]


def every(status: int) -> Expect:
    """The same status for every logged-in role."""
    return dict.fromkeys(LOGGED_IN, status)


def group_read(ok: int = 200) -> Expect:
    """A group page: not found for the outsider (slugs cannot be probed), readable by the others."""
    return {"outsider": 404, "member": ok, "organizer": ok, "admin": ok}


def group_write(ok: int = 303) -> Expect:
    """Changing a group: not found for the outsider, forbidden for a member, done by organizer and admin."""
    return {"outsider": 404, "member": 403, "organizer": ok, "admin": ok}


def admin_only(ok: int) -> Expect:
    """Account administration: forbidden to everyone but the admin."""
    return {"outsider": 403, "member": 403, "organizer": 403, "admin": ok}


def _new_password(role: str, team: Team) -> dict[str, Any]:
    name = ACCOUNTS.get(role, role)
    return {
        "current": f"{name}'s password",
        "new": f"{name}'s new password",
        "again": f"{name}'s new password",
    }


def owner_only(ok: int = 200) -> Expect:
    """The member's own object (their mock interview): not found for everyone else."""
    return {"outsider": 404, "member": ok, "organizer": 404, "admin": 404}


def _minutes(role: str, team: Team) -> dict[str, Any]:
    version = 1 if role == "admin" else 0  # the organizer saved version 1 just before
    return {"version": str(version), "notes": f"minutes by {role}", "decisions": "read more"}


def _marks(role: str, team: Team) -> dict[str, Any]:
    """Marks for the mock's first answer: one per point of its question (every point missed)."""
    from paperpass.practice import mock as mocks
    from support.library import library_for

    interview = mocks.get_mock(library_for(team.store, user=team.users["member"]), team.mock_id)
    return {"points": str(len(interview.items[0].points))}


def _plan(role: str, team: Team) -> dict[str, Any]:
    interview = date.today() + timedelta(days=30)
    return {"interview": interview.isoformat(), "hours_per_day": "2", "focus": "top15"}


# (method, path template) -> (concrete path, form or JSON body, expected status per logged-in role).
# JSON bodies are marked by the key "json". Rows run in app.routes order; within a row the roles run in
# ROLES order, so state a row changes (a saved minutes version) is predictable.
TABLE: dict[tuple[str, str], tuple[str, Body | None, Expect]] = {
    ("GET", "/openapi.json"): ("/openapi.json", None, every(200)),
    ("GET", "/api/docs"): ("/api/docs", None, every(200)),
    ("GET", "/"): ("/", None, every(200)),
    ("GET", "/guide/{slug}"): ("/guide/lora", None, every(200)),
    ("GET", "/papers"): ("/papers", None, every(200)),
    ("GET", "/papers/{slug}"): ("/papers/lora", None, every(200)),
    ("POST", "/papers"): ("/papers", {"identifier": "refs.bib"}, every(400)),  # a server path is refused
    ("POST", "/papers/{slug}/pdf"): ("/papers/{paper}/pdf", {"identifier": ""}, every(400)),  # no file
    ("GET", "/method"): ("/method", None, every(200)),
    ("GET", "/questions"): ("/questions", None, every(200)),
    ("GET", "/practice"): ("/practice", None, every(200)),
    ("POST", "/practice/{question_id}/reveal"): (
        "/practice/{bank}/reveal",
        {"answer": "low rank"},
        every(200),
    ),
    ("POST", "/practice/{question_id}/rate"): ("/practice/{bank}/rate", {"rating": "good"}, every(303)),
    ("POST", "/practice/{question_id}/answer"): ("/practice/{exact}/answer", {"response": "x"}, every(303)),
    ("GET", "/practice/{question_id}/result"): ("/practice/{exact}/result", None, every(200)),
    ("GET", "/mock"): ("/mock", None, every(200)),
    ("POST", "/mock"): ("/mock", {"minutes": "30"}, every(303)),
    ("GET", "/mock/{mock_id}"): ("/mock/{mock}", None, owner_only(200)),
    ("POST", "/mock/{mock_id}/answer/{position}"): (
        "/mock/{mock}/answer/1",
        {"answer": "x"},
        owner_only(303),
    ),
    ("POST", "/mock/{mock_id}/marks/{position}"): ("/mock/{mock}/marks/1", _marks, owner_only(303)),
    ("GET", "/mock/{mock_id}/report"): ("/mock/{mock}/report", None, owner_only(200)),
    ("GET", "/ready"): ("/ready", None, every(200)),
    ("GET", "/api/questions"): ("/api/questions", None, every(200)),
    ("GET", "/api/ready"): ("/api/ready", None, every(200)),
    ("GET", "/api/mock/{mock_id}"): ("/api/mock/{mock}", None, owner_only(200)),
    ("GET", "/login"): ("/login", None, every(200)),
    ("POST", "/login"): ("/login", {"username": "nobody", "password": "not the password"}, every(401)),
    ("POST", "/logout"): ("/logout", {}, every(303)),
    ("GET", "/account"): ("/account", None, every(200)),
    ("POST", "/account/password"): ("/account/password", _new_password, every(303)),
    ("POST", "/invitations/{invitation_id}/accept"): (
        "/invitations/{accept}/accept",
        {},
        {"outsider": 303, "member": 404, "organizer": 404, "admin": 404},  # only the invited account
    ),
    ("POST", "/invitations/{invitation_id}/decline"): (
        "/invitations/{decline}/decline",
        {},
        {"outsider": 404, "member": 303, "organizer": 404, "admin": 404},
    ),
    ("GET", "/admin/users"): ("/admin/users", None, admin_only(200)),
    ("POST", "/admin/users/{username}/disable"): (f"/admin/users/{SPARE}/disable", {}, admin_only(303)),
    ("POST", "/admin/users/{username}/enable"): (f"/admin/users/{SPARE}/enable", {}, admin_only(303)),
    ("POST", "/admin/users/{username}/demote"): (f"/admin/users/{SPARE}/demote", {}, admin_only(303)),
    ("POST", "/admin/users/{username}/promote"): (f"/admin/users/{SPARE}/promote", {}, admin_only(303)),
    ("POST", "/admin/users/{username}/remove"): (
        f"/admin/users/{SPARE}/remove",
        {"confirm": SPARE},
        admin_only(303),
    ),
    ("GET", "/groups"): ("/groups", None, every(200)),
    ("POST", "/groups"): (
        "/groups",
        lambda role, team: {
            "name": f"G {role}",
            "weekday": "mon",
            "at": "9:00",
            "zone": "UTC",
            "starts_on": "2026-10-05",
        },  # fmt: skip
        every(303),
    ),
    ("GET", "/groups/{slug}"): (f"/groups/{GROUP}", None, group_read()),
    ("GET", "/groups/{slug}/schedule.ics"): (f"/groups/{GROUP}/schedule.ics", None, group_read()),
    ("POST", "/groups/{slug}/members"): (
        f"/groups/{GROUP}/members",
        lambda role, team: {"name": f"Guest of {role}"},
        group_write(),
    ),
    ("POST", "/groups/{slug}/invitations"): (
        f"/groups/{GROUP}/invitations",
        lambda role, team: {"username": f"guest-of-{role}"},
        group_write(),
    ),
    ("POST", "/groups/{slug}/invitations/{invitation_id}/withdraw"): (
        f"/groups/{GROUP}/invitations/{{withdraw}}/withdraw",
        {},
        {"outsider": 404, "member": 403, "organizer": 303, "admin": 404},  # the organizer withdrew it first
    ),
    ("POST", "/groups/{slug}/skips"): (f"/groups/{GROUP}/skips", {"day": "2026-10-22"}, group_write()),
    ("POST", "/groups/{slug}/share"): (
        f"/groups/{GROUP}/share",
        {"share": "true"},
        {"outsider": 404, "member": 303, "organizer": 303, "admin": 400},  # the admin has no membership
    ),
    ("GET", "/groups/{slug}/meetings/{day}"): (f"/groups/{GROUP}/meetings/{DAY}", None, group_read()),
    ("GET", "/groups/{slug}/meetings/{day}/agenda.md"): (
        f"/groups/{GROUP}/meetings/{DAY}/agenda.md",
        None,
        group_read(),
    ),
    ("POST", "/groups/{slug}/meetings/{day}/minutes"): (
        f"/groups/{GROUP}/meetings/{DAY}/minutes",
        _minutes,
        group_write(),
    ),
    ("POST", "/groups/{slug}/meetings/{day}/attendance"): (
        f"/groups/{GROUP}/meetings/{DAY}/attendance",
        {"present": "Mo"},
        group_write(),
    ),
    ("GET", "/groups/{slug}/notes/{paper}"): (f"/groups/{GROUP}/notes/{{paper}}", None, group_read()),
    ("GET", "/papers/{slug}/note"): ("/papers/{paper}/note", None, every(200)),
    ("POST", "/papers/{slug}/note"): (
        "/papers/dpo/note",
        lambda role, team: {"text": f"## Problem\n\nform note of {role}\n", "version": "0"},
        every(303),
    ),
    ("POST", "/api/papers/{slug}/note"): (
        "/api/papers/kto/note",
        lambda role, team: {"json": {"text": f"## Problem\n\njson note of {role}\n", "version": 0}},
        every(200),
    ),
    ("GET", "/api/papers/{slug}/note"): ("/api/papers/{paper}/note", None, every(200)),
    ("POST", "/api/notes/preview"): (
        "/api/notes/preview",
        {"json": {"text": "## Method\n\n$x$"}},
        every(200),
    ),
    ("GET", "/api/progress"): ("/api/progress", None, every(200)),
    ("GET", "/papers/{slug}/read"): ("/papers/{paper}/read", None, every(200)),
    ("GET", "/papers/{slug}/pages/{page}.png"): ("/papers/{paper}/pages/1.png", None, every(404)),  # no PDF
    ("GET", "/papers/{slug}/figures/{index}.png"): ("/papers/{paper}/figures/0.png", None, every(404)),
    ("GET", "/papers/{slug}/note.md"): ("/papers/{paper}/note.md", None, every(200)),
    ("GET", "/papers/{slug}/pdf"): ("/papers/{paper}/pdf", None, every(404)),  # no PDF
    ("GET", "/papers/{slug}/pages/{page}/words"): ("/papers/{paper}/pages/1/words", None, every(404)),
    ("POST", "/papers/{slug}/timer"): ("/papers/{paper}/timer", {"action": "start", "pass": "1"}, every(303)),
    ("POST", "/papers/{slug}/sessions"): (
        "/papers/{paper}/sessions",
        {"pass": "1", "minutes": "5"},
        every(303),
    ),
    ("POST", "/papers/{slug}/passes/{number}/done"): (
        "/papers/{paper}/passes/1/done",
        {},
        {"outsider": 409, "member": 303, "organizer": 303, "admin": 409},  # each one's own note decides
    ),
    ("GET", "/papers/{slug}/passes/{number}/done"): ("/papers/{paper}/passes/2/done", None, every(200)),
    ("GET", "/api/papers/{slug}/highlights"): ("/api/papers/{paper}/highlights", None, every(200)),
    ("POST", "/api/papers/{slug}/highlights"): (
        "/api/papers/{paper}/highlights",
        {"json": {"page": 1, "text": "attention", "rects": [[0.1, 0.1, 0.3, 0.12]]}},
        every(404),  # no PDF to highlight (owners only: tests/reading/test_timer.py)
    ),
    ("POST", "/papers/{slug}/highlights/{highlight_id}/delete"): (
        "/papers/{paper}/highlights/1/delete",
        {},
        every(404),
    ),
    ("POST", "/papers/{slug}/note/share"): (
        "/papers/{paper}/note/share",
        {"group": GROUP, "share": "true"},
        {"outsider": 404, "member": 303, "organizer": 303, "admin": 400},
    ),
    ("GET", "/search"): ("/search?q=attention", None, every(200)),
    ("GET", "/api/search"): ("/api/search?q=attention", None, every(200)),
    ("POST", "/papers/add"): ("/papers/add", {"key": "lora"}, every(303)),  # already a library paper
    ("GET", "/graph"): ("/graph", None, every(200)),
    ("GET", "/timeline"): ("/timeline", None, every(200)),
    ("GET", "/plan"): ("/plan", None, every(200)),
    ("POST", "/plan"): ("/plan", _plan, every(303)),
    ("POST", "/plan/replan"): ("/plan/replan", {}, every(303)),
    ("POST", "/plan/tick"): ("/plan/tick", {"key": "read/no-such-entry/p1"}, every(404)),
    ("GET", "/plan.ics"): ("/plan.ics", None, every(200)),
    ("GET", "/api/plan"): ("/api/plan", None, every(200)),
    ("GET", "/compare"): ("/compare?e=dpo&e=kto", None, every(200)),
    ("GET", "/compare.md"): ("/compare.md?e=dpo&e=kto", None, every(200)),
    ("POST", "/compare/drill"): ("/compare/drill", {"e": ["dpo", "kto"]}, every(303)),
    ("GET", "/api/compare"): ("/api/compare?e=dpo&e=kto", None, every(200)),
    ("GET", "/api/guide"): ("/api/guide", None, every(200)),
    ("GET", "/api/guide/{slug}"): ("/api/guide/lora", None, every(200)),
    ("GET", "/api/checklist"): ("/api/checklist", None, every(200)),
    ("GET", "/api/papers"): ("/api/papers", None, every(200)),
    ("GET", "/api/papers/{key}"): ("/api/papers/lora", None, every(200)),
    ("GET", "/api/papers/{key}/sources"): ("/api/papers/lora/sources", None, every(200)),
}


@pytest.fixture
def team(settings: Settings, sqlite_library: Store) -> Team:
    return build_team(settings, sqlite_library)


def concrete_path(path: str, team: Team) -> str:
    """A row's path with the team's ids filled in."""
    ids = {"bank": team.bank_question, "exact": team.exact_question, "mock": team.mock_id}
    ids.update(accept=team.invite_accept, decline=team.invite_decline, withdraw=team.invite_withdraw)
    return path.format(**ids, paper=team.paper)


def call(team: Team, role: str, method: str, path: str, body: Body | None) -> Any:
    """Make one request as ``role``: JSON when the body says so, else a form; redirects not followed."""
    client = team.client(role)
    data = body(role, team) if callable(body) else body
    if method == "GET":
        return client.get(concrete_path(path, team), follow_redirects=False)
    if data is not None and "json" in data:
        return client.post(concrete_path(path, team), json=data["json"], follow_redirects=False)
    return client.post(concrete_path(path, team), data=data or {}, follow_redirects=False)


def test_every_route_has_an_expectation(team: Team) -> None:
    routes = set(all_routes(team.app))
    assert routes - set(TABLE) == set(), "routes without a row in the authorization table"
    assert set(TABLE) - routes == set(), "rows for routes the app no longer has"


def test_the_authorization_matrix(team: Team) -> None:
    failures = []
    for method, template in all_routes(team.app):
        path, body, expected = TABLE[(method, template)]
        for role in ROLES:
            response = call(team, role, method, path, body)
            if role == "anonymous":
                ok = _anonymous_ok(method, template, path, response)
                want = "login required"
            else:
                ok, want = response.status_code == expected[role], str(expected[role])
            if not ok:
                failures.append(f"{method} {template} as {role}: {response.status_code}, expected {want}")
            assert response.status_code < 500, f"{method} {template} as {role}: server error"
    assert not failures, "\n".join(failures)


def _anonymous_ok(method: str, template: str, path: str, response: Any) -> bool:
    """Anonymous: the login page and form work; API routes are 401; every other page redirects to login."""
    if (method, template) in PUBLIC:
        return response.status_code in (200, 401)
    if path.startswith("/api/"):
        return bool(response.status_code == 401)
    return response.status_code == 303 and response.headers["location"].startswith("/login?next=")


def test_private_notes_are_never_visible_to_anyone_else(team: Team) -> None:
    paper = team.paper
    for role in ("outsider", "organizer", "admin"):
        client = team.client(role)
        for path in (f"/papers/{paper}/note", f"/api/papers/{paper}/note", f"/papers/{paper}/note.md",
                     f"/papers/{paper}/read", "/search?q=zanzibar", "/api/search?q=zanzibar",
                     "/api/questions", "/practice", f"/groups/{GROUP}/notes/{paper}", f"/groups/{GROUP}",
                     f"/groups/{GROUP}/meetings/{DAY}", f"/groups/{GROUP}/meetings/{DAY}/agenda.md",
                     ):  # fmt: skip
            response = client.get(path)
            assert "private-thought" not in response.text, f"{role} sees the member's private note on {path}"
    member = team.client("member")
    assert MEMBER_SECRET in member.get(f"/api/papers/{paper}/note").json()["text"]
    hits = member.get("/api/search", params={"q": "zanzibar"}).json()
    assert any("private" in str(hit) for hit in hits["hits"])


def test_a_shared_note_is_readable_by_the_group_never_editable(team: Team) -> None:
    paper = team.paper
    shared = team.client("member").get(f"/groups/{GROUP}/notes/{paper}")
    assert shared.status_code == 200 and SHARED_TEXT in shared.text and "olga" in shared.text
    assert MEMBER_SECRET not in shared.text
    agenda = team.client("member").get(f"/groups/{GROUP}/meetings/{DAY}/agenda.md").text
    assert SHARED_TEXT in agenda and MEMBER_SECRET not in agenda  # the agenda reads shared notes only
    assert team.client("outsider").get(f"/groups/{GROUP}/notes/{paper}").status_code == 404
    # the member's own note stays theirs: saving writes the member's note, never the organizer's
    member = team.client("member")
    own = member.get(f"/api/papers/{paper}/note").json()
    saved = member.post(f"/api/papers/{paper}/note", json={"text": own["text"] + "\nmine\n", "version": 1})
    assert saved.status_code == 200
    organizer = team.client("organizer").get(f"/api/papers/{paper}/note").json()
    assert organizer["version"] == 1 and SHARED_TEXT in organizer["text"]


def test_sharing_is_per_note_and_can_be_undone(team: Team) -> None:
    member = team.client("member")
    paper = team.paper
    page = member.get(f"/papers/{paper}/note").text
    assert 'id="sharing"' in page and "Share with this group" in page
    shared = member.post(f"/papers/{paper}/note/share", data={"group": GROUP, "share": "true"})
    assert shared.status_code == 200 and "Stop sharing" in shared.text
    assert MEMBER_SECRET in team.client("organizer").get(f"/groups/{GROUP}/notes/{paper}").text
    assert MEMBER_SECRET not in team.client("organizer").get(f"/groups/{GROUP}/notes/lora").text
    member.post(f"/papers/{paper}/note/share", data={"group": GROUP, "share": "false"})
    assert MEMBER_SECRET not in team.client("organizer").get(f"/groups/{GROUP}/notes/{paper}").text
    assert (
        team.client("outsider")
        .post(f"/papers/{paper}/note/share", data={"group": GROUP, "share": "true"})
        .status_code
        == 404
    )


def test_no_object_is_readable_by_guessing_its_id(team: Team) -> None:
    for role in ("outsider", "organizer", "admin"):
        client = team.client(role)
        for path in (f"/mock/{team.mock_id}", f"/mock/{team.mock_id}/report", f"/api/mock/{team.mock_id}"):
            assert client.get(path).status_code == 404, (role, path)
        answer = client.post(f"/mock/{team.mock_id}/answer/1", data={"answer": "x"})
        assert answer.status_code == 404
        reveal = client.post(f"/practice/{team.member_question}/reveal", data={"answer": "x"})
        assert reveal.status_code == 404, f"{role} reads a question made from the member's private note"
        rate = client.post(f"/practice/{team.member_question}/rate", data={"rating": "good"})
        assert rate.status_code == 404
        graded = client.post(f"/practice/{team.member_question}/answer", data={"response": "x"})
        assert graded.status_code == 404
        assert client.get(f"/practice/{team.member_question}/result").status_code == 404
    outsider = team.client("outsider")
    for path in (f"/groups/{GROUP}", f"/groups/{GROUP}/meetings/{DAY}", f"/groups/{GROUP}/notes/{team.paper}",
                 "/groups/no-such-group", f"/groups/{GROUP}/meetings/2026-10-08"):  # fmt: skip
        assert outsider.get(path).status_code == 404, path
    member = team.client("member")
    for guess in range(team.mock_id + 1, team.mock_id + 4):
        assert member.get(f"/api/mock/{guess}").status_code == 404
