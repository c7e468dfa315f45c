"""PDF generators for the paperpass.pdf tests (pymupdf only)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pymupdf

from paperpass.pdf import Survey, survey_bytes

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


# --- richer layouts for robustness tests (ACL, IEEE, JMLR, ICML, ICLR styles) ---------------------

Piece = tuple[str, str, float]  # text, font, size


class StyledBuilder(PaperBuilder):
    """PaperBuilder with mixed-font lines, small caps, centring in a column and floats."""

    def __init__(self, columns: int = 1, body: float = 10, font: str = "tiro") -> None:
        super().__init__(columns)
        self.body = body
        self.font = font

    def pieces(self, pieces: list[Piece], x: float | None = None, center: bool = False) -> None:
        """One printed line made of several font runs on one baseline."""
        size = max(p[2] for p in pieces)
        self._advance(size * 1.4)
        width = sum(pymupdf.get_text_length(t, fontname=f, fontsize=s) for t, f, s in pieces)
        if x is None:
            x = self.x0 + (self.width - width) / 2 if center else self.x0
        for text, font, sz in pieces:
            short = text.strip().isdigit() or (len(text.strip()) <= 2 and text.strip().isalpha())
            rise = 0.35 * size if sz < 0.7 * size and short else 0.0  # superscript mark
            if text.isascii():
                self.page.insert_text((x, self.y + size - rise), text, fontsize=sz, fontname=font)
            else:  # base-14 simple fonts lack em dashes and the like: embed a Unicode font
                writer = pymupdf.TextWriter(self.page.rect)
                writer.append((x, self.y + size - rise), text, font=_font(font), fontsize=sz)
                writer.write_text(self.page)
            x += pymupdf.get_text_length(text, fontname=font, fontsize=sz)
        self.y += size * 1.3

    def smallcaps(self, text: str, size: float, font: str = "tiro", center: bool = False) -> None:
        """A heading in fake small caps: capitals at ``size``, lower-case letters as 0.8x capitals."""
        self._advance(size * 3)
        self.y += size * 0.7
        self.pieces(smallcaps_pieces(text, size, font), center=center)
        self.y += size * 0.4

    def styled_heading(self, text: str, size: float = 12, font: str = "tibo", center: bool = False) -> None:
        self._advance(size * 3)
        self.y += size * 0.7
        self.pieces([(text, font, size)], center=center)
        self.y += size * 0.3

    def para(self, text: str, size: float | None = None, font: str | None = None, indent: float = 0) -> None:
        """A justified-looking paragraph in the builder's body font, optionally indented (both sides)."""
        size = size or self.body
        font = font or self.font
        lines: list[list[str]] = [[]]
        space = _width(" ", font) * size
        used = 0.0
        for w in text.split():
            width = _width(w, font) * size
            if lines[-1] and used + space + width > self.width - 2 * indent:
                lines.append([w])
                used = width
            else:
                used += (space if lines[-1] else 0.0) + width
                lines[-1].append(w)
        for ln in lines:
            self._advance(size * 1.3)
            self.page.insert_text(
                (self.x0 + indent, self.y + size), " ".join(ln), fontsize=size, fontname=font
            )
            self.y += size * 1.22
        self.y += size * 0.6

    def run_in(self, head: str, text: str, head_font: str = "tibo") -> None:
        """A paragraph opening with a bold run-in head ('Acknowledgements We thank ...')."""
        first, rest = text.split(" ", 1)
        self.pieces([(head + " ", head_font, self.body), (first, self.font, self.body)])
        self.y -= self.body * 0.08
        self.para(rest)

    def hrule(self) -> None:
        self.page.draw_line((self.x0, self.y), (self.x0 + self.width, self.y), width=1.5)
        self.y += 6

    def stamp(self, text: str) -> None:
        """A rotated arXiv-style stamp in the left margin of the current page."""
        self.page.insert_text((32, 560), text, fontsize=20, fontname="tiro", rotate=90, color=(0.5, 0.5, 0.5))

    def two_columns(self) -> None:
        self.columns = 2
        self.col = 0


@cache
def _width(word: str, font: str) -> float:
    """Width of ``word`` at 1 pt (cached: MuPDF's string measuring is slow from Python)."""
    return float(pymupdf.get_text_length(word, fontname=font, fontsize=1))


@cache
def _font(name: str) -> Any:
    return pymupdf.Font(name)


