"""Login attempts counted before the password is checked, atomically, per username and address and per
username: ``login_counters`` replaces ``login_failures``, whose check-then-record let 30 parallel wrong
passwords all be checked against a limit of 5.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_counters",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
    )
    op.drop_index("ix_login_failures_key", table_name="login_failures")
    op.drop_table("login_failures")


def downgrade() -> None:
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_login_failures_key", "login_failures", ["username", "address", "at"])
    op.drop_table("login_counters")
