"""The survey sheet as pass 1 reads it: the main paper first, the appendix folded away.

Pass 1 has a 5-10 minute budget, so figures, tables and sections after the main body (the extractor flags
them ``appendix``: in an appendix or after the references) are not listed with the paper's own. They go
under one "Appendix" heading: collapsed (``<details>``) in Markdown meant for a viewer, a one-line summary
on the terminal, or listed in full when asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from paperpass.pdf import Caption, Section, Survey

AppendixStyle = Literal["summary", "details", "list"]
"""How the appendix is shown: a one-line summary, a collapsed ``<details>`` block, or a plain list."""


@dataclass(frozen=True)
class SheetParts:
    """A survey sheet split into the main paper and its appendix.

    Captions keep their index in the sheet's ``[*figures, *tables]`` order (what figure crops are named by).
    """

    main_sections: list[Section]
    appendix_sections: list[Section]
    main_captions: list[tuple[int, Caption]]
    appendix_captions: list[tuple[int, Caption]]

    @property
    def appendix_pages(self) -> tuple[int, int] | None:
        """The first and last page of the appendix material, or None without any."""
        pages = [s.page for s in self.appendix_sections] + [c.page for _, c in self.appendix_captions]
        return (min(pages), max(pages)) if pages else None

    def appendix_summary(self) -> str:
        """``"20 figures, 13 tables and 23 sections, pp. 14-43"`` (empty without an appendix)."""
        parts = []
        figures = sum(c.label.lower().startswith("fig") for _, c in self.appendix_captions)
        tables = len(self.appendix_captions) - figures
        if figures:
            parts.append(_count(figures, "figure"))
        if tables:
            parts.append(_count(tables, "table"))
        if self.appendix_sections:
            parts.append(_count(len(self.appendix_sections), "section"))
        if not parts:
            return ""
        first, last = self.appendix_pages or (0, 0)
        where = f"p. {first}" if first == last else f"pp. {first}-{last}"
        listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
        return f"{listed}, {where}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def split_sheet(sheet: Survey) -> SheetParts:
    """The sheet's sections and captions split by the extractor's ``appendix`` flag."""
    captions = list(enumerate([*sheet.figures, *sheet.tables]))
    return SheetParts(
        main_sections=[s for s in sheet.sections if not s.appendix],
        appendix_sections=[s for s in sheet.sections if s.appendix],
        main_captions=[(i, c) for i, c in captions if not c.appendix],
        appendix_captions=[(i, c) for i, c in captions if c.appendix],
    )


def _outline_line(section: Section) -> str:
    indent = "  " * (max(1, min(3, section.level)) - 1)
    number = f"{section.number} " if section.number else ""
    return f"{indent}- {number}{section.title} (p. {section.page})"


def _caption_lines(captions: list[tuple[int, Caption]], label: str) -> list[str]:
    wanted = [c for _, c in captions if c.label.lower().startswith(label)]
    return [f"{n}. {c.caption} (p. {c.page})" for n, c in enumerate(wanted, 1)]


def _appendix_markdown(parts: SheetParts, style: AppendixStyle) -> list[str]:
    summary = parts.appendix_summary()
    if not summary:
        return []
    if style == "summary":
        return ["## Appendix", "", f"_{summary}: after the main body, left out of pass 1 "
                "(`paperpass survey --appendix` lists them)._", ""]  # fmt: skip
    body = ["### Outline", "", *[_outline_line(s) for s in parts.appendix_sections], ""]
    for name, label in (("Figures", "fig"), ("Tables", "tab")):
        lines = _caption_lines(parts.appendix_captions, label)
        body += [f"### {name}", "", *lines, ""] if lines else []
    if style == "list":
        return ["## Appendix", "", f"_{summary}._", "", *body]
    return ["## Appendix", "", "<details>", f"<summary>{summary}</summary>", "", *body, "</details>", ""]


def sheet_markdown(sheet: Survey, *, appendix: AppendixStyle = "details") -> str:
    """The survey sheet as Markdown, the main paper first and the appendix under one heading.

    Args:
        sheet: the survey sheet.
        appendix: ``details`` folds the appendix into a collapsed block (Markdown viewers), ``summary``
            gives one line instead (the terminal, where HTML is not shown), ``list`` lists it all.
    """
    parts = split_sheet(sheet)
    out = [f"# {sheet.title or '(untitled)'}", ""]
    if sheet.authors:
        out += [", ".join(sheet.authors), ""]
    out += ["## Abstract", "", sheet.abstract or "_(not found)_", ""]
    out += ["## Introduction: last paragraph", "", sheet.intro_last_paragraph or "_(not found)_", ""]
    out += ["## Outline", "", *[_outline_line(s) for s in parts.main_sections]]
    out += ["_(no headings found)_"] if not sheet.sections else []
    out.append("")
    if sheet.conclusion:
        out += [f"## Conclusion: {sheet.conclusion.heading}", "", sheet.conclusion.text, ""]
    for name, label in (("Figures", "fig"), ("Tables", "tab")):
        lines = _caption_lines(parts.main_captions, label)
        out += [f"## {name}", "", *lines, ""] if lines else []
    out += _appendix_markdown(parts, appendix)
    out.append(
        f"**Pages:** {sheet.pages} · **Estimated pass-2 time:** {sheet.estimated_pass2_minutes} min "
        "(main body)"
    )
    if sheet.warnings:
        out += ["", "## Warnings", ""] + [f"- {w}" for w in sheet.warnings]
    return "\n".join(out) + "\n"
