"""``paperpass serve``."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

import typer
import uvicorn

from paperpass.accounts import server_mode
from paperpass.cli import common
from paperpass.embeddings import warm_up
from paperpass.web.app import create_app
from paperpass.web.binding import check_binding


def serve(
    ctx: typer.Context,
    host: str = typer.Option(None, help="Address to bind (default 127.0.0.1, the `host` setting)."),
    port: int = typer.Option(None, help="Port to listen on (default 8765, the `port` setting)."),
    db: str = typer.Option(None, "--db", help="Database URL, e.g. postgresql://user@host/paperpass."),
    workers: int = typer.Option(1, min=1, max=16, help="Worker processes (a team server: one per core)."),
) -> None:
    """Start the web app on the library and print its URL (multi-user with logins once accounts exist)."""

    if db:
        common.use_database(ctx, db)
    current = common.settings(ctx)
    host = host or current.host
    port = port or current.port
    current = replace(current, host=host)  # the app answers the bound address as a Host name too
    store = common.store(ctx)
    team = server_mode(store)
    check_binding(host, current, accounts=team)
    shown = f"[{host}]" if ":" in host else host
    mode = "team server: log in with an account" if team else "single-user library"
    common.console().print(f"paperpass is serving the {mode} at http://{shown}:{port}/  (Ctrl-C stops)")
    options: dict[str, Any] = {"host": host, "port": port, "log_level": "warning", "proxy_headers": True,
                               "forwarded_allow_ips": current.forwarded_allow_ips}  # fmt: skip
    if workers == 1:
        if current.preload_model:
            warm_up()
        uvicorn.run(create_app(current, store), **options)
        return
    # Several processes: each worker imports the app factory, which reads the same settings from the
    # environment (and preloads the embedding model). The login throttle is shared through the database;
    # each process runs its own few password checks at a time.
    store.close()
    os.environ["PAPERPASS_HOME"] = str(current.home)
    os.environ["PAPERPASS_DB"] = current.db_url
    os.environ["PAPERPASS_HOST"] = host
    uvicorn.run("paperpass.web.app:app_from_environment", factory=True, workers=workers, **options)


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
"""This module's top-level commands (see :mod:`paperpass.cli.registry`)."""
cli.command("serve")(serve)
