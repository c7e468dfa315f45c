"""What every command shares: the per-command context (settings, the library), the console, JSON output.

Commands take the Typer context (``ctx: typer.Context``) and ask for what they need through
:func:`settings`, :func:`store` and :func:`library`. The first call opens it and keeps it in the root
command's ``ctx.obj`` (a :class:`CommandContext`), so a command opens its library once; it is closed when
the command ends. The account to act as comes from the root's ``--user`` option or the ``user`` setting.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

from paperpass.config import Settings, load_settings

if TYPE_CHECKING:
    from paperpass.library import Library
    from paperpass.store import Store


@dataclass
class CommandContext:
    """What one command opened: its settings, database and library (each opened on first use)."""

    user: str | None = None
    opened_settings: Settings | None = None
    opened_store: Store | None = None
    opened_library: Library | None = None

    def settings(self) -> Settings:
        """Settings from the environment and config.toml (read once)."""
        if self.opened_settings is None:
            self.opened_settings = load_settings()
        return self.opened_settings

    def store(self) -> Store:
        """The library's database, created, migrated and seeded on first use (opened once)."""
        if self.opened_store is None:
            # The database layer (SQLAlchemy) is imported when a command first opens the library, so the
            # commands that never do (guide --json, guide show, survey --no-cache) start without it.
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
            viewer = resolve_viewer(self.store(), self.user or current.user or None)
            self.opened_library = Library(
                store=self.store(), settings=current, catalog=load_catalog(), viewer=viewer
            )
        return self.opened_library

    def close(self) -> None:
        """Close what was opened (called when the command ends)."""
        if self.opened_store is not None:
            self.opened_store.close()
        self.opened_store = self.opened_library = None


def context(ctx: typer.Context) -> CommandContext:
    """The running command's context, made on first use from the root command's ``--user``."""
    root = ctx.find_root()
    if not isinstance(root.obj, CommandContext):
        root.obj = CommandContext(user=root.params.get("user"))
        root.call_on_close(root.obj.close)
    return root.obj


def use_database(ctx: typer.Context, url: str) -> None:
    """Make the command work on the database at ``url`` (``--db``) instead of the ``db`` setting's."""
    command = context(ctx)
    command.opened_settings = replace(command.settings(), db=url)


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
    return Console(stderr=stderr, highlight=False)


def print_json(data: Any) -> None:
    """Write ``data`` as indented JSON to stdout."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
