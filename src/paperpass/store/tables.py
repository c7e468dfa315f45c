"""The library's tables (SQLAlchemy Core). Change them only together with a new Alembic migration."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

JSONType = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    """Timezone-aware now, for timestamps."""
    return datetime.now(UTC)


papers = Table(
    "papers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(200), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("authors", JSONType, nullable=False, default=list),
    Column("year", Integer),
    Column("venue", Text),
    Column("abstract", Text),
    Column("arxiv_id", String(40), unique=True),
    Column("arxiv_version", Integer),
    Column("doi", String(300), unique=True),
    Column("s2_id", String(64), unique=True),
    Column("links", JSONType, nullable=False, default=dict),
    Column("tags", JSONType, nullable=False, default=list),
    Column("guide", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("updated_at", DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow),
)

guide_entries = Table(
    "guide_entries",
    metadata,
    Column("slug", String(200), primary_key=True),
    Column("number", Integer, nullable=False, unique=True),
    Column("category", String(100), nullable=False),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="SET NULL")),
)

guide_entry_works = Table(
    "guide_entry_works",
    metadata,
    Column("entry_slug", String(200), ForeignKey("guide_entries.slug", ondelete="CASCADE"), primary_key=True),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="CASCADE"), primary_key=True),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

reading_status = Table(
    "reading_status",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", Integer, nullable=False, default=0),
    Column("status", String(20), nullable=False, default="to-read"),
    Column("updated_at", DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow),
    UniqueConstraint("paper_id", "user_id", name="uq_reading_status_paper_user"),
)

surveys = Table(
    "surveys",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("extractor_version", String(20), primary_key=True),
    Column("data", JSONType, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
)
