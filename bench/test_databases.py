"""A PostgreSQL test's own database: CPU and wall per database, the tests' harness against the plain way.

Every PostgreSQL test gets a fresh copy of a migrated, seeded template. This makes and drops databases
the way the harness does (``tests/support/postgres.py``: data directory on /dev/shm when it has room,
``STRATEGY FILE_COPY``, one admin connection, the drop deferred to the next creation) and the plain way
(data directory in the temp dir, PostgreSQL 15's default WAL_LOG copy, a new admin connection for each
statement, the drop at once; autovacuum off in both), each with what a test does in between: open the
store, write, close. Rounds alternate the order. CPU is the client's plus every postgres process's
(the postmaster's reaped children included), read from /proc.

Figures on the 2-core dev machine (shared, loaded): harness ~40 ms CPU and 40-60 ms wall per database,
plain ~370 ms CPU and 300-450 ms wall. Target: the harness at most a third of the plain way's CPU.

    python bench/test_databases.py                # 3 rounds of 30 databases each way
    python bench/test_databases.py --rounds 5 --databases 50
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))  # support.postgres: the tests' throwaway server

import psycopg  # noqa: E402
from sqlalchemy import text  # noqa: E402

from paperpass.catalog import load_catalog  # noqa: E402
from paperpass.library import seed_guide  # noqa: E402
from paperpass.store import Store  # noqa: E402
from support.postgres import PostgresServer, find_bindir  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")
TARGET_RATIO = 1 / 3


class PlainServer(PostgresServer):
    """The plain way: the temp dir, WAL_LOG, a connection per statement, the drop at once."""

    def __init__(self, bindir: Path) -> None:
        super().__init__(bindir, root=Path(tempfile.gettempdir()))

    def _statement(self, statement: str) -> None:
        dsn = f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(statement.encode())

    def new_database(self, template: str | None = None) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        source = f' TEMPLATE "{template.rsplit("/", 1)[1]}"' if template else ""
        self._statement(f'CREATE DATABASE "{name}"{source}')
        return self.admin_url(name)

    def drop_database(self, url: str) -> None:
        self._statement(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def server_cpu(server: PostgresServer) -> float:
    """CPU seconds of the server's postmaster, its reaped children and its live children."""
    root = int((server.tmp / "data" / "postmaster.pid").read_text().split()[0])
    ticks = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2 :].split()
        if int(entry) == root:
            ticks += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
        elif int(fields[1]) == root:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / TICK


def client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(server: PostgresServer, databases: int) -> tuple[float, float]:
    """(wall, CPU) seconds per database: make a copy of the seeded template, use it as a test does, drop
    it (the drops still pending are done before the clock stops)."""
    server.start()
    try:
        template = server.new_database()
        seeded = Store.open(template)
        seed_guide(seeded, load_catalog())
        seeded.close()
        time.sleep(0.2)
        wall, cpu, served = time.perf_counter(), client_cpu(), server_cpu(server)
        for _ in range(databases):
            url = server.new_database(template=template)
            store = Store.open(url)
            with store.engine.begin() as connection:
                connection.execute(text("UPDATE papers SET title = title || ' (read)'"))
                connection.execute(text("CREATE TABLE scratch AS SELECT generate_series(1, 2000) AS i"))
            store.close()
            server.drop_database(url)
        server.new_database()  # one more each way: the harness drops the last test's database then
        time.sleep(0.2)  # the exited backends are reaped into the postmaster's children's time
        wall = time.perf_counter() - wall - 0.2
        cpu = client_cpu() - cpu + server_cpu(server) - served
        return wall / databases, cpu / databases
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--databases", type=int, default=30)
    args = parser.parse_args()
    bindir = find_bindir()
    if bindir is None:
        sys.exit("PostgreSQL is not installed (initdb/pg_ctl not found)")
    kinds = {"harness": PostgresServer, "plain": PlainServer}
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in kinds}
    for round_ in range(args.rounds):
        for name in list(kinds) if round_ % 2 == 0 else list(reversed(kinds)):
            server = kinds[name](bindir)
            if name == "harness":
                print(f"harness data directory under {server.tmp.parent}")
            results[name].append(measure(server, args.databases))
    medians = {}
    for name, rows in results.items():
        walls, cpus = sorted(r[0] * 1000 for r in rows), sorted(r[1] * 1000 for r in rows)
        medians[name] = statistics.median(cpus)
        print(f"{name:8s} per database: CPU {medians[name]:5.0f} ms ({cpus[0]:.0f}-{cpus[-1]:.0f}), "
              f"wall {statistics.median(walls):5.0f} ms ({walls[0]:.0f}-{walls[-1]:.0f})")  # fmt: skip
    ratio = medians["harness"] / medians["plain"]
    verdict = "PASS" if ratio <= TARGET_RATIO else "MISS"
    print(f"CPU ratio harness/plain {ratio:.2f} (target <= {TARGET_RATIO:.2f}: {verdict})")


if __name__ == "__main__":
    main()
