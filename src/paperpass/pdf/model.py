"""The survey sheet: typed result of :func:`paperpass.pdf.survey`, its JSON and Markdown forms."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EXTRACTOR_VERSION = "1.4.0"
"""Bump whenever the extracted output can change; the store caches sheets by sha256 + this version."""


@dataclass(frozen=True, slots=True)
class Section:
    """A section heading.

    Attributes:
        title: heading text without its numbering.
        number: printed number such as ``"3.2"``, ``"A.1"`` or ``"IV"``; ``None`` when unnumbered.
        level: 1 (section), 2 (subsection) or 3 (sub-subsection).
        page: 1-based page number.
        appendix: True for headings in the appendix or after the references.
    """

    title: str
    number: str | None
    level: int
    page: int
    appendix: bool = False

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "title": self.title,
            "number": self.number,
            "level": self.level,
            "page": self.page,
            "appendix": self.appendix,
        }


@dataclass(frozen=True, slots=True)
class Conclusion:
    """The concluding section: its heading and its text."""

    heading: str
    text: str

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"heading": self.heading, "text": self.text}


@dataclass(frozen=True, slots=True)
class Caption:
    """A numbered figure or table caption.

    Attributes:
        label: normalised label, ``"Figure 3"`` or ``"Table 2"``.
        caption: full caption text as printed, label included.
        page: 1-based page number.
        appendix: True for captions after the main body (in the appendix or after the references).
    """

    label: str
    caption: str
    page: int
    appendix: bool = False

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"label": self.label, "caption": self.caption, "page": self.page, "appendix": self.appendix}


BACK_MATTER_WORDS = (
    "acknowledg",
    "references",
    "bibliography",
    "funding",
    "author contributions",
    "checklist",
    "broader impact",
    "ethics statement",
    "reproducibility statement",
    "competing interests",
    "conflict of interest",
    "impact statement",
    "societal impact",
    "data availability",
    "code availability",
)


def is_back_matter(title: str) -> bool:
    """True for headings of sections that follow the main body (references, acknowledgments, ...)."""
    low = title.lower()
    return any(low.startswith(w) or low == w for w in BACK_MATTER_WORDS)


@dataclass(frozen=True, slots=True)
class Survey:
    """The pass-1 survey sheet of one paper.

    ``estimated_pass2_minutes`` = main-body words / 150 words per minute (careful reading speed)
    + 1 minute per main-body figure or table, clamped to the guide's 30-60 minute pass-2 budget.
    ``words`` counts the main body only. ``arxiv_id`` (``"1707.06347v2"``) and ``doi`` are the
    identifiers printed on the first page (the arXiv stamp in the margin, a ``doi:`` line), or ``""``.
    """

    title: str
    authors: list[str]
    abstract: str
    intro_last_paragraph: str
    sections: list[Section]
    conclusion: Conclusion | None
    figures: list[Caption]
    tables: list[Caption]
    pages: int
    warnings: list[str] = field(default_factory=list)
    sha256: str = ""
    extractor_version: str = EXTRACTOR_VERSION
    estimated_pass2_minutes: int = 30
    words: int = 0
    arxiv_id: str = ""
    doi: str = ""

    @property
    def main_sections(self) -> list[Section]:
        """Top-level sections of the main body, up to and including the concluding section."""
        out: list[Section] = []
        for s in self.sections:
            if s.appendix or (s.level == 1 and is_back_matter(s.title)):
                break  # a subsection named 'Broader Impact' inside the discussion is no back matter
            if s.level == 1:
                out.append(s)
        if self.conclusion is not None:
            idx = [i for i, s in enumerate(out) if s.title == self.conclusion.heading]
            if idx:
                out = out[: idx[-1] + 1]
        return out

    def to_json(self) -> dict[str, Any]:
        """The sheet as a JSON-ready dict (keys of issue 3 plus sha256, version and estimate)."""
        return {
            "title": self.title,
            "authors": list(self.authors),
            "abstract": self.abstract,
            "intro_last_paragraph": self.intro_last_paragraph,
            "sections": [s.to_json() for s in self.sections],
            "conclusion": self.conclusion.to_json() if self.conclusion else None,
            "figures": [c.to_json() for c in self.figures],
            "tables": [c.to_json() for c in self.tables],
            "pages": self.pages,
            "warnings": list(self.warnings),
            "sha256": self.sha256,
            "extractor_version": self.extractor_version,
            "estimated_pass2_minutes": self.estimated_pass2_minutes,
            "words": self.words,
            "arxiv_id": self.arxiv_id,
            "doi": self.doi,
        }

    def to_markdown(self) -> str:
        """A readable Markdown survey sheet."""
        out = [f"# {self.title or '(untitled)'}", ""]
        if self.authors:
            out += [", ".join(self.authors), ""]
        out += ["## Abstract", "", self.abstract or "_(not found)_", ""]
        out += ["## Introduction: last paragraph", "", self.intro_last_paragraph or "_(not found)_", ""]
        out += ["## Outline", ""]
        for s in self.sections:
            indent = "  " * (max(1, min(3, s.level)) - 1)
            num = f"{s.number} " if s.number else ""
            tag = " _(appendix)_" if s.appendix else ""
            out.append(f"{indent}- {num}{s.title} (p. {s.page}){tag}")
        if not self.sections:
            out.append("_(no headings found)_")
        out.append("")
        if self.conclusion:
            out += [f"## Conclusion: {self.conclusion.heading}", "", self.conclusion.text, ""]
        for name, caps in (("Figures", self.figures), ("Tables", self.tables)):
            if caps:
                out += [f"## {name}", ""]
                tag = " _(appendix)_"
                out += [f"{i}. {c.caption} (p. {c.page}){tag * c.appendix}" for i, c in enumerate(caps, 1)]
                out.append("")
        out.append(f"**Pages:** {self.pages} · **Estimated pass-2 time:** {self.estimated_pass2_minutes} min")
        if self.warnings:
            out += ["", "## Warnings", ""] + [f"- {w}" for w in self.warnings]
        return "\n".join(out) + "\n"
