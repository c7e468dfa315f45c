"""Fixtures every test may use: an isolated home, settings, stores on SQLite and PostgreSQL, the web app.

Optional parts (PostgreSQL, Chromium) are skipped when missing on a laptop, but with
``PAPERPASS_REQUIRE_ALL=1`` (CI) a missing part fails the run instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from paperpass.config import Settings, load_settings
from paperpass.library import Library
from paperpass.store import Store
from support.cli import CliRun, run
from support.components import missing

KEEP_ENV = {"PAPERPASS_REQUIRE_ALL", "PAPERPASS_CORPUS", "PAPERPASS_SHARED", "PAPERPASS_FIXTURES"}


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No PAPERPASS_* or proxy variable leaks in; the home is a fresh temp dir."""
    for name in list(os.environ):
        if name.startswith("PAPERPASS_") and name not in KEEP_ENV:
            monkeypatch.delenv(name)
        if name.lower() in {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}:
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    monkeypatch.setenv("PAPERPASS_HOME", str(home))
    monkeypatch.setenv("PAPERPASS_PRELOAD_MODEL", "0")  # tests that start `serve` need no model loading
    return home


@pytest.fixture(scope="session")
def guide_text() -> str:
    """The guide (the spec) as text: a copy of shared/seed kept in tests/fixtures/guide.txt."""
    return (Path(__file__).parent / "fixtures" / "guide.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def quick_password_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id with its smallest cost (the production 64 MiB and 3 passes make a team fixture of five
    accounts take seconds); ``@pytest.mark.real_argon2`` keeps the real parameters for a test."""
    if request.node.get_closest_marker("real_argon2"):
        return
    from argon2 import PasswordHasher

    from paperpass.accounts import passwords

    quick = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(passwords, "hasher", lambda: quick)
    monkeypatch.setattr(passwords, "dummy_hash", lambda: quick.hash("no such user"))


@pytest.fixture
def settings(isolated_env: Path) -> Settings:
    """Settings for the isolated home."""
    return load_settings()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[object]:
    """One real PostgreSQL server for the whole session."""
    from support.postgres import PostgresServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        missing("PostgreSQL is not installed (initdb/pg_ctl not found)")
    assert bindir is not None
    server = PostgresServer(bindir)
    try:
        server.start()
    except RuntimeError as exc:
        server.stop()
        missing(f"cannot start PostgreSQL: {exc}")
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: object) -> Iterator[str]:
    """A fresh, empty PostgreSQL database."""
    from support.postgres import PostgresServer

    assert isinstance(postgres_server, PostgresServer)
    url = postgres_server.new_database()
    yield url
    postgres_server.drop_database(url)


@dataclass(frozen=True)
class Templates:
    """Databases migrated (and seeded) once per session, copied for each test that needs one.

    Migrating a new database takes most of a store test's time; copying a migrated one (a file copy for
    SQLite, ``CREATE DATABASE ... TEMPLATE`` for PostgreSQL) takes milliseconds.
    """

    empty: str
    """URL of a database migrated to the newest schema."""
    guide: str
    """URL of the same with the guide's papers seeded."""


def _templates(url_of: Callable[[str], str], seeded_from: Callable[[str], str]) -> Templates:
    from paperpass.catalog import load_catalog
    from paperpass.library import seed_guide

    empty = url_of("empty")
    Store.open(empty).close()
    guide = seeded_from(empty)
    seeded = Store.open(guide)
    seed_guide(seeded, load_catalog())
    seeded.close()
    return Templates(empty, guide)


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    """Migrated SQLite library files (closed, so the write-ahead log is folded in) to copy."""
    root = tmp_path_factory.mktemp("templates")

    def seeded_from(url: str) -> str:
        shutil.copyfile(url.removeprefix("sqlite:///"), root / "guide.db")
        return f"sqlite:///{root / 'guide.db'}"

    return _templates(lambda name: f"sqlite:///{root / name}.db", seeded_from)


@pytest.fixture(scope="session")
def postgres_templates(postgres_server: object) -> Templates:
    """Migrated PostgreSQL databases to clone."""
    from support.postgres import PostgresServer

    assert isinstance(postgres_server, PostgresServer)
    return _templates(lambda name: postgres_server.new_database(), postgres_server.new_database)


def _fresh_database(request: pytest.FixtureRequest, backend: str, which: str, tmp_path: Path) -> str:
    """A new database on ``backend`` copied from the session's ``which`` template ("empty", "guide")."""
    if backend == "sqlite":
        templates: Templates = request.getfixturevalue("sqlite_templates")
        target = tmp_path / f"{which}.db"
        shutil.copyfile(getattr(templates, which).removeprefix("sqlite:///"), target)
        return f"sqlite:///{target}"
    from support.postgres import PostgresServer

    server = request.getfixturevalue("postgres_server")
    assert isinstance(server, PostgresServer)
    url = server.new_database(template=getattr(request.getfixturevalue("postgres_templates"), which))
    request.addfinalizer(lambda: server.drop_database(url))
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """Each back end in turn: SQLite, then a real PostgreSQL server."""
    return str(request.param)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new database on each back end, migrated to the newest schema."""
    return _fresh_database(request, backend, "empty", tmp_path)


@pytest.fixture
def unmigrated_db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty database on each back end that no migration has touched: for tests of a migration
    itself (``db_url`` comes migrated to the newest schema)."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'unmigrated.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An empty, migrated store on each back end."""
    opened = Store.open(db_url)
    yield opened
    opened.close()


@pytest.fixture
def library_with_guide(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A store on each back end with the guide's papers seeded."""
    opened = Store.open(_fresh_database(request, backend, "guide", tmp_path))
    yield opened
    opened.close()


@pytest.fixture
def sqlite_library(settings: Settings, sqlite_templates: Templates) -> Iterator[Store]:
    """The default library: SQLite in the isolated home, guide seeded (copied from the template, then
    opened the way every command opens it)."""
    from paperpass.library import open_store

    settings.home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(sqlite_templates.guide.removeprefix("sqlite:///"), settings.home / "library.db")
    opened = open_store(settings)
    yield opened
    opened.close()


@pytest.fixture
def local_library(library_with_guide: Store, settings: Settings) -> Library:
    """A single-user library on each back end, seen by its local user (id 0)."""
    from support.library import library_for

    return library_for(library_with_guide, settings=settings)


@pytest.fixture
def account_library(library_with_guide: Store, settings: Settings) -> Library:
    """A team library on each back end (it has accounts), seen by the account ``ada``."""
    from paperpass.accounts.users import add_user, viewer_for
    from support.library import library_for

    ada = add_user(library_with_guide, "ada", "ada's password")
    return library_for(library_with_guide, settings=settings, viewer=viewer_for(ada))


@pytest.fixture
def cli() -> CliRun:
    """Run ``paperpass ARGS...`` in-process: ``cli("note", "lora", "--print", stdin=..., env=...)`` gives the
    exit code, stdout and stderr (separately) of one command."""
    return run


@pytest.fixture
def web_client(settings: Settings, sqlite_library: Store) -> Iterator[object]:
    """An in-process client for the web app on the default library, which sends the page's CSRF token on
    unsafe requests as a browser does (see ``support.web.BrowserClient``)."""
    from paperpass.web.app import create_app
    from support.web import BrowserClient

    with BrowserClient(create_app(settings, sqlite_library)) as client:
        yield client
