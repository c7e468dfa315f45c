"""Alembic environment: migrations run on the connection paperpass hands over (Store.migrate)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from paperpass.store.tables import metadata

config = context.config
connection = config.attributes.get("connection")

if connection is None:
    # `alembic -x url=... upgrade head` from the command line (deployments).
    from paperpass.store.db import normalize_url

    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("pass the database URL: alembic -x url=postgresql://... upgrade head")
    with create_engine(normalize_url(url)).begin() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    context.run_migrations()
