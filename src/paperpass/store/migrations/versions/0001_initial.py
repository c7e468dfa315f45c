"""Papers, guide entries, reading status and a key-value meta table.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "papers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(200), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("authors", JSONType, nullable=False),
        sa.Column("year", sa.Integer),
        sa.Column("venue", sa.Text),
        sa.Column("abstract", sa.Text),
        sa.Column("arxiv_id", sa.String(40)),
        sa.Column("arxiv_version", sa.Integer),
        sa.Column("doi", sa.String(300)),
        sa.Column("s2_id", sa.String(64)),
        sa.Column("links", JSONType, nullable=False),
        sa.Column("tags", JSONType, nullable=False),
        sa.Column("guide", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_papers"),
        sa.UniqueConstraint("slug", name="uq_papers_slug"),
        sa.UniqueConstraint("arxiv_id", name="uq_papers_arxiv_id"),
        sa.UniqueConstraint("doi", name="uq_papers_doi"),
        sa.UniqueConstraint("s2_id", name="uq_papers_s2_id"),
    )
    op.create_table(
        "guide_entries",
        sa.Column("slug", sa.String(200), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        sa.Column("paper_id", sa.Integer),
        sa.PrimaryKeyConstraint("slug", name="pk_guide_entries"),
        sa.UniqueConstraint("number", name="uq_guide_entries_number"),
        sa.ForeignKeyConstraint(
            ["paper_id"], ["papers.id"], name="fk_guide_entries_paper_id_papers", ondelete="SET NULL"
        ),
    )
    op.create_table(
        "guide_entry_works",
        sa.Column("entry_slug", sa.String(200), nullable=False),
        sa.Column("paper_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("entry_slug", "paper_id", name="pk_guide_entry_works"),
        sa.ForeignKeyConstraint(
            ["entry_slug"],
            ["guide_entries.slug"],
            name="fk_guide_entry_works_entry_slug_guide_entries",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["paper_id"], ["papers.id"], name="fk_guide_entry_works_paper_id_papers", ondelete="CASCADE"
        ),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_meta"),
    )
    op.create_table(
        "reading_status",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("paper_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reading_status"),
        sa.UniqueConstraint("paper_id", "user_id", name="uq_reading_status_paper_user"),
        sa.ForeignKeyConstraint(
            ["paper_id"], ["papers.id"], name="fk_reading_status_paper_id_papers", ondelete="CASCADE"
        ),
    )


def downgrade() -> None:
    op.drop_table("reading_status")
    op.drop_table("meta")
    op.drop_table("guide_entry_works")
    op.drop_table("guide_entries")
    op.drop_table("papers")
