"""Highlights: passages a reader marks on a paper's PDF pages, kept per paper and per user.

A highlight is the passage's text, its page, and the boxes it covers as fractions of the page (so the
reading view can paint it over the page image at any size). Highlights are listed beside the note, go into
the vault export with their pages (:mod:`paperpass.notes.vault`, quoted by
:func:`paperpass.notes.document.quote_markdown`) and are searchable: each change is indexed
in its own transaction through :func:`paperpass.search.indexing.highlights_saved`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from paperpass.errors import InvalidInputError, NotFoundError
from paperpass.library import Library
from paperpass.models import Paper
from paperpass.notes.document import quote_markdown
from paperpass.papers.sheets import paper_pdf
from paperpass.reading.pages import page_count
from paperpass.search import indexing
from paperpass.store import Connection
from paperpass.store import highlights as highlight_rows

MAX_TEXT = 5_000
MAX_RECTS = 200
Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class Highlight:
    """A marked passage: its id, page, text and boxes (x0, y0, x1, y1 as fractions of the page)."""

    id: int
    page: int
    text: str
    rects: list[Rect]
    created_at: datetime

    @property
    def quote(self) -> str:
        """The passage as a Markdown quote with its page anchor: ``> ... [p. 4]``."""
        return quote_markdown(self.text, self.page)

    def as_json(self) -> dict[str, Any]:
        """The highlight as JSON data."""
        return {
            "id": self.id,
            "page": self.page,
            "text": self.text,
            "rects": [list(r) for r in self.rects],
            "created_at": self.created_at.isoformat(),
        }


def clean_passage(text: str) -> str:
    """A selected passage as stored: whitespace folded, words hyphenated across a line joined."""
    joined = re.sub(r"(\w)-\s*\n\s*(?=[a-z])", r"\1", text)
    return " ".join(joined.split())


def _rects(raw: Sequence[Sequence[float]]) -> list[Rect]:
    if len(raw) > MAX_RECTS:
        raise InvalidInputError(f"a highlight covers at most {MAX_RECTS} boxes")
    out: list[Rect] = []
    for box in raw:
        if len(box) != 4 or not all(isinstance(v, int | float) and math.isfinite(v) for v in box):
            raise InvalidInputError("each highlight box is four numbers: x0, y0, x1, y1")
        x0, y0, x1, y1 = (min(max(float(v), 0.0), 1.0) for v in box)
        if x1 <= x0 or y1 <= y0:
            raise InvalidInputError("a highlight box must have x1 > x0 and y1 > y0 (fractions of the page)")
        out.append((round(x0, 5), round(y0, 5), round(x1, 5), round(y1, 5)))
    return out


def _highlight(row: highlight_rows.HighlightRow) -> Highlight:
    return Highlight(row.id, row.page, row.text, list(row.rects), row.created_at)


def add_highlight(
    library: Library, paper: Paper, page: int, text: str, rects: Sequence[Sequence[float]] = ()
) -> Highlight:
    """Keep a passage the viewer marked on page ``page`` of a paper.

    Raises:
        InvalidInputError: no text, text over 5,000 characters, a page the PDF does not have, or malformed
            boxes.
        NotFoundError: the paper has no PDF to highlight.
    """
    passage = clean_passage(text)
    if not passage:
        raise InvalidInputError("select some text on the page to highlight")
    if len(passage) > MAX_TEXT:
        raise InvalidInputError(f"a highlight holds at most {MAX_TEXT:,} characters; select less")
    boxes = _rects(rects)
    pdf = paper_pdf(library, paper)
    if pdf is None:
        raise NotFoundError(f"{paper.slug} has no PDF in the library to highlight; attach one first")
    pages = page_count(pdf)
    if not 1 <= page <= pages:
        raise InvalidInputError(f"the PDF has no page {page} (it has {pages})")
    assert paper.id is not None
    with library.store.transaction() as conn:
        row = highlight_rows.add_highlight(
            conn, paper_id=paper.id, user_id=library.user_id, page=page, text=passage, rects=boxes
        )
        _index(conn, paper.id, library.user_id)
    return _highlight(row)


def _index(conn: Connection, paper_id: int, user_id: int) -> None:
    """Keep the search index in step, in the transaction that changed the highlights."""
    rows = highlight_rows.paper_highlights(conn, paper_id, user_id)
    indexing.highlights_saved(conn, paper_id, user_id, [(r.page, r.text) for r in rows])


def list_highlights(library: Library, paper: Paper) -> list[Highlight]:
    """The viewer's highlights on a paper, in page order."""
    if paper.id is None:
        return []
    with library.store.connect() as conn:
        rows = highlight_rows.paper_highlights(conn, paper.id, library.user_id)
    return [_highlight(r) for r in rows]


def remove_highlight(library: Library, paper: Paper, highlight_id: int) -> None:
    """Delete one of the viewer's highlights on a paper.

    Raises:
        NotFoundError: the viewer has no such highlight on this paper.
    """
    assert paper.id is not None
    with library.store.transaction() as conn:
        gone = highlight_rows.delete_highlight(conn, highlight_id, paper_id=paper.id, user_id=library.user_id)
        if gone:
            _index(conn, paper.id, library.user_id)
    if not gone:
        raise NotFoundError(f"no highlight {highlight_id} on {paper.slug}")
