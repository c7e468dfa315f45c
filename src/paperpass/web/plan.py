"""Study plan and comparison pages: the plan as a calendar, its iCalendar export, today's items for the
home page, papers side by side with a Markdown handout, and drilling a comparison."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response

from paperpass.library import Library, get_paper
from paperpass.plan import (
    FIELDS,
    MAX_HOURS,
    MAX_PAPERS,
    Comparison,
    PlanDay,
    StudyPlan,
    compare_papers,
    current_plan,
    drill,
    has_plan,
    local_today,
    plan_calendar,
    plan_json,
    presets,
    tick_item,
    to_markdown,
)
from paperpass.plan import make_plan as make_study_plan
from paperpass.plan import replan as replan_from_today
from paperpass.web.deps import LibraryDep
from paperpass.web.openapi import CalendarResponse, MarkdownResponse
from paperpass.web.templating import render

router = APIRouter()
Entries = Annotated[list[str] | None, Query(max_length=MAX_PAPERS, description="Entries to compare.")]


def _today(request: Request) -> date:
    """Today for the viewer (the ``plan_today`` app state lets tests pin it)."""
    pinned = getattr(request.app.state, "plan_today", None)
    return pinned if isinstance(pinned, date) else local_today()


def today_on_home(request: Request, lib: Library) -> PlanDay | None:
    """Today's items of the viewer's plan for the home page (None without a plan or outside it)."""
    if not has_plan(lib):
        return None
    day = _today(request)
    return current_plan(lib, today=day).day(day)


def weeks(plan: StudyPlan) -> list[list[tuple[date, PlanDay | None]]]:
    """The plan's days as calendar weeks (Monday first); days outside the plan are None."""
    first = plan.starts_on - timedelta(days=plan.starts_on.weekday())
    last = plan.interview + timedelta(days=6 - plan.interview.weekday())
    by_day = {d.day: d for d in plan.days}
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [[(d, by_day.get(d)) for d in days[i : i + 7]] for i in range(0, len(days), 7)]


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, lib: LibraryDep) -> HTMLResponse:
    """The plan as a calendar with today's items, its report, and the form to (re)make it."""
    day = _today(request)
    made = current_plan(lib, today=day) if has_plan(lib) else None
    return render(request, "plan.html", plan=made, today=day, weeks=weeks(made) if made else [],
                  missed=made.missed(day) if made else [], categories=lib.catalog.categories,
                  default_interview=day + timedelta(days=14),
                  paper_slugs=paper_slugs(lib, made.day(day) if made else None))  # fmt: skip


@router.post("/plan")
def make_plan(
    request: Request,
    lib: LibraryDep,
    interview: Annotated[date, Form(description="The interview day, after today and within a year.")],
    hours_per_day: Annotated[float, Form(gt=0, le=MAX_HOURS)],
    focus: Annotated[list[str] | None, Form(description="top15 (default), all, or category slugs.")] = None,
) -> RedirectResponse:
    """Build (or rebuild) the plan from the form."""
    make_study_plan(lib, interview=interview, hours_per_day=hours_per_day,
                      focus=focus or ["top15"], today=_today(request))  # fmt: skip
    return RedirectResponse("/plan", status_code=303)


@router.post("/plan/replan")
def replan(request: Request, lib: LibraryDep) -> RedirectResponse:
    """Re-plan from today: what was missed moves to the days left."""
    replan_from_today(lib, today=_today(request))
    return RedirectResponse("/plan", status_code=303)


@router.post("/plan/tick")
def tick(
    request: Request,
    lib: LibraryDep,
    key: Annotated[str, Form(max_length=200)],
    minutes: Annotated[float | None, Form(gt=0, le=1440, allow_inf_nan=False)] = None,
    next_page: Annotated[str, Form(alias="next", max_length=500)] = "/plan",
) -> RedirectResponse:
    """Tick off a reading item of the plan: logs a session of its pass (its minutes, or ``minutes``)."""
    tick_item(lib, key, minutes=minutes, today=_today(request))
    target = next_page if next_page.startswith("/") and not next_page.startswith(("//", "/\\")) else "/plan"
    return RedirectResponse(target, status_code=303)


def paper_slugs(lib: Library, day: PlanDay | None) -> dict[int, str]:
    """The slug of each paper a day's items name, for links to its reading view."""
    ids = {i.paper_id for i in (day.items if day else []) if i.paper_id is not None}
    return {pid: get_paper(lib, pid).slug for pid in ids}


@router.get("/plan.ics", response_class=CalendarResponse)
def plan_ics(request: Request, lib: LibraryDep) -> Response:
    """The plan as an iCalendar file."""
    made = current_plan(lib, today=_today(request))
    return Response(plan_calendar(made), media_type="text/calendar",
                    headers={"Content-Disposition": 'attachment; filename="study-plan.ics"'})  # fmt: skip


@router.get("/api/plan")
def plan_api(request: Request, lib: LibraryDep) -> JSONResponse:
    """The plan as JSON, items marked done from the logs."""
    day = _today(request)
    made = current_plan(lib, today=day)
    return JSONResponse(plan_json(made, day))


def _comparison(lib: Library, entries: list[str], preset: str | None) -> Comparison:
    return compare_papers(lib, entries, preset=preset or None)


@router.get("/compare", response_class=HTMLResponse)
def compare_page(
    request: Request,
    lib: LibraryDep,
    e: Entries = None,
    preset: str | None = None,
) -> HTMLResponse:
    """Papers side by side (``?e=dpo&e=kto`` or ``?preset=cot-tot-react``); the presets without either."""
    found = _comparison(lib, e or [], preset) if (e or preset) else None
    return render(request, "compare.html", comparison=found, presets=presets(),
                  fields=FIELDS, query=str(request.url.query))  # fmt: skip


@router.get("/compare.md", response_class=MarkdownResponse)
def compare_markdown(lib: LibraryDep, e: Entries = None, preset: str | None = None) -> PlainTextResponse:
    """The comparison as a Markdown handout for a reading group."""
    found = _comparison(lib, e or [], preset)
    name = (found.preset.slug if found.preset else "-".join(found.slugs)) + ".md"
    return PlainTextResponse(to_markdown(found), media_type="text/markdown; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip


@router.post("/compare/drill")
def compare_drill(
    lib: LibraryDep,
    e: Annotated[list[str] | None, Form(max_length=MAX_PAPERS)] = None,
    preset: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Put the comparison's questions into today's practice queue and open practice."""
    found = _comparison(lib, e or [], preset)
    drill(lib, found)
    return RedirectResponse("/practice", status_code=303)


@router.get("/api/compare")
def compare_api(lib: LibraryDep, e: Entries = None, preset: str | None = None) -> JSONResponse:
    """The comparison as JSON."""
    data: dict[str, Any] = _comparison(lib, e or [], preset).as_json()
    return JSONResponse(data)
