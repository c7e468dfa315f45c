"""Rules for real papers in the wild (issue 19), each on a generated PDF that fails without the rule."""

from __future__ import annotations

import pymupdf
from _pdfgen import BODY, StyledBuilder, _front

from paperpass.pdf import Survey, survey_bytes
from paperpass.pdf.layout import clean_text, drop_contents_pages, extract_page


def _sheet(b: StyledBuilder) -> Survey:
    return survey_bytes(b.bytes())


def _paper(abstract: str | None = None, after_abstract: list[str] | None = None) -> StyledBuilder:
    b = StyledBuilder(body=10)
    _front(b, "Sparse Routing for Efficient Language Models", "Maria Rossi and Kenji Tanaka")
    if abstract is not None:
        b.styled_heading("Abstract", 12, center=True)
        b.para(abstract, indent=24)
    for line in after_abstract or []:
        b.pieces([(line, "tiro", 10)], x=96)
    return b


def _body(b: StyledBuilder) -> None:
    b.styled_heading("1 Introduction")
    b.para(BODY * 3)
    b.para("We close the introduction with a summary of the contributions of this paper in detail.")
    b.styled_heading("2 Method")
    b.para(BODY * 2)


def test_subsection_named_like_back_matter_does_not_end_the_body() -> None:
    b = _paper("We study sparse routing. " + BODY)
    _body(b)
    b.styled_heading("3 Discussion and Limitations")
    b.para(BODY)
    b.styled_heading("3.1 Broader Impact", 11)
    b.para(BODY)
    b.styled_heading("4 Conclusion")
    b.para("We presented sparse routing and showed that it works. " + BODY)
    b.styled_heading("References")
    b.para("A. Author. 2020. A paper.", size=9)
    s = _sheet(b)
    assert [x.title for x in s.main_sections][-1] == "Conclusion"
    assert s.conclusion is not None and s.conclusion.heading == "Conclusion"


def test_outline_entry_for_the_title_is_not_a_section() -> None:
    b = _paper("We study sparse routing. " + BODY)
    _body(b)
    b.styled_heading("3 Conclusion")
    b.para("We presented sparse routing. " + BODY)
    b.doc.set_toc(
        [
            [1, "Sparse Routing for Efficient Language Models", 1],
            [2, "1 Introduction", 1],
            [2, "2 Method", 1],
            [2, "3 Conclusion", 1],
        ]
    )
    s = _sheet(b)
    assert [x.title for x in s.main_sections] == ["Introduction", "Method", "Conclusion"]


def test_link_lines_under_the_abstract_are_not_part_of_it() -> None:
    b = _paper(
        "We study sparse routing. " + BODY + "Our models are released under the Apache 2.0 license.",
        after_abstract=[
            "Code: https://github.com/example/sparse-routing",
            "Webpage: https://example.org/sparse",
        ],
    )
    _body(b)
    s = _sheet(b)
    assert s.abstract.endswith("released under the Apache 2.0 license.")
    assert "https" not in s.abstract


def test_headless_abstract_mentioning_language_is_found() -> None:
    b = StyledBuilder(body=10)
    _front(b, "Sparse Routing for Efficient Language Models", "Maria Rossi and Kenji Tanaka")
    text = "Transformer-based language models spread their compute uniformly across input sequences. "
    b.para(text + BODY * 3)
    _body(b)
    s = _sheet(b)
    assert s.abstract.startswith("Transformer-based language models spread their compute")


def test_symbol_font_space_before_abstract_dash_is_a_space() -> None:
    assert clean_text("\uf020Abstract\u2014Face detection") == "Abstract\u2014Face detection"


def test_affiliation_line_naming_an_academia_gives_no_author() -> None:
    b = StyledBuilder(body=10)
    b.y = 90
    b.pieces([("Sparse Routing for Efficient Language Models", "tibo", 15)], center=True)
    b.pieces([("Chien-Yao Wang, Alexey Bochkovskiy, and Hong-Yuan Mark Liao", "tiro", 11)], center=True)
    b.pieces([("Institute of Information Science, Academia Sinica, Taiwan", "tiro", 11)], center=True)
    b.y += 12
    b.styled_heading("Abstract", 12, center=True)
    b.para("We study sparse routing. " + BODY, indent=24)
    _body(b)
    s = _sheet(b)
    assert s.authors == ["Chien-Yao Wang", "Alexey Bochkovskiy", "Hong-Yuan Mark Liao"]


