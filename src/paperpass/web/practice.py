"""Practice pages: due cards marked point by point with the keyboard, mock interviews that react (a timer,
the user's marks, follow-ups), the readiness report."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import Field

from paperpass.catalog import top15_slugs
from paperpass.config import Settings
from paperpass.errors import InvalidInputError
from paperpass.models import QuestionKind
from paperpass.plan import readiness_report
from paperpass.practice import (
    MAX_MOCK_MINUTES,
    MIN_MOCK_MINUTES,
    ROLE_NAMES,
    Grader,
    answer_exact,
    answer_question,
    exact_card,
    get_mock,
    last_exact_result,
    list_questions,
    make_grader,
    mark_answer,
    parse_rating,
    practice_queue,
    proposed_rating,
    questions_json,
    report_json,
    reveal,
    review,
    show_question,
    start_mock,
    sync_bank,
)
from paperpass.web.deps import LibraryDep
from paperpass.web.params import DurationMs, Position, RowId
from paperpass.web.templating import render

router = APIRouter()
MAX_ANSWER = 20_000
MAX_POINTS = 100
Point = Annotated[int, Field(ge=0, lt=MAX_POINTS)]
"""A reference point's 0-based index on a reveal or marking form."""
RATINGS = [(1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy")]


@router.get("/practice", response_class=HTMLResponse)
def practice_page(
    request: Request, lib: LibraryDep, entry: str | None = None, kind: QuestionKind | None = None
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
    question_id: RowId,
    response: Annotated[str, Form(max_length=200)] = "",
    elapsed_ms: DurationMs = None,
    entry: Annotated[str, Form(max_length=200)] = "",
    kind: Annotated[QuestionKind | Literal[""], Form()] = "",
) -> RedirectResponse:
    """Grade a cloze or choice answer, log the review with the rating it earned, show the result."""
    answer_exact(lib, question_id, response, duration_ms=elapsed_ms)
    query = {k: v for k, v in (("entry", entry), ("kind", kind)) if v}
    target = f"/practice/{question_id}/result" + (f"?{urlencode(query)}" if query else "")
    return RedirectResponse(target, status_code=303)


@router.get("/practice/{question_id}/result", response_class=HTMLResponse)
def result(
    request: Request,
    lib: LibraryDep,
    question_id: RowId,
    entry: str | None = None,
    kind: QuestionKind | None = None,
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


@dataclass
class _GraderSession:
    grader: Grader
    notices: list[str] = field(default_factory=list)


class GraderSessions:
    """One grader per practice session and per mock interview, kept by the app, so the LLM grader says once
    what it sends where (a notice on the next page) and stops asking after a connection failure.

    A practice session is the user's, for as long as the server runs; a mock interview is its own session.
    The least recently used of more than :data:`KEEP` sessions is dropped.
    """

    KEEP = 256

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sessions: OrderedDict[tuple[int, str], _GraderSession] = OrderedDict()
        self.lock = threading.Lock()

    def grader(self, user_id: int, session: str) -> Grader:
        """The session's grader (made on first use)."""
        key = (user_id, session)
        with self.lock:
            found = self.sessions.get(key)
            if found is None:
                notices: list[str] = []
                found = _GraderSession(make_grader(self.settings, notify=notices.append), notices)
                self.sessions[key] = found
                while len(self.sessions) > self.KEEP:
                    self.sessions.popitem(last=False)
            self.sessions.move_to_end(key)
            return found.grader

    def notices(self, user_id: int, session: str) -> list[str]:
        """The notices the session's grader gave since last asked (each shown once)."""
        with self.lock:
            found = self.sessions.get((user_id, session))
            if found is None or not found.notices:
                return []
            said = list(found.notices)
            found.notices.clear()
            return said


def _sessions(request: Request) -> GraderSessions:
    state = request.app.state
    with _SESSIONS_LOCK:
        if getattr(state, "grader_sessions", None) is None:
            state.grader_sessions = GraderSessions(state.settings)
    sessions: GraderSessions = state.grader_sessions
    return sessions


_SESSIONS_LOCK = threading.Lock()
PRACTICE_SESSION = "practice"


@router.post("/practice/{question_id}/reveal", response_class=HTMLResponse)
def reveal_page(
    request: Request,
    lib: LibraryDep,
    question_id: RowId,
    answer: Annotated[str, Form(max_length=MAX_ANSWER)] = "",
    elapsed_ms: DurationMs = None,
    entry: Annotated[str, Form(max_length=200)] = "",
    kind: Annotated[QuestionKind | Literal[""], Form()] = "",
) -> HTMLResponse:
    """The reference points with the grader's hints beside them, ticks for the user (none ticked), and the
    rating proposed from the ticks."""
    sessions = _sessions(request)
    shown = reveal(lib, sessions.grader(lib.user_id, PRACTICE_SESSION), question_id, answer)
    return render(request, "practice_reveal.html", shown=shown, question=shown.question, ratings=RATINGS,
                  elapsed_ms="" if elapsed_ms is None else str(elapsed_ms), entry=entry,
                  kind=kind, notices=sessions.notices(lib.user_id, PRACTICE_SESSION))  # fmt: skip


HINTS = {"covered", "missed", "unsure"}


@router.post("/practice/{question_id}/rate")
def rate(
    lib: LibraryDep,
    question_id: RowId,
    tick: Annotated[list[Point], Form()] = [],  # noqa: B006 (FastAPI reads the default, never mutates it)
    points: Annotated[int, Form(ge=0, le=MAX_POINTS)] = 0,
    rating: Annotated[
        str, Form(max_length=20, description="1-4 or again, hard, good, easy; empty: proposed.")
    ] = "",
    answer: Annotated[str, Form(max_length=MAX_ANSWER)] = "",
    hints: Annotated[str, Form(max_length=2_000)] = "",
    elapsed_ms: DurationMs = None,
    entry: Annotated[str, Form(max_length=200)] = "",
    kind: Annotated[QuestionKind | Literal[""], Form()] = "",
) -> RedirectResponse:
    """Save the review with the points ticked (and the grader's hints) and the rating, proposed from the
    ticks unless the user chose one; then the next card."""
    if any(not 0 <= n < points for n in tick):
        raise InvalidInputError(f"tick points 1 to {points}")
    ticked = [n in tick for n in range(points)] if points else None  # no points shown: a plain rating
    if ticked is None and not rating.strip():
        raise InvalidInputError("choose a rating: again, hard, good or easy")
    chosen = parse_rating(rating) if rating.strip() else proposed_rating(ticked or [], elapsed_ms)
    given = [h for h in hints.split(",") if h]
    review(lib, question_id, chosen, answer=answer.strip(), ticked=ticked, hints=given,
           duration_ms=elapsed_ms)  # fmt: skip
    return RedirectResponse(_practice_url(entry or None, kind or None), status_code=303)


@router.get("/mock", response_class=HTMLResponse)
def mock_start_page(request: Request, lib: LibraryDep) -> HTMLResponse:
    """Start a mock interview: its length and, optionally, the paper."""
    top = top15_slugs(lib.catalog)
    return render(request, "mock_start.html", papers=[e for e in lib.catalog.entries if e.slug in top])


@router.post("/mock")
def mock_start(
    request: Request,
    lib: LibraryDep,
    minutes: Annotated[int, Form(ge=MIN_MOCK_MINUTES, le=MAX_MOCK_MINUTES)] = 45,
    entry: Annotated[str, Form(max_length=200, description="A top-15 entry, or empty for any.")] = "",
) -> RedirectResponse:
    """Plan a new interview and open its first question."""
    mock_id = start_mock(lib, minutes, make_grader(lib.settings).name, entry=entry or None)
    return RedirectResponse(f"/mock/{mock_id}", status_code=303)


@router.get("/mock/{mock_id}", response_class=HTMLResponse, response_model=None)
def mock_question(request: Request, lib: LibraryDep, mock_id: RowId) -> HTMLResponse | RedirectResponse:
    """The current question with its timer; an answered one waiting for the user's marks; or, when every
    question is answered and marked, the report."""
    item = show_question(lib, mock_id)
    if item is None:
        return RedirectResponse(f"/mock/{mock_id}/report", status_code=303)
    interview = get_mock(lib, mock_id)
    notices = _sessions(request).notices(lib.user_id, f"mock:{mock_id}")
    page = "mock_feedback.html" if item.answered else "mock_question.html"
    follows = next((i for i in interview.items if i.position == item.follows), None)
    return render(request, page, mock_id=mock_id, item=item, interview=interview, follows=follows,
                  role=ROLE_NAMES.get(item.role, item.role), notices=notices)  # fmt: skip


@router.post("/mock/{mock_id}/answer/{position}")
def mock_answer(
    request: Request,
    lib: LibraryDep,
    mock_id: RowId,
    position: Position,
    answer: Annotated[str, Form(max_length=MAX_ANSWER)] = "",
) -> RedirectResponse:
    """Store the answer with the grader's hints; the page then asks for the user's marks."""
    grader = _sessions(request).grader(lib.user_id, f"mock:{mock_id}")
    answer_question(lib, grader, mock_id, position, answer)
    return RedirectResponse(f"/mock/{mock_id}", status_code=303)


@router.post("/mock/{mock_id}/marks/{position}")
def mock_marks(
    request: Request,
    lib: LibraryDep,
    mock_id: RowId,
    position: Position,
    points: Annotated[int, Form(ge=0, le=MAX_POINTS)],
    covered: Annotated[list[Point], Form()] = [],  # noqa: B006 (FastAPI reads the default, never mutates it)
    shaky: Annotated[list[Point], Form()] = [],  # noqa: B006
) -> RedirectResponse:
    """Store the user's marks (shaky wins over covered for a point marked both); a follow-up on what was
    missed comes next when there is one."""
    if any(not 0 <= n < points for n in [*covered, *shaky]):
        raise InvalidInputError(f"mark points 1 to {points}")
    marks = ["shaky" if n in shaky else "covered" if n in covered else "missed" for n in range(points)]
    grader = _sessions(request).grader(lib.user_id, f"mock:{mock_id}")
    mark_answer(lib, grader, mock_id, position, marks)
    return RedirectResponse(f"/mock/{mock_id}", status_code=303)


@router.get("/mock/{mock_id}/report", response_class=HTMLResponse)
def mock_report(request: Request, lib: LibraryDep, mock_id: RowId) -> HTMLResponse:
    """Each answer beside its points, hints and marks, the time per answer, and what to review."""
    interview = get_mock(lib, mock_id)
    return render(request, "mock_report.html", interview=interview, roles=ROLE_NAMES)


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
def questions_api(
    lib: LibraryDep, kind: QuestionKind | None = None, entry: str | None = None
) -> JSONResponse:
    """The question bank as JSON: ``[{id, kind, entries, prompt, reference_points, ...}]``."""
    return JSONResponse(questions_json(lib.catalog, list_questions(lib, kind=kind, entry=entry)))


@router.get("/api/ready")
def ready_api(lib: LibraryDep) -> JSONResponse:
    """The readiness report as JSON."""
    return JSONResponse(readiness_report(lib).as_json())


@router.get("/api/mock/{mock_id}")
def mock_api(lib: LibraryDep, mock_id: RowId) -> JSONResponse:
    """A mock interview's report as JSON."""
    return JSONResponse(report_json(get_mock(lib, mock_id)))
