"""The security suite drives a real server: uvicorn in its own process on a free loopback port, over a
library on SQLite and on PostgreSQL (``db_url`` runs each test on both), as a single-user library or as a
team server with accounts.

Browser tests here use Debian's Chromium like ``tests/browser`` (never ``playwright install``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from paperpass.accounts.users import add_user
from paperpass.store import Store
from support.components import missing
from support.live import RealServer

PASSWORDS = {"ana": "ana's long password", "bob": "bob's long password", "eve": "eve's long password",
             "cat": "cat's long password"}  # fmt: skip
ADMINS = {"ana"}
ALLOWED_HOSTS = "papers.example.org, .lab.example.org"
CHROME_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def prepare(db_url: str, *, accounts: bool) -> None:
    """With ``accounts``, add the team's accounts to a library (a team server); the library comes migrated
    and seeded from ``new_library``."""
    if not accounts:
        return
    store = Store.open(db_url)
    try:
        for name, password in PASSWORDS.items():
            add_user(store, name, password, admin=name in ADMINS)
    finally:
        store.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def new_library(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """``new_library()`` makes a library database on the module's back end (SQLite, then PostgreSQL): a
    copy of the session's migrated template with the guide seeded (a file copy, or CREATE DATABASE ...
    TEMPLATE), and returns its URL; dropped at the end."""
    made: list[str] = []
    server: Any = request.getfixturevalue("postgres_server") if request.param == "postgresql" else None
    templates = request.getfixturevalue("sqlite_templates" if server is None else "postgres_templates")

    def make() -> str:
        if server is None:
            target = tmp_path_factory.mktemp("library") / "library.db"
            shutil.copyfile(templates.guide.removeprefix("sqlite:///"), target)
            url = f"sqlite:///{target}"
        else:
            url = str(server.new_database(template=templates.guide))
        made.append(url)
        return url

    yield make
    if server is not None:
        for url in made:
            server.drop_database(url)


def _serve(new_library: Any, home: Path, *, accounts: bool, **settings: str) -> RealServer:
    url = new_library()
    prepare(url, accounts=accounts)
    return RealServer(home, url, settings).start()


@pytest.fixture(scope="module")
def local_server(new_library: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealServer]:
    """A single-user library (no accounts) served on a free loopback port (one per module and back end:
    tests leave it as they would find it, or check only what they changed)."""
    server = _serve(new_library, tmp_path_factory.mktemp("local-home"), accounts=False)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def team_server(new_library: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealServer]:
    """A team server: accounts ana (admin), bob, eve and cat, logins required, also answering the host names
    ``papers.example.org`` and ``*.lab.example.org`` (one per module and back end)."""
    home = tmp_path_factory.mktemp("team-home")
    server = _serve(new_library, home, accounts=True, allowed_hosts=ALLOWED_HOSTS)
    yield server
    server.stop()


@pytest.fixture
def start_server(new_library: Any, tmp_path: Path) -> Iterator[Any]:
    """``start_server(accounts=True, **settings)``: a fresh server and library with settings of the test's
    choosing (``login_checks="2"``...), for tests that measure the server or exhaust a limit."""
    started: list[RealServer] = []

    def start(*, accounts: bool = True, **settings: str) -> RealServer:
        server = _serve(new_library, tmp_path / f"home-{len(started)}", accounts=accounts, **settings)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch the system Chromium headless (see tests/browser/conftest.py)."""
    from browser.conftest import chromium_path

    path = chromium_path()
    if path is None:
        missing("Chromium is not installed (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": path, "args": CHROME_ARGS}


def add_account(server: RealServer, name: str, *, admin: bool = False) -> str:
    """Add an account to a running server's library (as ``paperpass user add`` would); its password."""
    password = f"{name}'s long password"
    store = Store.open(server.db_url, migrate=False)
    try:
        add_user(store, name, password, admin=admin)
    finally:
        store.close()
    return password
