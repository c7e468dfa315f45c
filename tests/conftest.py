"""Fixtures every test may use: an isolated home, settings, stores on SQLite and PostgreSQL, the web app.

Optional parts (PostgreSQL, Chromium) are skipped when missing on a laptop, but with
``PAPERPASS_REQUIRE_ALL=1`` (CI) a missing part fails the run instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from paperpass.config import Settings, load_settings
from paperpass.library import Library
from paperpass.store import Store
from support.cli import CliRun
from support.components import SHARED, missing

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
    """The guide (the spec) as text, from shared/seed."""
    texts = sorted((SHARED / "seed").glob("*.txt")) if (SHARED / "seed").is_dir() else []
    if not texts:
        missing(f"the guide text is not in {SHARED / 'seed'}")
    return texts[0].read_text(encoding="utf-8")


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


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL on each back end: a SQLite file, then a real PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'library.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An empty, migrated store on each back end."""
    opened = Store.open(db_url)
    yield opened
    opened.close()


@pytest.fixture
def library_with_guide(db_url: str, settings: Settings) -> Iterator[Store]:
    """A store on each back end with the guide's papers seeded."""
    from paperpass.catalog import load_catalog
    from paperpass.library import seed_guide

    opened = Store.open(db_url)
    seed_guide(opened, load_catalog())
    yield opened
    opened.close()


@pytest.fixture
def sqlite_library(settings: Settings) -> Iterator[Store]:
    """The default library: SQLite in the isolated home, guide seeded."""
    from paperpass.library import open_store

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
    return CliRun()


@pytest.fixture
def web_client(settings: Settings, sqlite_library: Store) -> Iterator[object]:
    """An in-process client for the web app on the default library, which sends the page's CSRF token on
    unsafe requests as a browser does (see ``support.web.BrowserClient``)."""
    from paperpass.web.app import create_app
    from support.web import BrowserClient

    with BrowserClient(create_app(settings, sqlite_library)) as client:
        yield client
