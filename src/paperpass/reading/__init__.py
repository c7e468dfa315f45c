"""Reading: the three passes, each paper's reading status and progress through the guide."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from paperpass.reading.exits import Completion as Completion
    from paperpass.reading.exits import ExitCheck as ExitCheck
    from paperpass.reading.exits import check_exit as check_exit
    from paperpass.reading.exits import complete_pass as complete_pass
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
    from paperpass.reading.stage import stage as paper_stage
    from paperpass.reading.status import ChecklistProgress as ChecklistProgress
    from paperpass.reading.status import EntryProgress as EntryProgress
    from paperpass.reading.status import checklist_progress as checklist_progress
    from paperpass.reading.status import guide_progress as guide_progress

_EXPORTS = {
    "ChecklistProgress": ("paperpass.reading.status", "ChecklistProgress"),
    "Completion": ("paperpass.reading.exits", "Completion"),
    "EntryProgress": ("paperpass.reading.status", "EntryProgress"),
    "ExitCheck": ("paperpass.reading.exits", "ExitCheck"),
    "PassPlan": ("paperpass.reading.passes", "PassPlan"),
    "PassTimer": ("paperpass.reading.sessions", "PassTimer"),
    "Progress": ("paperpass.reading.progress", "Progress"),
    "WeekRow": ("paperpass.reading.progress", "WeekRow"),
    "budget_state": ("paperpass.reading.sessions", "budget_state"),
    "check_exit": ("paperpass.reading.exits", "check_exit"),
    "checklist_progress": ("paperpass.reading.status", "checklist_progress"),
    "complete_pass": ("paperpass.reading.exits", "complete_pass"),
    "guide_progress": ("paperpass.reading.status", "guide_progress"),
    "log_minutes": ("paperpass.reading.sessions", "log_minutes"),
    "paper_stage": ("paperpass.reading.stage", "stage"),
    "pass_plan": ("paperpass.reading.passes", "pass_plan"),
    "reading_progress": ("paperpass.reading.progress", "reading_progress"),
    "record_session": ("paperpass.reading.sessions", "record_session"),
    "render_figure": ("paperpass.reading.pages", "render_figure"),
    "render_page": ("paperpass.reading.pages", "render_page"),
    "run_timed_session": ("paperpass.reading.sessions", "run_timed_session"),
    "sparkline": ("paperpass.reading.progress", "sparkline"),
}
"""What the package offers: name -> (module, name there)."""

__all__ = [
    "ChecklistProgress",
    "Completion",
    "EntryProgress",
    "ExitCheck",
    "PassPlan",
    "PassTimer",
    "Progress",
    "WeekRow",
    "budget_state",
    "check_exit",
    "checklist_progress",
    "complete_pass",
    "guide_progress",
    "log_minutes",
    "paper_stage",
    "pass_plan",
    "reading_progress",
    "record_session",
    "render_figure",
    "render_page",
    "run_timed_session",
    "sparkline",
]


def __getattr__(name: str) -> Any:
    """Import an offered name on first use, so a command loads only the modules it needs."""
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _EXPORTS[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value
