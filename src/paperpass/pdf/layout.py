"""Page text with layout: spans -> lines -> reading order, plus document-wide cleanup.

Everything downstream (headings, captions, front matter) works on :class:`Line` objects in reading
order. A line keeps only what the rules need (text, box, dominant font size, weight, spans) so that a
long document stays small in memory once its page dictionaries are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from paperpass.pdf import rawtext
from paperpass.pdf.rawtext import RawLine, Span

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
# Spacing accents that TeX's OT1 fonts print as separate glyphs ('Wi\u00b4sniewski', 'Mendonc\u00b8a'):
# folded into the letter as combining marks (accents before their letter, cedilla and ogonek after).
_ACCENTS_BEFORE = {
    "\u00b4": "\u0301",  # acute
    "\u02dc": "\u0303",  # tilde
    "\u00a8": "\u0308",  # diaeresis
    "\u02c6": "\u0302",  # circumflex
    "\u02c7": "\u030c",  # caron
    "\u02da": "\u030a",  # ring
    "\u00af": "\u0304",  # macron
    "\u02d8": "\u0306",  # breve
    "\u02d9": "\u0307",  # dot above
    "\u02dd": "\u030b",  # double acute
}
_ACCENTS_AFTER = {"\u00b8": "\u0327", "\u02db": "\u0328"}  # cedilla, ogonek
# An ogonek may come before its letter too ('Pi\u02dbekos'): it goes under a following a or e first.
_SPACING_ACCENT = re.compile(
    "([" + "".join(_ACCENTS_BEFORE) + "]|\u02db(?=[aeAE]))([^\\W\\d_])|([^\\W\\d_])(\u00b8|\u02db(?![aeAE]))"
)
_ACCENT_CHARS = frozenset(_ACCENTS_BEFORE) | frozenset(_ACCENTS_AFTER)
_DOTLESS = {"\u0131": "i", "\u0237": "j"}  # TeX sets an accented i on a dotless i: '\u00b4\u0131'


def _fold_accent(m: re.Match[str]) -> str:
    if m.group(1):
        letter = m.group(2)
        accent = m.group(1)
        return _DOTLESS.get(letter, letter) + (_ACCENTS_BEFORE.get(accent) or _ACCENTS_AFTER[accent])
    return m.group(3) + _ACCENTS_AFTER[m.group(4)]


def fold_accents(text: str) -> str:
    """Join spacing accents to their letters ('Wi\u00b4sniewski' -> 'Wi\u015bniewski', 'c\u00b8' -> '\u00e7').

    Accents other than the cedilla and ogonek precede their letter (TeX sets the accent, then the
    letter); the cedilla follows its letter; the ogonek goes under a following a/e, else the letter
    before it.
    """
    folded = _SPACING_ACCENT.sub(_fold_accent, text)
    return unicodedata.normalize("NFC", folded) if folded != text else text


_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


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
    # every letter a capital, some set as small capitals (lower-cased), or every letter in a font of
    # real small capitals (``CMCSC10``, whose lower-case letters print as small capitals)
    small_caps: bool = False
    caption: bool = False  # part of a detected figure or table caption (not running text)

    @property
    def italic(self) -> bool:
        """Every visible span is italic."""
        return all(s.italic for s in self.spans if s.text.strip())

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
    margin_text: list[str] = field(default_factory=list)  # rotated lines (first page only)


def clean_text(text: str) -> str:
    """Expand ligatures, fold spacing accents, drop control and zero-width characters, collapse whitespace."""
    if not (text.isascii() and text.isprintable()):
        if _LIG_RE.search(text):
            text = _LIG_RE.sub(lambda m: _LIGATURES[m.group(0)], text)
        text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufffd", "").replace("\uf020", " ")
        text = _CONTROL.sub(" ", text)
        if not _ACCENT_CHARS.isdisjoint(text):
            text = fold_accents(text)
    elif "  " not in text:
        return text.strip()  # printable ASCII: the only whitespace is single spaces
    return _SPACES.sub(" ", text).strip()


def _small_caps(spans: list[Span], keys: list[tuple[str, float]]) -> bool:
    """Lower-case small-capital runs in place (capitals 0.6-0.9x the size of capitals beside them).

    Fake small caps set upper-case glyphs of two sizes in one font on one baseline. The text is
    recorded as the glyph sizes show it: full-size capitals upper case, small capitals lower case.
    Returns True when every letter of the line is a capital (the whole line is in small caps).
    """
    caps = [s.text.upper() == s.text and s.text.lower() != s.text for s in spans]
    if sum(caps) < 2:
        return False
    changed = False
    for k, span in enumerate(spans):
        if not caps[k]:
            continue
        font, base = keys[k]
        for j, big in enumerate(spans):
            if (
                caps[j]
                and 0.6 <= span.size / big.size <= 0.9
                and keys[j][0] == font
                and abs(keys[j][1] - base) < 0.06 * big.size
            ):
                span.text = span.text.lower()
                changed = True
                break
    return changed and all(caps[k] or s.text.lower() == s.text.upper() for k, s in enumerate(spans))


_MARK = re.compile(r"[\d,*∗†‡§¶⋆★♠♣♥♦✝]{1,6}|[a-e]")
_MARK_AFTER = re.compile(r"(?:[^\W\d_]{2}|[.,;:)’”\]])$")


def _without_marks(spans: list[Span]) -> str:
    """The line's text without footnote and affiliation marks glued to words.

    A mark is a raised span (MuPDF's superscript flag) of digits, commas or note symbols (or one
    letter a-e) that follows a word of two or more letters or a punctuation mark: 'code.¹',
    'community¹.', 'Experiments¹'. A raised span after a single letter or a digit is math ('x²',
    '10⁵') and is kept.
    """
    out: list[str] = []
    prev = ""
    for s in spans:
        core = s.text.strip()
        if s.superscript and core and _MARK.fullmatch(core) and _MARK_AFTER.search(prev.rstrip()):
            continue
        out.append(s.text)
        if core:
            prev = s.text
    return "".join(out)


def _flag_raised(spans: list[Span], keys: list[tuple[str, float]], dominant: float) -> None:
    """Flag as superscript the small runs set above the line's baseline that MuPDF did not flag.

    A mark made with a smaller font on a raised baseline ('data.¹' typeset by hand) is a superscript
    whatever the font's own flags say.
    """
    base = next((keys[k][1] for k, s in enumerate(spans) if s.size == dominant), None)
    if base is None:
        return
    for k, s in enumerate(spans):
        if not s.superscript and s.size <= 0.8 * dominant and keys[k][1] < base - 0.25 * dominant:
            s.superscript = True


def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _merged_spans(group: list[RawLine]) -> tuple[list[Span], list[tuple[str, float]]]:
    """Spans of raw lines on one baseline, left to right, with a space where the lines leave a gap."""
    if len(group) == 1:
        return group[0].spans, group[0].keys
    spans: list[Span] = []
    keys: list[tuple[str, float]] = []
    for raw in sorted(group, key=lambda r: r.x0):
        first = raw.spans[0]
        gap = spans and raw.x0 - spans[-1].x1 > 0.15 * first.size
        if gap and not spans[-1].text.endswith(" ") and not first.text.startswith(" "):
            first.text = " " + first.text
        spans.extend(raw.spans)
        keys.extend(raw.keys)
    return spans, keys


def _line_from(group: list[RawLine], page: int, block: int) -> Line | None:
    if len(group) == 1:
        g = group[0]
        spans, keys = g.spans, g.keys
        x0, y0, x1, y1 = g.x0, g.y0, g.x1, g.y1
    else:
        spans, keys = _merged_spans(group)
        x0 = min([r.x0 for r in group])
        y0 = min([r.y0 for r in group])
        x1 = max([r.x1 for r in group])
        y1 = max([r.y1 for r in group])
    if len(spans) == 1:  # one style: the common case, without the size tally
        s = spans[0]
        text = clean_text(s.text)
        if not text:
            return None
        bold = s.bold  # every counted character, or (none counted) every span, is bold or not
        return Line(
            text,
            x0,
            y0,
            x1,
            y1,
            s.size,
            s.size,
            bold,
            page,
            block,
            spans,
            0,
            1.0 if bold else 0.0,
            s.small_caps,
        )
    sizes: dict[float, int] = {}
    bold_chars = 0
    total = 0
    real_caps = False
    for s in spans:
        n = s.chars
        # MuPDF flags as raised every run above the line's first baseline: after a fraction's
        # denominator ('∂θ is also a sum') the running text is 'raised'. Only short runs are marks.
        if n and (not s.superscript or n > 3):
            sizes[s.size] = sizes.get(s.size, 0) + n
            total += n
            if s.bold:
                bold_chars += n
        if s.small_caps:
            real_caps = True
    small_caps = len(sizes) > 1 and _small_caps(spans, keys)
    if real_caps and not small_caps:  # every letter in a small-caps font ('1.' + 'Introduction')
        small_caps = all(s.small_caps or not _has_letter(s.text) for s in spans)
    if len(sizes) > 1:
        _flag_raised(spans, keys, max(sizes, key=sizes.__getitem__))
    marks = any([s.superscript for s in spans])
    text = clean_text(_without_marks(spans) if marks else "".join([s.text for s in spans]))
    if not text:
        return None
    if not total:
        for s in spans:
            sizes[s.size] = sizes.get(s.size, 0) + max(1, len(s.text))
        total = 1
        bold_chars = total if all(s.bold for s in spans) else 0
    if len(sizes) == 1:
        dominant = largest = next(iter(sizes))
    else:
        dominant = max(sizes, key=sizes.__getitem__)
        largest = max(sizes)
    return Line(
        text,
        x0,
        y0,
        x1,
        y1,
        dominant,
        largest,
        bold_chars * 2 > total,
        page,
        block,
        spans,
        0,
        bold_chars / total,
        small_caps,
    )


def _block_lines(raw_lines: list[RawLine], page: int, block_id: int) -> list[Line]:
    """Lines of a block, with raw lines on the same baseline merged (e.g. '1' + 'Introduction')."""
    lines: list[Line] = []
    group: list[RawLine] = []
    last: RawLine | None = None
    for raw in raw_lines:
        if last is not None:
            top = raw.y0 if raw.y0 > last.y0 else last.y0  # max(), min() without the calls
            bottom = raw.y1 if raw.y1 < last.y1 else last.y1
            overlap = bottom - top
            if overlap > 0.0 and overlap > 0.6 * max(1e-3, min(last.y1 - last.y0, raw.y1 - raw.y0)):
                group.append(raw)
                last = raw
                continue
            ln = _line_from(group, page, block_id)
            if ln is not None:
                lines.append(ln)
        group = [raw]
        last = raw
    if group:
        ln = _line_from(group, page, block_id)
        if ln is not None:
            lines.append(ln)
    return lines


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
    # A block is full width when it reaches into the right column, not merely past the middle: an
    # overfull line of the left column ends in the gutter, short of the right column's left edge.
    wide_edge = mid + tol
    if two_column:
        starts = sorted([b.x0 for b in right])
        wide_edge = max(wide_edge, starts[len(starts) // 4] + tol)
    out: list[Line] = []
    band: list[_Block] = []

    def flush() -> None:
        band.sort(key=lambda b: (0 if b.x1 <= mid + tol or b.x0 < mid - tol else 1, b.y0, b.x0))
        for b in band:
            out.extend(b.lines)
        band.clear()

    for b in sorted(blocks, key=lambda b: (b.y0, b.x0)):
        # a block across the middle that stops short of the right column (a centred 'Abstract', the
        # middle of an author grid) also ends the band: what lies above it is read before it
        wide = b.x0 < mid - tol and (b.x1 > wide_edge or (b.x1 > mid + tol and b.x0 > 0.2 * width))
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
    blocks: list[_Block] = []
    rotated: list[str] | None = [] if number == 0 else None
    for i, raw in enumerate(rawtext.page_blocks(page, rotated)):
        lines = _block_lines(raw, number, block_base + i)
        if len(lines) == 1:
            ln = lines[0]
            blocks.append(_Block(ln.x0, ln.y0, ln.x1, ln.y1, lines))
        elif lines:
            blocks.append(
                _Block(
                    min([ln.x0 for ln in lines]),
                    min([ln.y0 for ln in lines]),
                    max([ln.x1 for ln in lines]),
                    max([ln.y1 for ln in lines]),
                    lines,
                )
            )
    _split_wide_blocks(blocks, rect.width)
    lines, two_col = _reading_order(blocks, rect.width)
    return PageLayout(number, rect.width, rect.height, lines, two_col, rotated or [])


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
_PAGE_NUMBER = re.compile(r"(page )?\d+( of \d+)?")


def _margin_key(text: str) -> str:
    return _DIGITS.sub("#", text.lower()).strip()


def remove_running_text(pages: list[PageLayout]) -> None:
    """Drop running headers/footers, page numbers and review line numbers, in place."""
    counts: Counter[str] = Counter()
    margins: list[list[tuple[Line, str]]] = []
    for p in pages:
        top, bottom = p.height * 0.085, p.height * 0.91  # the top and bottom margins
        margin = [(ln, _margin_key(ln.text)) for ln in p.lines if ln.y1 < top or ln.y0 > bottom]
        margins.append(margin)
        counts.update({key for _, key in margin})
    threshold = max(2, int(0.3 * len(pages)))
    repeated = {k for k, n in counts.items() if n >= threshold and len(pages) > 1}
    for p, margin in zip(pages, margins, strict=True):
        drop = _line_number_ids(p)
        for ln, key in margin:
            if key in repeated or _NUMERIC.match(ln.text) or _PAGE_NUMBER.fullmatch(ln.text.lower()):
                drop.add(id(ln))
        if drop:
            p.lines = [ln for ln in p.lines if id(ln) not in drop]


_CONTENTS_TITLE = re.compile(r"^(?:table of )?contents$", re.IGNORECASE)
_CONTENTS_ENTRY = re.compile(r"(?:\s|\.)\d{1,4}$|(?:\.\s?){3,}\s*\d{0,4}$")
CONTENTS_PAGES_MAX = 15
"""Printed tables of contents are looked for in the first pages only."""


def _entries_end(lines: list[Line]) -> int:
    """The end of a run of contents entries at the start of ``lines``, or 0 when there is none.

    The run ends at the last line after which at least 60% of the lines so far end in a page number
    or dotted leaders, and holds five entries or more.
    """
    entries = 0
    end = 0
    for k, ln in enumerate(lines):
        if _CONTENTS_ENTRY.search(ln.text):
            entries += 1
            if entries >= 0.6 * (k + 1):
                end = k + 1
    return end if entries >= 5 else 0


def drop_contents_pages(pages: list[PageLayout]) -> list[int]:
    """Remove a printed table of contents from the first pages, in place; return its pages (0-based).

    A table of contents opens with a 'Contents' or 'Table of Contents' line, anywhere on a page, followed
    by lines that mostly end in a page number or dotted leaders ('2.1 Scheduler . . . . 14'); it may go
    on over the next pages and end mid-page, where the text that follows is kept. Its lines would
    otherwise be taken for section headings ('Conclusions 55') and running text. The document's own
    headings, further on, are the outline.
    """
    dropped: list[int] = []
    for p in pages[:CONTENTS_PAGES_MAX]:
        continues = bool(dropped) and dropped[-1] == p.number - 1
        start = (
            0
            if continues
            else next((k for k, ln in enumerate(p.lines) if _CONTENTS_TITLE.match(ln.text)), -1)
        )
        if start < 0:
            continue
        first = start if continues else start + 1
        end = _entries_end([ln for ln in p.lines[first:] if any(c.isalpha() for c in ln.text)])
        if not end:
            if dropped:
                break
            continue
        lettered = 0  # map the end back over lines without letters (page numbers on lines of their own)
        cut = first
        for k in range(first, len(p.lines)):
            if any(c.isalpha() for c in p.lines[k].text):
                lettered += 1
            cut = k + 1
            if lettered == end:
                break
        while cut < len(p.lines) and not any(c.isalpha() for c in p.lines[cut].text):
            cut += 1
        p.lines = p.lines[:start] + p.lines[cut:]
        dropped.append(p.number)
        if len(p.lines) > start:
            break  # text follows on this page: the contents ended here
    return dropped


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
    """The most common character size (the body text size), rounded to 0.5 pt.

    Counted over the first 60% of the pages: a short paper's reference list, set smaller, can hold
    more characters than its body.
    """
    sizes: Counter[float] = Counter()
    for p in pages[: max(2, -(-len(pages) * 3 // 5))]:
        for ln in p.lines:
            sizes[round(ln.size * 2) / 2] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W\d_]|[^\W\d_]", re.UNICODE)


_ASCII_NON_LETTERS = "".join(c for c in map(chr, range(128)) if not c.isalpha())


def vocabulary(pages: list[PageLayout]) -> set[str]:
    """Lower-cased words of the document, for deciding soft vs hard hyphens.

    The words ``_WORD`` finds in the text. No word spans whitespace, so each distinct chunk between
    spaces is read once, and an ASCII chunk that is one run of letters between non-letters
    (``word,``, ``(see``) is taken without the regex.
    """
    text = "\n".join(ln.text for p in pages for ln in p.lines).lower()
    vocab: set[str] = set()
    rest: list[str] = []
    for chunk in set(text.split()):
        if chunk.isascii():
            core = chunk.strip(_ASCII_NON_LETTERS)
            if not core or core.isalpha():
                if core:
                    vocab.add(core)
                continue
        rest.append(chunk)
    vocab.update(_WORD.findall(" ".join(rest)))
    return vocab


_TRAILING_WORD = re.compile(r"([^\W\d_][\w'’]*)-$")
_LEADING_WORD = re.compile(r"^([^\W\d_][\w'’]*)((?:-[\w'’]+)*)")
_URL_END = re.compile(r"(?:https?://|www\.)\S*/$")


def join_lines(texts: list[str], vocab: set[str]) -> str:
    """Join printed lines into running text, undoing line-end hyphenation.

    A hyphen at a line end is dropped (soft hyphen) when the joined word occurs elsewhere in the
    document or the hyphenated form does not; it is kept (hard hyphen) when the hyphenated compound
    occurs elsewhere and the joined word does not. Without such evidence it is kept when the next
    part is capitalised or itself hyphenated (``English-`` + ``to-German``). A hyphen next to a digit
    (``152-layer``, ``ResNet-34``) is kept, and a URL broken after a slash is joined without a space.
    """
    out = ""
    for raw in texts:
        text = raw.strip()
        if not text:
            continue
        if not out:
            out = text
            continue
        tail = _TRAILING_WORD.search(out) if out.endswith("-") and not out.endswith("--") else None
        head = _LEADING_WORD.match(text)
        if tail and head:
            out = (
                out + text
                if _hard_hyphen(tail.group(1), head.group(1), head.group(2), vocab)
                else out[:-1] + text
            )
        elif (out.endswith("/") and _URL_END.search(out)) or _digit_compound(out, text):
            out = out + text
        else:
            out = out + " " + text
    return out


def _digit_compound(out: str, text: str) -> bool:
    """A line-end hyphen with a digit on either side: '152-' + 'layer', 'ResNet-' + '34'."""
    if len(out) < 2 or out[-1] != "-" or not out[-2].isalnum() or not text[0].isalnum():
        return False
    return out[-2].isdigit() or text[0].isdigit()


def _hard_hyphen(first: str, second: str, rest: str, vocab: set[str]) -> bool:
    """Is the hyphen between ``first`` and ``second`` (followed by ``rest``, e.g. '-German') kept?"""
    for a, b in ((first + second + rest, f"{first}-{second}{rest}"), (first + second, f"{first}-{second}")):
        joined, hard = a.lower(), b.lower()
        if (joined in vocab) != (hard in vocab):
            return hard in vocab
    return bool(rest) or (second[0].isupper() and not second.isupper())
