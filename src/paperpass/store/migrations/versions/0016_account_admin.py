"""Accounts an admin disabled (``users.disabled_at``: no login, sessions ended) and invitations to reading
groups (``group_invitations``: a member with an account joins only by accepting).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "group_invitations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("group_id", sa.Integer, nullable=False),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("member_name", sa.String(120), nullable=False),
        sa.Column("role", sa.String(20), nullable=False, server_default="member"),
        sa.Column("invited_by", sa.Integer, nullable=False, server_default="0"),
        sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["reading_groups.id"],
            name="fk_group_invitations_group_id_reading_groups",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("group_id", "username", name="uq_group_invitations_group_username"),
    )
    op.create_index("ix_group_invitations_username", "group_invitations", ["username"])


def downgrade() -> None:
    op.drop_index("ix_group_invitations_username", table_name="group_invitations")
    op.drop_table("group_invitations")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("disabled_at")
