"""The library's tables (SQLAlchemy Core). Change them only together with a new Alembic migration."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.dialects.postgresql import JSONB

from paperpass.models import TITLE_KEY_LENGTH

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
    Column("discovery", Boolean, nullable=False, default=False, server_default=false()),
    Column("title_key", String(TITLE_KEY_LENGTH)),
    Index("ix_papers_library", "discovery", "created_at", "id"),
    Index("ix_papers_title_key", "title_key", "year"),
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
    Index("ix_reading_status_user_id", "user_id"),
)

surveys = Table(
    "surveys",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("extractor_version", String(20), primary_key=True),
    Column("data", JSONType, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
)

paper_files = Table(
    "paper_files",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False, default="pdf"),
    Column("path", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("arxiv_version", Integer),
    Column("source_url", Text),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    UniqueConstraint("paper_id", "sha256", name="uq_paper_files_paper_sha256"),
)

code_links = Table(
    "code_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="CASCADE"), nullable=False),
    Column("url", Text, nullable=False),
    Column("source", String(40), nullable=False),
    Column("kind", String(20), nullable=False, default="code"),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    UniqueConstraint("paper_id", "url", name="uq_code_links_paper_url"),
)

bibtex_entries = Table(
    "bibtex_entries",
    metadata,
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="CASCADE"), primary_key=True),
    Column("entry_type", String(40), nullable=False),
    Column("citation_key", String(300), nullable=False),
    Column("fields", JSONType, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow),
)

source_queue = Table(
    "source_queue",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("input", Text, nullable=False, unique=True),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="SET NULL")),
    Column("reason", Text, nullable=False),
    Column("attempts", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("updated_at", DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow),
)

reading_sessions = Table(
    "reading_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", Integer, nullable=False, default=0),
    Column("pass_number", Integer, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True), nullable=False),
    Column("minutes", Float, nullable=False),
    Column("completed", Boolean, nullable=False, default=False),
    Column("forced", Boolean, nullable=False, default=False),
    Column("note", Text, nullable=False, default=""),
    Index("ix_reading_sessions_paper_user", "paper_id", "user_id"),
)

notes = Table(
    "notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", Integer, nullable=False, default=0),
    Column("version", Integer, nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("updated_at", DateTime(timezone=True), nullable=False, default=utcnow),
    UniqueConstraint("paper_id", "user_id", name="uq_notes_paper_user"),
)

note_revisions = Table(
    "note_revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", Integer, nullable=False, default=0),
    Column("version", Integer, nullable=False),
    Column("body", Text, nullable=False),
    Column("source", String(20), nullable=False, default="cli"),
    Column("saved_at", DateTime(timezone=True), nullable=False, default=utcnow),
    UniqueConstraint("paper_id", "user_id", "version", name="uq_note_revisions_paper_user_version"),
)

practice_questions = Table(
    "practice_questions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("user_id", Integer, nullable=False, default=0),
    Column("kind", String(20), nullable=False),
    Column("facet", String(40), nullable=False, default=""),
    Column("source", String(20), nullable=False),
    Column("entries", JSONType, nullable=False, default=list),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="CASCADE")),
    Column("prompt", Text, nullable=False),
    Column("reference_points", JSONType, nullable=False, default=list),
    Column("content_hash", String(64), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("updated_at", DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow),
)

practice_cards = Table(
    "practice_cards",
    metadata,
    Column("question_id", Integer, ForeignKey("practice_questions.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Integer, primary_key=True, default=0),
    Column("fsrs", JSONType, nullable=False),
    Column("due", DateTime(timezone=True), nullable=False),
    Column("last_review", DateTime(timezone=True)),
    Column("reps", Integer, nullable=False, default=0),
    Index("ix_practice_cards_user_due", "user_id", "due"),
)

practice_reviews = Table(
    "practice_reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("question_id", Integer, ForeignKey("practice_questions.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", Integer, nullable=False, default=0),
    Column("rating", Integer, nullable=False),
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
    Column("duration_ms", Integer),
    Column("answer", Text, nullable=False, default=""),
    Column("covered", JSONType, nullable=False, default=list),
    Column("due_after", DateTime(timezone=True), nullable=False),
    Column("points", JSONType),  # the reference points as shown (migration 0017)
    Column("ticked", JSONType),  # which of them the user ticked; null when not self-graded
    Column("hints", JSONType),  # the grader's verdict per point: covered, missed or unsure
    Index("ix_practice_reviews_question_user", "question_id", "user_id"),
)

mock_interviews = Table(
    "mock_interviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, nullable=False, default=0),
    Column("minutes", Integer, nullable=False),
    Column("judge", String(20), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("finished_at", DateTime(timezone=True)),
)

mock_answers = Table(
    "mock_answers",
    metadata,
    Column("mock_id", Integer, ForeignKey("mock_interviews.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("role", String(20), nullable=False),
    Column("question_id", Integer, ForeignKey("practice_questions.id", ondelete="CASCADE"), nullable=False),
    Column("budget_seconds", Integer, nullable=False),
    Column("started_at", DateTime(timezone=True)),
    Column("answered_at", DateTime(timezone=True)),
    Column("answer", Text),
    Column("covered", JSONType),
    Column("marks", JSONType),  # the user's covered / shaky / missed per point (migration 0017)
    Column("graded_at", DateTime(timezone=True)),
    Column("prompt", Text),  # a follow-up's own question, points, the position it follows, who wrote it
    Column("points", JSONType),
    Column("follows", Integer),
    Column("asked_by", String(20)),
)

# Accounts and reading groups (issue 8). User id 0 stays "the local single user"; accounts start at 1.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(80), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("is_admin", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("last_login_at", DateTime(timezone=True)),
    Column("disabled_at", DateTime(timezone=True)),  # 0016: a disabled account cannot log in
)

# Server-side sessions (the cookie carries the id, signed) and failed logins for the throttle (0010).
sessions = Table(
    "sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("user_agent", String(200), nullable=False, default="", server_default=""),
)

# Login attempts counted per key in a fixed window, incremented atomically before a password is checked
# (0015): "address:<username>|<client address>" and "account:<username>".
login_counters = Table(
    "login_counters",
    metadata,
    Column("key", String(300), primary_key=True),
    Column("window_start", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False),
)

reading_groups = Table(
    "reading_groups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(200), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("uid", String(64), nullable=False, unique=True),
    Column("weekday", Integer, nullable=False),
    Column("meet_time", String(5), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("source", String(20), nullable=False, default="guide"),
    Column("minutes", Integer, nullable=False, default=45),
    Column("revision", Integer, nullable=False, default=1),
    Column("created_by", Integer, nullable=False, default=0),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("updated_at", DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow),
)

group_members = Table(
    "group_members",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("group_id", Integer, ForeignKey("reading_groups.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(120), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("role", String(20), nullable=False, default="member"),
    Column("share_questions", Boolean, nullable=False, default=False),
    Column("position", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    UniqueConstraint("group_id", "name", name="uq_group_members_group_name"),
    Index("ix_group_members_user_id", "user_id"),
)

# An invitation to join a group (0016): a member with an account joins only when its owner accepts. It is
# kept by username, whether or not such an account exists, so the inviter learns nothing from it.
group_invitations = Table(
    "group_invitations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("group_id", Integer, ForeignKey("reading_groups.id", ondelete="CASCADE"), nullable=False),
    Column("username", String(80), nullable=False),
    Column("member_name", String(120), nullable=False),
    Column("role", String(20), nullable=False, default="member"),
    Column("invited_by", Integer, nullable=False, default=0),
    Column("status", String(16), nullable=False, default="pending"),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("group_id", "username", name="uq_group_invitations_group_username"),
    Index("ix_group_invitations_username", "username"),
)

# A note (paper, user) shared read-only with a reading group; notes are private without a row here.
note_shares = Table(
    "note_shares",
    metadata,
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Integer, primary_key=True),
    Column("group_id", Integer, ForeignKey("reading_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Index("ix_note_shares_group_paper", "group_id", "paper_id"),
)

group_papers = Table(
    "group_papers",
    metadata,
    Column("group_id", Integer, ForeignKey("reading_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="CASCADE"), nullable=False),
)

group_skips = Table(
    "group_skips",
    metadata,
    Column("group_id", Integer, ForeignKey("reading_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("reason", Text, nullable=False, default=""),
)

group_meetings = Table(
    "group_meetings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("group_id", Integer, ForeignKey("reading_groups.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="SET NULL")),
    Column("entry_slug", String(200)),
    Column("presenter_id", Integer, ForeignKey("group_members.id", ondelete="SET NULL")),
    Column("notes", Text, nullable=False, default=""),
    Column("decisions", JSONType, nullable=False, default=list),
    Column("version", Integer, nullable=False, default=0),
    Column("updated_by", Integer, nullable=False, default=0),
    Column("updated_at", DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow),
    UniqueConstraint("group_id", "day", name="uq_group_meetings_group_day"),
)

meeting_attendance = Table(
    "meeting_attendance",
    metadata,
    Column("meeting_id", Integer, ForeignKey("group_meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", Integer, ForeignKey("group_members.id", ondelete="CASCADE"), primary_key=True),
    Column("present", Boolean, nullable=False, default=True),
)

# Search (issue 7). The full-text indexes themselves (FTS5 tables on SQLite, tsvector columns with GIN
# indexes on PostgreSQL) are dialect-specific DDL in migrations 0006 and 0013, queried by the search
# backends (``store/search_fts5.py``, ``store/search_postgres.py``).
search_texts = Table(
    "search_texts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="CASCADE")),
    Column("kind", String(10), nullable=False),
    Column("ref", String(200), nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("body", Text, nullable=False),
    Index("ix_search_texts_paper_kind", "paper_id", "kind"),
)

search_terms = Table(
    "search_terms",
    metadata,
    Column("term", String(200), primary_key=True),
    Column("papers", Integer, nullable=False),
    sqlite_with_rowid=False,
)
"""The words of bulk-loaded papers, with how many papers hold each (migration 0006)."""

search_vectors = Table(
    "search_vectors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="CASCADE"), nullable=False),
    Column("chunk", Integer, nullable=False, default=0),
    Column("model", String(100), nullable=False),
    Column("vector", LargeBinary, nullable=False),
    UniqueConstraint("paper_id", "chunk", "model", name="uq_search_vectors_paper_chunk_model"),
)

citation_links = Table(
    "citation_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="CASCADE"), nullable=False),
    Column("direction", String(10), nullable=False),
    Column("other_key", String(100), nullable=False),
    Column("other_title", Text, nullable=False, default=""),
    Column("other_year", Integer),
    Column("other_arxiv_id", String(40)),
    Column("other_s2_id", String(64)),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    UniqueConstraint("paper_id", "direction", "other_key", name="uq_citation_links_paper_direction_key"),
)

# Interview study plans (issue 9). One plan per user, rebuilt in place by a re-plan (``revision`` counts
# the rebuilds, so calendar apps accept an updated export); its items are replaced with it.
study_plans = Table(
    "study_plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, nullable=False, default=0),
    Column("uid", String(64), nullable=False, unique=True),
    Column("interview", Date, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("hours_per_day", Float, nullable=False),
    Column("focus", JSONType, nullable=False, default=list),
    Column("report", JSONType, nullable=False, default=dict),
    Column("revision", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("updated_at", DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow),
    UniqueConstraint("user_id", name="uq_study_plans_user_id"),
)

plan_items = Table(
    "plan_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("study_plans.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),
    Column("position", Integer, nullable=False),
    Column("key", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("title", Text, nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("entry_slug", String(200)),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="SET NULL")),
    Column("pass_number", Integer),
    Column("part", Integer, nullable=False, default=1),
    Column("parts", Integer, nullable=False, default=1),
    Column("cards", Integer, nullable=False, default=0),
    Column("top15", Boolean, nullable=False, default=False),
    UniqueConstraint("plan_id", "day", "position", name="uq_plan_items_plan_day_position"),
)

# Passages a reader marked on a PDF page (the reading view's text layer), per paper and per user; ``rects``
# are the marked boxes as [x0, y0, x1, y1] fractions of the page (0-1, top left origin).
highlights = Table(
    "highlights",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", Integer, nullable=False),
    Column("page", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("rects", JSONType, nullable=False, default=list),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Index("ix_highlights_paper_user", "paper_id", "user_id"),
)

# A pass timer per user and paper, kept on the server: ``elapsed_seconds`` counts the finished stretches,
# ``running_since`` is set while it runs (None when paused).
pass_timers = Table(
    "pass_timers",
    metadata,
    Column("paper_id", Integer, ForeignKey("papers.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Integer, primary_key=True),
    Column("pass_number", Integer, nullable=False),
    Column("first_started_at", DateTime(timezone=True), nullable=False),
    Column("running_since", DateTime(timezone=True)),
    Column("elapsed_seconds", Float, nullable=False, default=0.0),
)
