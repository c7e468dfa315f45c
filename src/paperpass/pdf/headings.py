"""Section headings: numbering patterns, font weight and size, checked against the PDF outline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from paperpass.pdf.layout import Line
from paperpass.pdf.model import is_back_matter

_NUMBERED = re.compile(
    r"^(?:(?:appendix|section|chapter)\s+)?"
    r"(?P<num>\d{1,2}(?:\.\d{1,2}){0,3}|[A-Z](?:\.\d{1,2}){0,3}|[IVX]{1,5})"
    r"(?:\.|:|\s*[—–-])?\s+(?P<title>(?:\d{1,3}[^\W\d_]|[^\W\d_]).*)$",
    re.IGNORECASE,
)
_KEYWORDS = re.compile(
    r"^(abstract|introduction|related work|background|preliminaries|methods?|methodology|approach|"
    r"experiments?|experimental (setup|results)|results|evaluation|analysis|discussion|conclusions?|"
    r"concluding remarks|summary|future work|limitations?|acknowledge?ments?|references|bibliography|"
    r"appendix|appendices|supplementary material|broader impacts?|ethics statement|"
    r"author contributions|reproducibility statement|checklist|neurips paper checklist|impact statement|"
    r"societal impacts?|data availability|code availability|funding|competing interests)\b",
    re.IGNORECASE,
)
_ROMAN = {"I": 1, "V": 5, "X": 10}


def is_section_name(title: str) -> bool:
    """A usual section name ('Introduction', 'Related Work', 'References', ...), 'Summary' excepted."""
    return _KEYWORDS.match(title) is not None and not title.lower().startswith("summary")


_APPENDIX_START = re.compile(r"^(appendix|appendices|supplementary)", re.IGNORECASE)


@dataclass(slots=True)
class Heading:
    """A detected heading and where it sits in the document's line list."""

    title: str
    number: str | None
    level: int
    page: int  # 0-based
    index: int  # index of its (first) line in the flat line list
    appendix: bool = False


