"""Practice pages: due cards with keyboard shortcuts, mock interviews with a timer, the readiness report."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from paperpass.catalog import top15_slugs
from paperpass.practice import mock as mocks
from paperpass.practice.exact import answer_exact, exact_card, last_exact_result, questions_json
from paperpass.practice.judging import make_judge
from paperpass.practice.questions import get_question, list_questions, sync_bank
from paperpass.practice.readiness import readiness_report
from paperpass.practice.scheduling import parse_rating, practice_queue, review
from paperpass.web.deps import LibraryDep
from paperpass.web.templating import render

router = APIRouter()
RATINGS = [(1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy")]
MAX_ANSWER = 20_000


def _answer(text: str) -> str:
    from paperpass.errors import InvalidInputError

    if len(text) > MAX_ANSWER:
        raise InvalidInputError(f"the answer is too long (at most {MAX_ANSWER} characters)")
    return text.strip()


@router.get("/practice", response_class=HTMLResponse)
def practice_page(
    request: Request, lib: LibraryDep, entry: str | None = None, kind: str | None = None
) -> HTMLResponse:
    """The next due (or new) card: its prompt and a box for the answer (a text box for a cloze card, one
    button per option for a choice card). ``kind`` keeps the session to one kind of card."""
    sync_bank(lib)
    queue = practice_queue(lib, entry=entry, kind=kind or None)
    question = queue[0] if queue else None
    exact = question is not None and question.kind in {"cloze", "choice"}
    card = exact_card(lib.catalog, question.key) if question is not None and exact else None
    return render(request, "practice.html", question=question, card=card, left=len(queue), entry=entry,
                  kind=kind, next_url=_practice_url(entry, kind))  # fmt: skip


def _practice_url(entry: str | None, kind: str | None) -> str:
    query = {k: v for k, v in (("entry", entry), ("kind", kind)) if v}
    return "/practice" + (f"?{urlencode(query)}" if query else "")


@router.post("/practice/{question_id}/answer")
def answer(
    lib: LibraryDep,
    question_id: int,
    response: Annotated[str, Form(max_length=200)] = "",
    elapsed_ms: Annotated[str, Form()] = "",
    entry: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Grade a cloze or choice answer, log the review with the rating it earned, show the result."""
    duration = int(elapsed_ms) if elapsed_ms.isdigit() else None
    answer_exact(lib, question_id, response, duration_ms=duration)
    query = {k: v for k, v in (("entry", entry), ("kind", kind)) if v}
    target = f"/practice/{question_id}/result" + (f"?{urlencode(query)}" if query else "")
    return RedirectResponse(target, status_code=303)


@router.get("/practice/{question_id}/result", response_class=HTMLResponse)
def result(
    request: Request, lib: LibraryDep, question_id: int, entry: str | None = None, kind: str | None = None
) -> HTMLResponse:
    """The graded answer to a cloze or choice card: right or wrong, the fact, the rating it earned."""
    graded = last_exact_result(lib, question_id)
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
    lib: LibraryDep,
    question_id: int,
    answer: Annotated[str, Form()] = "",
    started: Annotated[int, Form()] = 0,
) -> HTMLResponse:
    """The reference points, with the judge's hint of what the typed answer covered, and the ratings."""
    question = get_question(lib, question_id)
    text = _answer(answer)
    verdicts = make_judge(lib.settings).judge(text, question.reference_points) if text else None
    return render(request, "practice_reveal.html", question=question, answer=text, verdicts=verdicts,
                  ratings=RATINGS, started=started)  # fmt: skip


@router.post("/practice/{question_id}/rate")
def rate(
    request: Request,
    lib: LibraryDep,
    question_id: int,
    rating: Annotated[str, Form()],
    answer: Annotated[str, Form()] = "",
    covered: Annotated[str, Form()] = "",
    duration_ms: Annotated[int | None, Form()] = None,
) -> RedirectResponse:
    """Log the review (committed at once) and go to the next card."""
    hints = [flag == "1" for flag in covered.split(",") if flag in {"0", "1"}]
    review(lib, question_id, parse_rating(rating), answer=_answer(answer), covered=hints,
           duration_ms=duration_ms if duration_ms and duration_ms > 0 else None)  # fmt: skip
    return RedirectResponse("/practice", status_code=303)


@router.get("/mock", response_class=HTMLResponse)
def mock_start_page(request: Request, lib: LibraryDep) -> HTMLResponse:
    """Start a mock interview: its length and, optionally, the paper."""
    top = top15_slugs(lib.catalog)
    return render(request, "mock_start.html", papers=[e for e in lib.catalog.entries if e.slug in top])


@router.post("/mock")
def mock_start(
    request: Request,
    lib: LibraryDep,
    minutes: Annotated[int, Form()] = 45,
    entry: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Plan a new interview and open its first question."""
    judge = make_judge(lib.settings)
    mock_id = mocks.start_mock(lib, minutes, judge.name, entry=entry or None)
    return RedirectResponse(f"/mock/{mock_id}", status_code=303)


@router.get("/mock/{mock_id}", response_model=None)
def mock_question(request: Request, lib: LibraryDep, mock_id: int) -> HTMLResponse | RedirectResponse:
    """The current question with its timer, or the report when every question is answered."""
    item = mocks.show_question(lib, mock_id)
    if item is None:
        return RedirectResponse(f"/mock/{mock_id}/report", status_code=303)
    return render(request, "mock_question.html", mock_id=mock_id, item=item, role=mocks.ROLE_NAMES[item.role],
                  total=len(mocks.ROLES))  # fmt: skip


@router.post("/mock/{mock_id}/answer/{position}", response_class=HTMLResponse)
def mock_answer(
    request: Request, lib: LibraryDep, mock_id: int, position: int, answer: Annotated[str, Form()] = ""
) -> HTMLResponse:
    """Judge the answer and show which reference points it covered."""
    judge = make_judge(lib.settings)
    judged = mocks.answer_question(lib, judge, mock_id, position, _answer(answer))
    interview = mocks.get_mock(lib, mock_id)
    role = mocks.ROLE_NAMES[judged.role]
    return render(request, "mock_feedback.html", mock_id=mock_id, item=judged, role=role,
                  judge=interview.judge, last=interview.current is None)  # fmt: skip


@router.get("/mock/{mock_id}/report", response_class=HTMLResponse)
def mock_report(request: Request, lib: LibraryDep, mock_id: int) -> HTMLResponse:
    """Questions, time per answer, points covered and missed, and what to review."""
    interview = mocks.get_mock(lib, mock_id)
    return render(request, "mock_report.html", interview=interview, roles=mocks.ROLE_NAMES)


@router.get("/ready", response_class=HTMLResponse)
def ready_page(request: Request, lib: LibraryDep) -> HTMLResponse:
    """Readiness per top-15 item and category, with a chart and the next steps."""
    report = readiness_report(lib)
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
def questions_api(lib: LibraryDep, kind: str | None = None, entry: str | None = None) -> JSONResponse:
    """The question bank as JSON: ``[{id, kind, entries, prompt, reference_points, ...}]``."""
    return JSONResponse(questions_json(lib.catalog, list_questions(lib, kind=kind, entry=entry)))


@router.get("/api/ready")
def ready_api(lib: LibraryDep) -> JSONResponse:
    """The readiness report as JSON."""
    return JSONResponse(readiness_report(lib).as_json())


@router.get("/api/mock/{mock_id}")
def mock_api(lib: LibraryDep, mock_id: int) -> JSONResponse:
    """A mock interview's report as JSON."""
    return JSONResponse(mocks.report_json(mocks.get_mock(lib, mock_id)))
