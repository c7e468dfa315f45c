"""Highlights: passages marked on a paper's PDF pages, per paper and per user."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, RowMapping, delete, insert, select

from paperpass.store.tables import highlights

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class HighlightRow:
    """A stored highlight: the page, the passage's text and its boxes (fractions of the page)."""

    id: int
    paper_id: int
    user_id: int
    page: int
    text: str
    rects: list[Rect]
    created_at: datetime


def _row(row: RowMapping) -> HighlightRow:
    created = row["created_at"]
    rects = [(float(r[0]), float(r[1]), float(r[2]), float(r[3])) for r in row["rects"] or []]
    return HighlightRow(
        id=row["id"],
        paper_id=row["paper_id"],
        user_id=row["user_id"],
        page=row["page"],
        text=row["text"],
        rects=rects,
        created_at=created if created.tzinfo else created.replace(tzinfo=UTC),
    )


def add_highlight(
    conn: Connection, *, paper_id: int, user_id: int, page: int, text: str, rects: Iterable[Rect]
) -> HighlightRow:
    """Store a highlight in the caller's transaction and return it."""
    values = {"paper_id": paper_id, "user_id": user_id, "page": page, "text": text,
              "rects": [list(r) for r in rects], "created_at": datetime.now(UTC)}  # fmt: skip
    new_id = conn.execute(insert(highlights).values(**values).returning(highlights.c.id)).scalar_one()
    stored = conn.execute(select(highlights).where(highlights.c.id == new_id)).mappings().one()
    return _row(stored)


def paper_highlights(conn: Connection, paper_id: int, user_id: int) -> list[HighlightRow]:
    """A user's highlights on a paper, in page order (then as marked)."""
    query = (
        select(highlights)
        .where((highlights.c.paper_id == paper_id) & (highlights.c.user_id == user_id))
        .order_by(highlights.c.page, highlights.c.id)
    )
    return [_row(r) for r in conn.execute(query).mappings()]


def user_highlights(conn: Connection, user_id: int) -> dict[int, list[HighlightRow]]:
    """Every highlight of a user, by paper id, each paper's in page order."""
    query = (
        select(highlights)
        .where(highlights.c.user_id == user_id)
        .order_by(highlights.c.paper_id, highlights.c.page, highlights.c.id)
    )
    out: dict[int, list[HighlightRow]] = {}
    for row in conn.execute(query).mappings():
        out.setdefault(row["paper_id"], []).append(_row(row))
    return out


def delete_highlight(conn: Connection, highlight_id: int, *, paper_id: int, user_id: int) -> bool:
    """Delete one of the user's highlights on a paper; False when there is no such highlight."""
    result = conn.execute(
        delete(highlights).where(
            (highlights.c.id == highlight_id)
            & (highlights.c.paper_id == paper_id)
            & (highlights.c.user_id == user_id)
        )
    )
    return bool(result.rowcount)


def all_highlights(conn: Connection) -> dict[tuple[int, int], list[HighlightRow]]:
    """Every highlight of every user, by (paper id, user id), each group in page order."""
    query = select(highlights).order_by(
        highlights.c.paper_id, highlights.c.user_id, highlights.c.page, highlights.c.id
    )
    out: dict[tuple[int, int], list[HighlightRow]] = {}
    for row in conn.execute(query).mappings():
        out.setdefault((row["paper_id"], row["user_id"]), []).append(_row(row))
    return out
