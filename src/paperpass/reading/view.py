"""Everything the reading view shows for one paper, gathered by one call: the survey sheet split into the
main paper and its appendix, the page sizes, the note, the pass timer, the highlights, the time logged per
pass and the exit criteria still unmet for the pass at hand. Without a PDF: what ``paperpass read --pass 1``
shows instead (the guide's facts and the abstract).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from paperpass.catalog import Entry, ReadingPass
from paperpass.errors import PDFError
from paperpass.library import Library, paper_entries, paper_status
from paperpass.models import Paper
from paperpass.notes.history import NoteState, load_note
from paperpass.papers.sheets import PaperPDF, paper_pdf, survey_sheet
from paperpass.reading.exits import ExitCheck, check_exit, completed_passes
from paperpass.reading.highlights import Highlight, list_highlights
from paperpass.reading.pages import page_sizes
from paperpass.reading.sessions import Clock, utc_now
from paperpass.reading.sheet_view import SheetParts, split_sheet
from paperpass.reading.timer import PassTimerState, current_timer
from paperpass.store import reading as reading_rows

if TYPE_CHECKING:
    from paperpass.pdf import Survey


@dataclass(frozen=True)
class PassLog:
    """One pass of the paper for the viewer: the guide's pass, minutes logged, whether it is complete."""

    reading_pass: ReadingPass
    minutes: float
    completed: bool
    forced: bool

    @property
    def number(self) -> int:
        """The pass number."""
        return self.reading_pass.number


@dataclass(frozen=True)
class ReadingView:
    """The reading view of one paper for the viewer (see the module docstring)."""

    paper: Paper
    status: str
    note: NoteState
    pdf: PaperPDF | None
    sheet: Survey | None
    pdf_problem: str
    page_sizes: list[tuple[float, float]]
    passes: list[PassLog]
    current_pass: int
    exit_check: ExitCheck
    timer: PassTimerState | None
    highlights: list[Highlight]
    entries: list[Entry] = field(default_factory=list)

    @property
    def parts(self) -> SheetParts | None:
        """The survey sheet split into the main paper and the appendix."""
        return split_sheet(self.sheet) if self.sheet is not None else None

    @property
    def timed_pass(self) -> int:
        """The pass the timer is for: the running timer's, else the pass at hand."""
        return self.timer.pass_number if self.timer is not None else self.current_pass


def _passes(library: Library, paper: Paper) -> list[PassLog]:
    assert paper.id is not None
    with library.store.connect() as conn:
        sessions = reading_rows.sessions(conn, [paper.id], user_id=library.user_id)
    done = completed_passes(sessions)
    met = {s.pass_number for s in sessions if s.completed and not s.forced}
    out = []
    for p in library.catalog.passes:
        minutes = round(sum(s.minutes for s in sessions if s.pass_number == p.number), 1)
        out.append(PassLog(p, minutes, p.number in done, p.number in done and p.number not in met))
    return out


def reading_view(library: Library, paper: Paper, *, clock: Clock = utc_now) -> ReadingView:
    """Gather the reading view of ``paper`` for the library's viewer."""
    pdf = paper_pdf(library, paper)
    sheet, sizes, problem = None, [], ""
    if pdf is not None:
        try:
            sheet = survey_sheet(library, paper)
            sizes = page_sizes(pdf)
        except PDFError as error:
            sheet, sizes, problem = None, [], error.message
    passes = _passes(library, paper)
    current = next((p.number for p in passes if not p.completed), passes[-1].number if passes else 1)
    return ReadingView(
        paper=paper,
        status=paper_status(library, paper),
        note=load_note(library, paper),
        pdf=pdf,
        sheet=sheet,
        pdf_problem=problem,
        page_sizes=sizes,
        passes=passes,
        current_pass=current,
        exit_check=check_exit(library, paper, current),
        timer=current_timer(library, paper, clock=clock),
        highlights=list_highlights(library, paper),
        entries=paper_entries(library, paper),
    )
