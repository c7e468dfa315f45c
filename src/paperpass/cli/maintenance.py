"""``paperpass db upgrade``, ``paperpass backup FILE`` and ``paperpass restore FILE``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from paperpass.cli import common

db_app = typer.Typer(help="The library database: migrations.", no_args_is_help=True)
DbOption = Annotated[str | None, typer.Option("--db", help="Database URL (default: the `db` setting).")]


def register(app: typer.Typer) -> None:
    """Add the commands of this module to ``app``."""
    app.add_typer(db_app, name="db")
    app.command("backup")(backup)
    app.command("restore")(restore)


def _url(ctx: typer.Context, db: str | None) -> str:
    return db or common.settings(ctx).db_url


@db_app.command("upgrade")
def upgrade(ctx: typer.Context, db: DbOption = None) -> None:
    """Apply every pending migration (run it after installing a new version, before serving)."""
    from paperpass.store import Store

    store = Store.open(_url(ctx, db), migrate=False)
    before = store.current_revision()
    store.migrate()
    after = store.current_revision()
    store.close()
    if before == after:
        common.console().print(f"The database is up to date (revision {after}).")
    else:
        common.console().print(f"Migrated the database from revision {before or 'none'} to {after}.")


def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Where to write the backup (replaced atomically).")],
    db: DbOption = None,
) -> None:
    """Back up a SQLite library while it is in use (PostgreSQL: use pg_dump)."""
    from paperpass.store.backup import backup_sqlite

    target = backup_sqlite(_url(ctx, db), file)
    common.console().print(f"Backed up the library to {target}.", markup=False)


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A backup made by `paperpass backup`.")],
    db: DbOption = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask before replacing the library.")] = False,
) -> None:
    """Replace the SQLite library with a backup (in one transaction), then migrate it."""
    from paperpass.store import Store
    from paperpass.store.backup import restore_sqlite

    url = _url(ctx, db)
    if not yes:
        typer.confirm(f"Replace the library at {url} with {file}?", abort=True)
    library = restore_sqlite(url, file)
    Store.open(url).close()
    common.console().print(f"Restored {library} from {file}.", markup=False)
