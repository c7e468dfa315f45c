"""``paperpass serve --workers N``: several uvicorn processes, each building the app from the environment."""

from __future__ import annotations

import os
from typing import Any

import pytest

from support.cli import run


def test_serve_with_workers_hands_uvicorn_the_app_factory(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: calls.append((target, kw)))
    monkeypatch.delenv("PAPERPASS_DB", raising=False)
    result = run("serve", "--workers", "2", "--port", "8998")
    assert result.code == 0, result.err
    target, options = calls[0]
    assert target == "paperpass.web.app:app_from_environment" and options["factory"] is True
    assert options["workers"] == 2 and options["host"] == "127.0.0.1" and options["port"] == 8998
    assert os.environ["PAPERPASS_DB"].startswith("sqlite:///")


def test_the_app_factory_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from paperpass.web.app import app_from_environment

    built = app_from_environment()
    assert built.state.settings.home == built.state.settings.home.expanduser()
    assert built.state.server_mode is False
    built.state.store.close()


def test_serve_refuses_zero_workers() -> None:
    assert run("serve", "--workers", "0").code != 0
