"""The shared embedding model: preloading it in the background for the web server."""

from __future__ import annotations

import logging
import threading

import pytest

from paperpass import embeddings


def test_warm_up_loads_the_model_off_the_calling_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded_on: list[str] = []
    monkeypatch.setattr(embeddings, "available", lambda: True)
    monkeypatch.setattr(embeddings, "shared_model", lambda: loaded_on.append(threading.current_thread().name))
    thread = embeddings.warm_up()
    assert thread is not None
    thread.join(timeout=10)
    assert loaded_on == ["paperpass-model-warm-up"]


def test_warm_up_does_nothing_without_the_semantic_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embeddings, "available", lambda: False)
    monkeypatch.setattr(embeddings, "shared_model", lambda: pytest.fail("must not load"))
    assert embeddings.warm_up() is None


def test_a_failed_preload_is_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> None:
        raise OSError("model files missing")

    monkeypatch.setattr(embeddings, "available", lambda: True)
    monkeypatch.setattr(embeddings, "shared_model", broken)
    with caplog.at_level(logging.WARNING):
        thread = embeddings.warm_up()
        assert thread is not None
        thread.join(timeout=10)
    assert "model files missing" in caplog.text
