"""A real paperpass server for tests that need one: uvicorn in its own process on a free loopback port.

A separate process, not a thread, so a test can measure the server's own memory (``VmHWM``, its peak
resident size, from /proc) and a request that exhausts it cannot take the test runner down. The library
is prepared in the test process first (accounts, papers); the server opens the same database.

Clients are plain ``httpx`` clients that behave like a browser tab: :func:`page_token` reads the CSRF
token from a page, :func:`log_in` posts the login form with it.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx

from support.postgres import free_port

TOKEN_IN_PAGE = re.compile(r'<meta name="csrf-token" content="([^"]+)">|name="csrf_token" value="([^"]+)"')
MIB = 1024 * 1024


class RealServer:
    """``uvicorn paperpass.web.app:app_from_environment`` on 127.0.0.1, a free port, a given library."""

    def __init__(self, home: Path, db_url: str, settings: Mapping[str, str] | None = None) -> None:
        self.home = home
        self.db_url = db_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAPERPASS_")}
        env.update(PAPERPASS_HOME=str(home), PAPERPASS_DB=db_url, PAPERPASS_PRELOAD_MODEL="0")
        env.update({f"PAPERPASS_{k.upper()}": v for k, v in (settings or {}).items()})
        # The server keeps its bytecode as an installed one does: where the environment says not to write
        # any (PYTHONDONTWRITEBYTECODE), every start would compile the whole package again (~0.5 s of CPU).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None
        self.log = home / f"server-{self.port}.log"

    def start(self) -> RealServer:
        """Start the server and wait until it answers (at most 60 s)."""
        self.home.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable, "-m", "uvicorn", "paperpass.web.app:app_from_environment", "--factory",
            "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning",
        ]  # fmt: skip
        with self.log.open("wb") as out:  # a file, not a pipe nobody reads
            self.process = subprocess.Popen(command, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.output()[-3000:]}")
            try:  # a bare connection first: uvicorn listens once the app is built (cheaper than a request)
                socket.create_connection(("127.0.0.1", self.port), timeout=2).close()
                httpx.get(self.url + "/static/style.css", timeout=2, verify=False)  # see client()
                return self
            except (OSError, httpx.HTTPError):
                time.sleep(0.02)
        self.stop()
        raise RuntimeError("the server did not answer within 60 s")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 20 s)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def __enter__(self) -> RealServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def alive(self) -> bool:
        """Whether the server process still runs."""
        return self.process is not None and self.process.poll() is None

    def memory_mb(self, field: str = "VmRSS") -> float:
        """The server's resident memory now (``VmRSS``) or its peak so far (``VmHWM``), in MiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"no {field} for process {self.pid}")

    def output(self) -> str:
        """What the server printed (warnings, tracebacks)."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def client(self, **kwargs: Any) -> httpx.Client:
        """A client of this server (cookies kept, redirects not followed).

        Plain HTTP on loopback has no certificate to verify; httpx's default (``verify=True``) would load the
        CA bundle into a new SSL context for every client, ~20 ms of CPU, and a burst test makes 30 of them.
        """
        kwargs.setdefault("verify", False)
        return httpx.Client(base_url=self.url, timeout=kwargs.pop("timeout", 60), **kwargs)


def page_token(client: httpx.Client, path: str = "/login") -> str:
    """The CSRF token of a page, as a form or a script on it would send it."""
    page = client.get(path, follow_redirects=True)
    found = TOKEN_IN_PAGE.search(page.text)
    assert found, f"no CSRF token on {path} ({page.status_code})"
    return found.group(1) or found.group(2)


def log_in(client: httpx.Client, username: str, password: str) -> str:
    """Log in through the form; the CSRF token of the new session (for the X-CSRF-Token header)."""
    data = {"username": username, "password": password, "csrf_token": page_token(client), "next": "/"}
    response = client.post("/login", data=data)
    assert response.status_code == 303, f"login as {username} failed: {response.status_code}"
    return page_token(client, "/groups")


def raw_post(port: int, path: str, head: Mapping[str, str], body_bytes: int, *, chunked: bool = False) -> str:
    """POST ``body_bytes`` of form data over a raw socket, streamed in 1 MiB pieces while the answer is
    awaited, so the status is read even when the server answers (and closes) before the body is sent.

    Returns the status code, or the name of the error when the server answered nothing.
    """
    lines = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in head.items()]
    lines.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {body_bytes}")
    piece = b"a" * MIB
    with socket.create_connection(("127.0.0.1", port), timeout=120) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())

        def send_body() -> None:
            try:
                left = body_bytes
                while left > 0:
                    part = piece[: min(left, MIB)]
                    sock.sendall(b"%x\r\n%b\r\n" % (len(part), part) if chunked else part)
                    left -= len(part)
                if chunked:
                    sock.sendall(b"0\r\n\r\n")
            except OSError:
                pass  # the server answered and closed the connection

        sender = threading.Thread(target=send_body, daemon=True)
        sender.start()
        try:
            first = sock.recv(200)
        except OSError as exc:
            return type(exc).__name__
        finally:
            sender.join(timeout=120)
    found = re.match(rb"HTTP/1\.[01] (\d{3})", first)
    return found.group(1).decode() if found else f"no answer {first[:40]!r}"


def fresh_home(base: Path, name: str) -> Path:
    """An empty directory for a server's home."""
    home = base / name
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    return home
