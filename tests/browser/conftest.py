"""Browser tests: the app served by uvicorn on 127.0.0.1, driven by Playwright in Debian's Chromium.

Never `playwright install` (it downloads a browser, which fails here): the system Chromium is used through
``executable_path``. Without Chromium the tests skip on a laptop and fail in CI (PAPERPASS_REQUIRE_ALL=1).
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from paperpass.config import Settings
from paperpass.store import Store
from support.components import missing
from support.postgres import free_port

CHROME_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def chromium_path() -> str | None:
    """Debian's Chromium, or PAPERPASS_CHROMIUM."""
    for candidate in (os.environ.get("PAPERPASS_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch the system Chromium headless with the flags this machine's closed network needs."""
    path = chromium_path()
    if path is None:
        missing("Chromium is not installed (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": path, "args": CHROME_ARGS}


class LiveServer:
    """The web app served by uvicorn in a thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the web app did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.server.force_exit = True  # do not wait for the browser's keep-alive connections to close
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(settings: Settings, sqlite_library: Store) -> Iterator[LiveServer]:
    """The app on the default library, listening on a free loopback port."""
    from paperpass.web.app import create_app

    with LiveServer(create_app(settings, sqlite_library)) as server:
        yield server


@pytest.fixture
def shot(page: Any, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[None]:
    """Save a screenshot of the page under the test's tmp dir if the test fails."""
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        target = tmp_path / "screenshots" / f"{request.node.name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=True)
        print(f"screenshot saved: {target}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
