"""PDF pages and figure crops as PNG for the reading view, rendered with PyMuPDF and cached on disk.

Cache layout: ``<home>/cache/pages/<pdf sha256>/page-<n>-z<zoom>.png`` and ``figure-<i>-z<zoom>.png``.
Files are written to a temp name and renamed, so a reader never sees half an image.

Figure and table regions come from :func:`paperpass.pdf.regions.float_region`: the caption and the object
(images, drawings, table rules and cells), stopping at running text.
"""

from __future__ import annotations

import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paperpass.errors import NotFoundError, PDFError
from paperpass.papers.sheets import PaperPDF
from paperpass.pdf import Survey
from paperpass.pdf.binding import mupdf
from paperpass.pdf.regions import float_region

ZOOMS = (1.0, 1.5, 2.0)
MAX_IMAGE_PIXELS = 8_000_000
"""Pixels of a rendered page or figure at most (24 MB as RGB): a larger one is rendered at a lower zoom.
An A4 page at zoom 2 has 2 million; a 14400 pt square page (the largest a PDF page may be without
``UserUnit``) at zoom 1.5 would have 466 million, 1.4 GB, beyond MuPDF's own limit."""


@dataclass(frozen=True)
class FigureCrop:
    """A figure or table of the survey sheet with the page region to show for it (PDF points)."""

    index: int
    label: str
    caption: str
    page: int
    region: tuple[float, float, float, float]


def cache_dir(home: Path, pdf: PaperPDF) -> Path:
    """Where a PDF's rendered pages are cached."""
    return home / "cache" / "pages" / pdf.sha256


def _open(pdf: PaperPDF) -> Any:
    try:
        return mupdf().open(pdf.path)
    except Exception as exc:  # PyMuPDF raises its own and generic errors for unreadable files
        raise PDFError(f"{pdf.path}: cannot open: {exc}") from None


def _write_png(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".", suffix=".png", dir=target.parent)
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temp, target)
    return target


def _check_zoom(zoom: float) -> float:
    if zoom not in ZOOMS:
        raise NotFoundError(f"zoom {zoom:g} is not offered; use one of {', '.join(f'{z:g}' for z in ZOOMS)}")
    return zoom


def fitted_zoom(width: float, height: float, zoom: float, max_pixels: int = MAX_IMAGE_PIXELS) -> float:
    """``zoom``, lowered so that a ``width`` x ``height`` points region has at most ``max_pixels`` pixels.

    Raises:
        PDFError: the region has no area, or is so long and thin that it cannot be shown in the budget.
    """
    area = width * height
    if not (area > 0 and math.isfinite(area)):
        raise PDFError(f"cannot render a region of {width:g} x {height:g} points")
    fitted = min(zoom, math.sqrt(max_pixels / area))
    while (width * fitted + 1) * (height * fitted + 1) > max_pixels:  # MuPDF rounds the pixel box out
        fitted *= 0.999
    if min(width, height) * fitted < 1:
        raise PDFError(
            f"cannot render a region of {width:g} x {height:g} points within {max_pixels:,} pixels"
        )
    return fitted


def _render(page: Any, zoom: float, clip: Any = None) -> bytes:
    """PNG bytes of a page (or of ``clip`` on it) at ``zoom``, scaled down to :data:`MAX_IMAGE_PIXELS`."""
    region = clip if clip is not None else page.rect
    scale = fitted_zoom(region.width, region.height, zoom)
    try:
        pixmap = page.get_pixmap(matrix=mupdf().Matrix(scale, scale), clip=clip, alpha=False)
        return bytes(pixmap.tobytes("png"))
    except Exception as exc:  # MuPDF's errors (a damaged page, a limit) are its own types
        first = (str(exc).splitlines() or [type(exc).__name__])[0][:120]
        raise PDFError(f"cannot render page {page.number + 1}: {first}") from None


def render_page(home: Path, pdf: PaperPDF, page: int, zoom: float = 1.5) -> Path:
    """A PNG of page ``page`` (1-based), rendered once and cached; a very large page is rendered at a
    lower zoom (at most :data:`MAX_IMAGE_PIXELS` pixels).

    Raises:
        NotFoundError: the page or zoom does not exist.
        PDFError: the PDF cannot be read, or the page cannot be rendered.
    """
    target = cache_dir(home, pdf) / f"page-{page}-z{_check_zoom(zoom):g}.png"
    if target.is_file():
        return target
    with _open(pdf) as doc:
        if not 1 <= page <= doc.page_count:
            raise NotFoundError(f"the PDF has no page {page} (it has {doc.page_count})")
        return _write_png(target, _render(doc[page - 1], zoom))


