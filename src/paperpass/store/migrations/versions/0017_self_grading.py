"""Self-grading: the points a user ticked as covered, kept with each review and each mock answer; mock
interviews that react, with follow-up questions inserted after an answer that missed points.

``practice_reviews`` gains ``points`` (the reference points as shown), ``ticked`` (which of them the user
confirmed covering; null when the review was not self-graded) and ``hints`` (the grader's verdict on each
point: covered, missed or unsure). ``mock_answers`` gains ``marks`` (the user's covered / shaky / missed
per point), ``graded_at`` (when the marks were confirmed), and for a follow-up its own ``prompt`` and
``points``, the position it ``follows`` and who wrote it (``asked_by``). Answers given before this
migration count as graded when they were answered.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True)
REVIEW_COLUMNS = ("points", "ticked", "hints")
MOCK_COLUMNS = ("marks", "graded_at", "prompt", "points", "follows", "asked_by")


def upgrade() -> None:
    with op.batch_alter_table("practice_reviews") as batch:
        for name in REVIEW_COLUMNS:
            batch.add_column(sa.Column(name, JSONType, nullable=True))
    with op.batch_alter_table("mock_answers") as batch:
        batch.add_column(sa.Column("marks", JSONType, nullable=True))
        batch.add_column(sa.Column("graded_at", TIMESTAMP, nullable=True))
        batch.add_column(sa.Column("prompt", sa.Text, nullable=True))
        batch.add_column(sa.Column("points", JSONType, nullable=True))
        batch.add_column(sa.Column("follows", sa.Integer, nullable=True))
        batch.add_column(sa.Column("asked_by", sa.String(20), nullable=True))
    op.execute("UPDATE mock_answers SET graded_at = answered_at WHERE answered_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("mock_answers") as batch:
        for name in reversed(MOCK_COLUMNS):
            batch.drop_column(name)
    with op.batch_alter_table("practice_reviews") as batch:
        for name in reversed(REVIEW_COLUMNS):
            batch.drop_column(name)
