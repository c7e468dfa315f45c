"""Page text with layout: spans -> lines -> reading order, plus document-wide cleanup.

Everything downstream (headings, captions, front matter) works on :class:`Line` objects in reading
order. A line keeps only what the rules need (text, box, dominant font size, weight, spans) so that a
long document stays small in memory once its page dictionaries are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pymupdf

# Extraction flags: no images, ligatures expanded by MuPDF, whitespace kept, clipped to the page.
TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|medi(?!um)|-bd|\.b$|cmbx|cmb\d", re.IGNORECASE)
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_LIG_RE = re.compile("[\ufb00-\ufb06]")
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(slots=True)
class Span:
    """A run of text in one font on one line."""

    text: str
    size: float
    bold: bool
    superscript: bool
    x0: float
    x1: float


@dataclass(slots=True)
class Line:
    """One printed line, spans merged, in reading order."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    max_size: float
    bold: bool
    page: int
    block: int
    spans: list[Span] = field(default_factory=list)
    column: int = 0  # 0 = left/full, 1 = right (two-column pages)
    bold_frac: float = 0.0

    @property
    def height(self) -> float:
        """Line box height in points."""
        return self.y1 - self.y0

    def bold_prefix(self) -> str:
        """The leading run of bold spans (a run-in heading), or '' when the line does not start bold."""
        out: list[str] = []
        for span in self.spans:
            if not span.text.strip() and out:
                out.append(span.text)
                continue
            if not span.bold:
                break
            out.append(span.text)
        return clean_text("".join(out))


@dataclass(slots=True)
class PageLayout:
    """The cleaned lines of one page in reading order."""

    number: int
    width: float
    height: float
    lines: list[Line]
    two_column: bool = False


def clean_text(text: str) -> str:
    """Expand ligatures, drop control and zero-width characters and collapse whitespace."""
    if not (text.isascii() and text.isprintable()):
        if _LIG_RE.search(text):
            text = _LIG_RE.sub(lambda m: _LIGATURES[m.group(0)], text)
        text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufffd", "")
        text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=512)
def _bold_font(font: str) -> bool:
    return bool(_BOLD_FONT.search(font))


def _is_bold(span: dict[str, Any]) -> bool:
    return bool(span["flags"] & 16) or _bold_font(span["font"])


def _make_spans(raw_lines: list[dict[str, Any]]) -> list[Span]:
    spans: list[Span] = []
    ordered = raw_lines if len(raw_lines) == 1 else sorted(raw_lines, key=lambda r: r["bbox"][0])
    for raw in ordered:
        for s in raw["spans"]:
            text = s["text"]
            if not text:
                continue
            x0, x1 = s["bbox"][0], s["bbox"][2]
            if (
                spans
                and x0 - spans[-1].x1 > 0.15 * s["size"]
                and not spans[-1].text.endswith(" ")
                and not text.startswith(" ")
            ):
                text = " " + text
            spans.append(Span(text, round(s["size"], 1), _is_bold(s), bool(s["flags"] & 1), x0, x1))
    return spans


def _line_from(raw_lines: list[dict[str, Any]], page: int, block: int) -> Line | None:
    spans = _make_spans(raw_lines)
    text = clean_text("".join(s.text for s in spans))
    if not text:
        return None
    sizes: dict[float, int] = {}
    bold_chars = 0
    total = 0
    for s in spans:
        n = len(s.text.strip())
        if n and not s.superscript:
            sizes[s.size] = sizes.get(s.size, 0) + n
            total += n
            bold_chars += n if s.bold else 0
    if not total:
        for s in spans:
            sizes[s.size] = sizes.get(s.size, 0) + max(1, len(s.text))
        total = 1
        bold_chars = total if all(s.bold for s in spans) else 0
    if len(raw_lines) == 1:
        x0, y0, x1, y1 = raw_lines[0]["bbox"]
    else:
        x0 = min(r["bbox"][0] for r in raw_lines)
        y0 = min(r["bbox"][1] for r in raw_lines)
        x1 = max(r["bbox"][2] for r in raw_lines)
        y1 = max(r["bbox"][3] for r in raw_lines)
    dominant = max(sizes, key=lambda k: sizes[k])
    return Line(
        text,
        x0,
        y0,
        x1,
        y1,
        dominant,
        max(sizes),
        bold_chars * 2 > total,
        page,
        block,
        spans,
        0,
        bold_chars / total,
    )


