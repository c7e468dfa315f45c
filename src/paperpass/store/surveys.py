"""Cached survey sheets, keyed by the PDF's sha256 and the extractor version."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from paperpass.store.tables import surveys, utcnow


def get_survey(conn: Connection, sha256: str, version: str) -> dict[str, Any] | None:
    """The cached sheet (as JSON data) for a PDF and extractor version, if any."""
    row = conn.execute(
        select(surveys.c.data).where((surveys.c.sha256 == sha256) & (surveys.c.extractor_version == version))
    ).first()
    return dict(row[0]) if row else None


def put_survey(conn: Connection, sha256: str, version: str, data: dict[str, Any]) -> None:
    """Cache a sheet; a concurrent writer that got there first wins (the sheets are identical)."""
    try:
        with conn.begin_nested():
            conn.execute(
                insert(surveys).values(
                    sha256=sha256, extractor_version=version, data=data, created_at=utcnow()
                )
            )
    except IntegrityError:
        pass