def smallcaps_pieces(text: str, size: float, font: str = "tiro") -> list[Piece]:
    """Runs for fake small caps: upper-case letters at ``size``, others upper-cased at 0.8x."""
    out: list[Piece] = []
    for ch in text:
        big = not ch.isalpha() or ch.isupper()
        sz = size if big or ch == " " else round(size * 0.8, 1)
        glyph = ch if big else ch.upper()
        if out and out[-1][2] == sz:
            out[-1] = (out[-1][0] + glyph, font, sz)
        else:
            out.append((glyph, font, sz))
    return out


BODY = (
    "Recent models learn useful representations from large collections of unlabeled text. "
    "We build on this line of work and describe a procedure that is simple to apply in practice. "
)


def _front(b: StyledBuilder, title: str, authors: list[Piece] | str, title_font: str = "tibo") -> None:
    b.y = 90
    b.pieces([(title, title_font, 15)], center=True)
    b.y += 6
    b.pieces(authors if isinstance(authors, list) else [(authors, "tiro", 11)], center=True)
    b.pieces([("Department of Computing, University of Somewhere", "tiro", 10)], center=True)
    b.y += 12


def _float(b: StyledBuilder, label: str, caption: str, above: bool = False, size: float = 9) -> None:
    if above:
        b.para(f"{label} {caption}", size=size)
        b.figure_box(40)
    else:
        b.figure_box(50)
        b.para(f"{label} {caption}", size=size)


def acl_paper() -> StyledBuilder:
    """ACL/EMNLP: two columns, centred 'Abstract', numbered sections, 'Limitations' after the conclusion."""
    b = StyledBuilder(body=10)
    _front(b, "Compositional Parsing with Sparse Experts", "Maria Rossi and Kenji Tanaka")
    b.two_columns()
    b.styled_heading("Abstract", 12, center=True)
    b.para("We describe a parser that composes sparse experts. " + BODY, size=9.5, indent=12)
    b.styled_heading("1 Introduction")
    b.para(BODY * 3)
    b.para("Our contributions are a parser, a benchmark and an analysis of sparse routing in practice.")
    b.styled_heading("2 Method")
    b.para(BODY * 2)
    b.pieces([("L = \u2212 \u03a3 log p(y | x)", "tiro", 10), ("          (1)", "tiro", 10)])
    b.para(BODY)
    b.pieces([("Algorithm 1", "tibo", 10), (" Sparse routing", "tiro", 10)])
    b.para("1: for each token do 2: pick the top expert 3: end for", size=9)
    b.styled_heading("2.1 Routing", 11)
    b.para(BODY * 2)
    _float(b, "Table 1:", "Parsing accuracy of all systems on the three test sets.", above=True)
    b.styled_heading("3 Experiments")
    b.para(BODY * 3)
    _float(b, "Figure 1:", "Accuracy as a function of the number of experts used.")
    b.styled_heading("4 Conclusion")
    b.para("We presented a parser built from sparse experts. It is accurate and fast. " + BODY)
    b.styled_heading("Limitations")
    b.para("Our study covers English only, and the benchmark is small. " + BODY)
    b.styled_heading("Acknowledgments")
    b.para("We thank the reviewers for their comments.")
    b.styled_heading("References")
    b.para("A. Author. 2020. A paper. In Proceedings of ACL.", size=9)
    return b


def ieee_paper() -> StyledBuilder:
    """IEEE: 'Abstract—' run-in, 'Index Terms', roman small-caps headings, 'Fig. 1.', 'TABLE I' above."""
    b = StyledBuilder(body=10)
    _front(b, "Robust Detection of Small Objects in Aerial Images", "Li Wei, Ana Costa, and Omar Haddad")
    b.two_columns()
    b.pieces(
        [("Abstract\u2014", "tibi", 9), ("We propose a detector for small objects in aerial", "tibo", 9)]
    )
    b.para("images. " + BODY + "It runs in real time on embedded hardware.", size=9, font="tibo")
    b.pieces([("Index Terms\u2014", "tibi", 9), ("object detection, aerial imagery.", "tibo", 9)])
    b.y += 6
    for num, title in (("I.", "Introduction"), ("II.", "Related Work"), ("III.", "Proposed Method")):
        b.smallcaps(f"{num} {title.upper()[0]}{title[1:]}", 10, center=True)
        b.para(BODY * 2)
        if num == "III.":
            b.pieces([("A. ", "tiit", 10), ("Feature Pyramid", "tiit", 10)])
            b.para(BODY)
            b.figure_box(50)
            b.para("Fig. 1. Overview of the detector and its feature pyramid.", size=8)
            b.para(BODY)
    b.smallcaps("IV. Experiments", 10, center=True)
    b.pieces([("TABLE I", "tiro", 8)], center=True)
    b.pieces([("Detection Accuracy on Three Datasets", "tiro", 8)], center=True)
    b.figure_box(40)
    b.para(BODY * 2)
    b.smallcaps("V. Conclusion", 10, center=True)
    b.para("We proposed a small-object detector. It is accurate on aerial images. " + BODY)
    b.smallcaps("References", 10, center=True)
    b.para("[1] A. Author, \u201cA paper,\u201d in Proc. CVPR, 2020.", size=8)
    return b


