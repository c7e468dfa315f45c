"""The web app fuzzed against its own OpenAPI description with schemathesis, on SQLite and PostgreSQL.

Every operation of ``/openapi.json`` gets a bounded number of generated requests (:data:`EXAMPLES`, drawn
deterministically), sent in-process to the app of a team server as the organizer of a reading group,
logged in and sending the session's CSRF token like the app's own pages. About half the requests name
rows that exist (the group, its meeting day, a paper with its PDF, a mock interview, a question, an
invitation), so the fuzzer reaches past the 404s. Each response must be no server error, have a status
code, content type, headers and body the description declares for the operation, and, for data the
description allows, not be refused as malformed (422): the description states what the server accepts.

Every failure is collected (operation, check, request) and the test fails listing them all.
"""

from __future__ import annotations

import shutil
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import checks as builtin
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup

from paperpass.config import Settings
from paperpass.groups.schedule import load_schedule
from paperpass.library import get_paper
from paperpass.practice import mock as mocks
from paperpass.store import Store
from support.components import SHARED
from support.library import library_for
from support.team import ACCOUNTS, FIRST_MEETING, GROUP, SPARE, Team, build_team
from support.web import BASE_URL

EXAMPLES = 5
"""Generated requests per operation and back end (each adds about 5 s to a run on a 2-core machine)."""

CHECKS = [
    builtin.not_a_server_error,
    builtin.status_code_conformance,
    builtin.content_type_conformance,
    builtin.response_headers_conformance,
    builtin.response_schema_conformance,
    builtin.positive_data_acceptance,
]
ACCEPTED = ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "503"]
"""What a request the description allows may get: anything but a 422 (malformed) or a 5xx. A 400 is the
library refusing a well-formed value (a day with no meeting, a plan too long), a 404 a name that does not
exist, a 403 a role that may not, a 409 a stale version, a 429 or 503 the login throttle."""

USER = "organizer"
EXACT = ("/answer", "/result")  # the practice routes of a cloze or choice card
PDF = SHARED / "corpus" / "pdfs" / "1706.03762.pdf"
PDF_PAPER = "attention-is-all-you-need"


@dataclass
class Fuzzed:
    """What a run sent and what it found."""

    requests: int = 0
    failures: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    where: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class Seeded:
    """Rows that exist, by path parameter name, for the requests that name real ones."""

    team: Team
    mock_id: int
    paper: str

    def value(self, path: str, name: str) -> Any:
        """A real value for the path parameter ``name`` of ``path`` (None: keep the generated one)."""
        team = self.team
        if name == "slug":
            if path.startswith("/groups/"):
                return GROUP
            return "lora" if "/guide/" in path else self.paper
        found: dict[str, Any] = {
            "key": self.paper,
            "mock_id": self.mock_id,
            "position": 1,
            "day": FIRST_MEETING.isoformat(),
            "question_id": team.exact_question if path.endswith(EXACT) else team.bank_question,
            "invitation_id": team.invite_withdraw,
            "username": SPARE,
            "index": 0,
            "page": 1,
        }
        return found.get(name)


def seed(settings: Settings, store: Store) -> Seeded:
    """The team of ``support.team``, the organizer's own mock interview, and a paper with its PDF."""
    team = build_team(settings, store)
    settings.pdf_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PDF, settings.pdf_dir / PDF.name)
    organizer = library_for(store, user=team.users[USER])
    mock_id = mocks.start_mock(organizer, 30, "keywords", seed=1)
    schedule = load_schedule(library_for(store), GROUP)
    assert schedule.members and get_paper(library_for(store), PDF_PAPER)
    return Seeded(team, mock_id, PDF_PAPER)


def logged_in(team: Team) -> tuple[dict[str, str], dict[str, str]]:
    """Headers and cookies of the organizer's browser tab: the session and the page's CSRF token."""
    client = team.client(USER)
    cookies = {cookie.name: str(cookie.value) for cookie in client.cookies.jar}
    return {"X-CSRF-Token": team.token(client)}, cookies


def load_schema(app: Any) -> Any:
    config = SchemathesisConfig()
    config.projects.default.checks.positive_data_acceptance.expected_statuses = ACCEPTED
    schema = schemathesis.openapi.from_dict(app.openapi(), config=config)
    schema.app = app
    return schema


def fuzz(schema: Any, seeded: Seeded | None, headers: dict[str, str], cookies: dict[str, str]) -> Fuzzed:
    """Send :data:`EXAMPLES` generated requests to every operation of ``schema``; collect the failures."""
    found = Fuzzed()
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path == "/logout":
            continue  # it ends the session the other requests use (tested on its own below)

        @given(case=operation.as_strategy(), real=st.booleans())
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  phases=[Phase.generate], suppress_health_check=list(HealthCheck))  # fmt: skip
        def run(case: Any, real: bool) -> None:
            if real and seeded is not None:
                for name in case.path_parameters or {}:
                    value = seeded.value(case.operation.path, name)
                    if value is not None:
                        case.path_parameters[name] = value
            send(case, found, headers, cookies)

        run()
    return found


