"""``paperpass init`` and ``paperpass serve``."""

from __future__ import annotations

import typer

from paperpass.cli import common


def register(app: typer.Typer) -> None:
    """Add the commands of this module to ``app``."""
    app.command("init")(init)
    app.command("serve")(serve)


def init() -> None:
    """Create the library (idempotent): data dir, database, migrations, the guide's papers."""
    from paperpass.store import papers

    current = common.settings()
    store = common.library(current)
    with store.connect() as conn:
        count = papers.count_papers(conn)
    common.console().print(f"Library ready at {current.db_url} ({count} papers).")


def serve(
    host: str = typer.Option(None, help="Address to bind (default 127.0.0.1, the `host` setting)."),
    port: int = typer.Option(None, help="Port to listen on (default 8765, the `port` setting)."),
    db: str = typer.Option(None, "--db", help="Database URL, e.g. postgresql://user@host/paperpass."),
) -> None:
    """Start the web app on the library and print its URL (multi-user with logins once accounts exist)."""
    import uvicorn

    from paperpass.accounts.users import server_mode
    from paperpass.config import Settings
    from paperpass.web.app import create_app
    from paperpass.web.binding import check_binding

    current = common.settings()
    if db:
        current = Settings(home=current.home, values={**current.values, "db": db})
    host = host or current.host
    port = port or current.port
    store = common.library(current)
    team = server_mode(store)
    check_binding(host, current, accounts=team)
    app = create_app(current, store)
    shown = f"[{host}]" if ":" in host else host
    mode = "team server: log in with an account" if team else "single-user library"
    common.console().print(f"paperpass is serving the {mode} at http://{shown}:{port}/  (Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True,
                forwarded_allow_ips=current.forwarded_allow_ips)  # fmt: skip
