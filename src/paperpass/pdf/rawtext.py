"""Raw text lines of a page from MuPDF: blocks of lines of styled spans, from ``extractDICT()``.

Alternatives measured for speed (issue 3, corpus of 12 papers, same run): parsing MuPDF's own JSON
output (block and line boxes) together with its HTML output (styled runs) costs about half of
``extractDICT`` in C, but the Python parsing eats most of the gain (0-15 % of the whole survey),
and the HTML runs carry no positions or baselines: thin math spaces (``N × N attention``) and
subscript small caps are lost. ``get_text("json")`` is ``extractDICT`` plus ``json.dumps``,
``rawdict`` adds every character, and ``words``/``blocks`` carry no font. So the dictionary stays.
Walking MuPDF's structured text through the low-level ``mupdf`` bindings is no way round it: for
BERT (16 pages) ``extractDICT`` takes 43 ms, ``extractBLOCKS`` 12 ms, a walk over the lines alone
(one font per line, not enough for sizes, weights, small caps or bold run-in heads) 16 ms, and a
walk over the characters 350 ms. Every line needs its sizes and weights (body size, paragraphs,
captions, headings), so no page can do with blocks alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from paperpass.pdf.binding import mupdf

# ``AdvTimes-b``/``AdvTimes-bi`` (Kluwer/Springer): a one-letter weight suffix
_BOLD_FONT = re.compile(
    r"bold|black|heavy|semibold|demi|medi(?!um)|-bd|[-.]b[io]?$|cmbx|cmb\d", re.IGNORECASE
)
# Fonts of real small capitals (lower-case letters drawn as small capitals): Computer Modern
# ``CMCSC10``, cm-super ``SFCC1000``/``SFXC1000``, Latin Modern ``LMRomanCaps10``, ``...SmallCaps``,
# ``...-SC``/``...RegularSC``. A trailing ``SC`` in a CJK family (``NotoSansSC``, ``SourceHanSerifSC``:
# Simplified Chinese) is no small caps.
_SMALL_CAPS_FONT = re.compile(r"csc\d|^sf[cx]c\d|small-?caps|smcp|caps\d*(?:$|[-_,])", re.IGNORECASE)
_SC_SUFFIX = re.compile(r"(?:[a-z]|-)SC$")
_CJK_FAMILY = re.compile(r"sans|serif|han|cjk|hei|song|kai|ming|gothic|noto", re.IGNORECASE)


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
    chars: int = 0  # visible (non-space) characters of the merged runs, as ``len(text.strip())`` of each
    small_caps: bool = False  # set in a font of real small capitals (``CMCSC10``): letters read lower case


@dataclass(slots=True)
class RawLine:
    """One MuPDF line: its box, its spans and each span's (font, baseline) for small-caps checks."""

    x0: float
    y0: float
    x1: float
    y1: float
    spans: list[Span]
    keys: list[tuple[str, float]]


def _is_bold(font: str, flags: int) -> bool:
    """Bold by the font flags or by the font name (``-Medi``, ``cmbx``, ``Bold``, ...)."""
    return bool(flags & 16) or bool(_BOLD_FONT.search(font))


def is_small_caps_font(font: str) -> bool:
    """Does the font's name mark a font of small capitals (``CMCSC10``, ``LMRomanCaps10``, ``...SC``)?"""
    name = font.rsplit("+", 1)[-1]  # drop a subset prefix ``ABCDEF+``
    if _SMALL_CAPS_FONT.search(name):
        return True
    return _SC_SUFFIX.search(name) is not None and _CJK_FAMILY.search(name) is None


_Style = tuple[float, bool, bool, bool, bool]  # rounded size, bold, superscript, italic, small caps
_STYLES: dict[tuple[float, str, int], _Style] = {}
_MAX_STYLES = 4096


def _style(size: float, font: str, flags: int) -> _Style:
    """A span's rounded size and flags, cached: a document has few distinct styles."""
    if len(_STYLES) >= _MAX_STYLES:
        _STYLES.clear()
    style = _STYLES[(size, font, flags)] = (
        round(size, 1),
        _is_bold(font, flags),
        flags & 1 == 1,
        flags & 2 == 2,
        is_small_caps_font(font),
    )
    return style


