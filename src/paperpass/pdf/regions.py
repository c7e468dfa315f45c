"""Where a figure or table sits on its page: the caption plus the object, and nothing more.

The object is grown from the caption's edge over what touches it: images, vector drawings (a table's
rules are drawings of zero height, kept as thin boxes) and short text such as axis labels and table
cells. Running text (a line of many words without the wide gaps between table cells) stops it, so a
crop never runs into the paragraph set below a table or above a figure. Figures grow upward from their
caption, tables downward; when nothing lies that way, the other way is tried. When the page offers
nothing at all, a fixed band beside the caption is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from paperpass.pdf.model import Caption

GAP = 28.0
"""Points: parts of one object lie closer than this to each other."""
FALLBACK_BAND = 220.0
RULE_PAD = 0.5
"""A table rule is a drawing of zero height; it is kept as a box this much thicker on each side."""

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class _Item:
    box: Box
    running_text: bool = False
    body_text: bool = False  # a text line in the page's text size


def _caption_box(page: Any, caption: Caption) -> Box | None:
    """The caption's whole text block (a caption often wraps over several lines)."""
    words = caption.caption.split()
    for length in (min(len(words), 6), 2):
        hits = page.search_for(" ".join(words[:length]))
        if not hits:
            continue
        hit = hits[0]
        box = (hit.x0, hit.y0, hit.x1, hit.y1)
        for block in page.get_text("blocks"):
            if block[0] < hit.x1 and block[2] > hit.x0 and block[1] < hit.y1 and block[3] > hit.y0:
                box = (
                    min(box[0], block[0]),
                    min(box[1], block[1]),
                    max(box[2], block[2]),
                    max(box[3], block[3]),
                )
        return box
    return None


def _line_size(line: dict[str, Any]) -> float:
    return max((s["size"] for s in line["spans"] if s["text"].strip()), default=0.0)


def _is_running_text(line: dict[str, Any], body: float) -> bool:
    """A line of a paragraph: set in the page's text size, six words or more (of two letters or more,
    not 'O(k · n · d)') and no gap between its runs as wide as the space between table cells."""
    spans = [s for s in line["spans"] if s["text"].strip()]
    if not spans:
        return False
    size = max(s["size"] for s in spans)
    if abs(size - body) > 0.6:
        return False  # tables and figure labels are mostly set smaller
    words = sum(1 for s in spans for w in s["text"].split() if sum(map(str.isalpha, w)) >= 2)
    gaps = [b["bbox"][0] - a["bbox"][2] for a, b in zip(spans, spans[1:], strict=False)]
    return words >= 6 and all(g < 2 * size for g in gaps)


def _body_size(lines: list[dict[str, Any]]) -> float:
    """The page's most common text size (by characters)."""
    counts: dict[float, int] = {}
    for line in lines:
        for s in line["spans"]:
            key = round(s["size"] * 2) / 2
            counts[key] = counts.get(key, 0) + len(s["text"])
    return max(counts, key=counts.__getitem__) if counts else 10.0


def _marks_on_text(items: list[_Item]) -> list[_Item]:
    """Drawings lying on running text (flattened highlights, underlines) count as running text."""
    text = [it.box for it in items if it.running_text]
    out: list[_Item] = []
    for it in items:
        if not it.running_text and any(_covers(it.box, t) for t in text):
            it = _Item(it.box, True)
        out.append(it)
    return out


def _paragraph_ends(items: list[_Item]) -> list[_Item]:
    """A short line in the text size set flush under a line of running text ends that paragraph."""
    text = [it.box for it in items if it.running_text]
    out: list[_Item] = []
    for it in items:
        x0, y0 = it.box[0], it.box[1]
        height = it.box[3] - y0
        flush_under = any(abs(t[0] - x0) < 2 and -0.3 * height <= y0 - t[3] < 0.6 * height for t in text)
        if it.body_text and not it.running_text and flush_under:
            it = _Item(it.box, True, True)
        out.append(it)
    return out


def _covers(mark: Box, line: Box) -> bool:
    """The mark overlaps the line over most of the mark's height and within the line's width."""
    overlap = min(mark[3], line[3]) - max(mark[1], line[1])
    return overlap > 0.5 * (mark[3] - mark[1]) and mark[0] >= line[0] - 4 and mark[2] <= line[2] + 4


