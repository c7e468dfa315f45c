"""Raw text lines of a page from MuPDF: blocks of lines of styled spans, from ``extractDICT()``.

Alternatives measured for speed (issue 3, corpus of 12 papers, same run): parsing MuPDF's own JSON
output (block and line boxes) together with its HTML output (styled runs) costs about half of
``extractDICT`` in C, but the Python parsing eats most of the gain (0-15 % of the whole survey),
and the HTML runs carry no positions or baselines: thin math spaces (``N × N attention``) and
subscript small caps are lost. ``get_text("json")`` is ``extractDICT`` plus ``json.dumps``,
``rawdict`` adds every character, and ``words``/``blocks`` carry no font. So the dictionary stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pymupdf

# Extraction flags: no images, ligatures expanded by MuPDF, whitespace kept, clipped to the page.
TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|medi(?!um)|-bd|\.b$|cmbx|cmb\d", re.IGNORECASE)


@dataclass(slots=True)
class Span:
    """A run of text in one font on one line."""

    text: str
    size: float
    bold: bool
    superscript: bool
    x0: float
    x1: float
    italic: bool = False


@dataclass(slots=True)
class RawLine:
    """One MuPDF line: its box, its spans and each span's (font, baseline) for small-caps checks."""

    x0: float
    y0: float
    x1: float
    y1: float
    spans: list[Span]
    keys: list[tuple[str, float]]


_BOLD_CACHE: dict[tuple[str, int], bool] = {}


def _is_bold(font: str, flags: int) -> bool:
    """Bold by the font flags or by the font name (``-Medi``, ``cmbx``, ``Bold``, ...)."""
    key = (font, flags & 16)
    hit = _BOLD_CACHE.get(key)
    if hit is None:
        hit = _BOLD_CACHE[key] = bool(flags & 16) or bool(_BOLD_FONT.search(font))
    return hit


def page_blocks(page: Any) -> list[list[RawLine]]:
    """Text blocks of a page, each a list of horizontal lines (rotated text dropped)."""
    textpage = page.get_textpage(flags=TEXT_FLAGS)
    return dict_blocks(textpage)


def dict_blocks(textpage: Any) -> list[list[RawLine]]:
    """Blocks read from ``extractDICT()``."""
    out: list[list[RawLine]] = []
    for block in textpage.extractDICT()["blocks"]:
        if block.get("type", 0) != 0:
            continue
        lines: list[RawLine] = []
        for raw in block["lines"]:
            dx, dy = raw["dir"]
            if abs(dy) > 0.05 or dx < 0:
                continue  # rotated text: arXiv stamps, axis labels
            spans, keys = _dict_spans(raw["spans"])
            if spans:
                x0, y0, x1, y1 = raw["bbox"]
                lines.append(RawLine(x0, y0, x1, y1, spans, keys))
        out.append(lines)
    return out


def _dict_spans(raw_spans: list[dict[str, Any]]) -> tuple[list[Span], list[tuple[str, float]]]:
    spans: list[Span] = []
    keys: list[tuple[str, float]] = []
    last: Span | None = None
    bold_cache = _BOLD_CACHE
    for s in raw_spans:
        text = s["text"]
        if not text:
            continue
        x0, _, x1, _ = s["bbox"]
        size = s["size"]
        if last is not None and x0 - last.x1 > 0.15 * size and text[0] != " " and last.text[-1] != " ":
            text = " " + text
        flags = s["flags"]
        font = s["font"]
        bold = bold_cache.get((font, flags & 16))
        if bold is None:
            bold = _is_bold(font, flags)
        last = Span(text, round(size, 1), bold, flags & 1 == 1, x0, x1, flags & 2 == 2)
        spans.append(last)
        keys.append((font, s["origin"][1]))
    return spans, keys
