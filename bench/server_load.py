"""Team-server load: simulated users browsing, searching and saving notes against uvicorn on PostgreSQL.

Bounded and loopback only: the benchmark starts its own throwaway PostgreSQL (the tests' ``support.postgres``
server: initdb in a temp dir, 127.0.0.1, a random port) and ``paperpass serve --db postgresql://...`` in a
subprocess on 127.0.0.1 with a few accounts, so the app runs in team-server mode with logins, sessions and
CSRF tokens exactly as deployed. Then ``--users`` simulated users (httpx async clients, each logged in as
one of the accounts) run for ``--seconds``: each loop picks a page to browse, a search or a note save
(with the ``X-CSRF-Token`` header and the version it last saw, like the note editor), then thinks for a
moment (``--think`` seconds at most, uniformly random).

Printed: requests, throughput, p50/p95/p99 latency (all requests and per kind), errors, and a check that
every acknowledged note save is in the database afterwards (each acknowledged version is in the history
with the text sent, and the current note is the last one acknowledged).

Targets (this 2-core machine, 50 users): p95 <= 200 ms, 0 errors, 0 lost saves.

    python bench/server_load.py                 # 50 users for 60 s
    python bench/server_load.py --users 10 --seconds 15
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))  # support.postgres: the throwaway server the tests use

from paperpass.accounts.users import add_user  # noqa: E402
from paperpass.catalog import load_catalog  # noqa: E402
from paperpass.library import seed_guide  # noqa: E402
from paperpass.store import Store  # noqa: E402
from paperpass.store import accounts as account_rows  # noqa: E402
from paperpass.store import notes as note_rows  # noqa: E402
from paperpass.store import papers as paper_rows  # noqa: E402
from support.postgres import PostgresServer, find_bindir, free_port  # noqa: E402

TARGET_P95_MS = 200.0
ACCOUNTS = 5
PASSWORD = "load-test password"
QUERIES = ["attention", "transformer", "reinforcement learning", "lora", "scaling laws", "diffusion",
           "retrieval", "preference", "mixture of experts", "tokenizer", "chain of thought"]  # fmt: skip
ENTRIES = [e.slug for e in load_catalog().entries]
PAGES = ["/", "/papers", "/groups", "/timeline", "/method", "/questions", "/api/progress", "/api/checklist"]


@dataclass
class Results:
    """Latencies per kind of request, errors, and every note save the server acknowledged."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    acknowledged: list[tuple[str, str, int, str]] = field(default_factory=list)  # user, slug, version, text


@dataclass
class SimUser:
    """One simulated user: an account, a logged-in client, and the paper whose note it edits."""

    number: int
    account: str
    slug: str
    papers: list[str]
    client: httpx.AsyncClient
    token: str = ""
    version: int = 0
    text: str = ""


async def timed(results: Results, kind: str, call: object) -> httpx.Response | None:
    """Await a request, record its latency under ``kind``; an exception or a 4xx/5xx is an error."""
    start = time.perf_counter()
    try:
        response: httpx.Response = await call  # type: ignore[misc]
    except httpx.HTTPError as exc:
        results.errors.append(f"{kind}: {type(exc).__name__}: {exc}")
        return None
    finally:
        results.latencies[kind].append((time.perf_counter() - start) * 1000)
    if response.status_code >= 400:
        results.errors.append(f"{kind}: HTTP {response.status_code} {response.url.path}")
    return response


async def log_in(user: SimUser) -> None:
    """Get a CSRF token from the login page, log in, and read the fresh token from a page's meta tag."""
    page = await user.client.get("/login")
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, "no CSRF field on the login page"
    data = {"username": user.account, "password": PASSWORD, "csrf_token": found.group(1), "next": "/"}
    response = await user.client.post("/login", data=data)
    assert response.status_code == 303, f"login failed: {response.status_code}"
    home = await user.client.get("/papers")
    meta = re.search(r'<meta name="csrf-token" content="([^"]+)">', home.text)
    assert meta, "no csrf-token meta after login"
    user.token = meta.group(1)
    note = (await user.client.get(f"/api/papers/{user.slug}/note")).json()
    user.version, user.text = note["version"], note["text"]


