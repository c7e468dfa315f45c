"""survey() on generated papers in common venue styles (ACL, IEEE, JMLR, ICML, ICLR, reports)."""

from __future__ import annotations

from _pdfgen import (
    PARA,
    PaperBuilder,
    acl_paper,
    build_paper,
    iclr_paper,
    icml_paper,
    ieee_paper,
    jmlr_paper,
    main_titles,
    neurips_paper,
    report_paper,
    surveyed,
)

from paperpass.pdf import survey_bytes


def test_acl() -> None:
    s = surveyed(acl_paper)
    assert s.title == "Compositional Parsing with Sparse Experts"
    assert s.authors == ["Maria Rossi", "Kenji Tanaka"]
    assert s.abstract.startswith("We describe a parser") and s.abstract.endswith(
        "simple to apply in practice."
    )
    assert main_titles(s) == ["Introduction", "Method", "Experiments", "Conclusion"]
    assert [x.title for x in s.sections if x.level == 2] == ["Routing"]
    assert s.intro_last_paragraph.startswith("Our contributions are a parser")
    assert s.conclusion is not None and s.conclusion.heading == "Conclusion"
    assert s.conclusion.text.startswith("We presented a parser") and "English only" not in s.conclusion.text
    assert [c.caption for c in s.figures] == [
        "Figure 1: Accuracy as a function of the number of experts used."
    ]
    assert [c.label for c in s.tables] == ["Table 1"]


def test_ieee() -> None:
    s = surveyed(ieee_paper)
    assert s.title == "Robust Detection of Small Objects in Aerial Images"
    assert s.authors == ["Li Wei", "Ana Costa", "Omar Haddad"]
    assert s.abstract.startswith("We propose a detector") and s.abstract.endswith("on embedded hardware.")
    assert main_titles(s) == ["Introduction", "Related Work", "Proposed Method", "Experiments", "Conclusion"]
    assert [x.number for x in s.main_sections] == ["I", "II", "III", "IV", "V"]
    assert [(x.number, x.title, x.level) for x in s.sections if x.level == 2] == [("A", "Feature Pyramid", 2)]
    assert s.conclusion is not None and s.conclusion.text.startswith("We proposed a small-object detector.")
    assert [c.caption for c in s.figures] == ["Fig. 1. Overview of the detector and its feature pyramid."]
    assert [c.caption for c in s.tables] == ["TABLE I Detection Accuracy on Three Datasets"]


def test_jmlr_keywords_and_run_in_acknowledgements() -> None:
    s = surveyed(jmlr_paper)
    assert s.abstract.startswith("Kernel methods give") and "Keywords" not in s.abstract
    assert main_titles(s) == ["Introduction", "Kernel Bandits", "Conclusions and Future Work"]
    assert s.intro_last_paragraph.startswith("The remainder of this paper")
    assert s.conclusion is not None and s.conclusion.heading == "Conclusions and Future Work"
    assert s.conclusion.text.startswith("Kernel bandits are practical.")
    assert "Acknowledgements" not in s.conclusion.text and "funding" not in s.conclusion.text
    assert [c.label for c in s.figures] == ["Figure 1"] and s.figures[0].caption.startswith("FIGURE 1:")


def test_icml_rules_stamp_footer_and_subfigures() -> None:
    s = surveyed(icml_paper)
    assert s.title == "Scaling Sparse Attention to Long Documents"
    assert s.authors == ["Ana Ruiz", "Peter Novak"]
    assert s.abstract.startswith("Long documents strain attention.")
    assert "arXiv" not in s.abstract + s.intro_last_paragraph and "Preprint" not in s.abstract
    assert main_titles(s) == ["Introduction", "Sparse Attention", "Concluding Remarks"]
    assert s.intro_last_paragraph.startswith("In short, sparse attention")
    assert s.conclusion is not None and s.conclusion.heading == "Concluding Remarks"
    assert [c.caption for c in s.figures] == [
        "Figure 1. Loss curves of dense and sparse attention on long documents, over training steps, "
        "averaged over three seeds."
    ]
    assert [c.caption for c in s.tables] == ["Table 1. Results on long-document benchmarks."]


