"""The library database (SQLAlchemy 2 + Alembic): SQLite by default, PostgreSQL for a team server.

Only this package imports SQLAlchemy. Open a :class:`Store` from a URL; its modules hold the queries of
each table group (``papers``, ``guide``).
"""

from sqlalchemy import Connection

from paperpass.store.db import Store, create_store_engine, normalize_url

__all__ = ["Connection", "Store", "create_store_engine", "normalize_url"]