def _vertical_overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    top, bottom = max(a[1], b[1]), min(a[3], b[3])
    return max(0.0, bottom - top) / max(1e-3, min(a[3] - a[1], b[3] - b[1]))


def _block_lines(block: dict[str, Any], page: int, block_id: int) -> list[Line]:
    """Horizontal lines of a block, with lines on the same baseline merged (e.g. '1' + 'Introduction')."""
    groups: list[list[dict[str, Any]]] = []
    for raw in block["lines"]:
        dx, dy = raw["dir"]
        if abs(dy) > 0.05 or dx < 0:
            continue  # rotated text: arXiv stamps, axis labels
        if groups and _vertical_overlap(groups[-1][-1]["bbox"], raw["bbox"]) > 0.6:
            groups[-1].append(raw)
        else:
            groups.append([raw])
    lines = [_line_from(g, page, block_id) for g in groups]
    return [ln for ln in lines if ln is not None]


@dataclass(slots=True)
class _Block:
    x0: float
    y0: float
    x1: float
    y1: float
    lines: list[Line]


def _reading_order(blocks: list[_Block], width: float) -> tuple[list[Line], bool]:
    """Order blocks: full-width blocks split the page into bands; in each band left column then right."""
    mid = width / 2
    tol = width * 0.01
    left = [b for b in blocks if b.x1 <= mid + tol]
    right = [b for b in blocks if b.x0 >= mid - tol and b.x1 > mid + tol]
    n_left = sum(len(b.lines) for b in left)
    n_right = sum(len(b.lines) for b in right)
    two_column = n_left >= 6 and n_right >= 6
    out: list[Line] = []
    band: list[_Block] = []

    def flush() -> None:
        band.sort(key=lambda b: (0 if b.x1 <= mid + tol else 1, b.y0, b.x0))
        for b in band:
            out.extend(b.lines)
        band.clear()

    for b in sorted(blocks, key=lambda b: (b.y0, b.x0)):
        wide = b.x0 < mid - tol and b.x1 > mid + tol
        if wide and two_column:
            flush()
            out.extend(b.lines)
        elif two_column:
            band.append(b)
        else:
            out.extend(b.lines)
    flush()
    if two_column:
        for ln in out:
            ln.column = 1 if ln.x0 >= mid - tol else 0
    return out, two_column


def extract_page(page: Any, number: int, block_base: int) -> PageLayout:
    """Extract one page's lines in reading order.

    Args:
        page: a ``pymupdf.Page``.
        number: 0-based page index.
        block_base: first block id to use (block ids are unique across the document).

    Returns:
        The page layout.
    """
    rect = page.rect
    data = page.get_text("dict", flags=TEXT_FLAGS)
    blocks: list[_Block] = []
    for i, raw in enumerate(data["blocks"]):
        if raw.get("type", 0) != 0:
            continue
        lines = _block_lines(raw, number, block_base + i)
        if lines:
            blocks.append(
                _Block(
                    min(ln.x0 for ln in lines),
                    min(ln.y0 for ln in lines),
                    max(ln.x1 for ln in lines),
                    max(ln.y1 for ln in lines),
                    lines,
                )
            )
    _split_wide_blocks(blocks, rect.width)
    lines, two_col = _reading_order(blocks, rect.width)
    return PageLayout(number, rect.width, rect.height, lines, two_col)


def _split_wide_blocks(blocks: list[_Block], width: float) -> None:
    """Split blocks whose lines sit in both columns without crossing the middle (merged columns)."""
    mid = width / 2
    extra: list[_Block] = []
    for b in blocks:
        if not (b.x0 < mid < b.x1) or len(b.lines) < 2:
            continue
        if any(ln.x0 < mid < ln.x1 for ln in b.lines):
            continue
        left = [ln for ln in b.lines if ln.x1 <= mid]
        right = [ln for ln in b.lines if ln.x0 >= mid]
        if left and right:
            b.lines = left
            b.x1 = max(ln.x1 for ln in left)
            b.y0, b.y1 = min(ln.y0 for ln in left), max(ln.y1 for ln in left)
            extra.append(
                _Block(
                    min(ln.x0 for ln in right),
                    min(ln.y0 for ln in right),
                    max(ln.x1 for ln in right),
                    max(ln.y1 for ln in right),
                    right,
                )
            )
    blocks.extend(extra)


