"""PDF generators for the paperpass.pdf tests (pymupdf only)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf

PARA = (
    "We study a simple method for learning representations from data and show that it works well "
    "across many tasks. The method is easy to implement and scales to large datasets without tuning. "
)


class PaperBuilder:
    """Writes a paper-like PDF line by line, one or two columns."""

    def __init__(self, columns: int = 1) -> None:
        self.doc = pymupdf.open()
        self.columns = columns
        self.page: Any = None
        self.col = 0
        self.y = 0.0
        self.new_page()

    @property
    def x0(self) -> float:
        return 72.0 if self.columns == 1 or self.col == 0 else 316.0

    @property
    def width(self) -> float:
        return 468.0 if self.columns == 1 else 224.0

    def new_page(self) -> None:
        self.page = self.doc.new_page(width=612, height=792)
        self.col = 0
        self.y = 80.0

    def _advance(self, height: float) -> None:
        if self.y + height > 720:
            if self.columns == 2 and self.col == 0:
                self.col = 1
                self.y = 80.0
            else:
                self.new_page()

    def centered(self, text: str, size: float, bold: bool = False, gap: float = 6) -> None:
        font = "hebo" if bold else "helv"
        width = pymupdf.get_text_length(text, fontname=font, fontsize=size)
        self.page.insert_text(((612 - width) / 2, self.y + size), text, fontsize=size, fontname=font)
        self.y += size + gap

    def heading(self, text: str, size: float = 12, bold: bool = True) -> None:
        self._advance(size * 3)
        self.y += 8
        self.page.insert_text(
            (self.x0, self.y + size), text, fontsize=size, fontname="hebo" if bold else "helv"
        )
        self.y += size + 6

    def paragraph(self, text: str, size: float = 10, font: str = "helv") -> None:
        words = text.split()
        line: list[str] = []
        lines: list[str] = []
        for w in words:
            trial = " ".join([*line, w])
            if pymupdf.get_text_length(trial, fontname=font, fontsize=size) > self.width and line:
                lines.append(" ".join(line))
                line = [w]
            else:
                line.append(w)
        if line:
            lines.append(" ".join(line))
        for ln in lines:
            self._advance(size * 1.3)
            self.page.insert_text((self.x0, self.y + size), ln, fontsize=size, fontname=font)
            self.y += size * 1.25
        self.y += size * 0.8

    def figure_box(self, height: float = 80) -> None:
        self._advance(height + 10)
        self.page.draw_rect(pymupdf.Rect(self.x0, self.y, self.x0 + self.width, self.y + height))
        self.y += height + 6

    def running_text(self, header: str, footer_numbers: bool = True) -> None:
        for i, page in enumerate(self.doc):
            page.insert_text((72, 40), header, fontsize=8, fontname="helv")
            if footer_numbers:
                page.insert_text((300, 770), str(i + 1), fontsize=9, fontname="helv")

    def line_numbers(self) -> None:
        for page in self.doc:
            for k in range(60):
                page.insert_text((30, 90 + k * 10.5), str(k + 1), fontsize=7, fontname="helv")

    def bytes(self) -> bytes:
        data: bytes = self.doc.tobytes()
        return data

    def save(self, path: Path) -> Path:
        self.doc.save(path)
        return path


def build_paper(
    columns: int = 1,
    numbered: bool = True,
    captions_above: bool = False,
    extras: Callable[[PaperBuilder], None] | None = None,
) -> PaperBuilder:
    """A complete small paper: title, authors, abstract, sections, captions, references, appendix."""
    b = PaperBuilder(columns=1)
    b.centered("Learning Simple Things with Simple Methods", 17, bold=True, gap=14)
    b.centered("Ada Lovelace, Alan Turing and Grace Hopper", 11, gap=4)
    b.centered("University of Nowhere", 10, gap=18)
    b.centered("Abstract", 12, bold=True)
    b.paragraph(
        "We present a compact approach to learning that is simple to state and easy to apply. "
        "It improves accuracy on several benchmarks while using less compute than prior work."
    )
    b.columns = columns
    b.y += 10
    start_y = b.y
    n = (lambda k, t: f"{k} {t}") if numbered else (lambda k, t: t.upper())
    b.heading(n(1, "Introduction"))
    b.paragraph(PARA * 2)
    b.paragraph("As shown in Figure 2 and Table 1 of the evaluation, the method is competitive. " + PARA)
    b.paragraph("Our contribution is a clear recipe that others can reuse in new settings quickly.")
    if columns == 2:
        b.col, b.y = 1, start_y
    b.heading(n(2, "Related Work"))
    b.paragraph(PARA)
    b.heading(n(3, "Method"))
    if numbered:
        b.heading("3.1 Setup", size=10.5)
    b.paragraph(PARA)
    if captions_above:
        b.paragraph("Table 1: Accuracy of all methods on the three benchmarks.", size=9)
        b.figure_box(40)
    else:
        b.figure_box(60)
        b.paragraph("Figure 1: Overview of the method and its two stages.", size=9)
    b.paragraph(PARA)
    if numbered:
        b.heading("3.2 Training", size=10.5)
    b.paragraph(PARA)
    b.figure_box(50)
    b.paragraph("Figure 2: Learning curves on the validation split.", size=9)
    if not captions_above:
        b.figure_box(40)
        b.paragraph("Table 1: Accuracy of all methods on the three benchmarks.", size=9)
    b.heading(n(4, "Experiments"))
    b.paragraph(PARA * 2)
    b.heading(n(5, "Conclusion"))
    b.paragraph("We showed that simple methods work. Future work will test them on harder problems.")
    b.heading("References")
    b.paragraph("[1] A. Author. A paper. In Proceedings, 2020.", size=9)
    b.heading("A Additional Results" if numbered else "APPENDIX")
    b.paragraph(PARA)
    b.paragraph("Table 2: More results on the extra datasets.", size=9)
    if extras:
        extras(b)
    return b
