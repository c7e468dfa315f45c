"""Notes are indexed for search by :mod:`paperpass.search.indexing` (``note_saved``, in the transaction
that saves the note), not by triggers: everything in ``search_texts`` is now written by that one module.
The rows the triggers wrote stay as they are (the same documents).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = {
    "notes_search_ai": """CREATE TRIGGER notes_search_ai AFTER INSERT ON notes BEGIN
        INSERT INTO search_texts(paper_id, kind, ref, title, body)
        VALUES (new.paper_id, 'note', CAST(new.user_id AS TEXT), 'Notes', new.body); END""",
    "notes_search_au": """CREATE TRIGGER notes_search_au AFTER UPDATE OF body ON notes BEGIN
        UPDATE search_texts SET body = new.body
        WHERE kind = 'note' AND paper_id = new.paper_id AND ref = CAST(new.user_id AS TEXT); END""",
    "notes_search_ad": """CREATE TRIGGER notes_search_ad AFTER DELETE ON notes BEGIN
        DELETE FROM search_texts
        WHERE kind = 'note' AND paper_id = old.paper_id AND ref = CAST(old.user_id AS TEXT); END""",
}
POSTGRES_TRIGGER = """CREATE TRIGGER notes_search AFTER INSERT OR UPDATE OR DELETE ON notes
    FOR EACH ROW EXECUTE FUNCTION paperpass_note_to_search()"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS notes_search ON notes")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS.values():
            op.execute(statement)
    else:
        op.execute(POSTGRES_TRIGGER)
