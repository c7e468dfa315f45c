"""``paperpass init``, ``paperpass db upgrade``, ``paperpass backup FILE`` and ``paperpass restore FILE``.

``init`` lives here rather than beside ``serve``, whose module imports the web app (FastAPI, every route):
creating a library needs none of it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from paperpass.cli import common
from paperpass.store import Store, papers
from paperpass.store.backup import backup_sqlite, restore_sqlite

db_app = typer.Typer(help="The library database: migrations.", no_args_is_help=True)
DbOption = Annotated[str | None, typer.Option("--db", help="Database URL (default: the `db` setting).")]


def _url(ctx: typer.Context, db: str | None) -> str:
    return db or common.settings(ctx).db_url


@db_app.command("upgrade")
def upgrade(ctx: typer.Context, db: DbOption = None) -> None:
    """Apply every pending migration (run it after installing a new version, before serving)."""

    store = Store.open(_url(ctx, db), migrate=False)
    before = store.current_revision()
    store.migrate()
    after = store.current_revision()
    store.close()
    if before == after:
        common.console().print(f"The database is up to date (revision {after}).")
    else:
        common.console().print(f"Migrated the database from revision {before or 'none'} to {after}.")


def init(ctx: typer.Context) -> None:
    """Create the library (idempotent): data dir, database, migrations, the guide's papers."""

    current = common.settings(ctx)
    store = common.store(ctx)
    with store.connect() as conn:
        count = papers.count_papers(conn)
    common.console().print(f"Library ready at {current.db_url} ({count} papers).")


def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Where to write the backup (replaced atomically).")],
    db: DbOption = None,
) -> None:
    """Back up a SQLite library while it is in use (PostgreSQL: use pg_dump)."""

    target = backup_sqlite(_url(ctx, db), file)
    common.console().print(f"Backed up the library to {target}.", markup=False)


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A backup made by `paperpass backup`.")],
    db: DbOption = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask before replacing the library.")] = False,
) -> None:
    """Replace the SQLite library with a backup (in one transaction), then migrate it."""

    url = _url(ctx, db)
    if not yes:
        typer.confirm(f"Replace the library at {url} with {file}?", abort=True)
    library = restore_sqlite(url, file)
    Store.open(url).close()
    common.console().print(f"Restored {library} from {file}.", markup=False)


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
"""This module's top-level commands (see :mod:`paperpass.cli.registry`)."""
cli.command("init")(init)
cli.add_typer(db_app, name="db")
cli.command("backup")(backup)
cli.command("restore")(restore)
