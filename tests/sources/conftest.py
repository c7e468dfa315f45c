"""Fixtures for the source tests: recorded API answers, clients over them, a sleep that only records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from paperpass.config import Settings
from paperpass.sources import Sources, open_sources
from support.components import missing
from support.recorded import RecordedAPI, fixtures_root, recorded_api


@pytest.fixture
def fixtures_dir() -> Path:
    """The shared recorded responses (skipped, or failed under PAPERPASS_REQUIRE_ALL=1, when absent)."""
    root = fixtures_root() / "http"
    if not root.is_dir():
        missing(f"recorded HTTP fixtures not found at {root} (set PAPERPASS_FIXTURES)")
    return root


@pytest.fixture
def api(fixtures_dir: Path) -> Iterator[RecordedAPI]:
    """Routes of recorded answers; the test fails if one of its recordings is never requested."""
    yield from recorded_api()


@pytest.fixture
def sleeps() -> list[float]:
    """Every pause the clients asked for, instead of sleeping."""
    return []


class FakeTime:
    """A clock that only moves when slept on; every pause is recorded."""

    def __init__(self, sleeps: list[float]) -> None:
        self.now = 1000.0
        self.sleeps = sleeps

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


@pytest.fixture
def sources(settings: Settings, api: RecordedAPI, sleeps: list[float]) -> Iterator[Sources]:
    """Every source client over the recorded API, with the real polite delays on a fake clock."""
    fake = FakeTime(sleeps)
    with open_sources(settings, transport=api.transport(), sleep=fake.sleep) as opened:
        opened.session.clock = fake.clock
        opened.session.jitter = lambda: 0.0
        opened.session.cache = None
        yield opened
