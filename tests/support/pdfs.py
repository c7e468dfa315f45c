"""Small PDFs generated for tests."""

from __future__ import annotations

from pathlib import Path

import pymupdf


def make_pdf(path: Path, title: str = "A Study of Caching Survey Sheets") -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 90), title, fontsize=18, fontname="hebo")
    page.insert_text((72, 130), "Abstract", fontsize=11, fontname="hebo")
    body = "We show that a cached sheet is returned without parsing the document again. " * 3
    page.insert_textbox(pymupdf.Rect(72, 140, 540, 260), body, fontsize=10)
    page.insert_text((72, 290), "1 Introduction", fontsize=12, fontname="hebo")
    page.insert_textbox(pymupdf.Rect(72, 300, 540, 420), "Reading papers takes time. " * 8, fontsize=10)
    doc.save(path)
    return path
