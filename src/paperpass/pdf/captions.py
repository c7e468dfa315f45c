"""Figure and table captions: a label at the start of a block, not an in-text reference."""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperpass.pdf.layout import Line, join_lines
from paperpass.pdf.model import Caption

_LABEL = re.compile(
    r"^(?P<kind>figure|fig\.|fig|table|tab\.)\s*(?P<num>[A-Z]?\.?\d{1,3}(?:\.\d{1,2}(?=\s*[:|]))?|[IVX]{1,6})(?![\w.]\d)"
    r"(?P<sep>\s*[:.|]|\s*$|\s+[—–-]\s|\s)",
    re.IGNORECASE,
)
_MAX_CAPTION_LINES = 25


@dataclass(slots=True)
class _Found:
    kind: str
    number: str
    index: int
    score: int
    caption: str
    page: int
    end: int  # index after the caption's last line


def _starts_block(lines: list[Line], i: int) -> bool:
    if i == 0:
        return True
    prev, ln = lines[i - 1], lines[i]
    if prev.block != ln.block or prev.page != ln.page:
        return True
    return ln.y0 - prev.y1 > 0.6 * ln.height


def _after_text_end(lines: list[Line], i: int) -> bool:
    """The previous line ends a sentence or is set in another size: a caption inside a text block."""
    prev, ln = lines[i - 1], lines[i]
    return abs(prev.size - ln.size) >= 0.4 or prev.text.rstrip().endswith((".", ":", "!", "?"))


def _label_is_bold(line: Line) -> bool:
    return bool(line.spans) and line.spans[0].bold


def _label_font_change(line: Line) -> bool:
    """The label is set in small caps or italics and the caption text after it is not.

    (amsart: ``Table 1.`` in a small-caps font, then the caption in the text font.) An in-text
    reference that starts a line (``Table 3. To represent ...``) keeps the text font.
    """
    spans = line.spans
    if len(spans) < 2:
        return False
    label = spans[0]
    if not (label.small_caps or label.italic) or label.bold:
        return False
    nxt = next((s for s in spans[1:] if any(c.isalpha() for c in s.text)), None)
    return nxt is not None and (nxt.small_caps, nxt.italic) != (label.small_caps, label.italic)


def _text_size(line: Line) -> float:
    """The size of the line's capitals when it is set in small caps (IEEE table titles), else its size."""
    return line.max_size if line.small_caps else line.size


def _set_below(prev: Line, ln: Line) -> bool:
    """``ln`` continues ``prev`` from another block: right below it, overlapping, mid-sentence.

    MuPDF may split a caption into blocks (a centred small-caps IEEE table title); a table's header
    row set right under a caption that ends its sentence is not taken.
    """
    return (
        not prev.text.endswith((".", ":", "!", "?", ".)"))
        and ln.page == prev.page
        and ln.column == prev.column
        and -0.3 * ln.height <= ln.y0 - prev.y1 < 0.5 * ln.height
        and ln.x0 < prev.x1
        and ln.x1 > prev.x0
    )


def _caption_text(lines: list[Line], i: int, vocab: set[str]) -> tuple[str, int]:
    """The caption: its first line plus following lines of the same block (or set right below) and size."""
    first = lines[i]
    parts = [first.text]
    j = i + 1
    alone = _LABEL.match(first.text) is not None and len(first.text.split()) <= 2
    while j < len(lines) and j - i < _MAX_CAPTION_LINES:
        ln = lines[j]
        prev = lines[j - 1]
        same_block = (
            ln.block == first.block
            or (alone and j == i + 1 and ln.page == first.page and 0 <= ln.y0 - prev.y1 < 2 * ln.height)
            or _set_below(prev, ln)
        )
        if not same_block or abs(_text_size(ln) - _text_size(first)) > 0.6 or _LABEL.match(ln.text):
            break
        if ln.y0 - lines[j - 1].y1 > 1.2 * ln.height:
            break
        parts.append(ln.text)
        j += 1
    return join_lines(parts, vocab), j


def find_captions(
    lines: list[Line], body: float, vocab: set[str], appendix_from: int | None = None
) -> tuple[list[Caption], list[Caption]]:
    """Find numbered figure and table captions.

    A caption starts a block (or follows a vertical gap) with ``Figure N``/``Fig. N``/``Table N``. A
    label followed by a period must also be set smaller than body text, in bold, or in small caps or
    italics unlike the caption text after it, so that an in-text reference that happens to start a
    line (``Table 3. To represent ...``) is not taken.

    Args:
        lines: document lines in reading order.
        body: body font size.
        vocab: document vocabulary for de-hyphenation.
        appendix_from: index of the first line after the main body; captions from there on are marked
            ``appendix`` (default: none).

    The lines of the captions found are marked (``Line.caption``), so that running text leaves them out.

    Returns:
        (figures, tables), each in order of appearance, one caption per label.
    """
    best: dict[tuple[str, str], _Found] = {}
    order: list[tuple[str, str]] = []
    for i, ln in enumerate(lines):
        m = _LABEL.match(ln.text)
        if not m:
            continue
        sep = m.group("sep").strip()
        if not _starts_block(lines, i) and not (sep in (":", "|") and _after_text_end(lines, i)):
            continue
        small = ln.size <= body - 0.4
        bold = _label_is_bold(ln) or _label_font_change(ln)
        alone = m.end() >= len(ln.text.rstrip())
        if sep in (":", "|") or alone or small or bold or sep in ("—", "–", "-"):
            score = 2 * (sep in (":", "|")) + 2 * small + 2 * bold + alone
        else:
            continue
        if sep == "." and not (small or bold):
            continue
        kind = "Table" if m.group("kind").lower().startswith("tab") else "Figure"
        key = (kind, m.group("num").upper().lstrip("."))
        prev = best.get(key)
        if prev is None or score > prev.score:
            if prev is None:
                order.append(key)
            text, end = _caption_text(lines, i, vocab)
            best[key] = _Found(kind, key[1], i, score, text, ln.page, end)
    found = sorted((best[k] for k in order), key=lambda f: f.index)
    for f in found:
        for ln in lines[f.index : f.end]:
            ln.caption = True
    cut = len(lines) if appendix_from is None else appendix_from
    figures = [
        Caption(f"Figure {f.number}", f.caption, f.page + 1, f.index >= cut)
        for f in found
        if f.kind == "Figure"
    ]
    tables = [
        Caption(f"Table {f.number}", f.caption, f.page + 1, f.index >= cut)
        for f in found
        if f.kind == "Table"
    ]
    return figures, tables