def _roman(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN[b] > v else v
    return total


def normalise_title(text: str) -> str:
    """Lower-case, ASCII quotes, single spaces, no trailing punctuation: for fuzzy comparisons."""
    t = text.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", t).strip(" .:")


def similar(a: str, b: str, floor: float = 0.0) -> float:
    """Similarity ratio (0..1) of two headings after normalisation.

    Args:
        a: one heading.
        b: the other heading.
        floor: when the cheap upper bound is already below this, return that bound (a quick "no").
    """
    matcher = SequenceMatcher(None, normalise_title(a), normalise_title(b))
    bound = matcher.real_quick_ratio()
    if bound < floor:
        return bound
    bound = matcher.quick_ratio()
    return bound if bound < floor else matcher.ratio()


def _styled(line: Line, body: float) -> bool:
    if line.small_caps:
        return line.max_size >= body - 0.5
    return (line.bold_frac > 0.85 and line.size >= body - 0.8) or line.size >= body + 0.9


def _small_numbered(lines: list[Line], i: int, body: float) -> bool:
    """A bold numbered heading a little smaller than body text, alone in its block.

    revtex sets ``I. INTRODUCTION`` and ``A. Method`` in bold at 9 pt beside 10 pt text; the number
    and the block of its own keep table rows and bold phrases in running text out.
    """
    ln = lines[i]
    if not (ln.bold_frac > 0.85 and body - 1.6 <= ln.size and _NUMBERED.match(ln.text)):
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return nxt is None or nxt.block != ln.block


def _caps_numbered(lines: list[Line], i: int, body: float) -> bool:
    """A numbered heading in capitals at body size, alone in its block ('III. EXPERIMENTS').

    IEEE letters set section headings in capitals (or small caps) in the text font; running text in
    capitals is rare, and the number and the block of its own keep table rows out.
    """
    ln = lines[i]
    m = _NUMBERED.match(ln.text)
    if m is None or ln.size < body - 0.5:
        return False
    title = m.group("title")
    if not title.isupper() or sum(map(str.isalpha, title)) < 4 or title.split()[-1].isdigit():
        return False  # a running head ('3.7 GLOBAL MEMORY 33') ends in its page number
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return nxt is None or nxt.block != ln.block


def _plausible_title(title: str) -> bool:
    """Short, not a sentence, mostly letters (a bold table row '2 Layers 45.2 38.1' is not a title)."""
    words = title.split()
    if not words or len(words) > 16 or len(title) > 140:
        return False
    if title.endswith((".", ",", ";")) and not title.endswith("et al."):
        return False
    if title.endswith(("(", "[", "=")) or "{" in title or "}" in title:
        return False  # a numbered line of a code listing ('2 prompt input: (')
    numbers = sum(1 for w in words if not any(c.isalpha() for c in w) and any(c.isdigit() for c in w))
    if not any(sum(map(str.isalpha, w)) >= 2 for w in words):
        return False  # single letters only: labels in a diagram ('A B C'), not a heading
    return sum(c.isalpha() for c in title) >= 2 and (numbers <= 1 or 2 * numbers < len(words))


_CHAPTER = re.compile(r"^chapter\s+\d{1,2}$", re.IGNORECASE)


def _merge_next(lines: list[Line], i: int, text: str) -> tuple[str, int]:
    """Append a wrapped second heading line in the same block and style.

    A report's 'Chapter 3' line takes the title set below it, whatever its size ('Chapter 3 Memory').
    """
    if i + 1 < len(lines):
        a, b = lines[i], lines[i + 1]
        if _CHAPTER.match(text) and b.page == a.page and 0 <= b.y0 - a.y1 < 4 * a.height:
            return _merge_next(lines, i + 1, f"{text} {b.text}")  # and the title's second line
        if (
            b.block == a.block
            and abs(b.size - a.size) < 0.3
            and b.bold == a.bold
            and -0.2 * a.height <= b.y0 - a.y1 < a.height
            and b.italic == a.italic
            and not _NUMBERED.match(b.text)
            and len(text.split()) + len(b.text.split()) <= 18
        ):
            return f"{text} {b.text}", i + 1
    return text, i


@dataclass(slots=True)
class _Candidate:
    heading: Heading
    kind: str  # see _candidate


def _classify(num: str) -> str:
    if num[0].isdigit():
        return "num"
    if re.fullmatch(r"[IVX]{1,5}", num) and (len(num) > 1 or num in "IVX"):
        return "roman_or_letter" if len(num) == 1 else "roman"
    return "letter"


# An italic stand-alone subsection at body size: IEEE 'A. Title', elsarticle '2.1. Title'.
_ITALIC_SUB = re.compile(r"^(?:[A-Z]\.|\d{1,2}(?:\.\d{1,2}){1,2}\.?)\s+[^\W\d_]")


def find_candidates(lines: list[Line], body: float, start: int) -> list[_Candidate]:
    """Style-and-pattern heading candidates from ``start`` on (lines before it are front matter)."""
    out: list[_Candidate] = []
    i = start
    while i < len(lines):
        ln = lines[i]
        prev = lines[i - 1] if i else None
        if prev is None or prev.block != ln.block or prev.y1 <= ln.y0 - 0.3 * ln.height:
            cand, last = _candidate(lines, i, body)
            if cand is not None:
                out.append(cand)
                i = last
        i += 1
    return out


def _candidate(lines: list[Line], i: int, body: float) -> tuple[_Candidate | None, int]:
    """The heading candidate starting at line ``i`` (and the index of its last line), if any.

    Kinds: ``num``/``letter``/``roman`` (numbered), ``appendix`` (``Appendix A ...``, whatever the
    section numbering), ``plain`` (a known section name), ``caps`` (all capitals or small caps),
    ``styled`` (a larger stand-alone line) and ``italic`` (an IEEE ``A.`` subsection in italics; an
    italic ``2.1.`` subsection, as elsarticle sets them, is ``num``). A line that is none of these may
    still open with a numbered run-in subsection (``2.1. Title. Text``, amsart), also ``num``.
    """
    ln = lines[i]
    styled = _styled(ln, body) or _small_numbered(lines, i, body) or _caps_numbered(lines, i, body)
    italic = not styled and abs(ln.size - body) < 0.8 and _ITALIC_SUB.match(ln.text) is not None and ln.italic
    if not (styled or italic):
        return _run_in_candidate(ln, i), i
    text, last = _merge_next(lines, i, ln.text)
    m = _NUMBERED.match(text)
    if m and _plausible_title(m.group("title")):
        num = m.group("num").upper() if not m.group("num")[0].isdigit() else m.group("num")
        kind = _classify(num)
        if italic and kind == "num":
            kind = "num" if "." in num else ""  # a subsection '2.1.', checked against its section
        elif italic:
            kind = "italic" if kind in ("letter", "roman_or_letter") and "." not in num else ""
        h = Heading(m.group("title").strip(), num, num.count(".") + 1, ln.page, i)
        if kind and text[:8].lower() == "appendix":  # 'Appendix A Proof ...': no IEEE subsection 'A.'
            h.appendix = True
            kind = "appendix"
        return (_Candidate(h, kind) if kind else None), last
    if italic or not _plausible_title(text):
        return None, i
    h = Heading(text.strip(), None, 1, ln.page, i)
    if _KEYWORDS.match(text):
        return _Candidate(h, "plain"), last
    if (text.isupper() or ln.small_caps) and len(text) > 3:
        return _Candidate(h, "caps"), last
    if (
        ln.size >= body + 1.5
        and len(text.split()) <= 8
        and text[0].isupper()
        and _body_follows(lines, last, body)
    ):
        return _Candidate(h, "styled"), last
    return None, i


_SUB_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2}){1,3}\.?")


