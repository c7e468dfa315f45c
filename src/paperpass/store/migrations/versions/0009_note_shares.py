"""Notes shared with a reading group (private by default; a row per note and group it is shared with),
and indexes the team server's per-request queries use.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-13
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "note_shares",
        sa.Column("paper_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("group_id", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("paper_id", "user_id", "group_id", name="pk_note_shares"),
        sa.ForeignKeyConstraint(
            ["paper_id"], ["papers.id"], name="fk_note_shares_paper_id_papers", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["reading_groups.id"],
            name="fk_note_shares_group_id_reading_groups",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_note_shares_group_paper", "note_shares", ["group_id", "paper_id"])
    op.create_index("ix_group_members_user_id", "group_members", ["user_id"])
    op.create_index("ix_reading_status_user_id", "reading_status", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_reading_status_user_id", table_name="reading_status")
    op.drop_index("ix_group_members_user_id", table_name="group_members")
    op.drop_index("ix_note_shares_group_paper", table_name="note_shares")
    op.drop_table("note_shares")