@dataclass(frozen=True)
class PageWords:
    """The words of a PDF page with their boxes, for the reading view's selectable text layer.

    ``words`` holds ``(x0, y0, x1, y1, text, line)``: the box as fractions of the page (0-1, origin top
    left, so it fits the page image at any size) and a line number that groups the words of one line.
    """

    page: int
    width: float
    height: float
    words: list[tuple[float, float, float, float, str, int]]

    def as_json(self) -> dict[str, Any]:
        """The words as JSON data: page size in points, and one object per word."""
        return {
            "page": self.page,
            "width": round(self.width, 2),
            "height": round(self.height, 2),
            "words": [
                {"x0": x0, "y0": y0, "x1": x1, "y1": y1, "text": text, "line": line}
                for x0, y0, x1, y1, text, line in self.words
            ],
        }


def page_words(pdf: PaperPDF, page: int) -> PageWords:
    """The words of page ``page`` (1-based) with their boxes, from MuPDF's ``get_text("words")``, in the
    order the PDF draws them (column by column in two-column papers, so a selection follows the text).

    Words of rotated lines (the arXiv stamp in the margin) are left out: laid over the page image as
    horizontal text they would land in the middle of a selection.

    Raises:
        NotFoundError: the page does not exist.
        PDFError: the PDF cannot be read.
    """
    with _open(pdf) as doc:
        if not 1 <= page <= doc.page_count:
            raise NotFoundError(f"the PDF has no page {page} (it has {doc.page_count})")
        target = doc[page - 1]
        textpage = target.get_textpage()
        bounds = target.rect
        width, height = float(bounds.width) or 1.0, float(bounds.height) or 1.0
        rotated = _rotated_lines(target.get_text("dict", textpage=textpage))
        lines: dict[tuple[int, int], int] = {}
        words = []
        for x0, y0, x1, y1, text, block, line, _ in target.get_text("words", textpage=textpage):
            centre = ((x0 + x1) / 2, (y0 + y1) / 2)
            if any(r[0] <= centre[0] <= r[2] and r[1] <= centre[1] <= r[3] for r in rotated):
                continue
            number = lines.setdefault((block, line), len(lines))
            box = ((x0 - bounds.x0) / width, (y0 - bounds.y0) / height,
                   (x1 - bounds.x0) / width, (y1 - bounds.y0) / height)  # fmt: skip
            clipped = [round(min(max(v, 0.0), 1.0), 5) for v in box]
            words.append((clipped[0], clipped[1], clipped[2], clipped[3], str(text), number))
    return PageWords(page, width, height, words)


def _rotated_lines(data: dict[str, Any]) -> list[tuple[float, float, float, float]]:
    """The boxes of the text lines that do not run left to right."""
    return [
        tuple(line["bbox"])
        for block in data.get("blocks", [])
        if block.get("type") == 0
        for line in block.get("lines", [])
        if abs(line["dir"][0] - 1.0) > 0.01
    ]


def page_count(pdf: PaperPDF) -> int:
    """How many pages the PDF has.

    Raises:
        PDFError: the PDF cannot be read.
    """
    with _open(pdf) as doc:
        return int(doc.page_count)


def page_sizes(pdf: PaperPDF) -> list[tuple[float, float]]:
    """Every page's width and height in points, first page first (for laying out page images).

    Raises:
        PDFError: the PDF cannot be read.
    """
    with _open(pdf) as doc:
        return [(float(p.rect.width), float(p.rect.height)) for p in doc]


def figure_crop(pdf: PaperPDF, sheet: Survey, index: int) -> FigureCrop:
    """Figure or table ``index`` of the sheet (figures first, then tables) with its page region.

    Raises:
        NotFoundError: no such figure or table.
        PDFError: the PDF cannot be read.
    """
    captions = [*sheet.figures, *sheet.tables]
    if not 0 <= index < len(captions):
        raise NotFoundError(f"the survey sheet has no figure or table #{index}")
    caption = captions[index]
    with _open(pdf) as doc:
        if not 1 <= caption.page <= doc.page_count:
            raise NotFoundError(f"{caption.label} is on page {caption.page}, which the PDF does not have")
        region = float_region(doc[caption.page - 1], caption)
    return FigureCrop(index, caption.label, caption.caption, caption.page, region)


def render_figure(home: Path, pdf: PaperPDF, sheet: Survey, index: int, zoom: float = 2.0) -> Path:
    """A PNG of figure or table ``index`` cropped from its page, rendered once and cached.

    Raises:
        NotFoundError: no such figure or table, or zoom.
        PDFError: the PDF cannot be read.
    """
    target = cache_dir(home, pdf) / f"figure-{index}-z{_check_zoom(zoom):g}.png"
    if target.is_file():
        return target
    crop = figure_crop(pdf, sheet, index)
    with _open(pdf) as doc:
        return _write_png(target, _render(doc[crop.page - 1], zoom, mupdf().Rect(*crop.region)))