def jmlr_paper() -> StyledBuilder:
    """JMLR/techreport: one column, 'Keywords' after the abstract, '1.' numbering, 'Conclusions and ...'."""
    b = StyledBuilder(body=11)
    _front(b, "Kernel Methods for Sequential Decisions", "Hanna Berg and Tom\u00e1s Silva")
    b.styled_heading("Abstract", 12, center=True)
    b.para("Kernel methods give sequential decision making a sound footing. " + BODY, size=10, indent=30)
    b.pieces([("Keywords:", "tibo", 10), (" kernels, bandits, reinforcement learning", "tiro", 10)], x=102)
    b.styled_heading("1. Introduction")
    b.para(BODY * 2)
    b.styled_heading("1.1 Motivation", 11)
    b.para(BODY * 2)
    b.para("The remainder of this paper is organised as follows, section by section.")
    b.styled_heading("2. Kernel Bandits")
    b.para(BODY * 2)
    b.para("FIGURE 1: Regret of the kernel bandit against the number of rounds played.", size=9)
    b.styled_heading("3. Conclusions and Future Work")
    b.para("Kernel bandits are practical. " + BODY)
    b.run_in("Acknowledgements", "We thank the funding agency for its generous support.")
    b.styled_heading("References")
    b.para("A. Author. A paper. Journal of Machine Learning Research, 2020.", size=10)
    return b


def icml_paper() -> StyledBuilder:
    """ICML: title between rules, affiliation marks, arXiv stamp, preprint footer, 'Figure 1.' captions."""
    b = StyledBuilder(body=10)
    b.y = 80
    b.hrule()
    b.pieces([("Scaling Sparse Attention to Long Documents", "tibo", 14)], center=True)
    b.hrule()
    b.y += 6
    authors: list[Piece] = [("Ana Ruiz", "tibo", 10), ("1", "tiro", 6), (" Peter Novak", "tibo", 10)]
    b.pieces([*authors, ("1 2", "tiro", 6)], center=True)
    b.y += 10
    b.stamp("arXiv:2401.01234v2 [cs.LG] 3 Feb 2024")
    b.page.insert_text((72, 760), "Preprint. Under review.", fontsize=9, fontname="tiro")
    b.two_columns()
    b.styled_heading("Abstract", 11, center=True)
    b.para("Long documents strain attention. " + BODY, indent=10)
    b.styled_heading("1. Introduction", 11)
    b.para(BODY * 3)
    b.para("In short, sparse attention scales to long documents without losing accuracy.")
    b.styled_heading("2. Sparse Attention", 11)
    b.para(BODY * 2)
    b.figure_box(40)
    b.para("(a) Training loss", size=8)
    b.para("(b) Validation loss", size=8)
    b.para(
        "Figure 1. Loss curves of dense and sparse attention on long documents, over training steps, "
        "averaged over three seeds.",
        size=9,
    )
    b.para(BODY * 2)
    b.para("Table 1. Results on long-document benchmarks.", size=9)
    b.figure_box(40)
    b.styled_heading("3. Concluding Remarks", 11)
    b.para("Sparse attention reads long documents. " + BODY)
    b.styled_heading("References", 11)
    b.para("Author, A. A paper. In ICML, 2020.", size=9)
    return b


