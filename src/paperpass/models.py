"""Plain data shared across packages: what a paper is, independent of how it is stored."""

from __future__ import annotations

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
