"""What every command shares: the per-command context (settings, the library), the console, JSON output.

The root command puts a :class:`CommandContext` in ``ctx.obj``; commands take the Typer context
(``ctx: typer.Context``) and ask it for what they need through :func:`settings`, :func:`store` and
:func:`library`, which open things once per command and close them when it ends.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from paperpass.config import Settings
    from paperpass.library import Library
    from paperpass.store import Store


@dataclass
class CommandContext:
    """The root command's ``ctx.obj``: the ``--user`` option and what was opened from it (lazily, so
    ``--help`` and commands that need no library open nothing)."""

    user: str | None = None
    opened_settings: Settings | None = None
    opened_store: Store | None = None
    opened_library: Library | None = None
    closers: list[Any] = field(default_factory=list)

    def settings(self) -> Settings:
        """Settings from the environment and config.toml (read once)."""
        if self.opened_settings is None:
            from paperpass.config import load_settings

            self.opened_settings = load_settings()
        return self.opened_settings

    def store(self) -> Store:
        """The library's database, created, migrated and seeded on first use (opened once)."""
        if self.opened_store is None:
            from paperpass.library import open_store

            self.opened_store = open_store(self.settings())
        return self.opened_store

    def library(self) -> Library:
        """The library as the command's viewer sees it: ``--user`` (or the ``user`` setting) on a team
        library, the local user on a single-user one."""
        if self.opened_library is None:
            from paperpass.catalog import load_catalog
            from paperpass.library import Library, resolve_viewer

            current = self.settings()
            store = self.store()
            viewer = resolve_viewer(store, self.user or current.user or None)
            self.opened_library = Library(
                store=store, settings=current, catalog=load_catalog(), viewer=viewer
            )
        return self.opened_library

    def close(self) -> None:
        """Close what was opened (called when the command ends)."""
        if self.opened_store is not None:
            self.opened_store.close()
        self.opened_store = self.opened_library = None


def context(ctx: typer.Context) -> CommandContext:
    """The running command's context (kept in the root command's ``ctx.obj``)."""
    root = ctx.find_root()
    if not isinstance(root.obj, CommandContext):
        root.obj = CommandContext()
        root.call_on_close(root.obj.close)
    return root.obj


def use_database(ctx: typer.Context, url: str) -> None:
    """Make the command work on the database at ``url`` (``--db``) instead of the ``db`` setting's."""
    from dataclasses import replace

    command = context(ctx)
    current = command.settings()
    command.opened_settings = replace(current, values={**current.values, "db": url})


def settings(ctx: typer.Context) -> Settings:
    """The command's settings."""
    return context(ctx).settings()


def store(ctx: typer.Context) -> Store:
    """The command's database, for commands below any viewer (accounts, backups, migrations)."""
    return context(ctx).store()


def library(ctx: typer.Context) -> Library:
    """The command's library: what domain functions take."""
    return context(ctx).library()


def console(stderr: bool = False) -> Console:
    """A Rich console (colour only on a terminal)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def print_json(data: Any) -> None:
    """Write ``data`` as indented JSON to stdout."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
