"""Reading: the three passes, each paper's reading status and progress through the guide."""

from __future__ import annotations

from paperpass.reading.exits import Completion, ExitCheck, check_exit, complete_pass
from paperpass.reading.pages import render_figure, render_page
from paperpass.reading.passes import PassPlan, pass_plan
from paperpass.reading.progress import Progress, WeekRow, reading_progress, sparkline
from paperpass.reading.sessions import PassTimer, budget_state, log_minutes, record_session, run_timed_session
from paperpass.reading.status import ChecklistProgress, EntryProgress, checklist_progress, guide_progress

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
    "pass_plan",
    "reading_progress",
    "record_session",
    "render_figure",
    "render_page",
    "run_timed_session",
    "sparkline",
]
