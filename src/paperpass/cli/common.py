"""What every command shares: settings, the library, the console, JSON output."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from paperpass.config import Settings
    from paperpass.store import Store


def settings() -> Settings:
    """Settings from the environment and config.toml."""
    from paperpass.config import load_settings

    return load_settings()


def library(current: Settings | None = None) -> Store:
    """The user's library, created, migrated and seeded on first use."""
    from paperpass.library import open_library

    return open_library(current or settings())


def console(stderr: bool = False) -> Console:
    """A Rich console (colour only on a terminal)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def print_json(data: Any) -> None:
    """Write ``data`` as indented JSON to stdout."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