async def save_note(user: SimUser, results: Results, round_: int) -> None:
    """Save the user's note based on the last version it saw, as the note editor does."""
    text = user.text.rstrip("\n") + f"\n- load round {round_} by user {user.number}\n"
    call = user.client.post(
        f"/api/papers/{user.slug}/note",
        json={"text": text, "version": user.version},
        headers={"X-CSRF-Token": user.token},
    )
    response = await timed(results, "save", call)
    if response is not None and response.status_code == 200:
        user.version = response.json()["version"]
        user.text = text
        results.acknowledged.append((user.account, user.slug, user.version, text))
    elif response is None or response.status_code == 409:  # unknown outcome or stale: reload, as a tab would
        note = (await user.client.get(f"/api/papers/{user.slug}/note")).json()
        user.version, user.text = note["version"], note["text"]


async def run_user(user: SimUser, results: Results, deadline: float, think: float) -> None:
    """Browse, search and save until the deadline."""
    rng = random.Random(user.number)
    round_ = 0
    while time.monotonic() < deadline:
        round_ += 1
        pick = rng.random()
        if pick < 0.45:
            path = rng.choice([*PAGES, f"/guide/{rng.choice(ENTRIES)}", f"/papers/{rng.choice(user.papers)}"])
            await timed(results, "page", user.client.get(path))
        elif pick < 0.75:
            query = rng.choice(QUERIES)
            path = "/api/search" if rng.random() < 0.5 else "/search"
            await timed(results, "search", user.client.get(path, params={"q": query}))
        elif pick < 0.85:
            await timed(results, "note page", user.client.get(f"/papers/{user.slug}/note"))
        else:
            await save_note(user, results, round_)
        await asyncio.sleep(rng.uniform(0, think))


def percentile(values: list[float], share: float) -> float:
    """The ``share`` percentile (nearest rank) of some latencies."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def check_saves(url: str, results: Results) -> list[str]:
    """Every acknowledged save in the database: its version with its text, and the last one current."""
    store = Store.open(url, migrate=False)
    lost: list[str] = []
    last: dict[tuple[str, str], tuple[int, str]] = {}
    try:
        with store.connect() as conn:
            names = [f"load{n:02d}" for n in range(1, ACCOUNTS + 1)]
            ids = {name: account_rows.get_user(conn, name).id for name in names}
            for account, slug, version, text in results.acknowledged:
                paper = paper_rows.get_paper(conn, slug)
                assert paper.id is not None
                try:
                    stored = note_rows.note_revision(conn, paper.id, version, ids[account])
                except Exception:  # noqa: BLE001 - a missing revision is a lost save
                    lost.append(f"{account}/{slug} v{version}: missing")
                    continue
                if stored.body != text:
                    lost.append(f"{account}/{slug} v{version}: different text")
                key = (account, slug)
                if version > last.get(key, (0, ""))[0]:
                    last[key] = (version, text)
            for (account, slug), (version, text) in last.items():
                paper = paper_rows.get_paper(conn, slug)
                assert paper.id is not None
                current = note_rows.current_note(conn, paper.id, ids[account])
                if current is None or current.version != version or current.body != text:
                    lost.append(f"{account}/{slug}: current note is not the last acknowledged save")
    finally:
        store.close()
    return lost


def prepare(url: str) -> list[str]:
    """Migrate, seed the guide, add the accounts; the slugs of the guide's library papers."""
    store = Store.open(url)
    try:
        seed_guide(store, load_catalog())
        for n in range(1, ACCOUNTS + 1):
            add_user(store, f"load{n:02d}", PASSWORD, admin=n == 1)
        with store.connect() as conn:
            slugs = sorted(p.slug for p in paper_rows.list_papers(conn, guide=True))
    finally:
        store.close()
    return slugs