def test_iclr_small_caps_read_naturally() -> None:
    s = surveyed(iclr_paper)
    assert s.title == "LoRe: Low-Rank Experts for Vision Models"
    assert main_titles(s) == ["Introduction", "Low-rank Experts", "Discussion"]
    assert [x.title for x in s.sections if x.level == 2] == ["Expert Routing"]
    assert s.abstract.startswith("Low-rank experts adapt")
    assert s.conclusion is not None and s.conclusion.heading == "Discussion"
    assert "A. Author" not in s.conclusion.text
    assert [x.title for x in s.sections][-1] == "References"


def test_unnumbered_report_without_outline() -> None:
    s = surveyed(report_paper)
    assert main_titles(s) == ["Introduction", "Our Training Setup", "Scaling Behaviour", "Summary"]
    assert s.conclusion is not None and s.conclusion.heading == "Summary"


def test_outline_adds_plain_headings_and_ignores_entries_not_on_the_page() -> None:
    """Headings in body style are found through the outline; entries the page does not print are not."""
    b = PaperBuilder()
    b.centered("Outline Driven Headings in a Plain Document", 16, bold=True, gap=20)
    for title in ("Introduction", "Method", "Results"):
        b.heading(title, size=10, bold=False)
        b.paragraph(PARA * 2)
    b.doc.set_toc([[1, "Introduction", 1], [1, "Method", 1], [1, "Results", 1], [1, "Ghost Section", 1]])
    s = survey_bytes(b.bytes())
    assert [x.title for x in s.sections] == ["Introduction", "Method", "Results"]


def test_outline_with_wrong_page_numbers_keeps_page_text_order() -> None:
    b = build_paper()
    b.doc.set_toc([[1, "1 Introduction", 2], [1, "5 Conclusion", 1], [1, "Mystery", 1]])
    s = survey_bytes(b.bytes())
    main = [x.title for x in s.main_sections]
    assert main == ["Introduction", "Related Work", "Method", "Experiments", "Conclusion"]
    assert "Mystery" not in [x.title for x in s.sections]


def test_algorithm_boxes_and_equations_are_not_captions_or_headings() -> None:
    s = surveyed(acl_paper)
    assert all(c.label.startswith("Figure") for c in s.figures)
    assert not any("(1)" in x.title or "Algorithm" in x.title for x in s.sections)
    assert all("Sparse routing" not in c.caption for c in s.figures + s.tables)


def test_conclusion_stops_at_plain_references_and_run_in_acknowledgements() -> None:
    b = PaperBuilder()
    b.centered("A Short Paper With Plain Back Matter", 16, bold=True, gap=20)
    b.heading("1 Introduction")
    b.paragraph(PARA * 2)
    b.heading("2 Conclusion")
    b.paragraph("Simple methods work. " + PARA)
    b.paragraph("Acknowledgements. We thank our colleagues for their help.")
    b.paragraph("References")
    b.paragraph("[1] A. Author. A paper. In Proceedings, 2020.")
    s = survey_bytes(b.bytes())
    assert s.conclusion is not None and s.conclusion.text.startswith("Simple methods work.")
    assert "thank" not in s.conclusion.text and "[1]" not in s.conclusion.text


def test_neurips_author_grid_and_intro_subsection() -> None:
    s = surveyed(neurips_paper)
    assert s.title == "Learning to Route Tokens Across Many Experts in Sparse Transformers"
    assert s.authors == ["Alice Zhang", "Bob Mueller", "Carla Diaz", "Dmitri Ivanov", "Eve Kowalski"]
    assert s.intro_last_paragraph.startswith("We contribute a router")  # not the '1.1' heading
    assert main_titles(s) == ["Introduction", "Method", "Discussion and Conclusion"]
    assert s.conclusion is not None and s.conclusion.text.startswith("Routing works.")
    assert "None foreseen" not in s.conclusion.text


def test_bold_numeric_table_row_is_not_a_heading() -> None:
    b = PaperBuilder()
    b.centered("A Paper With a Bold Table Row", 16, bold=True, gap=20)
    b.heading("1 Introduction")
    b.paragraph(PARA * 2)
    b.heading("2 Layers 45.2 38.1", size=10)
    b.paragraph(PARA)
    b.heading("2 Method")
    b.paragraph(PARA)
    s = survey_bytes(b.bytes())
    assert [(x.number, x.title) for x in s.sections] == [("1", "Introduction"), ("2", "Method")]
