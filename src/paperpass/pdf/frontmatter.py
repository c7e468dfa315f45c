"""Title, authors and abstract from the first page(s)."""

from __future__ import annotations

import re
from collections import Counter
from typing import TypeVar

from paperpass.pdf.layout import Line, PageLayout, clean_text, join_lines

_ABSTRACT = re.compile(r"^a\s?bstract\b\s*[—–:.\-]?\s*", re.IGNORECASE)
# Reports put their abstract under a stand-alone 'Summary' or 'Executive Summary' heading.
_SUMMARY = re.compile(r"^(?:executive )?summary$", re.IGNORECASE)
_KEYWORDS_LINE = re.compile(r"^(keywords|key words|index terms|ccs concepts)\b", re.IGNORECASE)
# Link lines printed under an abstract ('Code: https://...', 'Project page: github.com/...'): not abstract.
_LINK_LINE = re.compile(
    r"^(?:code|source code|webpage|web page|website|project(?: page| website)?|homepage|demo|data(?:set)?s?|"
    r"models?|weights|github|repository|blog)(?: (?:and|&) \w+)?\s*:\s*(?:https?://|www\.|github\.com|\S+\.\w{2,}/)",
    re.IGNORECASE,
)
_AFFILIATION = (
    r"universit\w*|institut\w*|college|school|department|dept|laborator\w*|labs?|research|"
    r"corporation|inc|ltd|llc|gmbh|national|google|microsoft|facebook|meta|openai|deepmind|brain|amazon|apple|"
    r"nvidia|ibm|baidu|alibaba|tencent|huawei|academy|academia|center|centre|faculty|team|group|ai|language|"
    r"foundation|company|technolog\w*|sciences?|engineering|computer|hospital|biohub|csail|mit"
)
# roles and grades printed beside names: 'Independent Researcher', 'Student Member, IEEE', 'Editor:'
_ROLES = (
    r"researchers?|independent|students?|professor|postdoc\w*|scientists?|engineers?|members?|"
    r"fellow|ieee|acm|dated|editors?"
)
_ORG_WORDS = re.compile(rf"\b({_AFFILIATION}|{_ROLES})\b", re.IGNORECASE)
_AFFILIATION_WORDS = re.compile(rf"\b({_AFFILIATION})\b", re.IGNORECASE)
_NAME_TOKEN = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞŁ][\w'’.\-]*|(?:de|van|der|den|ter|von|zu|da|das|di|del|della|la|las|los|le|du|des|dos|bin|al)"
    r"|[A-Z]\.)$"
)
_MARKERS = re.compile(r"[\d*∗†‡§¶⇤⇧♠♣♥♦⋆★✝✉#,;:()\[\]{}]+")
# A place in an address line ('San Francisco, CA', 'Beijing, China'): the line gives no author.
_PLACE = re.compile(
    r"^(?:[A-Z]{2}|USA|U\.S\.A\.|UK|U\.K\.|China|P\.R\. China|Canada|Germany|France|Japan|Korea|"
    r"South Korea|India|Israel|Switzerland|Singapore|Taiwan|Australia|Netherlands|Italy|Spain|Sweden|"
    r"Denmark|Finland|Norway|Austria|Belgium|Brazil|Russia|Poland|United States|United Kingdom|"
    r"Hong Kong|\d{4,6})$"
)
_COUNTRY_END = re.compile(
    r"\b(?:USA|U\.S\.A\.|China|Canada|Germany|France|Japan|Korea|India|Israel|Switzerland|Singapore|"
    r"Taiwan|Australia|Netherlands|Italy|Spain|Sweden|Denmark|Finland|Norway|Austria|Belgium|Brazil|"
    r"Russia|Poland|United States|United Kingdom|Hong Kong)$"
)
_SPLIT = re.compile(r",|;|\b(?:and|AND)\b|&|·|•|\s{3,}")  # names in capitals: 'A AND B'


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
        # a title in small caps goes on in its small letters' size ('... CONVOLUTIONAL NET-' / 'WORKS')
        caps_tail = prev.small_caps and abs(ln.size - prev.size) < 0.3 and ln.text.isupper()
        if (
            (ln.max_size < best_size - 1.0 and not caps_tail)
            or ln.y0 - prev.y1 > 1.2 * prev.height
            or ln.y0 < prev.y0
        ):
            break
        text = _text_without_superscripts(ln)
        parts.append(text.lower() if caps_tail and ln.max_size < best_size - 1.0 else text)
        j += 1
    title = join_lines(parts, set())
    return title.strip(" *∗†‡"), best_i, j


