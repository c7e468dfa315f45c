"""Template rules learned on bench/styles (amsart, revtex, IEEE, elsarticle, acmart), on generated PDFs."""

from __future__ import annotations

import pytest
from _pdfgen import (
    BODY,
    StyledBuilder,
    acmart_paper,
    amsart_paper,
    elsarticle_paper,
    ieee_journal_paper,
    main_titles,
    revtex_paper,
    surveyed,
)

from paperpass.pdf import Survey, survey_bytes
from paperpass.pdf.body import paragraphs
from paperpass.pdf.frontmatter import _chunks, _is_name
from paperpass.pdf.layout import Line, _line_from, clean_text, fold_accents
from paperpass.pdf.rawtext import RawLine, Span, is_small_caps_font


def _subs(s: Survey) -> list[tuple[str | None, str]]:
    return [(x.number, x.title) for x in s.sections if x.level == 2]


# --- small capitals by font name (amsart's CMCSC10) ----------------------------------------------


@pytest.mark.parametrize(
    "font",
    [
        "CMCSC10",
        "SFCC1000",
        "SFXC1200",
        "LMRomanCaps10-Regular",
        "ABCDEF+MinionPro-RegularSC",
        "Foo-SmallCaps",
    ],
)
def test_small_caps_font_names(font: str) -> None:
    assert is_small_caps_font(font)


@pytest.mark.parametrize(
    "font",
    ["CMR10", "CMBX12", "NimbusRomNo9L-Regu", "Times-Roman", "NotoSansSC", "SourceHanSerifSC", "MSBM10"],
)
def test_other_font_names_are_not_small_caps(font: str) -> None:
    assert not is_small_caps_font(font)


def test_line_in_a_small_caps_font_is_small_caps() -> None:
    """'1.' in the text font + 'Introduction' in a small-caps font: the line is set in small caps."""
    spans = [
        Span("1.", 10.9, False, False, 100, 110, chars=2),
        Span(" Introduction", 10.9, False, False, 112, 180, chars=12, small_caps=True),
    ]
    keys = [("CMR10", 100.0), ("CMCSC10", 100.0)]
    line = _line_from([RawLine(100, 90, 180, 101, spans, keys)], 0, 0)
    assert line is not None and line.small_caps
    mixed = [
        Span("Abstract.", 9, False, False, 100, 140, chars=9, small_caps=True),
        Span(" We study", 9, False, False, 142, 190, chars=7),
    ]
    line = _line_from([RawLine(100, 90, 190, 101, mixed, keys)], 0, 0)
    assert line is not None and not line.small_caps


def test_amsart_small_caps_headings_run_in_subsections_and_captions() -> None:
    s = surveyed(amsart_paper)
    assert s.authors == ["ALICE SMITH", "BOB JONES"]  # capitals 'AND' splits names
    assert main_titles(s) == ["Introduction", "Setting", "Discussion"]
    assert _subs(s) == [("2.1", "In-context regression")]  # run-in: regular number, bold title.
    assert s.intro_last_paragraph.startswith("Our results connect two lines")
    assert s.conclusion is not None and s.conclusion.heading == "Discussion"
    # 'Table 1.' in small caps before upright text is a caption; 'Table 3. To represent' in one font is not
    assert [c.caption for c in s.tables] == ["Table 1. Time at which each direction is learned."]


# --- revtex -----------------------------------------------------------------------------------------


def test_revtex_small_bold_headings_and_italic_affiliations() -> None:
    s = surveyed(revtex_paper)
    assert s.authors == ["Anna M. Kowalczyk", "Rohan Iyer"]  # not 'New York' nor 'Dated June'
    assert main_titles(s) == ["INTRODUCTION", "METHOD", "CONCLUSIONS"]
    assert [x.number for x in s.main_sections] == ["I", "II", "III"]
    assert _subs(s) == [("A", "Equivariant attention")]
    assert s.abstract.startswith("Variational Monte Carlo") and "INTRODUCTION" not in s.abstract


# --- IEEE journal -----------------------------------------------------------------------------------


def test_ieee_journal_grades_appendix_and_small_caps_table_title() -> None:
    s = surveyed(ieee_journal_paper)
    assert s.authors == ["Daniel K. Osei", "Ingrid Halvorsen", "Rafael Mendes"]
    assert main_titles(s) == ["Introduction", "Proposed Model", "Conclusion"]
    assert _subs(s) == [("A", "Reliability Gate")]
    appendix = [(x.number, x.title, x.level) for x in s.sections if x.appendix and x.title != "References"]
    assert appendix == [("A", "Proof of Variance Bound", 1)]
    assert [c.caption for c in s.tables] == [
        "TABLE I Forecasting Accuracy and Calibration at a Sixty Minute Horizon"
    ]


def test_role_words_are_not_names() -> None:
    for chunk in ("Independent Researcher", "Student Member", "Senior Member", "Life Fellow"):
        assert not _is_name(chunk), chunk
    assert _is_name("Rafael Mendonça") and _is_name("Tomasz Wiśniewski")


