"""The discovery index apart from the library; titles indexed by key for duplicate detection (issue 17).

``papers.discovery`` marks the records of ``paperpass import --arxiv-metadata``: searched with
``--discover``, never listed, exported or counted as the library's, and made library papers when the user
adds one. Papers the bulk import wrote before this revision (their slug ends with their arXiv id, the
import's own shape, and they are no guide paper) become discovery records, unless the user has done
anything with them (a status, a note, a file, a session, a plan or group item, a question ...).

``papers.title_key`` (:func:`paperpass.models.title_key`) with ``year`` is indexed, so a new paper's
possible duplicates by title are a lookup, not a pass over every paper. ``ix_papers_library`` lists the
library's papers newest first without reading the discovery records.

SQLite: the full-text ``facets`` column of a library paper gains the word ``ylibrary``, so a library search
is a full-text clause too (see :mod:`paperpass.store.search_fts5`); the view and triggers are rewritten
with it, and the ``papers_fts_au`` trigger also fires when a record is added to the library.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

BATCH = 20_000
KEY_LENGTH = 32
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_STOPWORDS = frozenset(
    {"a", "an", "the", "on", "of", "for", "and", "in", "to", "with", "is", "are", "via", "from", "by", "at"}
)
USER_TABLES = (
    "guide_entries", "guide_entry_works", "reading_status", "paper_files", "code_links", "bibtex_entries",
    "source_queue", "reading_sessions", "notes", "note_revisions", "practice_questions", "note_shares",
    "group_papers", "group_meetings", "citation_links", "plan_items",
)  # fmt: skip
"""Tables whose rows show the user took a paper up: such a paper stays in the library."""

OLD_FACETS = "'y' || coalesce(CAST({p}.year AS TEXT), 'none') || ' ' || coalesce({p}.tags, '')"
FACETS = OLD_FACETS + " || CASE WHEN {p}.discovery THEN '' ELSE ' ylibrary' END"
TOKENIZE = "porter unicode61 remove_diacritics 2"


def _triggers(facets: str, updated: str) -> list[str]:
    return [
        "DROP VIEW IF EXISTS papers_fts_source",
        "DROP TRIGGER IF EXISTS papers_fts_ai",
        "DROP TRIGGER IF EXISTS papers_fts_ad",
        "DROP TRIGGER IF EXISTS papers_fts_au",
        f"""CREATE VIEW papers_fts_source AS SELECT p.id, p.title, p.authors, p.abstract,
            {facets.format(p="p")} AS facets FROM papers p""",
        f"""CREATE TRIGGER papers_fts_ai AFTER INSERT ON papers BEGIN
            INSERT INTO papers_fts(rowid, title, authors, abstract, facets)
            VALUES (new.id, new.title, new.authors, new.abstract, {facets.format(p="new")}); END""",
        f"""CREATE TRIGGER papers_fts_ad AFTER DELETE ON papers BEGIN
            INSERT INTO papers_fts(papers_fts, rowid, title, authors, abstract, facets)
            VALUES ('delete', old.id, old.title, old.authors, old.abstract, {facets.format(p="old")}); END""",
        f"""CREATE TRIGGER papers_fts_au AFTER UPDATE OF {updated} ON papers BEGIN
            INSERT INTO papers_fts(papers_fts, rowid, title, authors, abstract, facets)
            VALUES ('delete', old.id, old.title, old.authors, old.abstract, {facets.format(p="old")});
            INSERT INTO papers_fts(rowid, title, authors, abstract, facets)
            VALUES (new.id, new.title, new.authors, new.abstract, {facets.format(p="new")}); END""",
    ]


def title_key(title: str) -> str:
    """:func:`paperpass.models.title_key` as of this revision."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = [w for w in _NOT_ALNUM.sub(" ", ascii_title).split() if w not in _STOPWORDS]
    return "".join(words)[:KEY_LENGTH]


def _fill_title_keys(conn: sa.Connection) -> None:
    last = 0
    while True:
        rows = conn.execute(
            sa.text("SELECT id, title FROM papers WHERE id > :last ORDER BY id LIMIT :n"),
            {"last": last, "n": BATCH},
        ).all()
        if not rows:
            return
        last = rows[-1][0]
        conn.execute(
            sa.text("UPDATE papers SET title_key = :key WHERE id = :id"),
            [{"id": i, "key": title_key(t or "")} for i, t in rows],
        )


def _mark_bulk_imported(conn: sa.Connection) -> None:
    tail = "replace(replace(lower(arxiv_id), '.', '-'), '/', '-')"
    used = " AND ".join(
        f"id NOT IN (SELECT paper_id FROM {t} WHERE paper_id IS NOT NULL)" for t in USER_TABLES
    )
    conn.execute(
        sa.text(
            f"UPDATE papers SET discovery = :yes WHERE NOT guide AND arxiv_id IS NOT NULL "
            f"AND slug LIKE '%-' || {tail} AND {used}"
        ),
        {"yes": True},
    )


def upgrade() -> None:
    conn = op.get_bind()
    op.add_column("papers", sa.Column("discovery", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("papers", sa.Column("title_key", sa.String(KEY_LENGTH)))
    _fill_title_keys(conn)
    _mark_bulk_imported(conn)
    if conn.dialect.name == "sqlite":
        library = "FROM papers p WHERE NOT p.discovery"
        conn.exec_driver_sql(
            "INSERT INTO papers_fts(papers_fts, rowid, title, authors, abstract, facets) "
            f"SELECT 'delete', p.id, p.title, p.authors, p.abstract, {OLD_FACETS.format(p='p')} {library}"
        )
        conn.exec_driver_sql(
            "INSERT INTO papers_fts(rowid, title, authors, abstract, facets) "
            f"SELECT p.id, p.title, p.authors, p.abstract, {FACETS.format(p='p')} {library}"
        )
        for statement in _triggers(FACETS, "title, authors, abstract, year, tags, discovery"):
            conn.exec_driver_sql(statement)
    op.create_index("ix_papers_library", "papers", ["discovery", "created_at", "id"])
    op.create_index("ix_papers_title_key", "papers", ["title_key", "year"])
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("ANALYZE papers")


def downgrade() -> None:
    conn = op.get_bind()
    op.drop_index("ix_papers_title_key", table_name="papers")
    op.drop_index("ix_papers_library", table_name="papers")
    if conn.dialect.name == "sqlite":
        library = "FROM papers p WHERE NOT p.discovery"
        conn.exec_driver_sql(
            "INSERT INTO papers_fts(papers_fts, rowid, title, authors, abstract, facets) "
            f"SELECT 'delete', p.id, p.title, p.authors, p.abstract, {FACETS.format(p='p')} {library}"
        )
        conn.exec_driver_sql(
            "INSERT INTO papers_fts(rowid, title, authors, abstract, facets) "
            f"SELECT p.id, p.title, p.authors, p.abstract, {OLD_FACETS.format(p='p')} {library}"
        )
        for statement in _triggers(OLD_FACETS, "title, authors, abstract, year, tags"):
            conn.exec_driver_sql(statement)
    conn.exec_driver_sql("ALTER TABLE papers DROP COLUMN title_key")
    conn.exec_driver_sql("ALTER TABLE papers DROP COLUMN discovery")
