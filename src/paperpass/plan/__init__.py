"""Interview study plans and side-by-side comparisons (issue 9).

Modules: ``model`` (a plan's days, items and report), ``state`` (where the user starts: passes read, notes,
recall, due cards), ``schedule`` (the day-by-day planner, a pure function), ``service`` (building, storing,
re-planning and ticking off a plan), ``calendar`` (the plan as iCalendar), ``compare`` (papers side by
side, presets from the guide's comparative questions, the Markdown handout, drilling a comparison).
"""
