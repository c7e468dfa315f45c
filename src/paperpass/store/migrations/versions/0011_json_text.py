"""SQLite: papers' JSON columns rewritten without ``\\u`` escapes.

Until now JSON columns were written by :func:`json.dumps`, which escapes every non-ASCII letter, so the
full-text index read an author "Łukasz Kaiser" as ``u0141ukasz kaiser`` and a search for the name found
nothing. Columns are now written as UTF-8 (:func:`paperpass.store.db.json_text`); this rewrites the papers
whose ``authors``, ``tags`` or ``links`` hold an escape, and the ``papers_fts_au`` trigger re-indexes each
of them. PostgreSQL stores ``jsonb``, decoded already: nothing to do there.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28
"""

from __future__ import annotations

import json

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

COLUMNS = ("authors", "tags", "links")
BATCH = 5_000


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    escaped = " OR ".join(f"instr({c}, '\\u') > 0" for c in COLUMNS)
    last = 0
    while True:
        rows = conn.exec_driver_sql(
            f"SELECT id, {', '.join(COLUMNS)} FROM papers WHERE id > ? AND ({escaped}) ORDER BY id LIMIT ?",
            (last, BATCH),
        ).all()
        if not rows:
            return
        last = rows[-1][0]
        conn.exec_driver_sql(
            f"UPDATE papers SET {', '.join(f'{c} = ?' for c in COLUMNS)} WHERE id = ?",
            [(*(_unescaped(v) for v in row[1:]), row[0]) for row in rows],
        )


def _unescaped(value: str | None) -> str | None:
    if value is None:
        return None
    return json.dumps(json.loads(value), ensure_ascii=False, separators=(",", ":"))


def downgrade() -> None:
    """Nothing to undo: both spellings are the same JSON."""
