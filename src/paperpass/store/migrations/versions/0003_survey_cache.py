"""Survey sheets cached by the PDF's sha256 and the extractor version.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "surveys",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("extractor_version", sa.String(20), nullable=False),
        sa.Column("data", JSONType, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "extractor_version", name="pk_surveys"),
    )


def downgrade() -> None:
    op.drop_table("surveys")
