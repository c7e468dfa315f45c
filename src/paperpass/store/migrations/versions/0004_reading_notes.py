"""Reading sessions, notes and note history (issue 5).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _paper_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["paper_id"], ["papers.id"], name=f"fk_{table}_paper_id_papers", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "reading_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("paper_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("pass_number", sa.Integer, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("minutes", sa.Float, nullable=False),
        sa.Column("completed", sa.Boolean, nullable=False),
        sa.Column("forced", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reading_sessions"),
        _paper_fk("reading_sessions"),
    )
    op.create_index("ix_reading_sessions_paper_user", "reading_sessions", ["paper_id", "user_id"])
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("paper_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_notes"),
        sa.UniqueConstraint("paper_id", "user_id", name="uq_notes_paper_user"),
        _paper_fk("notes"),
    )
    op.create_table(
        "note_revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("paper_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_note_revisions"),
        sa.UniqueConstraint("paper_id", "user_id", "version", name="uq_note_revisions_paper_user_version"),
        _paper_fk("note_revisions"),
    )


def downgrade() -> None:
    op.drop_table("note_revisions")
    op.drop_table("notes")
    op.drop_index("ix_reading_sessions_paper_user", table_name="reading_sessions")
    op.drop_table("reading_sessions")
