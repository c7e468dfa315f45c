"""A throwaway PostgreSQL server: initdb + pg_ctl in a temp dir, as a non-root user, on 127.0.0.1.

PostgreSQL refuses to run as root; when the tests run as root (CI does), the server runs as the
``postgres`` system user through ``runuser``.

Every PostgreSQL test gets its own database, so making one must be cheap. Measured on a 2-core machine
(``CREATE DATABASE ... TEMPLATE`` of the 9 MB seeded library, a test's open, write and close, then the
drop; CPU of the client and of every postgres process): about 370 ms of CPU and 300-450 ms of wall per
database with the data directory on ext4, PostgreSQL 15's default WAL_LOG strategy and a new admin
connection per statement, against about 40 ms of CPU and 40-60 ms of wall with what this module does:

- the data directory lives on ``/dev/shm`` (tmpfs) when it has room: writing a 9 MB copy into the ext4
  page cache costs ~0.2 s of kernel time here, a tmpfs copy ~0.01 s (nothing is fsynced either way);
- ``STRATEGY FILE_COPY`` (PostgreSQL 15+): a file copy plus two checkpoints, cheaper than WAL-logging
  every page of the template;
- one admin connection per server, not a new backend for every CREATE and DROP;
- a dropped database goes when the next one is made, not at the test's teardown: by then the test's own
  connections have ended, so DROP does not sleep waiting for them (``WITH (FORCE)`` ends any that leaked);
- autovacuum is off: an autovacuum worker in a template makes CREATE DATABASE wait for it to stop, and
  the tests' databases live for seconds.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import psycopg

SHM = Path("/dev/shm")
SHM_ROOM = 1 << 30
"""Free space /dev/shm must have to hold a server (a server and its test databases take ~100 MB)."""
PREFIX = "paperpass-pg-"
STALE_SECONDS = 600
KEEP_DROPPED = 20
"""Dropped databases that may wait at most (when their DROP keeps failing) before an error is raised."""


def find_bindir() -> Path | None:
    """The directory holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    candidates = []
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False)
        candidates.append(out.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(str(Path(initdb).resolve().parent))
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale(root: Path) -> None:
    """Delete server directories under ``root`` left by killed sessions (RAM, on a tmpfs): older than ten
    minutes and with no running postmaster."""
    for path in root.glob(f"{PREFIX}*"):
        try:
            if time.time() - path.stat().st_mtime < STALE_SECONDS:
                continue
            pidfile = path / "data" / "postmaster.pid"
            if pidfile.exists() and _alive(int(pidfile.read_text().split()[0])):
                continue
        except (OSError, ValueError, IndexError):
            continue
        shutil.rmtree(path, ignore_errors=True)


def data_root() -> Path | None:
    """Where the server's directory goes: /dev/shm when it is writable and has room, else the system's
    temp dir (None)."""
    try:
        if os.access(SHM, os.W_OK | os.X_OK) and shutil.disk_usage(SHM).free >= SHM_ROOM:
            _remove_stale(SHM)
            return SHM
    except OSError:
        pass
    return None


class PostgresServer:
    """A PostgreSQL server in a temp dir. ``start()``, ``new_database()``, ``drop_database()``, ``stop()``."""

    def __init__(self, bindir: Path, root: Path | None = None) -> None:
        """``root``: where the server's directory goes (by default :func:`data_root`)."""
        self.bindir = bindir
        self.port = free_port()
        self.tmp = Path(tempfile.mkdtemp(prefix=PREFIX, dir=root or data_root()))
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(self.tmp, ignore_errors=True)
                raise RuntimeError(
                    "running as root but there is no 'postgres' user to run the server"
                ) from None
            os.chown(self.tmp, pw.pw_uid, pw.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.tmp.chmod(0o700)
        self._lock = threading.Lock()
        self._admin: psycopg.Connection | None = None
        self._dropped: list[str] = []

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self.as_user, *args], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            log = (self.tmp / "log").read_text(errors="replace") if (self.tmp / "log").exists() else ""
            raise RuntimeError(f"{args[0]} failed: {result.stderr.strip()} {log[-2000:]}")

    def start(self) -> None:
        """initdb and start the server; raises RuntimeError with the server log on failure."""
        data = str(self.tmp / "data")
        self._run(str(self.bindir / "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.tmp} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c autovacuum=off"
        )
        self._run(str(self.bindir / "pg_ctl"), "-D", data, "-l", str(self.tmp / "log"), "-w", "-t", "30",
                  "start", "-o", options)  # fmt: skip

    def admin_url(self, database: str = "postgres") -> str:
        """A SQLAlchemy URL for a database on this server."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _execute(self, statement: str) -> None:
        """Run ``statement`` on the admin connection (to the ``postgres`` database, autocommit), opening it
        again if it was lost. Call with the lock held."""
        import psycopg

        if self._admin is None or self._admin.closed or self._admin.broken:
            self._admin = psycopg.connect(
                f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
            )
        self._admin.execute(statement.encode())

    def _drop_dropped(self) -> None:
        """Drop the databases :meth:`drop_database` set aside. Call with the lock held."""
        import psycopg

        failed: list[str] = []
        error: psycopg.Error | None = None
        for name in self._dropped:
            try:
                self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except psycopg.Error as exc:
                failed.append(name)
                error = exc
        self._dropped = failed
        if len(failed) > KEEP_DROPPED:
            raise RuntimeError(f"cannot drop {len(failed)} test databases: {error}")

    def new_database(self, template: str | None = None) -> str:
        """Create a database and return its URL: empty, or a copy of the database at URL ``template``
        (``CREATE DATABASE ... TEMPLATE``: a file copy, much faster than migrating again)."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        source = f' TEMPLATE "{template.rsplit("/", 1)[1]}"' if template else ""
        with self._lock:
            self._drop_dropped()
            self._execute("SELECT 1")  # (re)connects: the strategy depends on the server's version
            assert self._admin is not None
            # FILE_COPY (PostgreSQL 15+, where WAL_LOG is the default; older servers always copy files)
            strategy = " STRATEGY FILE_COPY" if self._admin.info.server_version >= 150000 else ""
            self._execute(f'CREATE DATABASE "{name}"{source}{strategy}')
        return self.admin_url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by :meth:`new_database`: when the next one is made (any connection still
        open to it then is ended), or with the server."""
        with self._lock:
            self._dropped.append(url.rsplit("/", 1)[1])

    def stop(self) -> None:
        """Stop the server and delete its files."""
        with self._lock:
            if self._admin is not None:
                with contextlib.suppress(Exception):
                    self._admin.close()
                self._admin = None
        pg_ctl = str(self.bindir / "pg_ctl")
        subprocess.run([*self.as_user, pg_ctl, "-D", str(self.tmp / "data"), "-m", "fast",
                        "-w", "stop"], capture_output=True, check=False)  # fmt: skip
        shutil.rmtree(self.tmp, ignore_errors=True)
