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


def make_paper_pdf(
    path: Path, title: str, authors: str, *, stamp: str = "", doi: str = "", topic: str = "random walks"
) -> Path:
    """A one-page paper: title, authors, abstract, introduction; an arXiv-style stamp rotated in the left
    margin (``stamp``, e.g. ``"arXiv:1605.08386v1 [math.CO] 26 May 2016"``) and a printed DOI line."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((90, 90), title, fontsize=17, fontname="hebo")
    page.insert_text((90, 120), authors, fontsize=11, fontname="helv")
    page.insert_text((90, 160), "Abstract", fontsize=11, fontname="hebo")
    body = f"We study {topic} and show how they behave on a family of examples in detail. " * 4
    page.insert_textbox(pymupdf.Rect(90, 170, 540, 300), body, fontsize=10)
    page.insert_text((90, 330), "1 Introduction", fontsize=12, fontname="hebo")
    page.insert_textbox(pymupdf.Rect(90, 340, 540, 480), f"The study of {topic} is old. " * 10, fontsize=10)
    if doi:
        page.insert_text((90, 740), f"DOI: https://doi.org/{doi}", fontsize=8, fontname="helv")
    if stamp:
        page.insert_text((32, 560), stamp, fontsize=20, fontname="tiro", rotate=90, color=(0.5, 0.5, 0.5))
    doc.save(path)
    return path