def iclr_paper() -> StyledBuilder:
    """ICLR: title and headings in fake small caps; 'Discussion' concludes; small-caps 'References'."""
    b = StyledBuilder(body=10)
    b.y = 90
    b.pieces(smallcaps_pieces("LoRe: Low-Rank Experts for Vision Models", 17.2), x=108)
    b.y += 8
    b.pieces([("Iris Chen & David Okafor", "tibo", 10)], x=108)
    b.y += 12
    b.smallcaps("Abstract", 12, center=True)
    b.para("Low-rank experts adapt vision models cheaply. " + BODY, indent=36)
    b.smallcaps("1 Introduction", 12)
    b.para(BODY * 2)
    b.para("We release code and models so that others can build on this work.")
    b.smallcaps("2 Low-rank Experts", 12)
    b.smallcaps("2.1 Expert Routing", 10)
    b.para(BODY * 2)
    b.smallcaps("3 Discussion", 12)
    b.para("Low-rank experts are cheap and accurate. " + BODY)
    b.smallcaps("References", 12)
    b.para("A. Author. A paper. In ICLR, 2020.")
    return b


def report_paper() -> StyledBuilder:
    """A report with unnumbered bold headings, no outline and a 'Summary' at the end."""
    b = StyledBuilder(body=10, font="helv")
    _front(b, "Training Notes on Large Sparse Models", "Rosa Lind and Ivan Petrov", title_font="hebo")
    b.para("This report collects lessons from training sparse models at scale. " + PARA)
    for title in ("Introduction", "Our Training Setup", "Scaling Behaviour", "Summary"):
        b.styled_heading(title, 13, font="hebo")
        b.para(PARA * 2, font="helv")
    b.styled_heading("References", 13, font="hebo")
    b.para("A. Author. A paper. 2020.", font="helv")
    return b


def neurips_paper() -> StyledBuilder:
    """NeurIPS: two-line title, author grid with affiliations, intro subsection, 'Broader Impact'."""
    b = StyledBuilder(body=10)
    b.y = 90
    b.pieces([("Learning to Route Tokens Across Many", "tibo", 17)], center=True)
    b.pieces([("Experts in Sparse Transformers", "tibo", 17)], center=True)
    b.y += 10
    for row in (("Alice Zhang", "Bob Mueller", "Carla Diaz"), ("Dmitri Ivanov", "Eve Kowalski")):
        for k, name in enumerate(row):
            x = 110 + 140 * k
            b.page.insert_text((x, b.y + 10), name, fontsize=10, fontname="tibo")
            b.page.insert_text((x, b.y + 22), "University of Somewhere", fontsize=9, fontname="tiro")
            b.page.insert_text((x, b.y + 33), "name@example.org", fontsize=9, fontname="cour")
        b.y += 45
    b.page.insert_text((72, 760), "Preprint. Under review.", fontsize=9, fontname="tiro")
    b.styled_heading("Abstract", 12, center=True)
    b.para("Routing tokens is hard. " + BODY, indent=36)
    b.styled_heading("1   Introduction")
    b.para(BODY * 3)
    b.styled_heading("1.1   Contributions", 10)
    b.para("We contribute a router, a benchmark and an analysis, summarised below in a short list.")
    b.styled_heading("2   Method")
    b.para(BODY * 3)
    b.styled_heading("3   Discussion and Conclusion")
    b.para("Routing works. " + BODY)
    b.styled_heading("Broader Impact")
    b.para("None foreseen. " + BODY)
    b.styled_heading("References")
    b.para("[1] A. Author. A paper. 2020.", size=9)
    return b


# --- template rules of bench/styles (amsart, revtex, IEEE journal, elsarticle, acmart) -------------

SC_FONT = "cour"  # set in Courier, renamed to a small-caps font by ``small_caps_font``


def small_caps_font(b: PaperBuilder, name: str = "CMCSC10") -> None:
    """Rename the Courier runs' font to ``name`` (a font of real small capitals such as CMCSC10)."""
    for page in b.doc:
        for xref, _ext, _type, basefont, *_ in page.get_fonts():
            if basefont == "Courier":
                b.doc.xref_set_key(xref, "BaseFont", f"/{name}")