def _chunks(line: Line) -> list[tuple[str, bool]]:
    """Split an author line at separators, footnote markers, wide gaps and changes to or from italics.

    Returns (chunk, italic) pairs: italic when every lettered span of the chunk's run is italic (IEEE's
    ``Student Member, IEEE`` and revtex's affiliations are italic beside upright names).
    """
    pieces: list[tuple[str, bool]] = []
    current = ""
    italic: bool | None = None  # of the current run's lettered spans
    prev_x1 = None
    for s in line.spans:
        gap = (s.x0 - prev_x1) if prev_x1 is not None else 0.0
        lettered = not s.superscript and any(c.isalpha() for c in s.text)
        if s.superscript or gap > 0.8 * s.size or (lettered and italic is not None and s.italic != italic):
            pieces.append((current, bool(italic)))
            current = "" if s.superscript else s.text
            italic = s.italic if lettered else None
        else:
            current += s.text
            if lettered and italic is None:
                italic = s.italic
        prev_x1 = s.x1
    pieces.append((current, bool(italic)))
    out: list[tuple[str, bool]] = []
    for piece, it in pieces:
        for c in _SPLIT.split(piece):
            c = _BY.sub("", clean_text(_MARKERS.sub(" ", c)))  # 'By C. E. Shannon'
            if c:
                out.append((c, it))
    return out


_BY = re.compile(r"^by\s+", re.IGNORECASE)


def _is_name(chunk: str) -> bool:
    tokens = chunk.split()
    if not 2 <= len(tokens) <= 5 or len(chunk) > 40 or "@" in chunk or _ORG_WORDS.search(chunk):
        return False
    if not all(_NAME_TOKEN.match(t) for t in tokens):
        return False
    return tokens[0][0].isupper() and tokens[-1][0].isupper()


# A team or company signing as an author: 'OpenAI Dota Team', 'DeepSeek-AI', 'OpenAI', 'Meta AI'.
_TEAM = re.compile(
    r"^(?:[A-Z][\w.&'’-]*\s){0,4}(?:Team|Collaboration|Consortium)$|^(?:[A-Z][\w&'’-]*[\s-]?){0,3}AI$"
)


def _is_team(chunk: str) -> bool:
    """A corporate or team author name: a few capitalised words ending in 'Team' or 'AI'."""
    return len(chunk) <= 40 and "@" not in chunk and _TEAM.match(chunk) is not None


def _corporate_author(lines: list[Line], start: int, end: int) -> list[str]:
    """The team or company printed as the only author under the title ('DeepSeek-AI'), if any."""
    for ln in lines[start:end]:
        for chunk, _ in _chunks(ln):
            if _is_team(chunk):
                return [chunk]
    return []


_Style = tuple[int, bool, bool]  # rounded size, bold, italic


def _join_wrapped_names(lines: list[Line], chunks: list[list[tuple[str, bool]]]) -> None:
    """Join a name wrapped over two lines ('..., Kwame' / 'Mensah'), in place.

    The last chunk of a line and the first of the next line (same size and weight, right below) are
    joined when neither is a name alone and together they are one.
    """
    for k in range(len(lines) - 1):
        a, b = lines[k], lines[k + 1]
        if not (chunks[k] and chunks[k + 1]) or a.spans[-1].superscript:
            continue
        if (
            round(a.size) != round(b.size)
            or a.bold != b.bold
            or not -0.3 * a.height <= b.y0 - a.y1 < a.height
        ):
            continue
        (tail, it), (head, it2) = chunks[k][-1], chunks[k + 1][0]
        joined = f"{tail} {head}"
        if it == it2 and not _is_name(tail) and not _is_name(head) and _is_name(joined):
            chunks[k][-1] = (joined, it)
            del chunks[k + 1][0]