def start_server(url: str, home: Path, port: int, log: Path, workers: int) -> subprocess.Popen[bytes]:
    """``paperpass serve`` on 127.0.0.1 in a subprocess, its output to ``log``; returns once it answers."""
    env = {**os.environ, "PAPERPASS_HOME": str(home), "PYTHONPATH": str(REPO / "src")}
    command = [
        sys.executable,
        "-m",
        "paperpass",
        "serve",
        "--db",
        url,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    with log.open("wb") as out:  # a file, not a pipe: a pipe nobody reads would block the server
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("the server did not answer within 60 s")


async def load(
    base: str, slugs: list[str], users: int, seconds: float, think: float
) -> tuple[Results, float]:
    """Log every simulated user in, run them all until the deadline; the results and the elapsed time."""
    results = Results()
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=4, keepalive_expiry=2.0)
    sims = [
        SimUser(
            n,
            f"load{n % ACCOUNTS + 1:02d}",
            slugs[n // ACCOUNTS % len(slugs)],  # (account, paper) pairs distinct: no two users edit one note
            slugs,
            httpx.AsyncClient(base_url=base, timeout=30, limits=limits),  # keep-alive under the server's 5 s
        )  # fmt: skip
        for n in range(users)
    ]
    try:
        for sim in sims:
            await log_in(sim)
        print(f"{len(sims)} users logged in; running for {seconds:.0f} s", flush=True)
        start = time.monotonic()
        await asyncio.gather(*(run_user(s, results, start + seconds, think) for s in sims))
        elapsed = time.monotonic() - start
    finally:
        await asyncio.gather(*(s.client.aclose() for s in sims))
    return results, elapsed


def report(results: Results, elapsed: float, lost: list[str], users: int) -> bool:
    """Print the figures; True when every target is met."""
    everything = [v for values in results.latencies.values() for v in values]
    p95 = percentile(everything, 0.95)
    rate = len(everything) / elapsed
    print(f"\n{users} users for {elapsed:.0f} s: {len(everything)} requests, {rate:.1f} req/s")
    print(f"  latency  p50 {percentile(everything, 0.5):.0f} ms  p95 {p95:.0f} ms  "
          f"p99 {percentile(everything, 0.99):.0f} ms  (target p95 <= {TARGET_P95_MS:.0f} ms)")  # fmt: skip
    for kind, values in sorted(results.latencies.items()):
        print(f"  {kind:10s} n={len(values):6d}  p50 {percentile(values, 0.5):6.0f} ms  "
              f"p95 {percentile(values, 0.95):6.0f} ms")  # fmt: skip
    print(f"  errors {len(results.errors)} (target 0)")
    for line in results.errors[:10]:
        print(f"    {line}")
    print(f"  note saves acknowledged {len(results.acknowledged)}, lost {len(lost)} (target 0)")
    for line in lost[:10]:
        print(f"    {line}")
    return p95 <= TARGET_P95_MS and not results.errors and not lost


def main() -> int:
    """Run the benchmark; exit status 0 when every target is met."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--users", type=int, default=50, help="simulated users (default 50)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long they run (default 60)")
    parser.add_argument(
        "--log", default="server_load.log", help="the server's output (default ./server_load.log)"
    )
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (default 2)")
    parser.add_argument("--think", type=float, default=1.0, help="at most this many seconds between requests")
    args = parser.parse_args()
    if not 1 <= args.users <= 200 or not 1 <= args.seconds <= 600:
        parser.error("--users 1-200 and --seconds 1-600 keep the run bounded")
    bindir = find_bindir()
    if bindir is None:
        print("PostgreSQL is not installed (initdb/pg_ctl not found)", file=sys.stderr)
        return 2
    server = PostgresServer(bindir)
    home = Path(tempfile.mkdtemp(prefix="paperpass-load-"))
    process = None
    try:
        server.start()
        url = server.new_database()
        slugs = prepare(url)
        port = free_port()
        process = start_server(url, home, port, Path(args.log), args.workers)
        print(f"uvicorn ({args.workers} workers) on 127.0.0.1:{port}, PostgreSQL on 127.0.0.1:{server.port}, "
              f"{ACCOUNTS} accounts, think time 0-{args.think:g} s")  # fmt: skip
        results, elapsed = asyncio.run(
            load(f"http://127.0.0.1:{port}", slugs, args.users, args.seconds, args.think)
        )
        lost = check_saves(url, results)
        return 0 if report(results, elapsed, lost, args.users) else 1
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=20)
        server.stop()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
