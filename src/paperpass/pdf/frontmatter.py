"""Title, authors and abstract from the first page(s)."""

from __future__ import annotations

import re
from collections import Counter

from paperpass.pdf.layout import Line, clean_text, join_lines

_ABSTRACT = re.compile(r"^a\s?bstract\b\s*[—–:.\-]?\s*", re.IGNORECASE)
_KEYWORDS_LINE = re.compile(r"^(keywords|key words|index terms|ccs concepts)\b", re.IGNORECASE)
_ORG_WORDS = re.compile(
    r"\b(universit\w*|institut\w*|college|school|department|dept|laborator\w*|labs?|research|"
    r"corporation|inc|ltd|llc|gmbh|google|microsoft|facebook|meta|openai|deepmind|brain|amazon|apple|"
    r"nvidia|ibm|baidu|alibaba|tencent|huawei|academy|center|centre|faculty|team|group|ai|language|"
    r"foundation|company|technolog\w*|sciences?|engineering|computer|hospital|biohub|csail|mit)\b",
    re.IGNORECASE,
)
_NAME_TOKEN = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞŁ][\w'’.\-]*|(?:de|van|der|von|da|di|del|la|le|du|dos|bin|al)|[A-Z]\.)$"
)
_MARKERS = re.compile(r"[\d*∗†‡§¶⇤⇧♠♣♥♦⋆★✝✉#,;:()\[\]{}]+")
_SPLIT = re.compile(r",|;|\band\b|&|·|•|\s{3,}")


def _text_without_superscripts(line: Line) -> str:
    return clean_text("".join(s.text for s in line.spans if not s.superscript))


def find_title(lines: list[Line], page_lines: int, page_height: float) -> tuple[str, int, int]:
    """The title: the largest-font text block in the upper part of the first page.

    Returns:
        (title, index of its first line, index after its last line).
    """
    best_size = 0.0
    best_i = -1
    for i in range(page_lines):
        ln = lines[i]
        if ln.y0 > page_height * 0.6 or ln.page != lines[0].page or sum(map(str.isalpha, ln.text)) < 3:
            continue
        if ln.max_size > best_size + 0.3:
            best_size, best_i = ln.max_size, i
    if best_i < 0:
        return "", 0, 0
    parts = [_text_without_superscripts(lines[best_i])]
    j = best_i + 1
    while j < page_lines:
        ln, prev = lines[j], lines[j - 1]
        if ln.max_size < best_size - 1.0 or ln.y0 - prev.y1 > 1.2 * prev.height or ln.y0 < prev.y0:
            break
        parts.append(_text_without_superscripts(ln))
        j += 1
    title = join_lines(parts, set())
    return title.strip(" *∗†‡"), best_i, j


def _chunks(line: Line) -> list[str]:
    """Split an author line at separators, footnote markers and wide gaps."""
    pieces: list[str] = []
    current = ""
    prev_x1 = None
    for s in line.spans:
        gap = (s.x0 - prev_x1) if prev_x1 is not None else 0.0
        if s.superscript or gap > 1.2 * s.size:
            pieces.append(current)
            current = "" if s.superscript else s.text
        else:
            current += s.text
        prev_x1 = s.x1
    pieces.append(current)
    out: list[str] = []
    for piece in pieces:
        out.extend(_SPLIT.split(piece))
    return [c for c in (clean_text(_MARKERS.sub(" ", c)) for c in out) if c]


def _is_name(chunk: str) -> bool:
    tokens = chunk.split()
    if not 2 <= len(tokens) <= 5 or len(chunk) > 40 or "@" in chunk or _ORG_WORDS.search(chunk):
        return False
    if not all(_NAME_TOKEN.match(t) for t in tokens):
        return False
    return tokens[0][0].isupper() and tokens[-1][0].isupper()


def find_authors(lines: list[Line], start: int, end: int) -> list[str]:
    """Author names printed between the title and the abstract, in reading order.

    Lines are split into chunks at commas, 'and', footnote markers and wide gaps; a chunk is a name
    when it has 2-5 capitalised tokens and no organisation word. Only chunks set in the font style
    (size, weight) that carries the most names are kept, which drops affiliations and addresses.
    """
    per_line: list[tuple[Line, list[str]]] = []
    style_votes: Counter[tuple[float, bool]] = Counter()
    for ln in lines[start:end]:
        names = [c for c in _chunks(ln) if _is_name(c)]
        if names:
            per_line.append((ln, names))
            style_votes[(round(ln.size), ln.bold)] += len(names)
    if not style_votes:
        return []
    style = style_votes.most_common(1)[0][0]
    out: list[str] = []
    for ln, names in per_line:
        if (round(ln.size), ln.bold) == style:
            out.extend(n for n in names if n not in out)
    return out


def find_abstract(
    lines: list[Line], start: int, stop: int, vocab: set[str], body: float
) -> tuple[str, int, int]:
    """The abstract, with or without an 'Abstract' heading.

    Args:
        lines: document lines in reading order.
        start: first line after the title/author block.
        stop: index of the first section heading (the abstract ends before it).
        vocab: document vocabulary for de-hyphenation.
        body: body font size.

    Returns:
        (abstract text, index of its first line, index after its last line), or ('', start, start).
    """
    limit = min(stop, len(lines))
    begin = -1
    first_text = ""
    for i in range(start, limit):
        m = _ABSTRACT.match(lines[i].text)
        if m and (
            lines[i].bold
            or lines[i].size >= body
            or len(lines[i].text) > m.end() + 20
            or len(lines[i].text) <= 10
        ):
            begin = i
            first_text = lines[i].text[m.end() :]
            break
    if begin < 0:
        begin = _first_paragraph(lines, start, limit, body)
        if begin < 0:
            return "", start, start
        first_text = lines[begin].text
    parts = [first_text] if first_text.strip() else []
    ref = lines[begin + 1] if not parts and begin + 1 < limit else lines[begin]
    j = begin + 1
    while j < limit:
        ln = lines[j]
        if _KEYWORDS_LINE.match(ln.text) or abs(ln.size - ref.size) > 0.7 or ln.page > lines[begin].page + 1:
            break
        prev = lines[j - 1]
        same_column = ln.page == prev.page and ln.column == prev.column
        if parts and j > begin + 1 and same_column and ln.y0 - prev.y1 > 2.5 * ln.height:
            break
        parts.append(ln.text)
        j += 1
    return join_lines(parts, vocab), begin, j


def _first_paragraph(lines: list[Line], start: int, limit: int, body: float) -> int:
    """First line of the first multi-line text block after the front matter."""
    i = start
    while i < limit:
        block = lines[i].block
        j = i
        while j < limit and lines[j].block == block:
            j += 1
        if j - i >= 3 and abs(lines[i].size - body) < 1.5 and not _ORG_WORDS.search(lines[i].text[:40]):
            return i
        i = j
    return -1
