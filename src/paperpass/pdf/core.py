"""Open a PDF safely and assemble its survey sheet."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Any

from paperpass.errors import PDFError
from paperpass.pdf import body as body_mod
from paperpass.pdf.binding import mupdf
from paperpass.pdf.captions import find_captions
from paperpass.pdf.frontmatter import find_abstract, find_authors, find_identifiers, find_title
from paperpass.pdf.headings import Heading, detect_headings, is_section_name
from paperpass.pdf.layout import (
    Line,
    PageLayout,
    body_font_size,
    drop_contents_pages,
    extract_page,
    remove_running_text,
    vocabulary,
)
from paperpass.pdf.model import Conclusion as ConclusionModel
from paperpass.pdf.model import Section, Survey, is_back_matter

MAX_PAGES = 600
"""Pages surveyed at most; longer documents get a warning (the structure is in the first pages)."""
MIN_CHARS_PER_PAGE = 40
WORDS_PER_MINUTE = 150


def survey(path: str | os.PathLike[str], *, timeout: float = 30.0) -> Survey:
    """Extract the pass-1 survey sheet of a PDF.

    Args:
        path: the PDF file.
        timeout: seconds allowed for the document; when exceeded between pages, the sheet built so far
            is returned with a warning.

    Returns:
        The survey sheet.

    Raises:
        PDFError: the file is missing, not a PDF, corrupt, encrypted or has no pages.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise PDFError(f"{p}: no such file") from None
    except OSError as exc:
        raise PDFError(f"{p}: cannot read file ({exc.strerror or exc})") from None
    return survey_bytes(data, timeout=timeout, name=str(p))


def survey_bytes(data: bytes, *, timeout: float = 30.0, name: str = "PDF") -> Survey:
    """Like :func:`survey`, for PDF bytes already in memory (e.g. a web upload).

    Args:
        data: the PDF file's bytes.
        timeout: seconds allowed for the document.
        name: how to name the document in error messages.

    Returns:
        The survey sheet.

    Raises:
        PDFError: not a PDF, corrupt, encrypted or without pages.
    """
    started = time.monotonic()
    doc = _open(data, name)
    try:
        return _survey_doc(doc, hashlib.sha256(data).hexdigest(), started, timeout, name)
    finally:
        doc.close()


def _open(data: bytes, name: str) -> Any:
    if b"%PDF" not in data[:1024]:
        raise PDFError(f"{name}: not a PDF file")
    try:
        doc: Any = mupdf().open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF raises several types for broken files
        raise PDFError(f"{name}: cannot open PDF (corrupt or truncated: {_short(exc)})") from None
    if doc.needs_pass:
        doc.close()
        raise PDFError(f"{name}: PDF is encrypted and needs a password")
    try:
        count = doc.page_count
    except Exception as exc:
        doc.close()
        raise PDFError(f"{name}: cannot read the page tree ({_short(exc)})") from None
    if count == 0:
        doc.close()
        raise PDFError(f"{name}: PDF has no pages")
    return doc


def _short(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:120]


def _read_pages(doc: Any, started: float, timeout: float, warnings: list[str]) -> list[PageLayout]:
    count = doc.page_count
    if count > MAX_PAGES:
        warnings.append(f"document has {count} pages; only the first {MAX_PAGES} were surveyed")
    pages: list[PageLayout] = []
    block_base = 0
    bad: list[int] = []
    for n in range(min(count, MAX_PAGES)):
        if time.monotonic() - started > timeout:
            warnings.append(f"time limit of {timeout:g}s reached after {n} of {count} pages; partial sheet")
            break
        try:
            layout = extract_page(doc[n], n, block_base)
        except Exception:
            bad.append(n + 1)
            continue
        block_base += 10_000
        pages.append(layout)
    if bad:
        shown = ", ".join(map(str, bad[:10])) + (" ..." if len(bad) > 10 else "")
        warnings.append(f"{len(bad)} page(s) could not be read: {shown}")
    return pages


def _toc(doc: Any) -> list[list[object]]:
    try:
        toc = doc.get_toc(simple=True)
    except Exception:
        return []
    return [list(e) for e in toc] if isinstance(toc, list) else []


def _empty(pages: int, sha: str, warnings: list[str]) -> Survey:
    return Survey("", [], "", "", [], None, [], [], pages, warnings, sha)


