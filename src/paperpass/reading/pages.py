"""PDF pages and figure crops as PNG for the reading view, rendered with PyMuPDF and cached on disk.

Cache layout: ``<home>/cache/pages/<pdf sha256>/page-<n>-z<zoom>.png`` and ``figure-<i>-z<zoom>.png``.
Files are written to a temp name and renamed, so a reader never sees half an image.

Figure regions are found from the page's graphics: for a figure, the images and vector drawings stacked
just above its caption; for a table, the rules and text just below its caption. The caption is always part
of the crop. When nothing is found, a fixed band around the caption is used.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperpass.errors import NotFoundError, PDFError
from paperpass.reading.sheets import PaperPDF

if TYPE_CHECKING:
    from paperpass.pdf import Caption, Survey

ZOOMS = (1.0, 1.5, 2.0)
GAP = 28.0  # points: graphics further apart than this belong to different blocks
FALLBACK_BAND = 220.0


@dataclass(frozen=True)
class FigureCrop:
    """A figure or table of the survey sheet with the page region to show for it (PDF points)."""

    index: int
    label: str
    caption: str
    page: int
    region: tuple[float, float, float, float]


def _pymupdf() -> Any:
    import importlib

    return importlib.import_module("pymupdf")  # untyped: used through Any


def cache_dir(home: Path, pdf: PaperPDF) -> Path:
    """Where a PDF's rendered pages are cached."""
    return home / "cache" / "pages" / pdf.sha256


def _open(pdf: PaperPDF) -> Any:
    pymupdf = _pymupdf()

    try:
        return pymupdf.open(pdf.path)
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


def render_page(home: Path, pdf: PaperPDF, page: int, zoom: float = 1.5) -> Path:
    """A PNG of page ``page`` (1-based), rendered once and cached.

    Raises:
        NotFoundError: the page or zoom does not exist.
        PDFError: the PDF cannot be read.
    """
    target = cache_dir(home, pdf) / f"page-{page}-z{_check_zoom(zoom):g}.png"
    if target.is_file():
        return target
    pymupdf = _pymupdf()

    with _open(pdf) as doc:
        if not 1 <= page <= doc.page_count:
            raise NotFoundError(f"the PDF has no page {page} (it has {doc.page_count})")
        pixmap = doc[page - 1].get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
        return _write_png(target, pixmap.tobytes("png"))


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
    """The words of page ``page`` (1-based) with their boxes, from MuPDF's ``get_text("words")``.

    Raises:
        NotFoundError: the page does not exist.
        PDFError: the PDF cannot be read.
    """
    with _open(pdf) as doc:
        if not 1 <= page <= doc.page_count:
            raise NotFoundError(f"the PDF has no page {page} (it has {doc.page_count})")
        target = doc[page - 1]
        bounds = target.rect
        width, height = float(bounds.width) or 1.0, float(bounds.height) or 1.0
        lines: dict[tuple[int, int], int] = {}
        words = []
        for x0, y0, x1, y1, text, block, line, _ in target.get_text("words", sort=True):
            number = lines.setdefault((block, line), len(lines))
            box = ((x0 - bounds.x0) / width, (y0 - bounds.y0) / height,
                   (x1 - bounds.x0) / width, (y1 - bounds.y0) / height)  # fmt: skip
            clipped = [round(min(max(v, 0.0), 1.0), 5) for v in box]
            words.append((clipped[0], clipped[1], clipped[2], clipped[3], str(text), number))
    return PageWords(page, width, height, words)


def page_sizes(pdf: PaperPDF) -> list[tuple[float, float]]:
    """Every page's width and height in points, first page first (for laying out page images).

    Raises:
        PDFError: the PDF cannot be read.
    """
    with _open(pdf) as doc:
        return [(float(p.rect.width), float(p.rect.height)) for p in doc]


def _caption_rect(page: Any, caption: Caption) -> Any:
    """The caption's whole text block (a caption often wraps over several lines)."""
    pymupdf = _pymupdf()

    words = caption.caption.split()
    for length in (min(len(words), 6), 2):
        hits = page.search_for(" ".join(words[:length]))
        if hits:
            rect = pymupdf.Rect(hits[0])
            for block in page.get_text("blocks"):
                box = pymupdf.Rect(block[:4])
                if box.intersects(hits[0]):
                    rect |= box
            return rect
    return None


def _graphics(page: Any) -> list[Any]:
    rects = [page.get_image_bbox(info) for info in page.get_images(full=True)]
    rects += [d["rect"] for d in page.get_drawings() if d["rect"].width > 1 or d["rect"].height > 1]
    return [r for r in rects if r.is_valid and not r.is_empty and not r.is_infinite]


def _stack(rects: list[Any], edge: float, upward: bool) -> tuple[float, float, float, float] | None:
    """Grow a band from ``edge`` over graphics that touch it (within GAP), upward or downward."""
    chosen: list[Any] = []
    frontier = edge
    for rect in sorted(rects, key=lambda r: -r.y1 if upward else r.y0):
        near = frontier - rect.y1 <= GAP if upward else rect.y0 - frontier <= GAP
        beyond = rect.y1 <= edge + 4 if upward else rect.y0 >= edge - 4
        if beyond and near:
            chosen.append(rect)
            frontier = min(frontier, rect.y0) if upward else max(frontier, rect.y1)
    if not chosen:
        return None
    return (
        min(r.x0 for r in chosen),
        min(r.y0 for r in chosen),
        max(r.x1 for r in chosen),
        max(r.y1 for r in chosen),
    )


def _region(page: Any, caption: Caption) -> tuple[float, float, float, float]:
    bounds = page.rect
    cap = _caption_rect(page, caption)
    if cap is None:
        return (bounds.x0, bounds.y0, bounds.x1, bounds.y1)
    is_table = caption.label.lower().startswith("table")
    found = _stack(_graphics(page), cap.y1 if is_table else cap.y0, upward=not is_table)
    if found is None:
        y0, y1 = (cap.y0, cap.y1 + FALLBACK_BAND) if is_table else (cap.y0 - FALLBACK_BAND, cap.y1)
        found = (bounds.x0 + 36, y0, bounds.x1 - 36, y1)
    x0, y0, x1, y1 = found
    top_margin = 6 if is_table else 16  # labels printed above a figure's graphics
    box = (min(x0, cap.x0) - 6, min(y0, cap.y0) - top_margin, max(x1, cap.x1) + 6, max(y1, cap.y1) + 6)
    return (max(box[0], bounds.x0), max(box[1], bounds.y0), min(box[2], bounds.x1), min(box[3], bounds.y1))


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
        region = _region(doc[caption.page - 1], caption)
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
    pymupdf = _pymupdf()

    crop = figure_crop(pdf, sheet, index)
    with _open(pdf) as doc:
        clip = pymupdf.Rect(*crop.region)
        pixmap = doc[crop.page - 1].get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), clip=clip, alpha=False)
        return _write_png(target, pixmap.tobytes("png"))
