"""The web app on each back end, as a browser tab sees it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from paperpass.config import Settings
from paperpass.store import Store


@pytest.fixture
def client(settings: Settings, library_with_guide: Store) -> Iterator[Any]:
    """The web app on a SQLite file and on a real PostgreSQL database (guide seeded), with the page's CSRF
    token on unsafe requests."""
    from paperpass.web.app import create_app
    from support.web import BrowserClient

    with BrowserClient(create_app(settings, library_with_guide)) as browser:
        yield browser
