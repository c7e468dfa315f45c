"""Practice pages: due cards with keyboard shortcuts, mock interviews with a timer, the readiness report."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from paperpass.catalog import Catalog, top15_slugs
from paperpass.config import Settings
from paperpass.practice import mock as mocks
from paperpass.practice.exact import (
    answer_exact,
    exact_card,
    last_exact_result,
    questions_json,
)
from paperpass.practice.judges import make_judge
from paperpass.practice.questions import get_question, list_questions, sync_bank
from paperpass.practice.readiness import readiness_report
from paperpass.practice.scheduling import parse_rating, practice_queue, review
from paperpass.store import Store
from paperpass.web.pages import render
from paperpass.web.security import current_user_id

router = APIRouter()
RATINGS = [(1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy")]
MAX_ANSWER = 20_000


def _state(request: Request) -> tuple[Store, Settings, Catalog]:
    state = request.app.state
    return state.store, state.settings, state.catalog


def _user(request: Request) -> int:
    return current_user_id(request)


def _answer(text: str) -> str:
    from paperpass.errors import InvalidInputError

    if len(text) > MAX_ANSWER:
        raise InvalidInputError(f"the answer is too long (at most {MAX_ANSWER} characters)")
    return text.strip()


@router.get("/practice", response_class=HTMLResponse)
def practice_page(request: Request, entry: str | None = None, kind: str | None = None) -> HTMLResponse:
    """The next due (or new) card: its prompt and a box for the answer (a text box for a cloze card, one
    button per option for a choice card). ``kind`` keeps the session to one kind of card."""
    store, _, catalog = _state(request)
    sync_bank(store, catalog, _user(request))
    queue = practice_queue(store, entry=entry, kind=kind or None, user_id=_user(request))
    question = queue[0] if queue else None
    card = exact_card(catalog, question.key) if question and question.kind in {"cloze", "choice"} else None
    return render(request, "practice.html", question=question, card=card, left=len(queue), entry=entry,
                  kind=kind, next_url=_practice_url(entry, kind))  # fmt: skip


def _practice_url(entry: str | None, kind: str | None) -> str:
    query = {k: v for k, v in (("entry", entry), ("kind", kind)) if v}
    return "/practice" + (f"?{urlencode(query)}" if query else "")


@router.post("/practice/{question_id}/answer")
def answer(
    request: Request,
    question_id: int,
    response: Annotated[str, Form(max_length=200)] = "",
    elapsed_ms: Annotated[str, Form()] = "",
    entry: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Grade a cloze or choice answer, log the review with the rating it earned, show the result."""
    store, settings, catalog = _state(request)
    duration = int(elapsed_ms) if elapsed_ms.isdigit() else None
    answer_exact(store, settings, catalog, question_id, response, duration_ms=duration,
                 user_id=_user(request))  # fmt: skip
    query = {k: v for k, v in (("entry", entry), ("kind", kind)) if v}
    target = f"/practice/{question_id}/result" + (f"?{urlencode(query)}" if query else "")
    return RedirectResponse(target, status_code=303)


@router.get("/practice/{question_id}/result", response_class=HTMLResponse)
def result(
    request: Request, question_id: int, entry: str | None = None, kind: str | None = None
) -> HTMLResponse:
    """The graded answer to a cloze or choice card: right or wrong, the fact, the rating it earned."""
    store, _, catalog = _state(request)
    graded = last_exact_result(store, catalog, question_id, user_id=_user(request))
    return render(request, "practice_result.html", result=graded, interval=_interval(graded.interval_days),
                  next_url=_practice_url(entry, kind))  # fmt: skip


def _interval(days: float) -> str:
    if days < 1 / 24:
        return f"in {max(1, round(days * 1440))} min"
    if days < 1:
        return f"in {round(days * 24)} h"
    return f"in {round(days)} days"


@router.post("/practice/{question_id}/reveal", response_class=HTMLResponse)
def reveal(
    request: Request,
    question_id: int,
    answer: Annotated[str, Form()] = "",
    started: Annotated[int, Form()] = 0,
) -> HTMLResponse:
    """The reference points, with the judge's hint of what the typed answer covered, and the ratings."""
    store, settings, _ = _state(request)
    question = get_question(store, question_id, _user(request))
    text = _answer(answer)
    verdicts = make_judge(settings).judge(text, question.reference_points) if text else None
    return render(request, "practice_reveal.html", question=question, answer=text, verdicts=verdicts,
                  ratings=RATINGS, started=started)  # fmt: skip


