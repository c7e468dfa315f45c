"""Backups of a SQLite library with SQLite's online backup API: consistent while the library is in use.

A backup is written to a temp file beside the target and renamed over it, so the target is never
half-written. A restore copies the backup into the library in one SQLite transaction (the backup API
commits only when every page is copied), so the library is either the old one or the restored one.
PostgreSQL libraries are backed up with ``pg_dump`` (see docs/deploy.md).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

from paperpass.errors import InvalidInputError
from paperpass.store.db import normalize_url


def sqlite_path(url: str) -> Path:
    """The file of a SQLite library URL.

    Raises:
        InvalidInputError: a PostgreSQL (or in-memory) library: use pg_dump / pg_restore.
    """
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() != "sqlite":
        raise InvalidInputError(
            "the library is on PostgreSQL: back it up with pg_dump -Fc and restore with pg_restore "
            "(see docs/deploy.md)"
        )
    if not parsed.database or parsed.database == ":memory:":
        raise InvalidInputError("an in-memory library cannot be backed up")
    return Path(parsed.database).expanduser()


def _check_library_file(path: Path) -> None:
    if not path.is_file():
        raise InvalidInputError(f"no such file: {path}")
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise InvalidInputError(f"{path} is a damaged SQLite database")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        raise InvalidInputError(f"{path} is not a SQLite database") from None
    if not {"papers", "alembic_version"} <= tables:
        raise InvalidInputError(f"{path} is not a paperpass library (no papers table)")


def backup_sqlite(url: str, target: Path) -> Path:
    """Copy the library at ``url`` into ``target`` (replaced atomically).

    Raises:
        InvalidInputError: not a SQLite library, no library yet, or the target cannot be written.
    """
    source = sqlite_path(url)
    _check_library_file(source)
    target = target.expanduser().resolve()
    if target == source.resolve():
        raise InvalidInputError("the backup file cannot be the library itself")
    try:
        handle, temp = tempfile.mkstemp(prefix=".paperpass-backup-", suffix=".db", dir=target.parent)
    except OSError as exc:
        raise InvalidInputError(f"cannot write {target}: {exc.strerror}") from None
    os.close(handle)
    try:
        src, dst = sqlite3.connect(source, timeout=30), sqlite3.connect(temp)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        os.replace(temp, target)
    except (OSError, sqlite3.Error) as exc:
        Path(temp).unlink(missing_ok=True)
        raise InvalidInputError(f"cannot back up to {target}: {exc}") from None
    return target


def restore_sqlite(url: str, backup: Path) -> Path:
    """Replace the library at ``url`` with the backup file's content, in one transaction.

    Raises:
        InvalidInputError: not a SQLite library, or the file is not a sound paperpass library.
    """
    library = sqlite_path(url)
    backup = backup.expanduser()
    _check_library_file(backup)
    library.parent.mkdir(parents=True, exist_ok=True)
    try:
        src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        dst = sqlite3.connect(library, timeout=30)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
    except sqlite3.Error as exc:
        raise InvalidInputError(f"cannot restore into {library}: {exc}") from None
    return library
