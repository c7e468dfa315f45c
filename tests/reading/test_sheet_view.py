"""The survey sheet is the main paper: ``read --pass 1`` and ``--pass 2`` list the main body's figures and
tables and fold the appendix into one line (Chain-of-Thought: 33 of its 41 captions are appendix)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperpass.config import Settings
from paperpass.library import Library, get_paper
from paperpass.papers.sheets import cached_survey
from paperpass.reading.passes import pass_plan
from paperpass.reading.sheet_view import split_sheet
from support.components import CORPUS, missing


@pytest.fixture
def cot(settings: Settings) -> Path:
    source = CORPUS / "pdfs" / "2201.11903.pdf"
    if not source.is_file():
        missing(f"the corpus PDF {source} is not there")
    settings.pdf_dir.mkdir(parents=True, exist_ok=True)
    target = settings.pdf_dir / "2201.11903.pdf"
    target.write_bytes(source.read_bytes())
    return target


def test_split_keeps_the_crop_indexes(cot: Path) -> None:
    sheet = cached_survey(None, cot)
    parts = split_sheet(sheet)
    everything = [*sheet.figures, *sheet.tables]
    assert len(parts.main_captions) == 8 and len(parts.appendix_captions) == 33
    assert all(everything[i] is c for i, c in parts.main_captions + parts.appendix_captions)
    assert parts.appendix_pages == (16, 43) and not any(s.appendix for s in parts.main_sections)


def test_pass_1_and_2_show_the_main_paper(local_library: Library, cot: Path) -> None:
    paper = get_paper(local_library, "2201.11903")
    first = pass_plan(local_library, paper, 1).to_markdown()
    body, _, appendix = first.partition("## Appendix")
    assert "Figure 8:" in body and "Table 1:" not in first and "Figure 9:" not in first
    assert "3 figures, 30 tables and 23 sections, pp. 16-43" in appendix and "<details>" not in first
    assert "Estimated pass-2 time:** 46 min (main body)" in first
    second = pass_plan(local_library, paper, 2).to_markdown()
    studied = second.partition("## Figures and tables to study")[2].partition("## Fill in the note")[0]
    assert studied.count("- Figure ") == 8 and "- Table " not in studied
    assert "_Appendix (3 figures, 30 tables and 23 sections, pp. 16-43)" in studied
    assert "Frequently Asked Questions" not in second.partition("## Figures")[0]