def numbered_run_in(line: Line) -> str:
    """The run-in head of a line opening with a subsection number and a bold title ending in a period.

    amsart and similar classes set subsections run-in: ``2.1. In-context regression. Each prompt ...``
    with the number in the text font (or bold) and the title in bold. Returns ``'2.1. In-context
    regression.'``, or '' when the line does not open so or nothing follows the head.
    """
    spans = line.spans
    first = spans[0].text.strip() if spans else ""
    if not first[:1].isdigit() or len(spans) < 2:
        return ""
    k = 0
    parts: list[str] = []
    if not spans[0].bold:
        if not _SUB_NUMBER.fullmatch(first):
            return ""
        parts.append(spans[0].text)
        k = 1
    bold_start = len(parts)
    while k < len(spans) and (spans[k].bold or not spans[k].text.strip()):
        parts.append(spans[k].text)
        k += 1
    if len(parts) == bold_start or k == len(spans):
        return ""  # no bold title, or no text after it: not run-in
    head = " ".join("".join(parts).split())
    if not head.endswith(".") or not _SUB_NUMBER.match(head):
        return ""
    return head


def _run_in_candidate(ln: Line, i: int) -> _Candidate | None:
    """A numbered run-in subsection (``2.1. Title. Text ...``) as a ``num`` candidate of level 2-4."""
    if not ln.bold_frac or not ln.text[:1].isdigit():
        return None
    head = numbered_run_in(ln)
    m = _NUMBERED.match(head[:-1]) if head else None
    if m is None or "." not in m.group("num") or not _plausible_title(m.group("title")):
        return None
    num = m.group("num")
    return _Candidate(Heading(m.group("title").strip(), num, num.count(".") + 1, ln.page, i), "num")


def _body_follows(lines: list[Line], last: int, body: float) -> bool:
    """The next line is running text (body size, several words)."""
    nxt = lines[last + 1] if last + 1 < len(lines) else None
    return nxt is not None and abs(nxt.size - body) < 0.8 and len(nxt.text.split()) >= 4


def _validate(cands: list[_Candidate]) -> list[Heading]:
    """Keep numbered headings whose numbers follow a plausible sequence; fix levels."""
    uses_roman = sum(c.kind == "roman" for c in cands) >= 2
    numbered = sum(c.kind in ("num", "roman") and c.heading.level == 1 for c in cands) >= 2
    out: list[Heading] = []
    top_num = 0
    top_letter = ""
    top_roman = 0
    for c in cands:
        h = c.heading
        num = h.number or ""
        head = num.split(".")[0]
        kind = c.kind
        if kind == "roman_or_letter":
            kind = "roman" if uses_roman and _roman(head) == top_roman + 1 else "letter"
        if kind == "plain" or (kind in ("caps", "styled") and not numbered):
            out.append(h)
        elif kind == "appendix":
            if head.isalpha() and len(head) == 1 and h.level == 1:
                top_letter = head
            out.append(h)
        elif kind == "italic":
            if uses_roman and top_roman:
                h.level = 2
                out.append(h)
        elif kind == "num":
            n = int(head)
            if h.level == 1 and top_num < n <= top_num + 2 and n <= 30:
                top_num = n
                out.append(h)
            elif h.level > 1 and n == top_num and h.level <= 3:
                out.append(h)
        elif kind == "roman" and uses_roman:
            if "." not in num and top_roman < _roman(head) <= top_roman + 2:
                top_roman = _roman(head)
                out.append(h)
        elif kind == "letter":
            if uses_roman and "." not in num and top_roman:
                h.level = 2
                out.append(h)
            elif h.level == 1 and (
                (not top_letter and head in "AB") or (top_letter and 0 < ord(head) - ord(top_letter) <= 2)
            ):
                top_letter = head
                h.appendix = True
                out.append(h)
            elif h.level > 1 and head == top_letter and h.level <= 3:
                h.appendix = True
                out.append(h)
    return out


