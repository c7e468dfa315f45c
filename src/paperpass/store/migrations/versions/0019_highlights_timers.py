"""Highlights (passages a reader marked on a PDF page, per paper and per user) and pass timers kept on the
server (one per user and paper, so a timer started in the browser survives reloads and other devices).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")
NOW = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "highlights",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("paper_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("page", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("rects", JSONType, nullable=False),
        sa.Column("created_at", NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_highlights"),
        sa.ForeignKeyConstraint(
            ["paper_id"], ["papers.id"], name="fk_highlights_paper_id_papers", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_highlights_paper_user", "highlights", ["paper_id", "user_id"])
    op.create_table(
        "pass_timers",
        sa.Column("paper_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("pass_number", sa.Integer, nullable=False),
        sa.Column("first_started_at", NOW, nullable=False),
        sa.Column("running_since", NOW),
        sa.Column("elapsed_seconds", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("paper_id", "user_id", name="pk_pass_timers"),
        sa.ForeignKeyConstraint(
            ["paper_id"], ["papers.id"], name="fk_pass_timers_paper_id_papers", ondelete="CASCADE"
        ),
    )


def downgrade() -> None:
    op.drop_table("pass_timers")
    op.drop_index("ix_highlights_paper_user", table_name="highlights")
    op.drop_table("highlights")