def find_authors(lines: list[Line], start: int, end: int) -> list[str]:
    """Author names printed between the title and the abstract, in reading order.

    Lines are split into chunks at commas, 'and', footnote markers, wide gaps and italic changes; a
    chunk is a name when it has 2-5 capitalised tokens and no organisation or role word; a line whose
    chunks are mostly organisations is an affiliation line and gives no names. Only chunks
    set in the font style (size, weight, italics) that carries the most distinct names are kept, which
    drops affiliations and addresses; on a tie, the style of the first name line under the title wins.
    A team beside named authors ('OpenAI Dota Team') is one of them; when no person is named, the team
    or company printed under the title ('DeepSeek-AI') is the author.
    """
    per_line: list[tuple[Line, list[tuple[str, _Style]]]] = []
    team_lines: list[tuple[Line, list[tuple[str, _Style]]]] = []
    style_votes: Counter[_Style] = Counter()
    chunks = [_chunks(ln) for ln in lines[start:end]]
    _join_wrapped_names(lines[start:end], chunks)
    for ln, line_chunks in zip(lines[start:end], chunks, strict=True):
        team = _team_line(line_chunks)
        if team:  # 'and the OpenAI Dota Team' on a line of its own, after the named authors
            team_lines.append((ln, [(team, _ANY_STYLE)]))
            continue
        if 2 * sum(1 for c, _ in line_chunks if _AFFILIATION_WORDS.search(c)) > len(line_chunks):
            continue  # an affiliation line: 'Zhejiang University  Norwegian University ...  Lumen Vision'
        if any(_PLACE.match(c) for c, _ in line_chunks[1:]) or any(
            _COUNTRY_END.search(c) for c, _ in line_chunks
        ):
            continue  # an address: 'San Francisco, CA', 'Shenzhen, China'
        key = (round(ln.size), ln.bold)
        people = any(_is_name(c) for c, _ in line_chunks)
        # a team signs beside named authors ('Ada Byron, OpenAI Dota Team'), not on a line of its own
        names = [(c, (*key, it)) for c, it in line_chunks if _is_name(c) or (people and _is_team(c))]
        if names:
            per_line.append((ln, names))
            for style in dict.fromkeys(st for _, st in names):  # in line order
                style_votes[style] += len({c for c, st in names if st == style})
    if not style_votes:
        return [team for _, ((team, _),) in team_lines] or _corporate_author(lines, start, end)
    style = max(style_votes, key=style_votes.__getitem__)  # first of the most voted, in line order
    out: list[str] = []
    kept = [(ln, names) for ln, names in per_line if any(st == style for _, st in names)]
    for _, names in _by_rows(kept + team_lines):
        out.extend(c for c, st in names if st in (style, _ANY_STYLE) and c not in out)
    return out


_ANY_STYLE: _Style = (0, False, False)
_PEOPLE_TEAM = re.compile(r"\b(?:Team|Collaboration|Consortium)$")


def _team_line(chunks: list[tuple[str, bool]]) -> str:
    """The team of a line that names only a team of people ('and the OpenAI Dota Team'), or ''.

    A company alone on a line under the names ('DeepSeek-AI') is their affiliation, not an author.
    """
    if len(chunks) != 1:
        return ""
    chunk = chunks[0][0]
    chunk = chunk[4:] if chunk.startswith("the ") else chunk
    return chunk if _is_team(chunk) and _PEOPLE_TEAM.search(chunk) else ""


_T = TypeVar("_T")


def _by_rows(items: list[tuple[Line, _T]]) -> list[tuple[Line, _T]]:
    """Name lines of one page in rows (top to bottom), each row left to right: an author grid."""
    if len(items) < 2 or len({ln.page for ln, _ in items}) > 1:
        return items
    ordered = sorted(items, key=lambda it: it[0].y0)
    rows: list[list[tuple[Line, _T]]] = []
    for it in ordered:
        if rows and abs(it[0].y0 - rows[-1][0][0].y0) < 0.5 * it[0].height:
            rows[-1].append(it)
        else:
            rows.append([it])
    return [it for row in rows for it in sorted(row, key=lambda r: r[0].x0)]


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
        if _SUMMARY.match(lines[i].text) and (lines[i].bold or lines[i].size >= body + 1):
            begin, first_text = i, ""
            break
    if begin < 0:
        begin = _first_paragraph(lines, start, limit, body)
        if begin < 0:
            return "", start, start
        while begin > start and _line_above_belongs(lines[begin - 1], lines[begin]):
            begin -= 1  # MuPDF may set the paragraph's first line apart as a block of its own
        first_text = lines[begin].text
    parts = [first_text] if first_text.strip() else []
    j = begin + 1
    if not parts:  # tiny text set right under the heading (a figure's label) is not the abstract
        while (
            j < min(limit, begin + 4) and lines[j].size < body - 1.5 and lines[j].block != lines[begin].block
        ):
            j += 1
    ref = lines[j] if not parts and j < limit else lines[begin]
    while j < limit:
        ln = lines[j]
        if ln.page > lines[begin].page + 1 or _KEYWORDS_LINE.match(ln.text) or _LINK_LINE.match(ln.text):
            break
        if abs(ln.size - ref.size) > 0.7 and parts and _URL_LINE.match(ln.text) and not _ends(parts[-1]):
            parts.append(ln.text)  # 'The code is at' + a URL set in a typewriter font
            j += 1
            continue
        if abs(ln.size - ref.size) > 0.7:
            resume = _resumes_after_break(lines, j, limit, ref, parts)
            if resume < 0:
                break
            j = resume
            continue
        prev = lines[j - 1]
        same_column = ln.page == prev.page and ln.column == prev.column
        if parts and j > begin + 1 and same_column and ln.y0 - prev.y1 > 2.5 * ln.height:
            break
        parts.append(ln.text)
        j += 1
    return join_lines(parts, vocab), begin, j


