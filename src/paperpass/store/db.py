"""The library database: one :class:`Store` object opened from a URL, migrated on open."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from paperpass.errors import InvalidInputError, StoreError

MIGRATIONS = Path(__file__).parent / "migrations"


def normalize_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs given without a driver."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


SQLITE_PAGE_SIZE = 16_384
"""Page size of a new SQLite library (an existing file keeps its own). SQLite's default, 4 KiB, fits two
paper rows with abstracts to a page and makes a bulk import write (and commit) four times as many pages
(``bench/search_scale.py``: at 16 KiB the import of 300,000 papers took about 10% less time)."""


SQLITE_BUSY_MS = 30_000
"""How long a SQLite write waits for another writer's lock before giving up ("database is locked")."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINTs (a rolled-back write can survive); let
    # SQLAlchemy emit BEGIN itself, as its documentation recommends.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.execute(f"PRAGMA page_size={SQLITE_PAGE_SIZE}")  # before WAL: it only applies to a new file
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


NUL_MESSAGE = "text with a NUL character (\\x00) is not accepted: remove it and try again"


def json_text(value: Any) -> str:
    """JSON columns' text: compact, and UTF-8 rather than ``\\u`` escapes, so the full-text index reads
    "Łukasz Kaiser" in a SQLite ``authors`` column as the name it is (orjson: also several times faster
    than :func:`json.dumps`, which counts in a bulk import).

    Raises:
        InvalidInputError: a string in ``value`` holds a NUL character (see :func:`refuse_nul`).
    """
    text = orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    if "\\u0000" in text and _holds_nul(value):  # the escape may also be six characters a user typed
        raise InvalidInputError(NUL_MESSAGE)
    return text


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, Mapping):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_holds_nul(v) for v in value)
    return False


def refuse_nul(
    _conn: Connection, _cursor: Any, _statement: str, parameters: Any, _context: Any, _executemany: bool
) -> None:
    """Refuse a statement whose parameters hold a NUL character, on every back end alike.

    PostgreSQL cannot store NUL in text (psycopg raises mid-request); SQLite stores it silently, and the
    text then breaks exports and differs from the same library on PostgreSQL. Checking the parameters of
    every statement, reads included, is the one place that sees every note, name, reason and query,
    whether it came from a form, JSON, a file or the command line.

    Raises:
        InvalidInputError: a parameter holds ``\\x00``; the transaction is rolled back.
    """
    if _holds_nul(parameters):  # one row or many (SQLAlchemy's "insertmanyvalues" batches them flat)
        raise InvalidInputError(NUL_MESSAGE)


WRITE_OPTION = "paperpass_write"
"""Execution option marking a connection opened by :meth:`Store.transaction` (a write)."""


def _sqlite_begin(connection: Connection) -> None:
    # A write transaction takes SQLite's write lock at once (BEGIN IMMEDIATE), waiting up to the busy
    # timeout for it. A deferred one would read first and then try to upgrade its lock; if another writer
    # committed meanwhile, SQLite cannot wait (the snapshot is stale) and fails at once with "database is
    # locked". Reads stay deferred, so they never wait for writers (WAL).
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``.

    SQLite gets 16 KiB pages (new files), WAL, foreign keys and a busy timeout; an in-memory database
    one shared connection.

    Raises:
        StoreError: the URL is not a database URL SQLAlchemy knows.
    """
    url = normalize_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url!r}") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        in_memory = not database or database == ":memory:"
        if not in_memory and database is not None:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}, "json_serializer": json_text}
        if in_memory:
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "before_cursor_execute", refuse_nul)
        return engine
    try:
        # A team server runs up to 40 requests at once (Starlette's thread pool): keep enough connections
        # that they do not queue for one (PostgreSQL's default max_connections is 100).
        engine = create_engine(
            url,
            pool_pre_ping=True,
            pool_size=10,
            max_overflow=30,
            pool_timeout=10,
            json_serializer=json_text,
        )
    except (ArgumentError, ImportError) as exc:
        raise StoreError(
            f"cannot use database {parsed.render_as_string(hide_password=True)}: {exc}"
        ) from None
    event.listen(engine, "before_cursor_execute", refuse_nul)
    return engine


def newest_revision() -> str:
    """The newest migration's revision id (migration files are ``NNNN_name.py`` with revision ``NNNN``)."""
    return max(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


class Store:
    """The library database. Open with :meth:`open`; use :meth:`transaction` for every write."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Store:
        """Open the database at ``url`` and bring its schema to the newest migration.

        Raises:
            StoreError: the database cannot be reached or migrated.
        """
        store = cls(create_store_engine(url))
        if migrate:
            store.migrate()
        return store

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def migrate(self) -> None:
        """Apply every pending Alembic migration (a no-op when the schema is current).

        Raises:
            StoreError: the database cannot be reached or a migration fails.
        """
        if self._is_current():
            return
        from alembic import command  # deferred: ~130 ms to import, and only needed when migrating
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except OperationalError as exc:
            raise StoreError(f"cannot open the library database: {exc.orig}") from None
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot migrate the library database: {exc}") from None

    def _is_current(self) -> bool:
        # Importing Alembic costs ~130 ms, so the common case (schema at head) is checked directly.
        # Revisions are named by their file's number prefix and form one linear chain.
        try:
            with self.engine.connect() as connection:
                current = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except OperationalError as exc:
            if "alembic_version" in str(exc.orig):
                return False
            raise StoreError(f"cannot open the library database: {exc.orig}") from None
        except SQLAlchemyError:
            return False
        return current == newest_revision()

    def current_revision(self) -> str | None:
        """The Alembic revision the database is at."""
        from alembic.runtime.migration import MigrationContext  # deferred, as in migrate()

        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def head_revision(self) -> str | None:
        """The newest migration shipped with this version of paperpass."""
        from alembic.config import Config  # deferred, as in migrate()
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        return ScriptDirectory.from_config(config).get_current_head()

    def table_names(self) -> list[str]:
        """Tables present in the database."""
        return sorted(inspect(self.engine).get_table_names())

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection in a write transaction: committed on success, rolled back on any exception.

        On SQLite it holds the database's write lock from its first statement (``BEGIN IMMEDIATE``), so
        concurrent writers queue (up to :data:`SQLITE_BUSY_MS`) instead of failing.
        """
        with self.engine.connect() as connection:
            connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin():
                yield connection

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reads."""
        with self.engine.connect() as connection:
            yield connection

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()
