"""Interview study plans: the plan (interview date, hours per day, focus, report) and its daily items
(issue 9).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")
NOW = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "study_plans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("uid", sa.String(64), nullable=False),
        sa.Column("interview", sa.Date, nullable=False),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("hours_per_day", sa.Float, nullable=False),
        sa.Column("focus", JSONType, nullable=False),
        sa.Column("report", JSONType, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_at", NOW, nullable=False),
        sa.Column("updated_at", NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_study_plans"),
        sa.UniqueConstraint("uid", name="uq_study_plans_uid"),
        sa.UniqueConstraint("user_id", name="uq_study_plans_user_id"),
    )
    op.create_table(
        "plan_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("entry_slug", sa.String(200)),
        sa.Column("paper_id", sa.Integer),
        sa.Column("pass_number", sa.Integer),
        sa.Column("part", sa.Integer, nullable=False),
        sa.Column("parts", sa.Integer, nullable=False),
        sa.Column("cards", sa.Integer, nullable=False),
        sa.Column("top15", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_plan_items"),
        sa.UniqueConstraint("plan_id", "day", "position", name="uq_plan_items_plan_day_position"),
        sa.ForeignKeyConstraint(["plan_id"], ["study_plans.id"], name="fk_plan_items_plan_id_study_plans",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["paper_id"], ["papers.id"], name="fk_plan_items_paper_id_papers",
                                ondelete="SET NULL"),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("plan_items")
    op.drop_table("study_plans")
