"""Practice: questions, FSRS cards, reviews, mock interviews (issue 6).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    name = target.split(".")[0]
    return sa.ForeignKeyConstraint([column], [target], name=f"fk_{table}_{column}_{name}", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "practice_questions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("facet", sa.String(40), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("entries", JSONType, nullable=False),
        sa.Column("paper_id", sa.Integer),
        sa.Column("prompt", sa.Text, nullable=False),
        sa.Column("reference_points", JSONType, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_practice_questions"),
        sa.UniqueConstraint("key", name="uq_practice_questions_key"),
        _fk("practice_questions", "paper_id", "papers.id"),
    )
    op.create_table(
        "practice_cards",
        sa.Column("question_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("fsrs", JSONType, nullable=False),
        sa.Column("due", TIMESTAMP, nullable=False),
        sa.Column("last_review", TIMESTAMP),
        sa.Column("reps", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("question_id", "user_id", name="pk_practice_cards"),
        _fk("practice_cards", "question_id", "practice_questions.id"),
    )
    op.create_index("ix_practice_cards_user_due", "practice_cards", ["user_id", "due"])
    op.create_table(
        "practice_reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("question_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("reviewed_at", TIMESTAMP, nullable=False),
        sa.Column("duration_ms", sa.Integer),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("covered", JSONType, nullable=False),
        sa.Column("due_after", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_practice_reviews"),
        _fk("practice_reviews", "question_id", "practice_questions.id"),
    )
    op.create_index("ix_practice_reviews_question_user", "practice_reviews", ["question_id", "user_id"])
    op.create_table(
        "mock_interviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("judge", sa.String(20), nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=False),
        sa.Column("finished_at", TIMESTAMP),
        sa.PrimaryKeyConstraint("id", name="pk_mock_interviews"),
    )
    op.create_table(
        "mock_answers",
        sa.Column("mock_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("question_id", sa.Integer, nullable=False),
        sa.Column("budget_seconds", sa.Integer, nullable=False),
        sa.Column("started_at", TIMESTAMP),
        sa.Column("answered_at", TIMESTAMP),
        sa.Column("answer", sa.Text),
        sa.Column("covered", JSONType),
        sa.PrimaryKeyConstraint("mock_id", "position", name="pk_mock_answers"),
        _fk("mock_answers", "mock_id", "mock_interviews.id"),
        _fk("mock_answers", "question_id", "practice_questions.id"),
    )


def downgrade() -> None:
    op.drop_table("mock_answers")
    op.drop_table("mock_interviews")
    op.drop_index("ix_practice_reviews_question_user", table_name="practice_reviews")
    op.drop_table("practice_reviews")
    op.drop_index("ix_practice_cards_user_due", table_name="practice_cards")
    op.drop_table("practice_cards")
    op.drop_table("practice_questions")