_DIGITS = re.compile(r"\d+")
_NUMERIC = re.compile(r"^\d{1,4}$")


def _margin_key(text: str) -> str:
    return _DIGITS.sub("#", text.lower()).strip()


def remove_running_text(pages: list[PageLayout]) -> None:
    """Drop running headers/footers, page numbers and review line numbers, in place."""
    counts: Counter[str] = Counter()
    for p in pages:
        keys = {_margin_key(ln.text) for ln in p.lines if _in_margin(ln, p)}
        counts.update(keys)
    threshold = max(2, int(0.3 * len(pages)))
    repeated = {k for k, n in counts.items() if n >= threshold and len(pages) > 1}
    for p in pages:
        numbers = _line_number_ids(p)
        p.lines = [
            ln
            for ln in p.lines
            if id(ln) not in numbers
            and not (
                _in_margin(ln, p)
                and (
                    _margin_key(ln.text) in repeated
                    or _NUMERIC.match(ln.text)
                    or re.fullmatch(r"(page )?\d+( of \d+)?", ln.text.lower())
                )
            )
        ]


def _in_margin(line: Line, page: PageLayout) -> bool:
    return line.y1 < page.height * 0.085 or line.y0 > page.height * 0.91


def _line_number_ids(page: PageLayout) -> set[int]:
    """Ids of lines that are review-copy line numbers: numeric columns in the margins or the gutter."""
    w = page.width
    groups: dict[int, list[Line]] = {}
    for ln in page.lines:
        if not _NUMERIC.match(ln.text):
            continue
        centre = (ln.x0 + ln.x1) / 2
        if centre < 0.14 * w or centre > 0.86 * w or abs(centre - w / 2) < 0.03 * w:
            groups.setdefault(round(ln.x1 / 6), []).append(ln)
    out: set[int] = set()
    for group in groups.values():
        if len(group) >= 8 and max(g.y1 for g in group) - min(g.y0 for g in group) > 0.4 * page.height:
            out.update(id(g) for g in group)
    return out


def body_font_size(pages: list[PageLayout]) -> float:
    """The most common character size (the body text size), rounded to 0.5 pt."""
    sizes: Counter[float] = Counter()
    for p in pages:
        for ln in p.lines:
            sizes[round(ln.size * 2) / 2] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W\d_]|[^\W\d_]", re.UNICODE)


def vocabulary(pages: list[PageLayout]) -> set[str]:
    """Lower-cased words of the document, for deciding soft vs hard hyphens."""
    vocab: set[str] = set()
    for p in pages:
        for ln in p.lines:
            vocab.update(w.lower() for w in _WORD.findall(ln.text))
    return vocab


_TRAILING_WORD = re.compile(r"([^\W\d_][\w'’]*)-$")
_LEADING_WORD = re.compile(r"^([^\W\d_][\w'’]*)")


def join_lines(texts: list[str], vocab: set[str]) -> str:
    """Join printed lines into running text, undoing line-end hyphenation.

    A hyphen at a line end is dropped (soft hyphen) when the joined word occurs elsewhere in the
    document or the hyphenated form does not; it is kept (hard hyphen) when the hyphenated compound
    occurs elsewhere and the joined word does not, or when the next part starts with a capital.
    """
    out = ""
    for raw in texts:
        text = raw.strip()
        if not text:
            continue
        if not out:
            out = text
            continue
        tail = _TRAILING_WORD.search(out)
        head = _LEADING_WORD.match(text)
        if tail and head and out.endswith("-") and not out.endswith("--"):
            first, second = tail.group(1), head.group(1)
            joined = (first + second).lower()
            hard = f"{first}-{second}".lower()
            if (joined in vocab) != (hard in vocab):
                keep = hard in vocab
            else:
                keep = second[0].isupper() and not second.isupper()
            out = out + text if keep else out[:-1] + text
        else:
            out = out + " " + text
    return out