def _report(contents: bool) -> StyledBuilder:
    """A long report: title page, a printed table of contents, a 'Summary' page, chapters."""
    b = StyledBuilder(body=10)
    b.y = 120
    b.pieces([("Dissecting a Graphics Processor by Microbenchmarks", "tibo", 20)], x=72)
    b.y += 40
    for name in ("Ada Lovelace", "Alan Turing", "Grace Hopper"):
        b.pieces([(name, "tiro", 12)], x=72)
    b.pieces([("Performance Research Team, Example Corp.", "tiro", 10)], x=72)
    if contents:
        b.new_page()
        b.styled_heading("Contents", 20)
        entries = [("1", "Why these details matter", 3), ("2", "Instructions", 4), ("2.1", "Scheduler", 4)]
        entries += [("3", "Memory hierarchy", 5), ("3.1", "Shared memory", 5), ("4", "Conclusions", 6)]
        for num, title, page in entries:
            b.pieces([(f"{num}  {title} " + ". " * 20 + f" {page}", "tiro", 10)])
    b.new_page()
    b.styled_heading("Summary", 16)
    b.para("Every year new processor designs appear and their details are rarely published. " + BODY * 2)
    for num, title, subs in (
        (1, "Why these details matter", []),
        (2, "Instructions", ["Scheduler"]),
        (3, "Memory hierarchy", ["Shared memory"]),
        (4, "Conclusions", []),
    ):
        b.new_page()
        b.styled_heading(f"Chapter {num}", 14)
        b.styled_heading(title, 20)
        b.para(BODY * 3)
        b.para(f"The last paragraph of chapter {num} says what the chapter found. " + BODY)
        for k, sub in enumerate(subs, 1):
            b.styled_heading(f"{num}.{k} {sub}", 12)
            b.para(BODY * 2)
            b.figure_box(40)
            b.para(f"Figure {num}.{k}: Latency of loads measured on the chip.", size=9)
    return b


def test_printed_table_of_contents_is_skipped_and_body_headings_win() -> None:
    s = _sheet(_report(contents=True))
    titles = [x.title for x in s.main_sections]
    assert titles == ["Why these details matter", "Instructions", "Memory hierarchy", "Conclusions"]
    assert all(not x.title[-1].isdigit() for x in s.sections)
    assert s.conclusion is not None and s.conclusion.heading == "Conclusions"
    assert s.intro_last_paragraph.startswith("The last paragraph of chapter 1")


def test_report_summary_page_is_the_abstract_and_all_authors_are_kept() -> None:
    s = _sheet(_report(contents=False))
    assert s.abstract.startswith("Every year new processor designs appear")
    assert s.authors == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]


def test_chapter_numbered_captions_keep_their_numbers() -> None:
    s = _sheet(_report(contents=True))
    assert [c.label for c in s.figures] == ["Figure 2.1", "Figure 3.1"]


def test_single_letters_in_a_diagram_are_no_appendix_heading() -> None:
    b = _paper("We study sparse routing. " + BODY)
    _body(b)
    b.styled_heading("3 Experiments")
    b.para(BODY * 2)
    b.styled_heading("A B C", 12)
    b.para(BODY)
    b.styled_heading("4 Conclusion")
    b.para("We presented sparse routing. " + BODY)
    s = _sheet(b)
    assert [x.title for x in s.main_sections][-1] == "Conclusion"


def test_captions_after_the_references_are_marked_appendix_in_the_json() -> None:
    b = _paper("We study sparse routing. " + BODY)
    _body(b)
    b.figure_box(40)
    b.para("Figure 1: Accuracy of the router on the main benchmark.", size=9)
    b.styled_heading("3 Conclusion")
    b.para("We presented sparse routing. " + BODY)
    b.styled_heading("References")
    b.para("A. Author. 2020. A paper.", size=9)
    b.styled_heading("A Additional Results")
    b.para(BODY)
    b.figure_box(40)
    b.para("Figure 2: Accuracy of the router on the extra benchmarks.", size=9)
    b.para("Table 1: Hyper-parameters of every run in the appendix.", size=9)
    data = _sheet(b).to_json()
    assert [(f["label"], f["appendix"]) for f in data["figures"]] == [("Figure 1", False), ("Figure 2", True)]
    assert [t["appendix"] for t in data["tables"]] == [True]


