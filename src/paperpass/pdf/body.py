"""Running text: paragraphs, the introduction's last paragraph, the conclusion's text."""

from __future__ import annotations

import re
from operator import itemgetter

from paperpass.pdf.headings import Heading
from paperpass.pdf.layout import Line, join_lines

_BULLET = re.compile(r"^(?:[•◦▪‣∙·●○■□–-]|\(?\d{1,2}[.)]|\([a-z]\)|[a-z]\))\s+")
_CONCLUSION = re.compile(
    r"conclu|discussion|summary|future (work|direction)|limitations?\b|outlook|closing|"
    r"final (remarks|thoughts)|reflections?\b|lessons learn|takeaways?\b|wrap(ping)?[ -]up",
    re.IGNORECASE,
)

_RUN_IN_BACK_MATTER = re.compile(
    r"^(acknowledge?ments?|funding|author contributions|competing interests|conflicts? of interest|"
    r"broader impacts?|impact statement|ethics statement|reproducibility statement|data availability|"
    r"code availability)\b\s*(?P<after>[.:—–-]|[A-Z]|$)",
    re.IGNORECASE,
)


_REFERENCE_LIST = re.compile(r"^(?:references|bibliography)$|^\[1\]\s", re.IGNORECASE)


def is_back_matter_paragraph(par: list[Line]) -> bool:
    """A paragraph opening with a run-in back-matter head ('Acknowledgements We thank ...').

    A 'References' line set like body text, or a first reference '[1] ...', also ends the body.
    """
    first = par[0]
    if _REFERENCE_LIST.match(first.text):
        return True
    m = _RUN_IN_BACK_MATTER.match(first.text)
    if not m:
        return False
    return bool(m.group("after")) or len(first.bold_prefix()) >= m.end(1) or first.spans[0].italic


_count = itemgetter(1)


def column_lefts(lines: list[Line], body: float) -> dict[tuple[int, int], float]:
    """Most common left edge of body-size lines per (page, column): the column's margin."""
    counts: dict[tuple[int, int], dict[int, int]] = {}
    for ln in lines:
        if abs(ln.size - body) < 0.8:
            key = (ln.page, ln.column)
            c = counts.get(key)
            if c is None:
                c = counts[key] = {}
            x = round(ln.x0)
            c[x] = c.get(x, 0) + 1
    # the first most common edge, as Counter.most_common(1) gives it
    return {k: float(max(c.items(), key=_count)[0]) for k, c in counts.items()}


def _is_body(ln: Line, body: float) -> bool:
    """Running text: body size, some letters, not a caption (acmart sets captions at body size)."""
    return abs(ln.size - body) < 0.8 and not ln.caption and sum(map(str.isalpha, ln.text)) >= 2


def paragraphs(lines: list[Line], body: float, lefts: dict[tuple[int, int], float]) -> list[list[Line]]:
    """Group body-size lines into paragraphs (indent, bullets, short last lines, gaps, run-in heads)."""
    out: list[list[Line]] = []
    prev: Line | None = None
    right = 0.0  # the right edge of the current paragraph's lines (in prev's column)
    for ln in lines:
        if not _is_body(ln, body):
            continue
        if prev is None or _starts_paragraph(prev, ln, lefts, bool(_BULLET.match(out[-1][0].text)), right):
            out.append([ln])
            right = ln.x1
        else:
            out[-1].append(ln)
            same_column = prev.page == ln.page and prev.column == ln.column
            right = max(right, ln.x1) if same_column else ln.x1
        prev = ln
    return out


def _starts_paragraph(
    prev: Line, ln: Line, lefts: dict[tuple[int, int], float], in_list: bool, right: float
) -> bool:
    left = lefts.get((ln.page, ln.column), ln.x0)
    em = ln.size
    if _BULLET.match(ln.text):
        return in_list or not _wrapped_enumeration(prev, ln, left, right)
    if not in_list and 0.7 * em < ln.x0 - left < 4 * em and ln.x0 - prev.x0 > 0.7 * em:
        return True
    same_column = prev.page == ln.page and prev.column == ln.column
    if (
        in_list
        and same_column
        and not _BULLET.match(prev.text)
        and abs(ln.x0 - prev.x0) > 0.5 * em
        and prev.text.rstrip().endswith((".", "!", "?", ".)"))
    ):
        return True  # a paragraph after a list item: it leaves the item's hanging indent
    if same_column and ln.y0 - prev.y1 > 0.55 * ln.height:
        return True
    prev_right = max(prev.x1, 0.0)
    # the paragraph's own width so far counts too: the next line may be short as well (math, a list)
    widest = max(prev.x1, ln.x1, right if same_column else 0.0)
    ends_sentence = prev.text.rstrip().endswith((".", ":", "!", "?", ".)", ".”"))
    if ends_sentence and prev_right < widest - 2.5 * em:
        return True
    return bool(ends_sentence and ln.bold_prefix() and len(ln.bold_prefix()) > 3)


def _wrapped_enumeration(prev: Line, ln: Line, left: float, right: float) -> bool:
    """Whether a line opening with an item marker ('(2) a change detector ...') only continues running
    text that wrapped there: flush left, right below a line that fills the paragraph's width and does not
    announce a list (':'). A real list item is indented or follows a short or ':'-ended line."""
    em = ln.size
    return (
        prev.page == ln.page
        and prev.column == ln.column
        and abs(ln.x0 - left) < 0.5 * em
        and prev.x1 >= right - 1.0 * em
        and ln.y0 - prev.y1 <= 0.55 * ln.height
        and not prev.text.rstrip().endswith(":")
    )


