"""Accounts and reading groups: users, groups, members, custom paper lists, skips, meetings, attendance
(issue 8).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")
NOW = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete=ondelete
    )


def _accounts_and_groups() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("is_admin", sa.Boolean, nullable=False),
        sa.Column("created_at", NOW, nullable=False),
        sa.Column("last_login_at", NOW),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )
    op.create_table(
        "reading_groups",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(200), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("uid", sa.String(64), nullable=False),
        sa.Column("weekday", sa.Integer, nullable=False),
        sa.Column("meet_time", sa.String(5), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_by", sa.Integer, nullable=False),
        sa.Column("created_at", NOW, nullable=False),
        sa.Column("updated_at", NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reading_groups"),
        sa.UniqueConstraint("slug", name="uq_reading_groups_slug"),
        sa.UniqueConstraint("uid", name="uq_reading_groups_uid"),
    )
    op.create_table(
        "group_members",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("group_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("user_id", sa.Integer),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("share_questions", sa.Boolean, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("created_at", NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_group_members"),
        sa.UniqueConstraint("group_id", "name", name="uq_group_members_group_name"),
        _fk("group_members", "group_id", "reading_groups", "CASCADE"),
        _fk("group_members", "user_id", "users", "SET NULL"),
    )


def _schedule_and_meetings() -> None:
    op.create_table(
        "group_papers",
        sa.Column("group_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("paper_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("group_id", "position", name="pk_group_papers"),
        _fk("group_papers", "group_id", "reading_groups", "CASCADE"),
        _fk("group_papers", "paper_id", "papers", "CASCADE"),
    )
    op.create_table(
        "group_skips",
        sa.Column("group_id", sa.Integer, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("group_id", "day", name="pk_group_skips"),
        _fk("group_skips", "group_id", "reading_groups", "CASCADE"),
    )
    op.create_table(
        "group_meetings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("group_id", sa.Integer, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("paper_id", sa.Integer),
        sa.Column("entry_slug", sa.String(200)),
        sa.Column("presenter_id", sa.Integer),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("decisions", JSONType, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_by", sa.Integer, nullable=False),
        sa.Column("updated_at", NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_group_meetings"),
        sa.UniqueConstraint("group_id", "day", name="uq_group_meetings_group_day"),
        _fk("group_meetings", "group_id", "reading_groups", "CASCADE"),
        _fk("group_meetings", "paper_id", "papers", "SET NULL"),
        _fk("group_meetings", "presenter_id", "group_members", "SET NULL"),
    )
    op.create_table(
        "meeting_attendance",
        sa.Column("meeting_id", sa.Integer, nullable=False),
        sa.Column("member_id", sa.Integer, nullable=False),
        sa.Column("present", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("meeting_id", "member_id", name="pk_meeting_attendance"),
        _fk("meeting_attendance", "meeting_id", "group_meetings", "CASCADE"),
        _fk("meeting_attendance", "member_id", "group_members", "CASCADE"),
    )


def upgrade() -> None:
    _accounts_and_groups()
    _schedule_and_meetings()


def downgrade() -> None:
    for table in ("meeting_attendance", "group_meetings", "group_skips", "group_papers", "group_members",
                  "reading_groups", "users"):  # fmt: skip
        op.drop_table(table)