def test_arxiv_stamp_and_doi_on_the_first_page_are_exposed() -> None:
    b = _paper("We study sparse routing. " + BODY)
    b.stamp("arXiv:1707.06347v2  [cs.LG]  28 Aug 2017")
    b.pieces([("DOI: https://doi.org/10.1145/2939672.2939785", "tiro", 8)], x=72)
    _body(b)
    s = _sheet(b)
    assert (s.arxiv_id, s.doi) == ("1707.06347v2", "10.1145/2939672.2939785")
    assert s.to_json()["arxiv_id"] == "1707.06347v2"


def test_no_identifier_printed_gives_empty_strings() -> None:
    b = _paper("We study sparse routing. " + BODY)
    _body(b)
    s = _sheet(b)
    assert (s.arxiv_id, s.doi) == ("", "")


def test_footnote_marks_glued_to_words_are_dropped() -> None:
    b = _paper()
    b.styled_heading("Abstract", 12, center=True)
    b.para("We study sparse routing. " + BODY, indent=24)
    b.pieces(
        [("Code and models are released to the community", "tiro", 10), ("1", "tiro", 6.5), (".", "tiro", 10)]
    )
    b.y += 10
    b.styled_heading("1 Introduction")
    b.para(BODY * 3)
    b.pieces([("2 Experiments", "tibo", 12), ("2", "tiro", 8)])
    b.para(BODY * 2)
    b.styled_heading("3 Conclusion")
    b.para("We studied routing with x", size=10)
    s = _sheet(b)
    assert s.abstract.endswith("released to the community.")
    assert [x.title for x in s.main_sections] == ["Introduction", "Experiments", "Conclusion"]


def test_raised_digits_after_a_single_letter_are_math_and_stay() -> None:
    b = _paper("We study sparse routing. " + BODY)
    b.styled_heading("1 Introduction")
    b.para(BODY * 2)
    b.pieces(
        [
            ("The cost grows as n", "tiro", 10),
            ("2", "tiro", 6.5),
            (" with the number of experts here.", "tiro", 10),
        ]
    )
    b.styled_heading("2 Method")
    b.para(BODY)
    s = _sheet(b)
    assert "grows as n2 with" in s.intro_last_paragraph


def test_table_rows_at_body_size_are_not_the_last_intro_paragraph() -> None:
    b = _paper("We study sparse routing. " + BODY)
    b.styled_heading("1 Introduction")
    b.para(BODY * 2)
    b.para("Our experiments show that sparse routing is as accurate as dense models.")
    b.para("Table 1: Accuracy of every method on the benchmark.", size=9)
    for row in ("Method Natural Structured Mean", "Full 81.2 86.9 63.4 77.2", "Linear 75.8 81.1 37.0 64.6"):
        b.pieces([(row, "tiro", 10)])
    b.styled_heading("2 Method")
    b.para(BODY)
    s = _sheet(b)
    assert s.intro_last_paragraph.startswith("Our experiments show that sparse routing")


def test_outline_entry_for_a_line_already_read_as_a_heading_adds_nothing() -> None:
    b = _paper("We study sparse routing. " + BODY)
    _body(b)
    b.styled_heading("3 Experiments")
    b.para(BODY)
    b.styled_heading("4 Conclusion")
    b.para("We presented sparse routing. " + BODY)
    b.doc.set_toc(
        [
            [1, "1 Introduction", 1],
            [1, "2 Method", 1],
            [1, "3 Experiments[1] Videos of our experiments are at https://example.org/videos", 1],
            [1, "4 Conclusion", 1],
        ]
    )
    s = _sheet(b)
    assert [x.title for x in s.main_sections] == ["Introduction", "Method", "Experiments", "Conclusion"]


