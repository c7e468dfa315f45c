"""Figure and table crops stop at the caption and the object (issue 18), on generated pages."""

from __future__ import annotations

import pymupdf
from _pdfgen import BODY, StyledBuilder

from paperpass.pdf import Caption
from paperpass.pdf.regions import float_region


def _table_page(highlight: bool = False) -> tuple[StyledBuilder, float, float]:
    """A page with a paragraph, a table captioned above (three rules, rows at 8 pt), then a paragraph.

    Returns the builder, the bottom rule's y and the top of the paragraph below the table.
    """
    b = StyledBuilder(body=10)
    b.para(BODY * 2)
    b.para("Table 1: Accuracy of every method on the three benchmarks we use.", size=9)
    top = b.y
    b.page.draw_line((72, top), (540, top), width=0.5)
    b.y += 4
    for k, row in enumerate(
        ("Method Natural Structured Mean", "Full 81.2 86.9 63.4", "Linear 75.8 81.1 37.0")
    ):
        b.pieces([(cell, "tiro", 8) for cell in row.split()[:1]], x=80)
        b.y -= 8 * 1.3
        for j, cell in enumerate(row.split()[1:]):
            b.pieces([(cell, "tiro", 8)], x=220 + 90 * j)
            b.y -= 8 * 1.3
        b.y += 8 * 1.3
        if k == 0:
            b.page.draw_line((72, b.y), (540, b.y), width=0.3)
            b.y += 3
    bottom = b.y + 2
    b.page.draw_line((72, bottom), (540, bottom), width=0.5)
    b.y = bottom + 14
    below = b.y
    b.para("Tokens in the sequence are routed to experts. " + BODY * 2)
    if highlight:
        b.page.draw_rect(
            pymupdf.Rect(72, below, 400, below + 11), color=None, fill=(1, 1, 0.4), overlay=False
        )
    return b, bottom, below


def test_table_crop_ends_below_its_last_rule_and_above_the_next_paragraph() -> None:
    b, bottom, below = _table_page()
    caption = Caption("Table 1", "Table 1: Accuracy of every method on the three benchmarks we use.", 1)
    _, _, _, y1 = float_region(b.doc[0], caption)
    assert bottom <= y1 < below + 2


def test_a_highlight_on_the_next_paragraph_does_not_stretch_the_crop() -> None:
    b, bottom, below = _table_page(highlight=True)
    caption = Caption("Table 1", "Table 1: Accuracy of every method on the three benchmarks we use.", 1)
    _, _, _, y1 = float_region(b.doc[0], caption)
    assert bottom <= y1 < below + 2


def test_figure_crop_starts_below_the_paragraph_above_it() -> None:
    b = StyledBuilder(body=10)
    b.para(BODY * 2)
    above = b.y
    b.y += 12
    b.page.draw_rect(pymupdf.Rect(150, b.y, 460, b.y + 120), color=(0, 0, 0))
    b.pieces([("encoder", "helv", 7)], x=200)
    b.y += 124
    b.para("Figure 1: The model and its two stages of routing.", size=9)
    caption = Caption("Figure 1", "Figure 1: The model and its two stages of routing.", 1)
    _, y0, _, y1 = float_region(b.doc[0], caption)
    assert above - 4 <= y0 and y1 >= b.y - 12