def page_blocks(page: Any, rotated: list[str] | None = None) -> list[list[RawLine]]:
    """Text blocks of a page, each a list of horizontal lines (rotated text dropped).

    Args:
        page: a ``pymupdf.Page``.
        rotated: when given, the text of the rotated lines (the arXiv stamp in the margin) is added to it.
    """
    binding = mupdf()
    # No images, ligatures expanded by MuPDF, whitespace kept, clipped to the page.
    flags = binding.TEXT_PRESERVE_WHITESPACE | binding.TEXT_MEDIABOX_CLIP
    textpage = page.get_textpage(flags=flags)
    return dict_blocks(textpage, rotated)


def dict_blocks(textpage: Any, rotated: list[str] | None = None) -> list[list[RawLine]]:
    """Blocks read from ``extractDICT()``; rotated lines' text goes to ``rotated`` when given."""
    out: list[list[RawLine]] = []
    for block in textpage.extractDICT()["blocks"]:
        if block.get("type", 0) != 0:
            continue
        lines: list[RawLine] = []
        for raw in block["lines"]:
            dx, dy = raw["dir"]
            if abs(dy) > 0.05 or dx < 0:
                if rotated is not None:
                    rotated.append("".join([s["text"] for s in raw["spans"]]))
                continue  # rotated text: arXiv stamps, axis labels
            spans, keys = _dict_spans(raw["spans"])
            if spans:
                x0, y0, x1, y1 = raw["bbox"]
                lines.append(RawLine(x0, y0, x1, y1, spans, keys))
        out.append(lines)
    return out


def _caps_class(text: str) -> int:
    """How small-caps detection sees a run of text.

    0: no letter changes case (spaces, digits, punctuation); 1: capitals only (``upper()`` leaves it
    and ``lower()`` changes it); 2: anything else (a letter ``upper()`` changes).
    """
    if text.isascii() and text.islower():
        return 2  # an ASCII lower-case letter: upper() changes it
    upper = text.upper()
    lower = text.lower()
    if upper == text:
        return 0 if lower == text else 1
    return 2


def _dict_spans(raw_spans: list[dict[str, Any]]) -> tuple[list[Span], list[tuple[str, float]]]:
    """Spans of one MuPDF line, with runs of the same style merged.

    MuPDF splits a span at every synthesized space (its character flags differ), so a justified line
    of one font comes as ``word``, `` ``, ``word``, ... Such neighbours (same font, size, flags and
    baseline, touching or nearly so, joined at a space) are merged into one span: every rule reads
    the same text, sizes, weights and gaps from the merged span. ``Span.chars`` keeps the count of
    visible characters of the parts, and runs of capitals are not merged with lower-case runs, so
    that small-caps detection sees the same runs.
    """
    spans: list[Span] = []
    keys: list[tuple[str, float]] = []
    last: Span | None = None
    last_font = ""
    last_flags = -1
    last_size = -1.0
    last_base = 0.0
    last_class = 0
    styles = _STYLES
    for s in raw_spans:
        text = s["text"]
        if not text:
            continue
        bbox = s["bbox"]
        x0 = bbox[0]
        size = s["size"]
        font = s["font"]
        flags = s["flags"]
        base = s["origin"][1]
        if last is not None:
            gap = x0 - last.x1
            if gap > 0.15 * size and text[0] != " " and last.text[-1] != " ":
                text = " " + text
            if (
                size == last_size
                and flags == last_flags
                and base == last_base
                and font == last_font
                and gap <= 1.2 * last.size
                and (text[0] == " " or last.text[-1] == " ")
            ):
                if text == " ":  # a synthesized space: no letters, nothing to count
                    last.text += text
                    last.x1 = bbox[2]
                    continue
                cls = 2 if text.isascii() and text.islower() else _caps_class(text)  # inlined fast path
                if last_class < 0:
                    last_class = _caps_class(last.text)
                if cls == last_class or not cls or not last_class:
                    last.text += text
                    last.x1 = bbox[2]
                    last.chars += len(text.strip())
                    last_class |= cls
                    continue
        style = styles.get((size, font, flags))
        if style is None:
            style = _style(size, font, flags)
        last = Span(text, style[0], style[1], style[2], x0, bbox[2], style[3], len(text.strip()), style[4])
        spans.append(last)
        keys.append((font, base))
        last_font, last_flags, last_size, last_base = font, flags, size, base
        last_class = -1  # computed when a merge needs it
    return spans, keys