def _signed(*author_lines: str) -> Survey:
    b = StyledBuilder(body=10)
    b.y = 90
    b.pieces([("Reinforcing Reasoning in Language Models", "tibo", 15)], center=True)
    for text in author_lines:
        b.pieces([(text, "tiro", 11)], center=True)
    b.y += 12
    b.styled_heading("Abstract", 12, center=True)
    b.para("We study reasoning. " + BODY, indent=24)
    _body(b)
    return _sheet(b)


def test_a_company_printed_alone_under_the_title_is_the_author() -> None:
    assert _signed("DeepSeek-AI", "research@deepseek.com").authors == ["DeepSeek-AI"]


def test_a_team_beside_named_authors_is_one_of_them() -> None:
    s = _signed("Ada Byron, Alan Turing, OpenAI Dota Team")
    assert s.authors == ["Ada Byron", "Alan Turing", "OpenAI Dota Team"]


def test_a_company_line_under_named_authors_is_their_affiliation() -> None:
    s = _signed("Xiaokang Chen, Zhiyu Wu, Chong Ruan", "DeepSeek-AI")
    assert s.authors == ["Xiaokang Chen", "Zhiyu Wu", "Chong Ruan"]


def _lines(b: StyledBuilder, texts: list[str]) -> None:
    for text in texts:
        b.pieces([(text, "tiro", 10)])
        b.y -= 10 * 0.08  # body line pitch, no extra space between paragraphs


def test_short_last_line_before_a_short_first_line_ends_the_paragraph() -> None:
    b = _paper("We study sparse routing. " + BODY)
    b.styled_heading("1 Introduction")
    _lines(
        b,
        [
            "We will focus on one such generic term of the sum, calling it simply",
            "the gradient when there is no confusion.",
            "Any gradient component dE",
            "is also a sum of temporal contributions, whose terms we refer to as",
            "temporal components of the gradient in the rest of this paper here.",
        ],
    )
    b.styled_heading("2 Method")
    b.para(BODY)
    assert _sheet(b).intro_last_paragraph.startswith("Any gradient component dE is also a sum")


def test_long_runs_flagged_raised_after_a_fraction_set_the_line_size() -> None:
    from paperpass.pdf.layout import _line_from
    from paperpass.pdf.rawtext import RawLine, Span

    spans = [
        Span("\u2202\u03b8", 7.0, False, False, 170.0, 178.0, chars=2),
        Span(" is also a sum (see equa-", 10.0, False, True, 178.0, 289.0, chars=20),
    ]
    line = _line_from([RawLine(170.0, 658.0, 289.0, 671.0, spans, [("F", 671.0), ("F", 668.0)])], 1, 1)
    assert line is not None and line.size == 10.0


def test_indented_paragraph_after_a_list_item_starts_a_new_paragraph() -> None:
    b = _paper("We study sparse routing. " + BODY)
    b.styled_heading("1 Introduction")
    b.para(BODY * 2)
    x = b.x0
    for text, dx in (
        ("\u2022 We propose a router that sends each token to one expert and keeps", 0),
        ("the experts busy during the whole of training on every device we use.", 10),
        ("As a result, we come up with a model that is both fast and accurate.", 18),
        ("The rest of the paper is organised as follows. Section 2 describes the", 0),
        ("method and Section 3 the experiments that we ran on three benchmarks.", 0),
    ):
        b.pieces([(text, "tiro", 10)], x=x + dx)
        b.y -= 0.8
    b.styled_heading("2 Method")
    b.para(BODY)
    assert _sheet(b).intro_last_paragraph.startswith("As a result, we come up with")


def test_a_final_reflection_section_concludes_the_paper() -> None:
    b = _paper("We study sparse routing. " + BODY)
    _body(b)
    b.styled_heading("3 Reflection")
    b.para("Looking back, sparse routing was simpler than we expected. " + BODY)
    b.styled_heading("References")
    b.para("A. Author. 2020. A paper.", size=9)
    s = _sheet(b)
    assert s.conclusion is not None and s.conclusion.heading == "Reflection"
    assert s.conclusion.text.startswith("Looking back, sparse routing")