def amsart_paper() -> StyledBuilder:
    """amsart: capitals 'A AND B' authors, small-caps-font headings at body size, run-in bold '2.1.'."""
    b = StyledBuilder(body=10.9)
    b.y = 90
    b.pieces([("GRADIENT FLOW ON SMALL LINEAR NETWORKS", "tibo", 10.9)], center=True)
    b.y += 8
    b.pieces([("ALICE SMITH AND BOB JONES", "tiro", 9)], center=True)
    b.y += 8
    b.pieces([("Abstract.", SC_FONT, 9), (" We study gradient flow on small linear networks and", "tiro", 9)])
    b.para("prove that it converges to a balanced solution. " + BODY, size=9)
    for num, title in (("1. ", "Introduction"), ("2. ", "Setting")):
        b.y += 12
        b.pieces([(num, "tiro", 10.9), (title, SC_FONT, 10.9)], center=True)
        b.y += 4
        if num == "1. ":
            b.para(BODY * 2)
            b.para("Our results connect two lines of research on gradient flow and linear networks.")
    b.y += 8
    b.pieces(
        [
            ("2.1. ", "tiro", 10.9),
            ("In-context regression.", "tibo", 10.9),
            (" Each prompt has pairs", "tiro", 10.9),
        ]
    )
    b.para(BODY)
    b.y += 8
    b.pieces([("Table 1.", SC_FONT, 10.9), (" Time at which each direction is learned.", "tiro", 10.9)])
    b.figure_box(40)
    b.y += 8
    b.pieces([("Table 3. To represent the results we plot the loss for each run.", "tiro", 10.9)])
    b.para(BODY)
    b.y += 12
    b.pieces([("3. ", "tiro", 10.9), ("Discussion", SC_FONT, 10.9)], center=True)
    b.y += 4
    b.para("We characterised the implicit bias of gradient flow. " + BODY)
    b.y += 12
    b.pieces([("References", SC_FONT, 10.9)], center=True)
    b.para("[1] A. Author, A paper, ICML, 2023.", size=9)
    small_caps_font(b)
    return b


def revtex_paper() -> StyledBuilder:
    """revtex: italic affiliations, '(Dated: ...)', bold 'I. INTRODUCTION' headings smaller than the text."""
    b = StyledBuilder(body=10)
    b.y = 70
    b.pieces([("Neural Quantum States for Frustrated Magnets", "tibo", 12)], center=True)
    b.y += 6
    b.pieces(
        [
            ("Anna M. Kowalczyk", "tiro", 10),
            ("1", "tiro", 6),
            (" and Rohan Iyer", "tiro", 10),
            ("2", "tiro", 6),
        ],
        center=True,
    )
    b.pieces(
        [("1", "tiro", 6), ("Faculty of Physics, University of Warsaw, Warsaw, Poland", "tiit", 9)],
        center=True,
    )
    b.pieces(
        [("2", "tiro", 6), ("Flatiron Institute, New York, New York 10010, USA", "tiit", 9)], center=True
    )
    b.pieces([("(Dated: June 1, 2024)", "tiro", 9)], center=True)
    b.y += 6
    b.para("Variational Monte Carlo finds ground states of magnets. " + BODY, size=9, indent=40)
    b.y += 6
    b.two_columns()
    for title in ("I. INTRODUCTION", "II. METHOD", "III. CONCLUSIONS"):
        b.styled_heading(title, 9, center=True)
        if title == "II. METHOD":
            b.styled_heading("A. Equivariant attention", 9, center=True)
        b.para(BODY * 2)
    return b


def ieee_journal_paper() -> StyledBuilder:
    """IEEE journal: italic membership grades after names, 'Appendix A' headings, small-caps table title."""
    b = StyledBuilder(body=10)
    _front(
        b,
        "Graph Networks for Traffic Forecasting",
        [
            ("Daniel K. Osei, ", "tiro", 11),
            ("Student Member, IEEE,", "tiit", 11),
            (" Ingrid Halvorsen, and Rafael Mendes,", "tiro", 11),
            (" Senior Member, IEEE", "tiit", 11),
        ],
    )
    b.pieces([("Abstract\u2014", "tibi", 9), ("Graph networks forecast traffic on road", "tibo", 9)])
    b.para("networks. " + BODY, size=9, font="tibo")
    for num, title in (("I.", "Introduction"), ("II.", "Proposed Model"), ("III.", "Conclusion")):
        b.smallcaps(f"{num} {title}", 10, center=True)
        b.para(BODY * 2)
        if num == "II.":
            b.pieces([("A. ", "tiit", 10), ("Reliability Gate", "tiit", 10)])
            b.para(BODY)
            b.pieces([("TABLE I", "tiro", 8)], center=True)
            b.pieces(smallcaps_pieces("Forecasting Accuracy and Calibration at a", 8), center=True)
            b.y -= 2
            b.pieces(smallcaps_pieces("Sixty Minute Horizon", 8), center=True)
            b.figure_box(40)
            b.para(BODY)
    b.smallcaps("Appendix A", 10, center=True)
    b.y -= 2
    b.pieces(smallcaps_pieces("Proof of Variance Bound", 10), center=True)
    b.para(BODY)
    b.smallcaps("References", 10, center=True)
    b.para("[1] A. Author, \u201cA paper,\u201d in Proc. KDD, 2020.", size=8)
    return b