def _items(page: Any, caption_box: Box) -> list[_Item]:
    items: list[_Item] = []
    for info in page.get_images(full=True):
        try:
            r = page.get_image_bbox(info)
        except Exception:  # an image MuPDF cannot place: leave it out
            continue
        if r.is_valid and not r.is_infinite and r.width > 0 and r.height > 0:
            items.append(_Item((r.x0, r.y0, r.x1, r.y1)))
    for drawing in page.get_drawings():
        r = drawing["rect"]
        if r.is_infinite or (r.width <= 1 and r.height <= 1):
            continue
        items.append(_Item((r.x0 - RULE_PAD, r.y0 - RULE_PAD, r.x1 + RULE_PAD, r.y1 + RULE_PAD)))
    cx0, cy0, cx1, cy1 = caption_box
    lines = [ln for block in page.get_text("dict")["blocks"] for ln in block.get("lines", [])]
    body = _body_size(lines)
    for line in lines:
        x0, y0, x1, y1 = line["bbox"]
        if y0 >= cy0 - 1 and y1 <= cy1 + 1 and x0 >= cx0 - 1 and x1 <= cx1 + 1:
            continue  # the caption itself
        body_text = abs(_line_size(line) - body) <= 0.6
        items.append(_Item((x0, y0, x1, y1), _is_running_text(line, body), body_text))
    return _paragraph_ends(_marks_on_text(items))


def _overlaps_horizontally(box: Box, span: tuple[float, float]) -> bool:
    return box[0] < span[1] and box[2] > span[0]


def _stack(items: list[_Item], edge: float, upward: bool, span: tuple[float, float]) -> Box | None:
    """Grow a band from ``edge`` over items that touch it (within GAP), up to the first running text."""
    chosen: list[Box] = []
    frontier = edge
    ordered = sorted(items, key=lambda it: -it.box[3] if upward else it.box[1])
    for item in ordered:
        x0, y0, x1, y1 = item.box
        if not _overlaps_horizontally(item.box, span):
            continue
        beyond = y1 <= edge + 4 if upward else y0 >= edge - 4
        if not beyond:
            continue
        near = frontier - y1 <= GAP if upward else y0 - frontier <= GAP
        if not near:
            break
        if item.running_text:
            break
        chosen.append(item.box)
        frontier = min(frontier, y0) if upward else max(frontier, y1)
    if not chosen:
        return None
    return (
        min(b[0] for b in chosen),
        min(b[1] for b in chosen),
        max(b[2] for b in chosen),
        max(b[3] for b in chosen),
    )


def float_region(page: Any, caption: Caption) -> Box:
    """The page region (PDF points) showing the caption and its figure or table.

    Args:
        page: the ``pymupdf.Page`` the caption is on.
        caption: the figure or table caption from the survey sheet.

    Returns:
        ``(x0, y0, x1, y1)`` within the page.
    """
    bounds = page.rect
    cap = _caption_box(page, caption)
    if cap is None:
        return (bounds.x0, bounds.y0, bounds.x1, bounds.y1)
    is_table = caption.label.lower().startswith("table")
    items = _items(page, cap)
    two_columns = cap[2] - cap[0] < 0.55 * bounds.width
    span = (cap[0] - 4, cap[2] + 4) if two_columns else (bounds.x0, bounds.x1)
    upward = not is_table
    found = _stack(items, cap[1] if upward else cap[3], upward, span)
    if found is None:  # a table captioned below, a figure captioned above
        upward = not upward
        found = _stack(items, cap[1] if upward else cap[3], upward, span)
    if found is None:
        y0, y1 = (cap[1], cap[3] + FALLBACK_BAND) if is_table else (cap[1] - FALLBACK_BAND, cap[3])
        found = (bounds.x0 + 36, y0, bounds.x1 - 36, y1)
    x0, y0, x1, y1 = found
    box = (min(x0, cap[0]) - 6, min(y0, cap[1]) - 6, max(x1, cap[2]) + 6, max(y1, cap[3]) + 6)
    return (max(box[0], bounds.x0), max(box[1], bounds.y0), min(box[2], bounds.x1), min(box[3], bounds.y1))