def test_a_first_section_not_named_introduction_is_the_introduction() -> None:
    b = _paper("We study sparse routing. " + BODY)
    b.styled_heading("1 Motivation and Summary of Results")
    b.para(BODY * 2)
    b.para("The rest of this paper proves these results one by one in order.")
    b.styled_heading("2 Method")
    b.para(BODY)
    assert _sheet(b).intro_last_paragraph.startswith("The rest of this paper proves")


def test_abstract_cut_by_footnotes_at_a_column_break_goes_on_in_the_next_column() -> None:
    b = StyledBuilder(body=10)
    _front(b, "Sparse Routing for Efficient Language Models", "Maria Rossi and Kenji Tanaka")
    b.two_columns()
    b.y = 560
    b.styled_heading("Abstract", 12)
    b.para("We study sparse routing in language models. " + BODY + "We show that the router")
    b.page.insert_text(
        (72, 745), "*Equal contribution. Work done at Example Labs.", fontsize=8, fontname="tiro"
    )
    b.col, b.y = 1, 160
    b.para("keeps every expert busy during training. It ends here in the end.")
    b.styled_heading("1 Introduction")
    b.para(BODY * 3)
    b.styled_heading("2 Method")
    b.para(BODY)
    s = _sheet(b)
    assert s.abstract.startswith("We study sparse routing")
    assert s.abstract.endswith(
        "We show that the router keeps every expert busy during training. It ends here in the end."
    )
    assert "Equal contribution" not in s.abstract


def test_names_with_lower_case_particles_are_authors() -> None:
    s = _signed("Devendra Singh Chaplot, Diego de las Casas, Florian Bressand")
    assert s.authors == ["Devendra Singh Chaplot", "Diego de las Casas", "Florian Bressand"]


def test_numbered_heading_in_capitals_at_body_size_is_a_section() -> None:
    b = _paper("We study sparse routing. " + BODY)
    b.styled_heading("I. Introduction")
    b.para(BODY * 2)
    b.styled_heading("II. Approach")
    b.para(BODY * 2)
    b.y += 6
    b.pieces([("III. EXPERIMENTS", "tiro", 10)], x=200)
    b.y += 4
    b.para(BODY * 2)
    b.styled_heading("IV. Conclusion")
    b.para("We presented sparse routing. " + BODY)
    s = _sheet(b)
    assert [x.title.lower() for x in s.main_sections] == [
        "introduction",
        "approach",
        "experiments",
        "conclusion",
    ]


def test_a_second_author_block_beside_the_first_is_read() -> None:
    b = StyledBuilder(body=10)
    b.y = 90
    b.pieces([("A Scalable Tree Boosting System", "hebo", 18)], center=True)
    b.y += 10
    row = b.y
    for x, name, place in (
        (140, "Tianqi Chen", "University of Washington"),
        (380, "Carlos Guestrin", "University of Washington"),
    ):
        b.y = row
        b.pieces([(name, "helv", 12)], x=x)
        b.pieces([(place, "helv", 10)], x=x)
    b.y += 20
    b.two_columns()
    b.styled_heading("ABSTRACT", 12)
    b.para("Tree boosting is a highly effective and widely used method. " + BODY * 2)
    b.styled_heading("1. INTRODUCTION", 12)
    b.para(BODY * 8)
    b.styled_heading("2. METHOD", 12)
    b.para(BODY * 8)
    s = _sheet(b)
    assert s.authors == ["Tianqi Chen", "Carlos Guestrin"]


def test_wrapped_chapter_title_set_tight_is_one_heading_and_running_heads_are_not() -> None:
    b = _report(contents=False)
    b.new_page()
    b.pieces([("5.1 SHARED MEMORY 12", "tiro", 10)], x=72)  # a running head in capitals
    b.y += 20
    b.styled_heading("Chapter 5", 14)
    b.pieces([("Volta boards with NVIDIA NVLink", "tibo", 20)])
    b.y -= 2  # tight leading: the second line overlaps the first line's box a little
    b.pieces([("support", "tibo", 20)])
    b.para(BODY * 3)
    s = _sheet(b)
    titles = [x.title for x in s.sections if x.level == 1]
    assert "Volta boards with NVIDIA NVLink support" in titles
    assert not any("SHARED MEMORY" in x.title for x in s.sections)


