"""Plain data shared across packages: what a paper is, independent of how it is stored."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal

ReadingStatus = Literal["to-read", "pass-1", "pass-2", "pass-3", "done"]
READING_STATUSES: tuple[ReadingStatus, ...] = ("to-read", "pass-1", "pass-2", "pass-3", "done")


@dataclass(frozen=True)
class Paper:
    """A paper in the library. ``id`` is None until stored.

    Identifiers: ``arxiv_id`` without its version (``1706.03762``) and ``arxiv_version`` (7 for v7, the
    version the PDF is, when known), ``doi`` in lower case, ``s2_id`` (Semantic Scholar paperId), ``slug``
    (unique, readable, used in URLs).
    """

    slug: str
    title: str
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    venue: str | None = None
    abstract: str | None = None
    arxiv_id: str | None = None
    arxiv_version: int | None = None
    doi: str | None = None
    s2_id: str | None = None
    links: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    guide: bool = False
    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    discovery: bool = False
    """A record of the discovery index (``paperpass import --arxiv-metadata``), not a library paper: it is
    searched with ``--discover`` and becomes a library paper when the user adds it."""

    def with_changes(self, **changes: object) -> Paper:
        """A copy with some fields replaced."""
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def first_author(self) -> str | None:
        """The first author's name, if any."""
        return self.authors[0] if self.authors else None

    @property
    def byline(self) -> str:
        """Authors for display: 'A, B and C' or 'A et al.' for more than three."""
        names = [a for a in self.authors if a]
        if not names:
            return ""
        if len(names) > 3:
            return f"{names[0]} et al."
        if len(names) == 1:
            return names[0]
        return f"{', '.join(names[:-1])} and {names[-1]}"


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
TITLE_KEY_LENGTH = 32
"""Characters of a title kept in its key (see :func:`title_key`)."""
_KEY_STOPWORDS = frozenset(
    {"a", "an", "the", "on", "of", "for", "and", "in", "to", "with", "is", "are", "via", "from", "by", "at"}
)


_ASCII_WORDS = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256)).lower()
"""A byte table keeping ASCII letters (lowered) and digits, every other byte a space."""


def _ascii_words(title: str) -> list[str]:
    """The title's words: lower case, accents and punctuation removed (what :func:`normalise_title` joins).

    Most titles are ASCII: one byte translation then, which the bulk import (a key per record) needs."""
    if title.isascii():
        return title.encode().translate(_ASCII_WORDS).decode().split()
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return _NOT_ALNUM.sub(" ", ascii_title).split()


def normalise_title(title: str) -> str:
    """Lower case, accents and punctuation removed, whitespace collapsed."""
    return " ".join(_ascii_words(title))


def title_key(title: str) -> str:
    """The key a paper's title is indexed by for duplicate detection: its first :data:`TITLE_KEY_LENGTH`
    letters and digits, lower case, without accents, spaces, punctuation or small words.

    Titles that differ in case, accents, punctuation, hyphenation (``Pre-training``/``Pretraining``),
    small words or anywhere after their first 32 letters (a subtitle, "(extended version)") share a key,
    so the few papers holding it are the only ones a new paper's title needs comparing with. Titles that
    differ within their first letters (a typo there) are not found as duplicates by title.
    """
    return "".join([w for w in _ascii_words(title) if w not in _KEY_STOPWORDS])[:TITLE_KEY_LENGTH]


@dataclass(frozen=True)
class ReadingSession:
    """One stretch of reading a paper in one pass, or the moment a pass was marked complete.

    ``completed`` rows record a pass marked complete (``minutes`` may be 0); ``forced`` says the exit
    criteria were overridden, and ``note`` says which ones were missing.
    """

    paper_id: int
    pass_number: int
    started_at: datetime
    ended_at: datetime
    minutes: float
    completed: bool = False
    forced: bool = False
    note: str = ""
    user_id: int = field(kw_only=True)
    id: int | None = None


@dataclass(frozen=True)
class NoteRevision:
    """One saved version of a paper's structured note (Markdown). Version 1 is the first save."""

    paper_id: int
    version: int
    body: str
    saved_at: datetime
    source: str = "cli"
    user_id: int = field(kw_only=True)


SHARED_BANK = 0
"""The ``user_id`` of the guide's questions (source ``catalog``), the bank every user shares. Whether a
question is shared is decided by its source: questions from notes and a user's own stay with their user,
the local user 0 included."""

QuestionKind = Literal["specific", "comparative", "open", "scenario", "cloze", "choice", "note", "user"]
QUESTION_KINDS: tuple[QuestionKind, ...] = (
    "specific", "comparative", "open", "scenario", "cloze", "choice", "note", "user"
)  # fmt: skip


@dataclass(frozen=True)
class Question:
    """A practice question: a prompt and the reference points a good answer covers.

    ``key`` is stable across runs and exports (``lora/d1``, ``compare/kto+orpo+dpo``, ``user/…``);
    ``facet`` says what it asks about (``problem``, ``limitations``, ``discussion``, …); ``source`` is
    ``catalog``, ``note`` or ``user``; ``id`` is None until stored.
    """

    key: str
    kind: QuestionKind
    prompt: str
    reference_points: list[str]
    entries: list[str] = field(default_factory=list)
    facet: str = ""
    source: str = "catalog"
    paper_id: int | None = None
    user_id: int = SHARED_BANK
    id: int | None = None

    def as_json(self) -> dict[str, object]:
        """The question as JSON data: ``{id, key, kind, entries, prompt, reference_points, ...}``."""
        return {
            "id": self.id,
            "key": self.key,
            "kind": self.kind,
            "entries": list(self.entries),
            "prompt": self.prompt,
            "reference_points": list(self.reference_points),
            "facet": self.facet,
            "source": self.source,
        }


@dataclass(frozen=True)
class Viewer:
    """Who is asking: an account of a team library, the local single user, or the CLI's operator.

    ``user_id`` scopes personal data (notes, practice, reading sessions, plans). The local single user is
    id 0 with every right; ``personal`` is False for a viewer that owns no personal data (the CLI on a
    team library without ``--user``, a request before login), so reading or writing such data refuses
    instead of quietly using someone else's.
    """

    user_id: int
    username: str = ""
    is_admin: bool = False
    local: bool = False
    personal: bool = True

    @property
    def can_administer(self) -> bool:
        """Whether every group and account may be managed: the local user, the operator and admins."""
        return self.local or self.is_admin


LOCAL_VIEWER = Viewer(user_id=0, username="", is_admin=True, local=True)
"""The one user of a single-user library (no accounts): id 0, no login, every right."""

OPERATOR = Viewer(user_id=0, username="", is_admin=True, local=True, personal=False)
"""The CLI on a team library without ``--user``: may administer (groups, papers, the index) but owns no
personal data, so a note, a review or a plan needs a named account."""