def _survey_doc(doc: Any, sha: str, started: float, timeout: float, name: str) -> Survey:
    warnings: list[str] = []
    pages = _read_pages(doc, started, timeout, warnings)
    count = doc.page_count
    if not pages:
        if any("time limit" in w for w in warnings):
            raise PDFError(f"{name}: time limit of {timeout:g}s reached before the first page was read")
        raise PDFError(f"{name}: no page could be read (corrupt PDF)")
    chars = sum(len(ln.text) for p in pages for ln in p.lines)
    if chars < MIN_CHARS_PER_PAGE * len(pages):
        warnings.append("no text layer found (scanned PDF?); run OCR first, e.g. `ocrmypdf in.pdf out.pdf`")
        if chars < 20:
            return _empty(count, sha, warnings)
    if doc.is_repaired:
        warnings.append(
            "the PDF is damaged (truncated or corrupt) and was repaired to read it: parts may be missing"
        )
    remove_running_text(pages)
    drop_contents_pages(pages)
    lines: list[Line] = []
    page_index: dict[int, tuple[int, int]] = {}
    for p in pages:
        page_index[p.number] = (len(lines), len(lines) + len(p.lines))
        lines.extend(p.lines)
    return _assemble(lines, pages, page_index, _toc(doc), count, sha, warnings)


def _assemble(
    lines: list[Line],
    pages: list[PageLayout],
    page_index: dict[int, tuple[int, int]],
    toc: list[list[object]],
    count: int,
    sha: str,
    warnings: list[str],
) -> Survey:
    body = body_font_size(pages)
    vocab = vocabulary(pages)
    first = pages[0]
    first_end = page_index[first.number][1]
    title, _, title_end = find_title(lines, first_end, first.height)
    headings = detect_headings(lines, body, title_end, toc, page_index)
    first_heading = next((h.index for h in headings if h.index >= title_end and _opens_body(h)), len(lines))
    abstract, abs_begin, abs_end = find_abstract(lines, title_end, first_heading, vocab, body)
    if not abstract:  # the front matter ends at the first heading of any kind
        first_heading = next((h.index for h in headings if h.index >= title_end), len(lines))
        abstract, abs_begin, abs_end = find_abstract(lines, title_end, first_heading, vocab, body)
    author_end = min(abs_begin if abstract else first_heading, first_end)
    front = lines[title_end:author_end] + _beside_front(lines, title_end, author_end, first_end, abs_begin)
    authors = find_authors(front, 0, len(front))
    # headings in the front matter (a large author line, a report's 'Summary') are no sections
    front_end = abs_end if abstract else title_end
    headings = [h for h in headings if not (title_end <= h.index < front_end)]
    main_end = _main_end(headings)
    main_line_end = headings[main_end].index if main_end < len(headings) else len(lines)
    figures, tables = find_captions(lines, body, vocab, main_line_end)
    lefts = body_mod.column_lefts(lines, body)
    intro = body_mod.intro_last_paragraph(lines, headings, body, vocab, lefts)
    concl = body_mod.conclusion(lines, headings, body, vocab, lefts, main_end)
    words = body_mod.count_words(lines, main_line_end)
    floats = sum(1 for c in figures + tables if not c.appendix)
    arxiv_id, doi = find_identifiers(first, lines[:first_end])
    minutes = max(30, min(60, round(words / WORDS_PER_MINUTE + floats)))
    if not title:
        warnings.append("title not found")
    if not headings:
        warnings.append("no section headings found")
    return Survey(
        title=title,
        authors=authors,
        abstract=abstract,
        intro_last_paragraph=intro,
        sections=[_section(h) for h in headings],
        conclusion=ConclusionModel(concl[0], concl[1]) if concl else None,
        figures=figures,
        tables=tables,
        pages=count,
        warnings=warnings,
        sha256=sha,
        estimated_pass2_minutes=minutes,
        words=words,
        arxiv_id=arxiv_id,
        doi=doi,
    )


def _beside_front(
    lines: list[Line], title_end: int, author_end: int, first_end: int, abs_begin: int
) -> list[Line]:
    """First-page lines set beside the author block but read later (a second author's column).

    Side-by-side author blocks above a two-column body are read with their column, so the right one
    comes after the abstract. The lines between the title and the abstract heading's top count.
    """
    if not (title_end and author_end < first_end and abs_begin < first_end):
        return []
    top, bottom = lines[title_end - 1].y1, lines[abs_begin].y0
    return [ln for ln in lines[author_end:first_end] if top <= ln.y0 and ln.y1 <= bottom]


def _opens_body(h: Heading) -> bool:
    """A numbered heading or a known section name: what ends the front matter.

    A large unnumbered line on a report's title pages (an author's name, 'Summary') does not.
    """
    return h.number is not None or h.appendix or is_section_name(h.title)


def _main_end(headings: list[Heading]) -> int:
    for i, h in enumerate(headings):
        if h.appendix or (h.level == 1 and is_back_matter(h.title)):
            return i
    return len(headings)


def _section(h: Heading) -> Section:
    return Section(h.title, h.number, max(1, min(3, h.level)), h.page + 1, h.appendix)