@router.post("/practice/{question_id}/rate")
def rate(
    request: Request,
    question_id: int,
    rating: Annotated[str, Form()],
    answer: Annotated[str, Form()] = "",
    covered: Annotated[str, Form()] = "",
    duration_ms: Annotated[int | None, Form()] = None,
) -> RedirectResponse:
    """Log the review (committed at once) and go to the next card."""
    store, settings, _ = _state(request)
    hints = [flag == "1" for flag in covered.split(",") if flag in {"0", "1"}]
    review(store, settings, question_id, parse_rating(rating), answer=_answer(answer), covered=hints,
           duration_ms=duration_ms if duration_ms and duration_ms > 0 else None,
           user_id=_user(request))  # fmt: skip
    return RedirectResponse("/practice", status_code=303)


@router.get("/mock", response_class=HTMLResponse)
def mock_start_page(request: Request) -> HTMLResponse:
    """Start a mock interview: its length and, optionally, the paper."""
    _, _, catalog = _state(request)
    top = top15_slugs(catalog)
    return render(request, "mock_start.html", papers=[e for e in catalog.entries if e.slug in top])


@router.post("/mock")
def mock_start(
    request: Request, minutes: Annotated[int, Form()] = 45, entry: Annotated[str, Form()] = ""
) -> RedirectResponse:
    """Plan a new interview and open its first question."""
    store, settings, catalog = _state(request)
    judge = make_judge(settings)
    mock_id = mocks.start_mock(
        store, catalog, minutes, judge.name, entry=entry or None, user_id=_user(request)
    )
    return RedirectResponse(f"/mock/{mock_id}", status_code=303)


@router.get("/mock/{mock_id}", response_model=None)
def mock_question(request: Request, mock_id: int) -> HTMLResponse | RedirectResponse:
    """The current question with its timer, or the report when every question is answered."""
    store, _, _ = _state(request)
    item = mocks.show_question(store, mock_id, _user(request))
    if item is None:
        return RedirectResponse(f"/mock/{mock_id}/report", status_code=303)
    return render(request, "mock_question.html", mock_id=mock_id, item=item, role=mocks.ROLE_NAMES[item.role],
                  total=len(mocks.ROLES))  # fmt: skip


@router.post("/mock/{mock_id}/answer/{position}", response_class=HTMLResponse)
def mock_answer(
    request: Request, mock_id: int, position: int, answer: Annotated[str, Form()] = ""
) -> HTMLResponse:
    """Judge the answer and show which reference points it covered."""
    store, settings, _ = _state(request)
    judge = make_judge(settings)
    judged = mocks.answer_question(store, judge, mock_id, position, _answer(answer), user_id=_user(request))
    interview = mocks.get_mock(store, mock_id, _user(request))
    role = mocks.ROLE_NAMES[judged.role]
    return render(request, "mock_feedback.html", mock_id=mock_id, item=judged, role=role,
                  judge=interview.judge, last=interview.current is None)  # fmt: skip


@router.get("/mock/{mock_id}/report", response_class=HTMLResponse)
def mock_report(request: Request, mock_id: int) -> HTMLResponse:
    """Questions, time per answer, points covered and missed, and what to review."""
    store, _, _ = _state(request)
    interview = mocks.get_mock(store, mock_id, _user(request))
    return render(request, "mock_report.html", interview=interview, roles=mocks.ROLE_NAMES)


@router.get("/ready", response_class=HTMLResponse)
def ready_page(request: Request) -> HTMLResponse:
    """Readiness per top-15 item and category, with a chart and the next steps."""
    store, settings, catalog = _state(request)
    report = readiness_report(store, settings, catalog, _user(request))
    return render(request, "ready.html", report=report, chart=_chart(report.items))


def _chart(items: list[Any]) -> dict[str, Any]:
    """Geometry of the horizontal bar chart (drawn as inline SVG by the template)."""
    row, label, width = 22, 190, 300
    bars = [
        {"y": n * row, "label": i.label, "score": i.score, "w": round(i.score * width, 1), "href": i.href}
        for n, i in enumerate(items)
    ]
    return {"bars": bars, "height": len(items) * row + 24, "label": label, "width": width, "row": row}


@router.get("/api/questions")
def questions_api(request: Request, kind: str | None = None, entry: str | None = None) -> JSONResponse:
    """The question bank as JSON: ``[{id, kind, entries, prompt, reference_points, ...}]``."""
    store, _, catalog = _state(request)
    found = list_questions(store, catalog, kind=kind, entry=entry, user_id=_user(request))
    return JSONResponse(questions_json(catalog, found))


@router.get("/api/ready")
def ready_api(request: Request) -> JSONResponse:
    """The readiness report as JSON."""
    store, settings, catalog = _state(request)
    return JSONResponse(readiness_report(store, settings, catalog, _user(request)).as_json())


@router.get("/api/mock/{mock_id}")
def mock_api(request: Request, mock_id: int) -> JSONResponse:
    """A mock interview's report as JSON."""
    store, _, _ = _state(request)
    return JSONResponse(mocks.report_json(mocks.get_mock(store, mock_id, _user(request))))