def test_contents_below_the_abstract_and_ending_mid_page_are_skipped() -> None:
    b = StyledBuilder(body=10)
    _front(b, "Switching Experts at Scale", "Maria Rossi and Kenji Tanaka")
    b.styled_heading("Abstract", 12, center=True)
    b.para("We scale sparse experts to a trillion parameters. " + BODY, indent=24)
    b.styled_heading("Contents", 14)
    entries = [("1", "Introduction", 3), ("2", "Switch Transformer", 4), ("2.1", "Routing", 5)]
    entries += [("3", "Experiments", 9), ("4", "Conclusion", 12)]
    for num, title, page in entries:  # top-level entries in bold, as LaTeX sets them
        font = "tiro" if "." in num else "tibo"
        b.pieces([(f"{num}  {title} " + ". " * 25 + f" {page}", font, 10)])
    b.y += 10
    b.styled_heading("1 Introduction")
    b.para(BODY * 2)
    b.para("The rest of the paper is organised as follows in four sections.")
    b.new_page()
    b.styled_heading("2 Switch Transformer")
    b.para(BODY * 2)
    b.styled_heading("3 Experiments")
    b.para(BODY * 2)
    b.styled_heading("4 Conclusion")
    b.para("We switched experts at scale. " + BODY)
    s = _sheet(b)
    assert [x.title for x in s.main_sections] == [
        "Introduction",
        "Switch Transformer",
        "Experiments",
        "Conclusion",
    ]
    assert s.abstract.startswith("We scale sparse experts") and "Routing" not in s.abstract
    assert s.intro_last_paragraph.startswith("The rest of the paper is organised")
    first = extract_page(b.doc[0], 0, 0)
    assert drop_contents_pages([first]) == [0]
    texts = [ln.text for ln in first.lines]
    assert "Contents" not in texts and not any(". . ." in t for t in texts)
    assert "1 Introduction" in texts and texts[-1].startswith("The rest of the paper")


def test_a_team_on_its_own_line_after_the_named_authors_is_an_author() -> None:
    s = _signed("Sam Rivers, Jared Kaplan, Dario Amodei", "and the OpenAI Dota Team", "OpenAI")
    assert s.authors == ["Sam Rivers", "Jared Kaplan", "Dario Amodei", "OpenAI Dota Team"]


def test_a_short_last_section_under_another_name_concludes_the_paper() -> None:
    b = _paper("We study sparse routing. " + BODY)
    _body(b)
    b.styled_heading("3 Experiments")
    b.para(BODY * 2)
    b.styled_heading("4 Where We Go From Here")
    b.para("In this paper we showed that sparse routing works; next we take it to larger models. " + BODY)
    b.styled_heading("References")
    b.para("A. Author. 2020. A paper.", size=9)
    s = _sheet(b)
    assert s.conclusion is not None and s.conclusion.heading == "Where We Go From Here"


def test_a_paper_ending_with_its_experiments_has_no_conclusion() -> None:
    b = _paper("We study sparse routing. " + BODY)
    _body(b)
    b.styled_heading("3 Experiments")
    b.para(BODY * 2)
    b.styled_heading("References")
    b.para("A. Author. 2020. A paper.", size=9)
    assert _sheet(b).conclusion is None


def test_small_raised_mark_without_mupdf_flag_is_dropped_by_size_and_baseline() -> None:
    from paperpass.pdf.layout import _line_from
    from paperpass.pdf.rawtext import RawLine, Span

    spans = [
        Span("trained on labeled data.", 10.0, False, False, 72.0, 180.0, chars=22),
        Span("1", 7.0, False, False, 180.0, 184.0, chars=1),
    ]
    keys = [("Times", 700.0), ("Times", 696.0)]  # the mark sits 4 pt above the baseline
    line = _line_from([RawLine(72.0, 690.0, 184.0, 702.0, spans, keys)], 1, 1)
    assert line is not None and line.text == "trained on labeled data."


def test_an_address_line_gives_no_author_and_the_company_signs() -> None:
    assert _signed("Essential AI", "San Francisco, CA", "research@essential.ai").authors == ["Essential AI"]


