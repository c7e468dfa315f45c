"""Search: full-text indexes over papers, notes, PDF pages and the guide; embedding vectors; citation
links from Semantic Scholar for the graph (issue 7).

SQLite: FTS5 external-content tables (``papers_fts`` over ``papers`` through the view
``papers_fts_source``, which adds the filter tokens; ``search_texts_fts`` over ``search_texts``) kept in
step by triggers; ``search_terms`` lists the words of bulk-loaded papers with how many papers hold each,
for prefix queries and ranking at scale. PostgreSQL: generated ``tsvector`` columns with GIN indexes.
On both, triggers copy each user's note into ``search_texts`` so the notes code needs no search hook.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TOKENIZE = "porter unicode61 remove_diacritics 2"

FACETS = "'y' || coalesce(CAST({p}.year AS TEXT), 'none') || ' ' || coalesce({p}.tags, '')"
"""SQL for a paper's filter text, indexed in the ``facets`` column so that filters are full-text clauses
(:mod:`paperpass.store.search_fts5`): ``y2017`` (``ynone``) and the tags (``cs.LG`` gives the words
``cs lg``). They match at least the papers a filter keeps; the exact filter is applied as well."""

SQLITE_UP = [
    f"""CREATE VIEW papers_fts_source AS SELECT p.id, p.title, p.authors, p.abstract,
        {FACETS.format(p="p")} AS facets FROM papers p""",
    f"""CREATE VIRTUAL TABLE papers_fts USING fts5(title, authors, abstract, facets,
        content='papers_fts_source', content_rowid='id', tokenize='{TOKENIZE}')""",
    f"""CREATE TRIGGER papers_fts_ai AFTER INSERT ON papers BEGIN
        INSERT INTO papers_fts(rowid, title, authors, abstract, facets)
        VALUES (new.id, new.title, new.authors, new.abstract, {FACETS.format(p="new")}); END""",
    f"""CREATE TRIGGER papers_fts_ad AFTER DELETE ON papers BEGIN
        INSERT INTO papers_fts(papers_fts, rowid, title, authors, abstract, facets)
        VALUES ('delete', old.id, old.title, old.authors, old.abstract, {FACETS.format(p="old")}); END""",
    f"""CREATE TRIGGER papers_fts_au AFTER UPDATE OF title, authors, abstract, year, tags ON papers BEGIN
        INSERT INTO papers_fts(papers_fts, rowid, title, authors, abstract, facets)
        VALUES ('delete', old.id, old.title, old.authors, old.abstract, {FACETS.format(p="old")});
        INSERT INTO papers_fts(rowid, title, authors, abstract, facets)
        VALUES (new.id, new.title, new.authors, new.abstract, {FACETS.format(p="new")}); END""",
    """INSERT INTO papers_fts(rowid, title, authors, abstract, facets)
        SELECT id, title, authors, abstract, facets FROM papers_fts_source""",
    "CREATE VIRTUAL TABLE papers_fts_vocab USING fts5vocab(papers_fts, 'row')",
    f"""CREATE VIRTUAL TABLE search_texts_fts USING fts5(title, body, content='search_texts',
        content_rowid='id', tokenize='{TOKENIZE}')""",
    """CREATE TRIGGER search_texts_fts_ai AFTER INSERT ON search_texts BEGIN
        INSERT INTO search_texts_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END""",
    """CREATE TRIGGER search_texts_fts_ad AFTER DELETE ON search_texts BEGIN
        INSERT INTO search_texts_fts(search_texts_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body); END""",
    """CREATE TRIGGER search_texts_fts_au AFTER UPDATE ON search_texts BEGIN
        INSERT INTO search_texts_fts(search_texts_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO search_texts_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END""",
    """CREATE TRIGGER notes_search_ai AFTER INSERT ON notes BEGIN
        INSERT INTO search_texts(paper_id, kind, ref, title, body)
        VALUES (new.paper_id, 'note', CAST(new.user_id AS TEXT), 'Notes', new.body); END""",
    """CREATE TRIGGER notes_search_au AFTER UPDATE OF body ON notes BEGIN
        UPDATE search_texts SET body = new.body
        WHERE kind = 'note' AND paper_id = new.paper_id AND ref = CAST(new.user_id AS TEXT); END""",
    """CREATE TRIGGER notes_search_ad AFTER DELETE ON notes BEGIN
        DELETE FROM search_texts
        WHERE kind = 'note' AND paper_id = old.paper_id AND ref = CAST(old.user_id AS TEXT); END""",
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS notes_search_ad",
    "DROP TRIGGER IF EXISTS notes_search_au",
    "DROP TRIGGER IF EXISTS notes_search_ai",
    "DROP TRIGGER IF EXISTS search_texts_fts_au",
    "DROP TRIGGER IF EXISTS search_texts_fts_ad",
    "DROP TRIGGER IF EXISTS search_texts_fts_ai",
    "DROP TABLE IF EXISTS search_texts_fts",
    "DROP TABLE IF EXISTS papers_fts_vocab",
    "DROP TRIGGER IF EXISTS papers_fts_au",
    "DROP TRIGGER IF EXISTS papers_fts_ad",
    "DROP TRIGGER IF EXISTS papers_fts_ai",
    "DROP TABLE IF EXISTS papers_fts",
    "DROP VIEW IF EXISTS papers_fts_source",
]

POSTGRES_UP = [
    """ALTER TABLE papers ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(authors::text, '')), 'B')
        || setweight(to_tsvector('english'::regconfig, coalesce(abstract, '')), 'C')) STORED""",
    "CREATE INDEX ix_papers_search_vector ON papers USING gin (search_vector)",
    """ALTER TABLE search_texts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, title), 'A')
        || setweight(to_tsvector('english'::regconfig, body), 'C')) STORED""",
    "CREATE INDEX ix_search_texts_search_vector ON search_texts USING gin (search_vector)",
    """CREATE FUNCTION paperpass_note_to_search() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            DELETE FROM search_texts
            WHERE kind = 'note' AND paper_id = OLD.paper_id AND ref = OLD.user_id::text;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO search_texts (paper_id, kind, ref, title, body)
            VALUES (NEW.paper_id, 'note', NEW.user_id::text, 'Notes', NEW.body);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER notes_search AFTER INSERT OR UPDATE OR DELETE ON notes
        FOR EACH ROW EXECUTE FUNCTION paperpass_note_to_search()""",
]

POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS notes_search ON notes",
    "DROP FUNCTION IF EXISTS paperpass_note_to_search()",
    "DROP INDEX IF EXISTS ix_papers_search_vector",
    "ALTER TABLE papers DROP COLUMN IF EXISTS search_vector",
]

NOTES_BACKFILL = """INSERT INTO search_texts (paper_id, kind, ref, title, body)
    SELECT paper_id, 'note', CAST(user_id AS TEXT), 'Notes', body FROM notes"""


def upgrade() -> None:
    op.create_table(
        "search_texts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("paper_id", sa.Integer),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("ref", sa.String(200), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_search_texts"),
        sa.ForeignKeyConstraint(
            ["paper_id"], ["papers.id"], name="fk_search_texts_paper_id_papers", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_search_texts_paper_kind", "search_texts", ["paper_id", "kind"])
    op.create_table(
        "search_vectors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("paper_id", sa.Integer, nullable=False),
        sa.Column("chunk", sa.Integer, nullable=False),
        sa.Column("model", sa.String(100), nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_search_vectors"),
        sa.UniqueConstraint("paper_id", "chunk", "model", name="uq_search_vectors_paper_chunk_model"),
        sa.ForeignKeyConstraint(
            ["paper_id"], ["papers.id"], name="fk_search_vectors_paper_id_papers", ondelete="CASCADE"
        ),
    )
    op.create_table(
        "search_terms",
        sa.Column("term", sa.String(200), nullable=False),
        sa.Column("papers", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("term", name="pk_search_terms"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "citation_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("paper_id", sa.Integer, nullable=False),
        sa.Column("direction", sa.String(10), nullable=False),
        sa.Column("other_key", sa.String(100), nullable=False),
        sa.Column("other_title", sa.Text, nullable=False),
        sa.Column("other_year", sa.Integer),
        sa.Column("other_arxiv_id", sa.String(40)),
        sa.Column("other_s2_id", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_citation_links"),
        sa.UniqueConstraint(
            "paper_id", "direction", "other_key", name="uq_citation_links_paper_direction_key"
        ),
        sa.ForeignKeyConstraint(
            ["paper_id"], ["papers.id"], name="fk_citation_links_paper_id_papers", ondelete="CASCADE"
        ),
    )
    statements = SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRES_UP
    for statement in statements:
        op.execute(statement)
    op.execute(NOTES_BACKFILL)


def downgrade() -> None:
    statements = SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWN
    for statement in statements:
        op.execute(statement)
    op.drop_table("citation_links")
    op.drop_table("search_terms")
    op.drop_table("search_vectors")
    op.drop_index("ix_search_texts_paper_kind", table_name="search_texts")
    op.drop_table("search_texts")
