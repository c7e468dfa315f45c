"""survey() on small generated papers: layouts, headings, captions, cleanup."""

from __future__ import annotations

import json

import pytest
from _pdfgen import PARA, PaperBuilder, build_paper

from paperpass.pdf import EXTRACTOR_VERSION, Survey, survey, survey_bytes
from paperpass.pdf.layout import clean_text, join_lines


def _sheet(**kw: object) -> Survey:
    return survey_bytes(build_paper(**kw).bytes())  # type: ignore[arg-type]


@pytest.mark.parametrize("columns", [1, 2])
@pytest.mark.parametrize("numbered", [True, False])
def test_structure(columns: int, numbered: bool) -> None:
    s = _sheet(columns=columns, numbered=numbered)
    assert s.title == "Learning Simple Things with Simple Methods"
    assert s.authors == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert s.abstract.startswith("We present a compact approach")
    assert s.abstract.endswith("less compute than prior work.")
    assert s.intro_last_paragraph.startswith("Our contribution is a clear recipe")
    main = [x.title.lower() for x in s.main_sections]
    assert main == ["introduction", "related work", "method", "experiments", "conclusion"]
    assert s.conclusion is not None and s.conclusion.text.startswith("We showed that simple methods work.")
    assert s.sections[-1].appendix and not s.sections[0].appendix
    assert s.pages >= 1 and not s.warnings


def test_numbering_and_levels() -> None:
    s = _sheet(numbered=True)
    by_title = {x.title: x for x in s.sections}
    assert by_title["Setup"].number == "3.1" and by_title["Setup"].level == 2
    assert by_title["Introduction"].number == "1" and by_title["Introduction"].page == 1
    assert by_title["Additional Results"].number == "A" and by_title["Additional Results"].appendix


@pytest.mark.parametrize("above", [True, False])
def test_captions_above_and_below(above: bool) -> None:
    s = _sheet(captions_above=above)
    assert [c.label for c in s.figures] == (["Figure 2"] if above else ["Figure 1", "Figure 2"])
    assert [c.label for c in s.tables] == ["Table 1", "Table 2"]
    assert s.tables[0].caption == "Table 1: Accuracy of all methods on the three benchmarks."
    assert all(c.page >= 1 for c in s.figures + s.tables)


def test_in_text_reference_is_not_a_caption() -> None:
    b = PaperBuilder()
    b.centered("A Paper About References", 16, bold=True, gap=20)
    b.heading("1 Introduction")
    b.paragraph(PARA)
    b.paragraph("Figure 7 shows that the method works, and Table 9. To see why, consider the data. " + PARA)
    s = survey_bytes(b.bytes())
    assert s.figures == [] and s.tables == []


def test_running_headers_footers_and_line_numbers_removed() -> None:
    def extras(b: PaperBuilder) -> None:
        b.running_text("Preprint under review at a venue")
        b.line_numbers()

    s = survey_bytes(build_paper(extras=extras).bytes())
    text = s.abstract + s.intro_last_paragraph + " ".join(x.title for x in s.sections)
    assert "Preprint under review" not in text
    assert [x.title for x in s.main_sections][0] == "Introduction"
    assert s.intro_last_paragraph.startswith("Our contribution")


def test_json_and_markdown() -> None:
    s = _sheet()
    data = s.to_json()
    for key in (
        "title",
        "authors",
        "abstract",
        "intro_last_paragraph",
        "sections",
        "conclusion",
        "figures",
        "tables",
        "pages",
        "warnings",
    ):
        assert key in data
    assert data["sections"][0] == {
        "title": "Introduction",
        "number": "1",
        "level": 1,
        "page": 1,
        "appendix": False,
    }
    assert data["figures"][0]["label"] == "Figure 1"
    json.dumps(data)
    md = s.to_markdown()
    assert md.startswith("# Learning Simple Things")
    assert "- 1 Introduction (p. 1)" in md and "  - 3.1 Setup" in md
    assert "Estimated pass-2 time" in md
    assert 30 <= s.estimated_pass2_minutes <= 60
    assert s.extractor_version == EXTRACTOR_VERSION and len(s.sha256) == 64


def test_survey_path_matches_bytes(tmp_pdf) -> None:  # type: ignore[no-untyped-def]
    data = build_paper().bytes()
    assert survey(tmp_pdf(data)).to_json() == survey_bytes(data).to_json()


def test_ligatures_expanded() -> None:
    assert clean_text("An E\ufb03cient  \ufb01t\u00adted") == "An Efficient fitted"


def test_hyphenation_soft_and_hard() -> None:
    vocab = {"knowledge", "pre-training", "zero-shot"}
    assert join_lines(["general knowl-", "edge is useful"], vocab) == "general knowledge is useful"
    assert join_lines(["we use pre-", "training here"], vocab) == "we use pre-training here"
    assert join_lines(["the Zero-", "shot setting"], vocab) == "the Zero-shot setting"
    assert join_lines(["an unseen-", "word"], set()) == "an unseenword"
    assert join_lines(["WMT English-", "to-German task"], set()) == "WMT English-to-German task"
    assert join_lines(["the state-of-", "the-art model"], set()) == "the state-of-the-art model"
    assert join_lines(["our 152-", "layer net and ResNet-", "34"], set()) == "our 152-layer net and ResNet-34"


def test_url_broken_after_slash_is_joined() -> None:
    assert (
        join_lines(["code at https://github.com/", "org/repo."], set())
        == "code at https://github.com/org/repo."
    )
    assert join_lines(["either and/", "or"], set()) == "either and/ or"
