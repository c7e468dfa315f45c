"""Interview study plans and side-by-side comparisons (issue 9).

Modules: ``model`` (a plan's days, items and report), ``state`` (where the user starts: passes read, notes,
recall, due cards), ``schedule`` (the day-by-day planner, a pure function), ``service`` (building, storing,
re-planning and ticking off a plan), ``calendar`` (the plan as iCalendar), ``compare`` (papers side by
side, presets from the guide's comparative questions, the Markdown handout, drilling a comparison),
``readiness`` (how ready the user is for the interview, next steps in the plan's order).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperpass.lazy import Exports, exports

if TYPE_CHECKING:
    from paperpass.plan.calendar import plan_calendar as plan_calendar
    from paperpass.plan.calendar import write_plan_calendar as write_plan_calendar
    from paperpass.plan.compare import FIELDS as FIELDS
    from paperpass.plan.compare import MAX_PAPERS as MAX_PAPERS
    from paperpass.plan.compare import Comparison as Comparison
    from paperpass.plan.compare import compare as compare_papers
    from paperpass.plan.compare import drill as drill
    from paperpass.plan.compare import presets as presets
    from paperpass.plan.compare import presets_for as presets_for
    from paperpass.plan.compare import to_markdown as to_markdown
    from paperpass.plan.goal import interview_checklist as interview_checklist
    from paperpass.plan.model import PlanDay as PlanDay
    from paperpass.plan.model import StudyPlan as StudyPlan
    from paperpass.plan.model import hours as hours
    from paperpass.plan.readiness import Readiness as Readiness
    from paperpass.plan.readiness import ReadinessReport as ReadinessReport
    from paperpass.plan.readiness import readiness_report as readiness_report
    from paperpass.plan.schedule import MAX_HOURS as MAX_HOURS
    from paperpass.plan.service import current_plan as current_plan
    from paperpass.plan.service import drop_plan as drop_plan
    from paperpass.plan.service import has_plan as has_plan
    from paperpass.plan.service import local_today as local_today
    from paperpass.plan.service import make_plan as make_plan
    from paperpass.plan.service import plan_json as plan_json
    from paperpass.plan.service import replan as replan
    from paperpass.plan.service import tick_item as tick_item

_EXPORTS: Exports = {
    "Readiness": ("paperpass.plan.readiness", "Readiness"),
    "ReadinessReport": ("paperpass.plan.readiness", "ReadinessReport"),
    "readiness_report": ("paperpass.plan.readiness", "readiness_report"),
    "Comparison": ("paperpass.plan.compare", "Comparison"),
    "FIELDS": ("paperpass.plan.compare", "FIELDS"),
    "MAX_HOURS": ("paperpass.plan.schedule", "MAX_HOURS"),
    "MAX_PAPERS": ("paperpass.plan.compare", "MAX_PAPERS"),
    "PlanDay": ("paperpass.plan.model", "PlanDay"),
    "StudyPlan": ("paperpass.plan.model", "StudyPlan"),
    "compare_papers": ("paperpass.plan.compare", "compare"),
    "current_plan": ("paperpass.plan.service", "current_plan"),
    "drill": ("paperpass.plan.compare", "drill"),
    "drop_plan": ("paperpass.plan.service", "drop_plan"),
    "has_plan": ("paperpass.plan.service", "has_plan"),
    "hours": ("paperpass.plan.model", "hours"),
    "interview_checklist": ("paperpass.plan.goal", "interview_checklist"),
    "local_today": ("paperpass.plan.service", "local_today"),
    "make_plan": ("paperpass.plan.service", "make_plan"),
    "plan_calendar": ("paperpass.plan.calendar", "plan_calendar"),
    "plan_json": ("paperpass.plan.service", "plan_json"),
    "presets": ("paperpass.plan.compare", "presets"),
    "presets_for": ("paperpass.plan.compare", "presets_for"),
    "replan": ("paperpass.plan.service", "replan"),
    "tick_item": ("paperpass.plan.service", "tick_item"),
    "to_markdown": ("paperpass.plan.compare", "to_markdown"),
    "write_plan_calendar": ("paperpass.plan.calendar", "write_plan_calendar"),
}
"""What the package offers: name -> (module, name there)."""

__all__ = [
    "Readiness",
    "ReadinessReport",
    "readiness_report",
    "Comparison",
    "FIELDS",
    "MAX_HOURS",
    "MAX_PAPERS",
    "PlanDay",
    "StudyPlan",
    "compare_papers",
    "current_plan",
    "drill",
    "drop_plan",
    "has_plan",
    "hours",
    "interview_checklist",
    "local_today",
    "make_plan",
    "plan_calendar",
    "plan_json",
    "presets",
    "presets_for",
    "replan",
    "tick_item",
    "to_markdown",
    "write_plan_calendar",
]

if not TYPE_CHECKING:  # type checkers see the imports above; a name not offered is an error there
    __getattr__ = exports(globals(), _EXPORTS)