def paragraph_text(par: list[Line], vocab: set[str]) -> str:
    """Paragraph text with line-end hyphenation undone and a leading bullet dropped."""
    text = join_lines([ln.text for ln in par], vocab)
    return _BULLET.sub("", text, count=1)


def _section_range(headings: list[Heading], k: int, n_lines: int, level: int = 1) -> tuple[int, int]:
    start = headings[k].index + 1
    for h in headings[k + 1 :]:
        if h.level <= level:
            return start, h.index
    return start, n_lines


def _section_paragraphs(
    lines: list[Line],
    headings: list[Heading],
    span: tuple[int, int],
    body: float,
    lefts: dict[tuple[int, int], float],
) -> list[list[Line]]:
    """Paragraphs of lines ``span[0]:span[1]``, leaving out (and breaking at) subsection headings."""
    start, end = span
    cuts = sorted(h.index for h in headings if start <= h.index < end)
    out: list[list[Line]] = []
    for cut in [*cuts, end]:
        out.extend(paragraphs(lines[start:cut], body, lefts))
        start = cut + 1
        while cut < end and start < end and _continues_heading(lines[cut], lines[start]):
            start += 1
    return out


def _continues_heading(head: Line, ln: Line) -> bool:
    """The second line of a wrapped heading: same block, same size, weight and slant, right below."""
    return (
        ln.block == head.block
        and ln.bold == head.bold
        and ln.italic == head.italic
        and abs(ln.size - head.size) < 0.3
        and (0 <= ln.y0 - head.y1 < head.height)
    )


def intro_last_paragraph(
    lines: list[Line],
    headings: list[Heading],
    body: float,
    vocab: set[str],
    lefts: dict[tuple[int, int], float],
) -> str:
    """The last paragraph before the section that follows the introduction."""
    k = next((i for i, h in enumerate(headings) if h.level == 1 and "introduction" in h.title.lower()), -1)
    if k < 0:
        k = next((i for i, h in enumerate(headings) if h.level == 1 and not h.appendix), -1)
    if k < 0:
        return ""
    pars = _section_paragraphs(lines, headings, _section_range(headings, k, len(lines)), body, lefts)
    pars = [p for p in pars if is_prose(p)]
    return paragraph_text(pars[-1], vocab) if pars else ""


def is_prose(par: list[Line]) -> bool:
    """Running text, not the rows of a table set at body size ('Full fine-tuning 81.2 86.9 63.4')."""
    words = [w for ln in par for w in ln.text.split()]
    numeric = sum(1 for w in words if not any(c.isalpha() for c in w))
    return 3 * numeric < len(words)


def _trailing_numbered_cut(main: list[Heading]) -> list[Heading]:
    """Drop unnumbered sections trailing numbered ones (e.g. 'Broader Impact' after the conclusion)."""
    if any(h.number for h in main):
        while main and main[-1].number is None:
            main = main[:-1]
    return main


def conclusion(
    lines: list[Line],
    headings: list[Heading],
    body: float,
    vocab: set[str],
    lefts: dict[tuple[int, int], float],
    main_end: int,
) -> tuple[str, str] | None:
    """(heading, text) of the concluding section: the final main-body section if it concludes.

    Args:
        lines: document lines.
        headings: all headings.
        body: body font size.
        vocab: document vocabulary.
        lefts: column margins.
        main_end: number of headings that belong to the main body.
    """
    main = _trailing_numbered_cut([h for h in headings[:main_end] if h.level == 1])
    if not main:
        return None
    h = main[-1]
    k = headings.index(h)
    start, end = _section_range(headings, k, len(lines))
    end = min(end, headings[main_end].index if main_end < len(headings) else end)
    named = _CONCLUSION.search(h.title) is not None
    if not named and (len(main) < 3 or not _closing_section(h, lines, start, end)):
        return None
    pars = _section_paragraphs(lines, headings, (start, end), body, lefts)
    cut = next((i for i, p in enumerate(pars) if i and is_back_matter_paragraph(p)), len(pars))
    text = "\n\n".join(paragraph_text(p, vocab) for p in pars[:cut])
    if not named and not _CLOSING_WORDS.search(text[:1500]):
        return None  # no 'we presented', 'in this paper', 'future work': not a conclusion after all
    return h.title, text[:6000]


_CLOSING_WORDS = re.compile(
    r"\b(?:this (?:paper|work|article|report|study)|we (?:have )?(?:presented|introduced|proposed|"
    r"showed|shown|studied|demonstrated|described)|in summary|to summari[sz]e|in conclusion|"
    r"future (?:work|research|directions?)|looking (?:back|ahead|forward)|going forward|next steps?)\b",
    re.IGNORECASE,
)
_BODY_SECTION = re.compile(
    r"experiment|result|evaluat|method|approach|model|related|background|analys|ablation|setup|"
    r"implementation|data|training|architecture|algorithm|preliminar|theor|proof|bench|study|case",
    re.IGNORECASE,
)


def _closing_section(h: Heading, lines: list[Line], start: int, end: int) -> bool:
    """A last main-body section under another name ('Reflection', 'Outlook') that closes the paper.

    When no section is named like a conclusion, the last one concludes unless its name says it is
    part of the work (experiments, results, method, ...) or it is long (more than two pages, no
    subsections): ResNet ends with its experiments and has no conclusion.
    """
    if _BODY_SECTION.search(h.title) or start >= end:
        return False
    return lines[end - 1].page - h.page <= 2


def count_words(lines: list[Line], end: int) -> int:
    """Words of running text up to line ``end``."""
    return sum(len(ln.text.split()) for ln in lines[:end])
