"""The reading view's page images of a PDF with a huge page: scaled down to a pixel budget, never a 500 or a
gigabyte of memory; a page that cannot be drawn within the budget is a 422 with a one-line message.

On the old code a 14400 pt square page at the default zoom (1.5) was a 500 (MuPDF's ``FzErrorLimit``,
"Overly large image") and at zoom 1 took 1.3 GB and 33 s to render.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
import pytest

from paperpass.config import Settings
from paperpass.reading.pages import MAX_IMAGE_PIXELS

MuPDF: Any = pymupdf


@pytest.fixture
def poster_pdf(settings: Settings) -> Path:
    """LoRA's PDF, made up: page 1 is a 14400 pt square poster, page 2 a sliver not one pixel high."""
    doc = MuPDF.open()
    poster = doc.new_page(width=14400, height=14400)
    poster.insert_text((720, 720), "Low-Rank Adaptation, the poster", fontsize=400)
    poster.draw_rect(MuPDF.Rect(100, 100, 14300, 14300), color=(0, 0, 1), width=40)
    sliver = doc.new_page(width=14400, height=1)
    doc.xref_set_key(sliver.xref, "UserUnit", "0.0001")  # 1.44 x 0.0001 pt: not one pixel high
    settings.pdf_dir.mkdir(parents=True, exist_ok=True)
    path = settings.pdf_dir / "2106.09685.pdf"
    doc.save(path)
    doc.close()
    return path


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.parametrize("zoom", ["1", "1.5", "2"])
def test_a_huge_page_is_scaled_down_to_the_pixel_budget(web_client: Any, poster_pdf: Path, zoom: str) -> None:
    image = web_client.get(f"/papers/lora/pages/1.png?zoom={zoom}")
    assert image.status_code == 200, image.text[:300]
    width, height = png_size(image.content)
    assert width == height and width * height <= MAX_IMAGE_PIXELS
    assert width * height > MAX_IMAGE_PIXELS * 0.95  # as sharp as the budget allows


def test_a_page_that_cannot_be_drawn_is_a_422(web_client: Any, poster_pdf: Path) -> None:
    answer = web_client.get("/papers/lora/pages/2.png")
    assert answer.status_code == 422
    assert "cannot render" in answer.text and "Traceback" not in answer.text