def test_a_paragraph_of_author_names_is_no_headless_abstract() -> None:
    b = StyledBuilder(body=10)
    b.y = 90
    b.pieces([("Byte Latent Transformers Scale Better Than Tokens", "hebo", 16)], x=72)
    names = [
        "Artidoro Pagnoni, Ram Pasunuru, Pedro Rodriguez, John Nguyen, Benjamin Muller,",
        "Chunting Zhou, Lili Yu, Jason Weston, Luke Zettlemoyer, Gargi Ghosh, Mike Lewis,",
        "Srinivasan Iyer",
    ]
    for text in names:
        b.pieces([(text, "hebo", 9)], x=72)
    b.y += 10
    b.pieces(
        [
            (
                "We introduce the Byte Latent Transformer, a new byte-level architecture that, for the",
                "tiro",
                10,
            )
        ]
    )
    b.y += 2  # MuPDF sets this first line apart as a block of its own
    b.para("first time, matches token-based models at scale. " + BODY * 2)
    _body(b)
    s = _sheet(b)
    assert s.abstract.startswith("We introduce the Byte Latent Transformer")
    assert s.authors[:2] == ["Artidoro Pagnoni", "Ram Pasunuru"] and len(s.authors) == 12


def test_a_url_line_in_a_typewriter_font_ends_the_abstract_sentence() -> None:
    b = _paper()
    b.styled_heading("Abstract", 12, center=True)
    b.para("We study sparse routing. " + BODY + "The code is at", indent=24)
    b.y -= 6
    b.pieces([("https://github.com/example/routing.", "cour", 8)], x=96)
    b.y += 10
    _body(b)
    assert _sheet(b).abstract.endswith("The code is at https://github.com/example/routing.")


def test_an_author_grid_above_a_centred_abstract_heading_is_read_before_it() -> None:
    b = StyledBuilder(body=10)
    b.y = 90
    b.pieces([("Scaling Giant Models with Conditional Computation", "tibo", 16)], center=True)
    b.y += 10
    grid = [
        ("Dmitry Lepikhin", "HyoukJoong Lee", "Yuanzhong Xu"),
        ("Dehao Chen", "Orhan Firat", "Yanping Huang"),
        ("Maxim Krikun", "Noam Shazeer", "Zhifeng Chen"),
    ]
    for row in grid:
        top = b.y
        for x, name in zip((110, 260, 410), row, strict=True):
            b.y = top
            b.pieces([(name, "tibo", 10)], x=x)
            b.pieces([(name.split()[0].lower() + "@google.com", "cour", 8)], x=x)
        b.y += 6
    b.styled_heading("Abstract", 12, center=True)
    b.para("Neural network scaling has been critical for improving the model quality. " + BODY, indent=24)
    b.styled_heading("1 Introduction")
    b.para(BODY * 6)
    b.styled_heading("2 Method")
    b.para(BODY * 6)
    s = _sheet(b)
    assert s.abstract.startswith("Neural network scaling has been critical")
    assert len(s.authors) == 9 and s.authors[:3] == ["Dmitry Lepikhin", "HyoukJoong Lee", "Yuanzhong Xu"]


def test_numbered_lines_of_a_code_listing_are_no_sections() -> None:
    b = _paper("We study sparse routing. " + BODY)
    b.styled_heading("1 Introduction")
    b.para(BODY * 2)
    for text, font in (
        ("1 PROMPT DICT{", "cour"),
        ("2 prompt input: (", "cobo"),
        ("3 'Below is an instruction that describes a task.'", "cour"),
    ):
        b.pieces([(text, font, 10)])
        b.y += 5  # each listing line a block of its own
    b.para(BODY)
    b.styled_heading("2 Dataset")
    b.para(BODY)
    b.styled_heading("3 Conclusion")
    b.para("We presented sparse routing. " + BODY)
    assert [x.title for x in _sheet(b).main_sections] == ["Introduction", "Dataset", "Conclusion"]