def test_chunks_split_at_italics() -> None:
    spans = [
        Span("Daniel K. Osei,", 11, False, False, 100, 170, chars=13),
        Span(" Student Member, IEEE,", 11, False, False, 172, 280, italic=True, chars=20),
        Span(" Ingrid Halvorsen", 11, False, False, 282, 360, chars=15),
    ]
    line = _line_from([RawLine(100, 90, 360, 102, spans, [("Times", 100.0)] * 3)], 0, 0)
    assert line is not None
    assert _chunks(line) == [
        ("Daniel K. Osei", False),
        ("Student Member", True),
        ("IEEE", True),
        ("Ingrid Halvorsen", False),
    ]


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("Wi\u00b4sniewski", "Wiśniewski"),
        ("Mendonc\u00b8a", "Mendonça"),
        ("Z\u00a8urich", "Zürich"),
        ("Mart\u00b4\u0131nez", "Martínez"),  # accent over a dotless i
        ("Dvo\u02c7r\u00b4ak", "Dvořák"),
        ("Pi\u02dbekos", "Piękos"),  # ogonek printed before its e
        ("S\u02dcao Paulo", "São Paulo"),
        ("f\u00b4(x) and x \u00b4 y", "f\u00b4(x) and x \u00b4 y"),  # no letter after: left alone
    ],
)
def test_spacing_accents_fold_into_letters(raw: str, want: str) -> None:
    assert fold_accents(raw) == want
    assert clean_text(raw) == want


# --- elsarticle -------------------------------------------------------------------------------------


def test_elsarticle_wrapped_author_and_italic_subsections() -> None:
    s = surveyed(elsarticle_paper)
    assert s.authors == ["Wei Zhang", "Xinyi Chen", "Jonas Schmidt", "Kwame Mensah"]
    assert main_titles(s) == ["Introduction", "Background", "Discussion"]
    # italic stand-alone '2.1.' lines at body size; the paragraph under them is not part of the title
    assert _subs(s) == [("2.1", "Offline Reinforcement Learning"), ("2.2", "Diffusion Models")]


# --- acmart -----------------------------------------------------------------------------------------


def test_acmart_overfull_line_and_body_size_caption() -> None:
    s = surveyed(acmart_paper)
    # an overfull left-column line ending in the gutter does not make its block full width
    assert [x.title for x in s.sections] == [
        "INTRODUCTION",
        "METHOD",
        "EXPERIMENTS",
        "Datasets",
        "Overall Performance",
        "CONCLUSION",
    ]
    # a caption set at body size between the intro's end and section 2 is not the intro's last paragraph
    assert s.intro_last_paragraph.startswith("We make the following contributions")
    assert [c.label for c in s.figures] == ["Figure 1"]


# --- CVPR / JMLR-like front matter, wrapped enumerations ---------------------------------------------


def test_affiliation_lines_and_editor_lines_give_no_authors() -> None:
    b = StyledBuilder(body=10)
    b.y = 90
    b.pieces([("Sparse Voxel Splatting for Dynamic Scenes", "tibo", 15)], center=True)
    b.y += 6
    b.pieces([("Chen Wei-Ling", "tiro", 11), ("1", "tiro", 7), ("    Ingrid Solberg", "tiro", 11),
              ("2", "tiro", 7), ("    Hamid Rezaei", "tiro", 11), ("3", "tiro", 7)], center=True)  # fmt: skip
    b.pieces([("1", "tiro", 7), ("Zhejiang University    ", "tiro", 11), ("2", "tiro", 7),
              ("Norwegian University of Science    ", "tiro", 11), ("3", "tiro", 7),
              ("Lumen Vision", "tiro", 11)], center=True)  # fmt: skip
    b.pieces([("Editor: Aaditya Ramdas", "tiro", 11)], center=True)
    b.y += 12
    b.styled_heading("Abstract", 12)
    b.para("Dynamic scenes change over time. " + BODY)
    for title in ("1. Introduction", "2. Method", "3. Conclusion"):
        b.styled_heading(title, 12)
        b.para(BODY * 2)
    s = survey_bytes(b.bytes())
    assert s.authors == ["Chen Wei-Ling", "Ingrid Solberg", "Hamid Rezaei"]


def _line(text: str, x0: float, x1: float, y0: float) -> Line:
    return Line(text, x0, y0, x1, y0 + 10, 10, 10, False, 0, 0)


def test_an_item_marker_that_only_wraps_running_text_does_not_start_a_paragraph() -> None:
    lefts = {(0, 0): 72.0}
    wrapped = [
        _line("Our contributions are: (1) a sparse voxel representation for dynamic scenes;", 72, 540, 100),
        _line(
            "(2) a change detector that restricts updates to moving regions; and (3) experi-", 72, 540, 112
        ),
        _line("ments showing speed and memory at competitive quality.", 72, 300, 124),
    ]
    assert len(paragraphs(wrapped, 10, lefts)) == 1
    listed = [
        _line("We make the following contributions:", 72, 250, 100),
        _line("(1) a sparse voxel representation for dynamic scenes;", 72, 400, 112),
        _line("(2) a change detector that restricts updates to moving regions.", 72, 460, 124),
    ]
    assert len(paragraphs(listed, 10, lefts)) == 3