def send(case: Any, found: Fuzzed, headers: dict[str, str], cookies: dict[str, str]) -> Any:
    """Send one case and check its response; a failure is recorded, not raised (None: the app raised)."""
    found.requests += 1
    try:
        response = case.call(base_url=BASE_URL, headers=headers, cookies=cookies)
    except Exception as exc:  # noqa: BLE001 - the in-process app raised: what a server answers with a 500
        found.kinds["Server error (exception)"] += 1
        found.where[f"{case.operation.label} -> 500: {type(exc).__name__}"] += 1
        found.failures.append(f"{case.operation.label} -> 500: {type(exc).__name__}: {str(exc)[:200]}\n"
                              f"    {case.as_curl_command()[:400]}")  # fmt: skip
        return None
    try:
        case.validate_response(response, checks=CHECKS)
    except (AssertionError, FailureGroup) as exc:
        failures = exc.exceptions if isinstance(exc, FailureGroup) else [exc]
        for failure in failures:
            title = getattr(failure, "title", type(failure).__name__)
            found.kinds[title] += 1
            found.where[f"{case.operation.label} -> {response.status_code}: {title}"] += 1
            found.failures.append(
                f"{case.operation.label} -> {response.status_code}: {title}: "
                f"{str(failure).splitlines()[0][:200]}\n    {_said(response)}\n"
                f"    {case.as_curl_command()[:400]}"
            )
    return response


def _said(response: Any) -> str:
    """The error message of a response (an error page's or the API's), else its first characters."""
    import re

    kind = str((response.headers.get("content-type") or [""])[0])
    if not kind.startswith(("text/", "application/json")):
        return f"{len(response.content)} bytes of {kind or 'no type'}"
    text = response.content.decode("utf-8", "replace")
    found = re.search(r'<p class="error-message">(.*?)</p>', text, re.S)
    found = found or re.search(r'"error":\s*"([^"]*)"', text)
    return (found.group(1) if found else text[:160]).strip()[:300]


@pytest.fixture
def fuzzed_app(library_with_guide: Store, settings: Settings) -> Iterator[tuple[Any, Seeded]]:
    seeded = seed(settings, library_with_guide)
    yield load_schema(seeded.team.app), seeded


def test_every_operation_answers_as_its_description_says(fuzzed_app: tuple[Any, Seeded]) -> None:
    schema, seeded = fuzzed_app
    headers, cookies = logged_in(seeded.team)
    started = time.monotonic()
    found = fuzz(schema, seeded, headers, cookies)
    seconds = time.monotonic() - started
    operations = sum(1 for _ in schema.get_all_operations())
    print(f"\nschemathesis: {operations} operations, {found.requests} requests in {seconds:.1f} s, "
          f"{len(found.failures)} failures {dict(found.kinds)}")  # fmt: skip
    assert found.requests >= operations - 1  # at least one each (fewer than EXAMPLES when few differ)
    summary = "\n".join(f"{n:5} x {where}" for where, n in found.where.most_common())
    examples = "\n".join(found.failures[:20])
    assert not found.failures, f"{len(found.failures)} failures:\n{summary}\n{examples}"


def test_the_refusals_of_a_missing_csrf_token_and_a_logout_are_described(
    fuzzed_app: tuple[Any, Seeded],
) -> None:
    schema, seeded = fuzzed_app
    headers, cookies = logged_in(seeded.team)
    found = Fuzzed()
    targets = [
        schema["/groups/{slug}/share"]["POST"],
        schema["/mock"]["POST"],
        schema["/api/notes/preview"]["POST"],
    ]
    for operation in targets:
        named = {"slug": GROUP} if "{slug}" in operation.path else None
        case = operation.Case(path_parameters=named)
        refused = send(case, found, {}, cookies)  # the session, but no token
        assert refused.status_code == 403 and "CSRF" in refused.text
    logout = send(schema["/logout"]["POST"].Case(), found, headers, cookies)
    assert logout.status_code == 303 and logout.headers["location"] == ["/login"]
    after = send(schema["/api/ready"]["GET"].Case(), found, headers, cookies)
    assert after.status_code == 401  # the session ended: the API asks for a login, in its error shape
    assert after.json() == {"error": "log in first"} and ACCOUNTS[USER]
    assert not found.failures, "\n".join(found.failures)
