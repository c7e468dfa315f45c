"""Reading: the three passes, each paper's reading status and progress through the guide."""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperpass.lazy import Exports, exports

if TYPE_CHECKING:
    from paperpass.reading.exits import Completion as Completion
    from paperpass.reading.exits import ExitCheck as ExitCheck
    from paperpass.reading.exits import check_exit as check_exit
    from paperpass.reading.exits import complete_pass as complete_pass
    from paperpass.reading.highlights import Highlight as Highlight
    from paperpass.reading.highlights import add_highlight as add_highlight
    from paperpass.reading.highlights import list_highlights as list_highlights
    from paperpass.reading.highlights import remove_highlight as remove_highlight
    from paperpass.reading.pages import page_words as page_words
    from paperpass.reading.pages import render_figure as render_figure
    from paperpass.reading.pages import render_page as render_page
    from paperpass.reading.passes import PassPlan as PassPlan
    from paperpass.reading.passes import pass_plan as pass_plan
    from paperpass.reading.progress import Progress as Progress
    from paperpass.reading.progress import WeekRow as WeekRow
    from paperpass.reading.progress import reading_progress as reading_progress
    from paperpass.reading.progress import sparkline as sparkline
    from paperpass.reading.sessions import PassTimer as PassTimer
    from paperpass.reading.sessions import budget_state as budget_state
    from paperpass.reading.sessions import log_minutes as log_minutes
    from paperpass.reading.sessions import record_session as record_session
    from paperpass.reading.sessions import run_timed_session as run_timed_session
    from paperpass.reading.sheet_view import sheet_markdown as sheet_markdown
    from paperpass.reading.sheet_view import split_sheet as split_sheet
    from paperpass.reading.status import ChecklistProgress as ChecklistProgress
    from paperpass.reading.status import EntryProgress as EntryProgress
    from paperpass.reading.status import checklist_progress as checklist_progress
    from paperpass.reading.status import guide_progress as guide_progress
    from paperpass.reading.timer import use_timer as use_timer
    from paperpass.reading.view import reading_view as reading_view

_EXPORTS: Exports = {
    "ChecklistProgress": ("paperpass.reading.status", "ChecklistProgress"),
    "Completion": ("paperpass.reading.exits", "Completion"),
    "EntryProgress": ("paperpass.reading.status", "EntryProgress"),
    "ExitCheck": ("paperpass.reading.exits", "ExitCheck"),
    "Highlight": ("paperpass.reading.highlights", "Highlight"),
    "PassPlan": ("paperpass.reading.passes", "PassPlan"),
    "PassTimer": ("paperpass.reading.sessions", "PassTimer"),
    "Progress": ("paperpass.reading.progress", "Progress"),
    "WeekRow": ("paperpass.reading.progress", "WeekRow"),
    "add_highlight": ("paperpass.reading.highlights", "add_highlight"),
    "budget_state": ("paperpass.reading.sessions", "budget_state"),
    "check_exit": ("paperpass.reading.exits", "check_exit"),
    "checklist_progress": ("paperpass.reading.status", "checklist_progress"),
    "complete_pass": ("paperpass.reading.exits", "complete_pass"),
    "guide_progress": ("paperpass.reading.status", "guide_progress"),
    "list_highlights": ("paperpass.reading.highlights", "list_highlights"),
    "log_minutes": ("paperpass.reading.sessions", "log_minutes"),
    "page_words": ("paperpass.reading.pages", "page_words"),
    "pass_plan": ("paperpass.reading.passes", "pass_plan"),
    "reading_progress": ("paperpass.reading.progress", "reading_progress"),
    "reading_view": ("paperpass.reading.view", "reading_view"),
    "record_session": ("paperpass.reading.sessions", "record_session"),
    "remove_highlight": ("paperpass.reading.highlights", "remove_highlight"),
    "render_figure": ("paperpass.reading.pages", "render_figure"),
    "render_page": ("paperpass.reading.pages", "render_page"),
    "run_timed_session": ("paperpass.reading.sessions", "run_timed_session"),
    "sheet_markdown": ("paperpass.reading.sheet_view", "sheet_markdown"),
    "sparkline": ("paperpass.reading.progress", "sparkline"),
    "split_sheet": ("paperpass.reading.sheet_view", "split_sheet"),
    "use_timer": ("paperpass.reading.timer", "use_timer"),
}
"""What the package offers: name -> (module, name there)."""

__all__ = [
    "ChecklistProgress",
    "Completion",
    "EntryProgress",
    "ExitCheck",
    "Highlight",
    "PassPlan",
    "PassTimer",
    "Progress",
    "WeekRow",
    "add_highlight",
    "budget_state",
    "check_exit",
    "checklist_progress",
    "complete_pass",
    "guide_progress",
    "list_highlights",
    "log_minutes",
    "page_words",
    "pass_plan",
    "reading_progress",
    "reading_view",
    "record_session",
    "remove_highlight",
    "render_figure",
    "render_page",
    "run_timed_session",
    "sheet_markdown",
    "sparkline",
    "split_sheet",
    "use_timer",
]

if not TYPE_CHECKING:  # type checkers see the imports above; a name not offered is an error there
    __getattr__ = exports(globals(), _EXPORTS)
