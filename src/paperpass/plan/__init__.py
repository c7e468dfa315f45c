"""Interview study plans and side-by-side comparisons (issue 9).

Modules: ``model`` (a plan's days, items and report), ``state`` (where the user starts: passes read, notes,
recall, due cards), ``schedule`` (the day-by-day planner, a pure function), ``service`` (building, storing,
re-planning and ticking off a plan), ``calendar`` (the plan as iCalendar), ``compare`` (papers side by
side, presets from the guide's comparative questions, the Markdown handout, drilling a comparison).
"""

from __future__ import annotations

from paperpass.plan.calendar import plan_calendar, write_plan_calendar
from paperpass.plan.compare import FIELDS, Comparison, drill, presets, presets_for, to_markdown
from paperpass.plan.compare import compare as compare_papers
from paperpass.plan.model import PlanDay, StudyPlan, hours
from paperpass.plan.service import (
    current_plan,
    drop_plan,
    has_plan,
    local_today,
    make_plan,
    plan_json,
    replan,
)

__all__ = [
    "Comparison",
    "FIELDS",
    "PlanDay",
    "StudyPlan",
    "compare_papers",
    "current_plan",
    "drill",
    "drop_plan",
    "has_plan",
    "hours",
    "local_today",
    "make_plan",
    "plan_calendar",
    "plan_json",
    "presets",
    "presets_for",
    "replan",
    "to_markdown",
    "write_plan_calendar",
]