def test_a_small_caps_title_wrapped_onto_small_letters_only_is_whole() -> None:
    from _pdfgen import smallcaps_pieces

    b = StyledBuilder(body=10)
    b.y = 90
    b.pieces(smallcaps_pieces("Large Batch Training of Convolutional Net-", 17))
    b.pieces(smallcaps_pieces("works", 17))
    b.pieces([("Yang You, Igor Gitman and Boris Ginsburg", "tiro", 10)])
    b.y += 10
    b.styled_heading("Abstract", 12, center=True)
    b.para("A common way to speed up training is to use large batches. " + BODY, indent=24)
    _body(b)
    assert _sheet(b).title == "Large Batch Training of Convolutional Networks"


def test_tiny_text_under_the_abstract_heading_is_not_the_abstract() -> None:
    b = _paper()
    b.styled_heading("Abstract", 12, center=True)
    b.pieces([("Hadamard product of 2 linear projections", "helv", 6)], x=400)
    b.para("Gated Linear Units consist of the product of two linear projections. " + BODY, indent=24)
    _body(b)
    assert _sheet(b).abstract.startswith("Gated Linear Units consist of the product")


def test_by_before_an_author_name_is_dropped() -> None:
    assert _signed("By Claude E. Shannon").authors == ["Claude E. Shannon"]


def test_a_short_last_section_without_closing_words_is_no_conclusion() -> None:
    b = _paper("We study sparse routing. " + BODY)
    _body(b)
    b.styled_heading("3 Experiments")
    b.para(BODY * 2)
    b.styled_heading("4 A Worked Example on Digits")
    b.para("The encoder maps each digit image to a code of sixteen numbers. " + BODY)
    b.styled_heading("References")
    b.para("A. Author. 2020. A paper.", size=9)
    assert _sheet(b).conclusion is None


def test_names_set_apart_by_wide_gaps_without_commas_are_separate_authors() -> None:
    b = StyledBuilder(body=10)
    b.y = 90
    b.pieces([("Fine-Tuning Language Models from Human Preferences", "tibo", 15)], center=True)
    b.y += 8
    x = 150.0
    for name in ("Daniel M. Ziegler", "Nisan Stiennon", "Jeffrey Wu", "Tom B. Brown"):
        b.page.insert_text((x, b.y + 10), name, fontsize=10, fontname="tiro")
        x += pymupdf.get_text_length(name, fontname="tiro", fontsize=10) + 11
    b.y += 30
    b.styled_heading("Abstract", 12, center=True)
    b.para("Reward learning enables reinforcement learning on tasks judged by people. " + BODY, indent=24)
    _body(b)
    assert _sheet(b).authors == ["Daniel M. Ziegler", "Nisan Stiennon", "Jeffrey Wu", "Tom B. Brown"]


def test_one_letter_weight_suffix_marks_a_bold_font() -> None:
    from paperpass.pdf.rawtext import _is_bold

    assert _is_bold("AdvTimes-b", 4) and _is_bold("ABCDEF+AdvTimes-bi", 4)
    assert not _is_bold("AdvTimes", 4) and not _is_bold("AdvTimes-i", 4) and not _is_bold("Verdana-Lob", 4)


def test_body_size_is_read_from_the_body_not_a_long_small_reference_list() -> None:
    b = _paper("We study sparse routing. " + BODY)
    b.y += 6
    b.pieces([("Ada Lovelace, Place du Levant 3, 1348 Louvain-la-Neuve - Belgium", "tiro", 9)], center=True)
    b.styled_heading("1 Introduction", 11)
    b.para(BODY * 12)
    b.para("Our last introductory paragraph says what the paper contributes.")
    b.styled_heading("2 Method", 11)
    b.para(BODY * 12)
    b.styled_heading("3 Conclusion", 11)
    b.para("We presented sparse routing. " + BODY)
    b.styled_heading("References", 11)
    for k in range(1, 75):
        b.para(
            f"[{k}] A. Author and B. Author. A paper about sparse routing in models. In Proceedings, 2020.",
            size=8,
        )
    s = _sheet(b)
    assert [x.title for x in s.main_sections] == ["Introduction", "Method", "Conclusion"]
    assert s.intro_last_paragraph.startswith("Our last introductory paragraph")


def test_an_address_ending_in_a_country_gives_no_author() -> None:
    s = _signed("Benoit Frenay and Ata Kaban", "Place du Levant 3, 1348 Louvain-la-Neuve - Belgium")
    assert s.authors == ["Benoit Frenay", "Ata Kaban"]
