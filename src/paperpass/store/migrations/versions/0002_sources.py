"""Sources: downloaded files with sha256, code links, BibTeX entries as imported, the sync queue.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def _paper_fk(table: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["paper_id"], ["papers.id"], name=f"fk_{table}_paper_id_papers", ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "paper_files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("paper_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("arxiv_version", sa.Integer),
        sa.Column("source_url", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_paper_files"),
        sa.UniqueConstraint("paper_id", "sha256", name="uq_paper_files_paper_sha256"),
        _paper_fk("paper_files"),
    )
    op.create_table(
        "code_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("paper_id", sa.Integer, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_code_links"),
        sa.UniqueConstraint("paper_id", "url", name="uq_code_links_paper_url"),
        _paper_fk("code_links"),
    )
    op.create_table(
        "bibtex_entries",
        sa.Column("paper_id", sa.Integer, nullable=False),
        sa.Column("entry_type", sa.String(40), nullable=False),
        sa.Column("citation_key", sa.String(300), nullable=False),
        sa.Column("fields", JSONType, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("paper_id", name="pk_bibtex_entries"),
        _paper_fk("bibtex_entries"),
    )
    op.create_table(
        "source_queue",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("paper_id", sa.Integer),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_source_queue"),
        sa.UniqueConstraint("input", name="uq_source_queue_input"),
        _paper_fk("source_queue", "SET NULL"),
    )


def downgrade() -> None:
    op.drop_table("source_queue")
    op.drop_table("bibtex_entries")
    op.drop_table("code_links")
    op.drop_table("paper_files")
