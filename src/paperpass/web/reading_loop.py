"""Running the reading loop from the reading view: the pass timer, sessions read elsewhere, marking a pass
done (with the unmet exit criteria and an explicit override, like ``paperpass pass-done``) and highlights.

Each route parses its input, makes one domain call and answers: JSON to the page's scripts (they ask with
``Accept: application/json``), otherwise a redirect back to the page it came from, so every form also
works without JavaScript.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from paperpass import library
from paperpass.reading import (
    add_highlight,
    check_exit,
    complete_pass,
    list_highlights,
    log_minutes,
    remove_highlight,
    use_timer,
)
from paperpass.web.deps import LibraryDep
from paperpass.web.templating import render

router = APIRouter()


def wants_json(request: Request) -> bool:
    """Whether the caller is a script asking for JSON rather than a browser following a form."""
    return "application/json" in request.headers.get("accept", "")


def back_to(target: str | None, default: str) -> str:
    """A same-site path to return to (``next`` of a form), or ``default``: never another site."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return default


PassField = Annotated[int | None, Form(alias="pass", ge=1, le=3)]


@router.post("/papers/{slug}/timer")
def timer(
    request: Request,
    lib: LibraryDep,
    slug: str,
    action: Annotated[str, Form(max_length=10)],
    number: PassField = None,
) -> Response:
    """Start, pause, stop (logs the session) or reset the viewer's pass timer on a paper."""
    paper = library.get_paper(lib, slug)
    outcome = use_timer(lib, paper, action, number)
    if wants_json(request):
        return JSONResponse(outcome.as_json())
    return RedirectResponse(f"/papers/{paper.slug}/read#timer", status_code=303)


@router.post("/papers/{slug}/sessions")
def log_session(
    request: Request,
    lib: LibraryDep,
    slug: str,
    number: Annotated[int, Form(alias="pass", ge=1, le=3)],
    minutes: Annotated[float, Form(allow_inf_nan=False)],
    next_page: Annotated[str | None, Form(alias="next", max_length=500)] = None,
) -> Response:
    """Log a session read elsewhere (on paper, on a tablet): ``pass`` and ``minutes``, ending now."""
    paper = library.get_paper(lib, slug)
    session = log_minutes(lib, paper, number, minutes, note="logged in the web app")
    if wants_json(request):
        return JSONResponse({"pass": session.pass_number, "minutes": session.minutes}, status_code=201)
    return RedirectResponse(back_to(next_page, f"/papers/{paper.slug}/read#passes"), status_code=303)


@router.post("/papers/{slug}/passes/{number}/done")
def pass_done(
    request: Request,
    lib: LibraryDep,
    slug: str,
    number: int,
    force: Annotated[bool, Form()] = False,
) -> Response:
    """Mark a pass complete when its exit criteria are met; otherwise a 409 page lists what is missing
    and offers the override (``force``), which is logged as forced, exactly like ``paperpass pass-done``."""
    paper = library.get_paper(lib, slug)
    done = complete_pass(lib, paper, number, force=force)
    if wants_json(request):
        data = {"pass": number, "completed": done.completed, "forced": done.forced,
                "missing": list(done.check.missing)}  # fmt: skip
        return JSONResponse(data, status_code=200 if done.completed else 409)
    if done.completed:
        return RedirectResponse(f"/papers/{paper.slug}/read#passes", status_code=303)
    return render(request, "pass_done.html", status_code=409, paper=paper, number=number, check=done.check,
                  reading_pass=next(p for p in lib.catalog.passes if p.number == number))  # fmt: skip


class HighlightRequest(BaseModel):
    """A passage marked on a page: its text and its boxes as fractions of the page (x0, y0, x1, y1)."""

    page: int = Field(ge=1, le=100_000)
    text: str = Field(min_length=1, max_length=20_000)
    rects: list[list[float]] = Field(default_factory=list, max_length=200)


@router.get("/api/papers/{slug}/highlights")
def highlights_api(lib: LibraryDep, slug: str) -> dict[str, Any]:
    """The viewer's highlights on a paper, in page order."""
    paper = library.get_paper(lib, slug)
    return {"slug": paper.slug, "highlights": [h.as_json() for h in list_highlights(lib, paper)]}


@router.post("/api/papers/{slug}/highlights", status_code=201)
def keep_highlight(lib: LibraryDep, slug: str, body: HighlightRequest) -> dict[str, Any]:
    """Keep a highlight; answers it with its id and its Markdown quote (``> ... [p. 4]``)."""
    paper = library.get_paper(lib, slug)
    highlight = add_highlight(lib, paper, body.page, body.text, body.rects)
    return {**highlight.as_json(), "quote": highlight.quote}


@router.post("/papers/{slug}/highlights/{highlight_id}/delete")
def delete_highlight_form(
    request: Request, lib: LibraryDep, slug: str, highlight_id: Annotated[int, Path(ge=1, le=2**31 - 1)]
) -> Response:
    """Delete one of the viewer's highlights (404 when it is not theirs or not on this paper)."""
    paper = library.get_paper(lib, slug)
    remove_highlight(lib, paper, highlight_id)
    if wants_json(request):
        return JSONResponse({"deleted": highlight_id})
    return RedirectResponse(f"/papers/{paper.slug}/read#highlights", status_code=303)


@router.get("/papers/{slug}/passes/{number}/done", response_class=HTMLResponse)
def pass_done_page(request: Request, lib: LibraryDep, slug: str, number: int) -> HTMLResponse:
    """What marking pass ``number`` done would check, with the button to do it (and the override)."""
    paper = library.get_paper(lib, slug)
    check = check_exit(lib, paper, number)
    return render(request, "pass_done.html", paper=paper, number=number, check=check,
                  reading_pass=next(p for p in lib.catalog.passes if p.number == number))  # fmt: skip