def elsarticle_paper() -> StyledBuilder:
    """elsarticle: an author name wrapped over two lines, italic stand-alone '2.1.' subsections."""
    b = StyledBuilder(body=12)
    b.y = 90
    b.pieces([("Offline Learning with Conservative Policies", "tiro", 17)], center=True)
    b.y += 8
    b.pieces(
        [
            ("Wei Zhang", "tiro", 12),
            ("a", "tiro", 8),
            (", Xinyi Chen", "tiro", 12),
            ("a", "tiro", 8),
            (", Jonas Schmidt", "tiro", 12),
            ("b", "tiro", 8),
            (", Kwame", "tiro", 12),
        ],
        center=True,
    )
    b.y -= 2
    b.pieces([("Mensah", "tiro", 12), ("b", "tiro", 8)], center=True)
    b.y += 4
    b.pieces(
        [("a", "tiro", 7), ("School of Engineering, Shanghai University, Shanghai, China", "tiit", 10)],
        center=True,
    )
    b.pieces(
        [("b", "tiro", 7), ("Robotics Institute, Technical University, Darmstadt, Germany", "tiit", 10)],
        center=True,
    )
    b.y += 12
    b.styled_heading("Abstract", 12)
    b.para("Offline learning turns logged data into policies. " + BODY)
    for title in ("1. Introduction", "2. Background", "3. Discussion"):
        b.styled_heading(title, 12)
        if title == "2. Background":
            for sub in ("2.1. Offline Reinforcement Learning", "2.2. Diffusion Models"):
                b.styled_heading(sub, 12, font="tiit")
                b.para(BODY)
        else:
            b.para(BODY * 2)
    b.styled_heading("References", 12)
    b.para("[1] A. Author, A paper, Neural Networks, 2020.", size=10)
    return b


def acmart_paper() -> StyledBuilder:
    """acmart: an overfull left-column line ending in the gutter; a body-size caption after the intro."""
    b = StyledBuilder(body=9)
    _front(b, "Retrieval for Sequential Recommendation", "Yuki Tanabe and Clara Besson")
    b.styled_heading("ABSTRACT", 10.9, font="tibo")
    b.para("Sequential recommenders predict the next item. " + BODY, size=9)
    b.two_columns()
    top = b.y
    b.styled_heading("1 INTRODUCTION", 10.9)
    b.para(BODY * 2)
    b.y += 6
    b.para("We make the following contributions to retrieval for sequential recommendation.")
    b.figure_box(40)
    b.para(
        "Figure 1: Overview of the method. The session is encoded and used to query the memory.", font="tibo"
    )
    b.styled_heading("2 METHOD", 10.9)
    b.para(BODY)
    overfull = BODY
    while pymupdf.get_text_length(overfull, fontname="tiro", fontsize=9) > 246:  # x1 about 316: the gutter
        overfull = overfull[:-1]
    b.page.insert_text((b.x0, b.y + 9), overfull, fontsize=9, fontname="tiro")
    b.y += 11
    b.para(BODY)
    b.styled_heading("3 EXPERIMENTS", 10.9)
    b.styled_heading("3.1 Datasets", 10.9)
    b.para(BODY)
    b.col, b.y = 1, top
    b.styled_heading("3.2 Overall Performance", 10.9)
    b.para(BODY * 3)
    b.styled_heading("4 CONCLUSION", 10.9)
    b.para("We introduced a retrieval method. " + BODY)
    return b


@cache
def surveyed(builder: Callable[[], PaperBuilder]) -> Survey:
    """The survey of a generated paper, built and surveyed once per test run."""
    return survey_bytes(builder().bytes())


def main_titles(s: Survey) -> list[str]:
    """The titles of a survey's main (non-appendix, non-back-matter) sections."""
    return [x.title for x in s.main_sections]