_LEAD_NUMBER = re.compile(
    r"^(?:(?:appendix|section)\s+)?(?:\d{1,2}(?:\.\d{1,2}){0,3}|[a-z](?:\.\d{1,2}){1,3})[.:]?\s+"
)


def _line_matches(line: Line, want: str, number: str | None, strict: bool = False) -> bool:
    """Does the line print the (normalised) outline title, after the outline's number if it has one?

    With ``strict``, a numbered outline entry must be printed with its number on the line.
    """
    if len(line.text) > len(want) + 20 or len(line.text) < 3:
        return False
    text = normalise_title(line.text)
    if number:
        n = number.lower()
        if text.startswith(n) and text[len(n) : len(n) + 1] in (" ", ".", ":"):
            text = text[len(n) :].lstrip(" .:")
        elif strict or text[:1].isdigit():
            return False  # another number: another heading
    else:
        text = _LEAD_NUMBER.sub("", text, count=1)
    if text == want or (len(text) > 8 and want.startswith(text)):
        return True
    return abs(len(text) - len(want)) < 12 and similar(text, want, 0.85) > 0.85


def apply_outline(
    headings: list[Heading],
    toc: list[list[object]],
    lines: list[Line],
    page_index: dict[int, tuple[int, int]],
    start: int = 0,
) -> list[Heading]:
    """Add outline entries that text rules missed, when the entry's title is printed on its page.

    Lines before ``start`` (the title block) are not searched: many outlines open with the title.
    """
    have = {(h.page, normalise_title(h.title)) for h in headings}
    taken = {h.index for h in headings}  # a line already read as a heading keeps its own title
    added: list[Heading] = []
    for entry in toc:
        level, raw_title, page = int(str(entry[0])), str(entry[1]), int(str(entry[2])) - 1
        m = _NUMBERED.match(raw_title.strip())
        number = (
            m.group("num")
            if m and (m.group("num")[0].isdigit() or "." in m.group("num") or len(raw_title.split()) > 1)
            else None
        )
        title = m.group("title") if (m and number) else raw_title.strip()
        if any(p in (page, page - 1, page + 1) and similar(t, title, 0.9) > 0.9 for p, t in have):
            continue
        span = page_index.get(page)
        if span is None or level > 3:
            continue
        want = normalise_title(title)
        lo, hi = max(span[0], start), span[1]  # an outline entry for the title is no heading
        found = next((i for i in range(lo, hi) if _line_matches(lines[i], want, number, strict=True)), None)
        if found is None and number:
            found = next((i for i in range(lo, hi) if _line_matches(lines[i], want, number)), None)
        if found is not None and found not in taken:
            taken.add(found)
            added.append(
                Heading(title.rstrip(".") if title.endswith(".") else title, number, level, page, found)
            )
    if not added:
        return headings
    return sorted(headings + added, key=lambda h: h.index)


def mark_appendix(headings: list[Heading]) -> None:
    """Mark headings from the first appendix-like heading (or after References) as appendix.

    Letter-numbered top-level headings (``A``, ``B.1``) open the appendix unless the document numbers
    its sections with roman numerals (IEEE style, where ``A.`` is a subsection).
    """
    roman = sum(1 for h in headings if h.number and re.fullmatch(r"[IVX]{2,5}", h.number)) >= 1
    in_appendix = False
    after_refs = False
    for h in headings:
        low = h.title.lower()
        letter = bool(h.number and h.number[0].isalpha() and not roman)
        if _APPENDIX_START.match(low) or letter or h.appendix:
            in_appendix = True
        if after_refs and not is_back_matter(h.title):
            in_appendix = True
        if low.startswith(("references", "bibliography")):
            after_refs = True
        h.appendix = in_appendix or h.appendix


def detect_headings(
    lines: list[Line],
    body: float,
    start: int,
    toc: list[list[object]],
    page_index: dict[int, tuple[int, int]],
) -> list[Heading]:
    """Find the document's headings in reading order.

    Args:
        lines: all lines of the document in reading order.
        body: body font size.
        start: index of the first line after the title block.
        toc: ``doc.get_toc()`` output (may be empty).
        page_index: page -> (first line index, end index) in ``lines``.

    Returns:
        Headings in document order, numbering stripped from titles, appendix marked.
    """
    cands = find_candidates(lines, body, start)
    headings = _validate(cands)
    if toc:
        headings = apply_outline(headings, toc, lines, page_index, start)
    headings = [h for h in headings if normalise_title(h.title) != "abstract"]
    mark_appendix(headings)
    return headings
