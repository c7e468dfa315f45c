"""A corpus PDF for the reading view: the paper's PDF found, its sheet, pages and figure crops as PNG."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperpass.config import Settings
from paperpass.errors import NotFoundError
from paperpass.library import get_paper
from paperpass.models import Paper
from paperpass.papers.sheets import paper_pdf, pdf_path, survey_sheet
from paperpass.reading.pages import figure_crop, render_figure, render_page
from paperpass.store import Store
from support.library import library_for

PNG = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_a_paper_without_a_pdf_has_none(settings: Settings) -> None:
    assert pdf_path(settings, Paper(slug="x", title="X", arxiv_id="2001.00001")) is None


def test_corpus_page_renders_to_a_cached_png(
    sqlite_library: Store, settings: Settings, attention_pdf: Path
) -> None:
    pdf = paper_pdf(
        library_for(sqlite_library, settings=settings),
        get_paper(library_for(sqlite_library), "attention-is-all-you-need"),
    )
    assert pdf is not None and pdf.path == attention_pdf and len(pdf.sha256) == 64
    first = render_page(settings.home, pdf, 1, zoom=1.0)
    assert png_size(first) == (612, 792)  # US letter at 72 dpi
    stamp = first.stat().st_mtime_ns
    assert render_page(settings.home, pdf, 1, zoom=1.0).stat().st_mtime_ns == stamp  # from the cache
    with pytest.raises(NotFoundError, match="no page 99"):
        render_page(settings.home, pdf, 99)
    with pytest.raises(NotFoundError, match="zoom"):
        render_page(settings.home, pdf, 1, zoom=7)


def test_figure_is_cropped_from_its_page(
    sqlite_library: Store, settings: Settings, attention_pdf: Path
) -> None:
    paper = get_paper(library_for(sqlite_library), "attention-is-all-you-need")
    pdf = paper_pdf(library_for(sqlite_library, settings=settings), paper)
    sheet = survey_sheet(library_for(sqlite_library, settings=settings), paper)
    assert pdf is not None and sheet is not None and sheet.figures[0].label == "Figure 1"
    crop = figure_crop(pdf, sheet, 0)
    x0, y0, x1, y1 = crop.region
    assert (
        crop.page == 3 and 0 < x1 - x0 < 400 and 250 < y1 - y0 < 500
    )  # the architecture diagram, not the page
    width, height = png_size(render_figure(settings.home, pdf, sheet, 0))
    assert width == pytest.approx((x1 - x0) * 2, abs=2) and height == pytest.approx((y1 - y0) * 2, abs=2)
    table = figure_crop(pdf, sheet, len(sheet.figures))
    assert table.label == "Table 1" and table.region[3] - table.region[1] < 400
    with pytest.raises(NotFoundError):
        figure_crop(pdf, sheet, 99)
