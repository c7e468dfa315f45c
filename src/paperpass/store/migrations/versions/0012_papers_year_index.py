"""PostgreSQL: an index on ``papers.year``, for searches filtered by a year range.

Without it a filtered search that the newest papers do not answer reads every paper's ``tsvector``
(about 400 ms over 100,000 papers); with it only those of the years asked for. SQLite needs none: its
filters are full-text clauses over the ``facets`` column (migration 0006), and an index would cost
every bulk import a second write per paper.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.create_index("ix_papers_year", "papers", ["year"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_papers_year", table_name="papers")