_URL_LINE = re.compile(r"^(?:https?://|www\.|github\.com/)\S+$")


def _ends(text: str) -> bool:
    """The text ends a sentence."""
    return text.rstrip().endswith((".", "!", "?", ".)", ".”"))


def _resumes_after_break(lines: list[Line], j: int, limit: int, ref: Line, parts: list[str]) -> int:
    """Where an abstract cut mid-sentence at a column or page break goes on, or -1.

    Footnotes set smaller at the foot of the column ('*Equal contribution') are passed over when the
    text so far ends mid-sentence and resumes in the abstract's size in the next column or on the next
    page.
    """
    if not parts or parts[-1].rstrip().endswith((".", "!", "?", ".)", ".”")):
        return -1
    last = lines[j - 1]
    for k in range(j, min(limit, j + 12)):
        ln = lines[k]
        moved = ln.page != last.page or ln.column != last.column
        if abs(ln.size - ref.size) <= 0.7:
            return k if moved else -1
        if ln.size > ref.size:  # a heading or a title, not a footnote
            return -1
    return -1


def _line_above_belongs(above: Line, ln: Line) -> bool:
    """``above`` is the same paragraph's previous line: same size and margin, right above, mid-sentence."""
    return (
        above.page == ln.page
        and abs(above.size - ln.size) < 0.5
        and abs(above.x0 - ln.x0) < 2
        and 0 <= ln.y0 - above.y1 < 0.8 * ln.height
        and not _ends(above.text)
    )


def _name_block(block: list[Line]) -> bool:
    """A block of author names set like a paragraph ('Artidoro Pagnoni, Ram Pasunuru‡, ...')."""
    chunks = [c for ln in block for c, _ in _chunks(ln)]
    names = sum(1 for c in chunks if _is_name(c))
    return names >= 3 and 2 * names > len(chunks)


def _first_paragraph(lines: list[Line], start: int, limit: int, body: float) -> int:
    """First line of the first multi-line text block after the front matter."""
    i = start
    while i < limit:
        block = lines[i].block
        j = i
        while j < limit and lines[j].block == block:
            j += 1
        # affiliation blocks are short; a long paragraph ('Transformer-based language models ...') is text
        affiliation = j - i < 5 and _ORG_WORDS.search(lines[i].text[:40]) is not None
        if j - i >= 3 and abs(lines[i].size - body) < 1.5 and not affiliation and not _name_block(lines[i:j]):
            return i
        i = j
    return -1


# 'arXiv:1707.06347v2 [cs.LG] 28 Aug 2017' (the margin stamp), 'arXiv:cs/0112017', 'arXiv preprint arXiv:...'
_ARXIV = re.compile(r"\barxiv\s*:\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z.\-]*/\d{7}(?:v\d+)?)", re.IGNORECASE)
# 'doi:10.1109/TPAMI.2019.2938758', 'https://doi.org/10.1145/2939672.2939785', 'DOI 10.1007/...'
_DOI = re.compile(r"(?:\bdoi\b\s*[:.]?\s*|doi\.org/)(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)


def find_identifiers(first_page: PageLayout, lines: list[Line]) -> tuple[str, str]:
    """The arXiv id and the DOI printed on the first page (stamp in the margin, 'doi:' line), or ''.

    Args:
        first_page: the first page (its rotated margin text holds the arXiv stamp).
        lines: the first page's lines.

    Returns:
        (arXiv id such as ``"1707.06347v2"``, DOI such as ``"10.1145/2939672.2939785"``).
    """
    texts = [*first_page.margin_text, *(ln.text for ln in lines)]
    arxiv = doi = ""
    for text in texts:
        if not arxiv and (m := _ARXIV.search(text)):
            arxiv = m.group(1)
        if not doi and (m := _DOI.search(text)):
            doi = m.group(1).rstrip(".,;)")
    return arxiv, doi
