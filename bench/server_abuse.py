"""Team-server abuse before login: memory under parallel logins, a huge POST body, the login throttle race.

Each scenario starts a fresh ``paperpass serve`` (one process, 127.0.0.1, a free port) on a SQLite library
with one account, so the server's peak memory (``VmHWM`` of its process) belongs to that scenario alone:

- ``logins``: ``--parallel`` (40) clients each fetch the login page, then all POST a login with an unknown
  username at once. Every password check is argon2id at 64 MiB; unbounded, 40 of them need ~2.5 GB.
- ``body``: one POST /login whose body is ``--body-mb`` (400) MiB of form data, streamed with its
  Content-Length. A server that reads it whole to find the CSRF field grows by the body's size.
- ``race``: ``--race`` (30) clients POST a wrong password for the account at once, from one address;
  the throttle allows ``login_attempts`` (5) checks, so at most 5 answers may be "wrong password" (401).

Printed per scenario: the server's resident memory before and its peak after, the answers by status,
and for ``race`` how many passwords were checked. ``--src DIR`` runs another checkout's code (for a
before/after: ``git archive main src | tar -x -C /tmp/old`` then ``--src /tmp/old/src``).

    python bench/server_abuse.py
    python bench/server_abuse.py --only race --src /tmp/old/src
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
PASSWORD = "the right password"
MIB = 1024 * 1024


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def memory_kib(pid: int, field: str) -> int:
    """A memory figure of a process from /proc (``VmRSS``: now, ``VmHWM``: its peak), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class Server:
    """``paperpass serve`` on a fresh SQLite library with the account ``ada``, in a subprocess."""

    def __init__(self, src: Path) -> None:
        self.home = Path(tempfile.mkdtemp(prefix="paperpass-abuse-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "PAPERPASS_HOME": str(self.home), "PYTHONPATH": str(src),
                    "PAPERPASS_PRELOAD_MODEL": "0"}  # fmt: skip
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        adding = [sys.executable, "-m", "paperpass", "user", "add", "ada", "--password-stdin"]
        subprocess.run(adding, env=self.env, input=f"{PASSWORD}\n".encode(), check=True, capture_output=True)
        command = [sys.executable, "-m", "paperpass", "serve", "--port", str(self.port)]
        log = (self.home / "server.log").open("wb")
        self.process = subprocess.Popen(command, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.home / "server.log").read_text(errors="replace")[-2000:])
            try:
                if httpx.get(f"{self.url}/login", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("the server did not answer within 60 s")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
        shutil.rmtree(self.home, ignore_errors=True)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid


def login_form(client: httpx.Client) -> dict[str, str]:
    """The hidden fields of the login page (its CSRF token, when it has one)."""
    page = client.get("/login")
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    return {"csrf_token": found.group(1)} if found else {}


def parallel_logins(server: Server, clients: int, username: str | None) -> Counter[str]:
    """``clients`` logins with a wrong password posted at once (unknown names when ``username`` is None)."""
    sessions = [httpx.Client(base_url=server.url, timeout=120) for _ in range(clients)]
    forms = [login_form(c) for c in sessions]
    barrier = threading.Barrier(clients)

    def attempt(n: int) -> str:
        name = username or f"nobody{n}"
        barrier.wait()
        try:
            form = {**forms[n], "username": name, "password": "wrong guess"}
            answer = sessions[n].post("/login", data=form)
        except httpx.HTTPError as exc:
            return type(exc).__name__
        return str(answer.status_code)

    try:
        with ThreadPoolExecutor(clients) as pool:
            return Counter(pool.map(attempt, range(clients)))
    finally:
        for client in sessions:
            client.close()


def huge_post(server: Server, megabytes: int) -> str:
    """POST /login with a form body of ``megabytes`` MiB (declared in Content-Length), over a raw socket
    so the answer is read even when the server answers before the body is sent; the status or the error."""
    total = megabytes * MIB
    head = (f"POST /login HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {total}\r\nConnection: close\r\n\r\n").encode()  # fmt: skip
    chunk = b"a" * MIB
    with socket.create_connection(("127.0.0.1", server.port), timeout=120) as sock:
        sock.sendall(head + b"username=")

        def send_body() -> None:
            try:
                for _ in range(megabytes):
                    sock.sendall(chunk)
            except OSError:
                pass  # the server answered and closed: that is the point

        sender = threading.Thread(target=send_body, daemon=True)
        sender.start()
        try:
            first = sock.recv(200)
        except OSError as exc:
            return type(exc).__name__
        sender.join(timeout=120)
    match = re.match(rb"HTTP/1\.1 (\d+)", first)
    return match.group(1).decode() if match else f"no answer ({first[:40]!r})"


def run(scenario: str, src: Path, args: argparse.Namespace) -> None:
    """One scenario on a fresh server; prints its figures."""
    with Server(src) as server:
        before = memory_kib(server.pid, "VmRSS")
        started = time.perf_counter()
        if scenario == "logins":
            answers = parallel_logins(server, args.parallel, None)
            what = f"{args.parallel} parallel logins, unknown names"
        elif scenario == "body":
            answers = Counter([huge_post(server, args.body_mb)])
            what = f"one {args.body_mb} MiB POST /login"
        else:
            answers = parallel_logins(server, args.race, "ada")
            what = f"{args.race} parallel wrong passwords for one account"
        elapsed = time.perf_counter() - started
        time.sleep(0.2)
        peak = memory_kib(server.pid, "VmHWM")
        alive = server.process is not None and server.process.poll() is None
    print(f"{scenario:7s} {what}: {elapsed:.1f} s")
    print(f"        memory {before / 1024:.0f} MB before, peak {peak / 1024:.0f} MB "
          f"(+{(peak - before) / 1024:.0f} MB); server {'alive' if alive else 'DEAD'}")  # fmt: skip
    print(f"        answers: {', '.join(f'{k} x{v}' for k, v in sorted(answers.items()))}")
    if scenario == "race":
        print(f"        passwords checked (401): {answers.get('401', 0)} (throttle limit 5)")


def main() -> int:
    """Run the scenarios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--only", choices=["logins", "body", "race"], help="run one scenario")
    parser.add_argument("--src", type=Path, default=REPO / "src", help="the paperpass source to run")
    parser.add_argument("--parallel", type=int, default=40, help="parallel logins (default 40)")
    parser.add_argument("--body-mb", type=int, default=400, help="size of the huge POST (default 400 MiB)")
    parser.add_argument("--race", type=int, default=30, help="parallel wrong passwords (default 30)")
    args = parser.parse_args()
    if not 1 <= args.parallel <= 100 or not 1 <= args.race <= 100 or not 1 <= args.body_mb <= 2048:
        parser.error("--parallel and --race 1-100, --body-mb 1-2048 keep the run bounded")
    for scenario in [args.only] if args.only else ["logins", "body", "race"]:
        run(scenario, args.src.resolve(), args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
