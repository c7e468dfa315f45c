"""A small team server for authorization and security tests: five roles, a group, private and shared notes,
a mock interview and note-made practice questions, with clients logged in by signed cookies.

Roles: ``anonymous`` (no session), ``outsider`` (an account in no group), ``member`` and ``organizer`` of the
group ``club``, and ``admin`` (an admin account in no group). Logging in through the form hashes a
password each time; the clients here get their session cookie signed directly by the app's signer, which
is what a login sets, so hundreds of requests stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi.testclient import TestClient

from paperpass.accounts.users import add_user, start_session, viewer_for
from paperpass.catalog import load_catalog
from paperpass.config import Settings
from paperpass.groups import invitations, manage
from paperpass.groups.notes import share_note
from paperpass.groups.schedule import load_schedule
from paperpass.library import get_paper
from paperpass.models import OPERATOR, Paper
from paperpass.notes.history import save_note
from paperpass.practice import mock as mocks
from paperpass.practice.questions import list_questions
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from paperpass.web.app import create_app
from paperpass.web.security import CookieSigner
from support.library import library_for
from support.notes import GOOD_NOTE
from support.web import BrowserClient

ROLES = ("anonymous", "outsider", "member", "organizer", "admin")
ACCOUNTS = {"outsider": "nora", "member": "mo", "organizer": "olga", "admin": "ana"}
GROUP = "club-olga"  # the organizer olga's group "Club": a team account's groups are named in its own space
FIRST_MEETING = date(2026, 10, 1)
MEMBER_SECRET = "zanzibar-private-thought"  # only in the member's private note
SHARED_TEXT = "quokka-shared-insight"  # in the organizer's note, shared with the club
SPARE = "sam"  # an account in no role


@dataclass
class Team:
    """The app, its store, and what the fixtures made (ids to guess, the group's first paper)."""

    app: Any
    store: Store
    users: dict[str, int]
    paper: str  # the slug of the first meeting's paper, which both notes are about
    mock_id: int = 0
    member_question: int = 0  # a practice question made from the member's private note
    bank_question: int = 0  # a question of the shared bank
    exact_question: int = 0  # a cloze card of the shared bank
    invite_accept: int = 0  # the outsider's invitation to another group ("other")
    invite_decline: int = 0  # the member's invitation to that group
    invite_withdraw: int = 0  # the club's invitation to "zed", a name no account has
    clients: dict[str, TestClient] = field(default_factory=dict)

    def client(self, role: str) -> TestClient:
        """A client logged in as ``role`` (a new one each call, so logging out or cookies never leak),
        holding the CSRF cookie of its session and sending its token."""
        client = BrowserClient(self.app)
        signer: CookieSigner = self.app.state.signer
        session_id = None
        if role != "anonymous":
            session_id = start_session(self.store, self.users[role], days=1)
            client.cookies.set(signer.session_name, signer.session_value(session_id))
        token, set_cookie = signer.new_csrf_cookie(session_id)
        client.cookies.set(signer.csrf_name, set_cookie.split(";")[0].split("=", 1)[1])
        client.headers["X-CSRF-Token"] = token
        return client

    def token(self, client: TestClient) -> str:
        """The CSRF token a client sends."""
        return str(client.headers["X-CSRF-Token"])


def build_team(settings: Settings, store: Store) -> Team:
    """Accounts for every role, the club (organizer and member), two notes, a mock and note questions."""
    catalog = load_catalog()
    users = {role: add_user(store, name, f"{name}'s password", admin=role == "admin").id
             for role, name in ACCOUNTS.items()}  # fmt: skip
    viewers = {role: viewer_for(_user(store, uid)) for role, uid in users.items()}
    as_organizer = library_for(store, catalog=catalog, viewer=viewers["organizer"])
    manage.create_group(as_organizer, "Club", "thursday", "17:00", "UTC", starts_on=FIRST_MEETING)
    invitations.invite(library_for(store, viewer=viewers["organizer"]), GROUP, "mo", name="Mo")
    invitations.answer(library_for(store, viewer=viewers["member"]), GROUP, True)
    add_user(store, SPARE, f"{SPARE}'s password")  # an account the admin rows disable, promote, remove
    operator = library_for(store, catalog=catalog, viewer=OPERATOR)
    manage.create_group(operator, "Other", "monday", "18:00", "UTC", starts_on=FIRST_MEETING)
    accept = invitations.invite(operator, "other", ACCOUNTS["outsider"])
    decline = invitations.invite(operator, "other", ACCOUNTS["member"])
    withdraw = invitations.invite(library_for(store, viewer=viewers["organizer"]), GROUP, "zed")
    schedule = load_schedule(library_for(store, catalog=catalog), GROUP)
    slug = schedule.meeting_on(FIRST_MEETING).reading.paper_slug  # type: ignore[union-attr]
    assert slug is not None
    paper = get_paper(library_for(store), slug)
    private = GOOD_NOTE.replace("Why sinusoids rather than learned positions?", f"Is {MEMBER_SECRET} true?")
    save_note(library_for(store, user=users["member"]), paper, private, 0)
    shared = GOOD_NOTE.replace("Why sinusoids rather than learned positions?", f"What about {SHARED_TEXT}?")
    save_note(library_for(store, user=users["organizer"]), paper, shared, 0)
    share_note(library_for(store, viewer=viewers["organizer"]), paper, GROUP, True)
    team = Team(create_app(settings, store), store, users, slug)
    team.invite_accept, team.invite_decline, team.invite_withdraw = accept.id, decline.id, withdraw.id
    team.mock_id = mocks.start_mock(
        library_for(store, catalog=catalog, user=users["member"]), 30, "keywords", seed=1
    )
    # A note on a paper beyond the guide makes cards of its own (a guide paper's note repeats no bank card).
    with store.transaction() as conn:
        own = paper_rows.insert_paper(conn, Paper(slug="qlora", title="QLoRA: Efficient Finetuning of LLMs"))
    save_note(library_for(store, user=users["member"]), own, private, 0)
    questions = list_questions(library_for(store, catalog=catalog, user=users["member"]))
    team.member_question = next(q.id for q in questions if q.user_id == users["member"] and q.id)
    team.bank_question = next(q.id for q in questions if q.user_id == 0 and q.id)
    team.exact_question = next(q.id for q in questions if q.kind == "cloze" and q.id)
    return team


def _user(store: Store, user_id: int) -> Any:
    from paperpass.accounts.users import find_user

    found = find_user(store, user_id)
    assert found is not None
    return found
