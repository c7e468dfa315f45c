"""A paper's stage comes from its completed passes only (``pass-done``, or its override), never from time
logged: every stored stage is recomputed from the log of completed passes. Before, logging 45 minutes on
pass 2 moved a paper to pass 2 although ``pass-done 2`` refused it.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

RECOMPUTE = """
INSERT INTO reading_status (paper_id, user_id, status, updated_at)
SELECT paper_id, user_id,
       CASE MAX(pass_number) WHEN 3 THEN 'done' WHEN 2 THEN 'pass-2' ELSE 'pass-1' END,
       CURRENT_TIMESTAMP
FROM reading_sessions
WHERE completed = TRUE AND pass_number BETWEEN 1 AND 3
GROUP BY paper_id, user_id
"""


def upgrade() -> None:
    op.execute("DELETE FROM reading_status")
    op.execute(RECOMPUTE)


def downgrade() -> None:
    """The stages time had moved cannot be told apart any more: the recomputed ones are kept."""
