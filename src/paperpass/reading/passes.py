"""What each pass reads for a given paper, as Markdown to show on the terminal or the web.

Pass 1: the survey sheet when the paper has a PDF, else what the guide and the library know of it.
Pass 2: the outline, the figures and tables to study, and the note fields to fill.
Pass 3: the derivations, the assumptions, and the papers to connect it with.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from paperpass.library import Library, paper_entries
from paperpass.notes.template import FIELDS
from paperpass.papers.sheets import survey_sheet
from paperpass.reading.sessions import reading_pass
from paperpass.reading.sheet_view import sheet_markdown, split_sheet

if TYPE_CHECKING:
    from paperpass.catalog import Entry, ReadingPass
    from paperpass.models import Paper
    from paperpass.pdf import Survey


@dataclass(frozen=True)
class PassPlan:
    """A pass of one paper: the guide's pass, the survey sheet (if any) and the guide entries."""

    paper: Paper
    reading_pass: ReadingPass
    sheet: Survey | None
    entries: list[Entry]
    related: list[Entry]

    @property
    def budget(self) -> tuple[int, int]:
        """The pass's budget in minutes (low, high)."""
        return self.reading_pass.budget_minutes

    def to_markdown(self) -> str:
        """What to read in this pass, as Markdown."""
        p = self.reading_pass
        head = [f"# Pass {p.number} ({p.name}, {p.budget}): {self.paper.title}", "", f"_{p.how}_", ""]
        body = (self._pass1, self._pass2, self._pass3)[p.number - 1]()
        tail = ["", f"**Exit criterion:** {p.exit_criterion}"]
        return "\n".join(head + body + tail) + "\n"

    def _facts(self) -> list[str]:
        out = [f"{self.paper.byline} · {self.paper.year or ''}", ""]
        if self.paper.abstract:
            out += ["## Abstract", "", self.paper.abstract, ""]
        for e in self.entries:
            out += [f"## The guide: {e.number}. {e.title}", "", f"**Problem.** {e.problem}", "",
                    f"**Key idea.** {e.key_idea}", ""]  # fmt: skip
            out += ["**Results.**", ""] + [f"- {r}" for r in e.results] + [""]
        if not self.sheet:
            out.append(
                "_No PDF for this paper yet: the survey sheet appears once its PDF is in the library._"
            )
        return out

    def _pass1(self) -> list[str]:
        if self.sheet is not None:
            return sheet_markdown(self.sheet, appendix="summary").splitlines()
        return self._facts()

    def _pass2(self) -> list[str]:
        out = ["## Outline", ""]
        if self.sheet is not None and self.sheet.sections:
            parts = split_sheet(self.sheet)
            for s in parts.main_sections:
                num = f"{s.number} " if s.number else ""
                out.append(f"{'  ' * (max(1, min(3, s.level)) - 1)}- {num}{s.title} (p. {s.page})")
            out += ["", "## Figures and tables to study", ""]
            out += [f"- {c.caption} (p. {c.page})" for _, c in parts.main_captions] or ["- (none found)"]
            folded = parts.appendix_summary()
            out += ["", f"_Appendix ({folded}): open it where the main text points to it._"] if folded else []
        else:
            out.append("- the whole paper, skipping proofs and details (no PDF outline available)")
        out += ["", "## Fill in the note", ""]
        out += [f"- **{f.heading}**: {f.prompt}" for f in FIELDS if f.guide or f.key == "colleague_summary"]
        return out

    def _pass3(self) -> list[str]:
        out = ["## Reproduce the derivations", ""]
        for e in self.entries:
            out += [f"- {m}" for m in e.method]
        out += [
            "",
            "## Examine the assumptions",
            "",
            "- which assumptions does the method make, and when do they break?",
        ]
        out += ["", "## Connect it with other papers", ""]
        out += [f"- [[{e.paper or e.slug}]] {e.title}" for e in self.related] or [
            "- (link papers as [[slug]])"
        ]
        out += ["", "Write them in the note: Connections, Assumptions examined, Improvement ideas."]
        return out


def pass_plan(library: Library, paper: Paper, number: int) -> PassPlan:
    """What pass ``number`` reads for ``paper``.

    Raises:
        InvalidInputError: not pass 1, 2 or 3.
        PDFError: the paper's PDF cannot be read.
    """

    which = reading_pass(library.catalog, number)
    sheet = survey_sheet(library, paper) if number in (1, 2) else None
    entries = paper_entries(library, paper)
    by_slug = {e.slug: e for e in library.catalog.entries}
    related = {s: by_slug[s] for e in entries for s in e.related if s in by_slug}
    return PassPlan(paper, which, sheet, entries, list(related.values()))
