"""Reading pages: the note editor with live preview, the reading view (survey sheet, outline, PDF pages,
figures gallery), rendered pages and figure crops, progress as JSON and as a server-side SVG chart."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from paperpass import library
from paperpass.catalog import Catalog
from paperpass.errors import InvalidInputError, NotFoundError
from paperpass.models import Paper
from paperpass.notes.document import parse_note
from paperpass.notes.history import load_note, save_note
from paperpass.notes.lint import lint_note
from paperpass.notes.render import render_markdown
from paperpass.reading.progress import Progress, WeekRow, reading_progress
from paperpass.reading.status import EntryProgress
from paperpass.store import Store
from paperpass.web.security import current_user_id, current_viewer

router = APIRouter()
MAX_PREVIEW = 200_000


class PreviewRequest(BaseModel):
    """Markdown to preview."""

    text: str = Field(max_length=MAX_PREVIEW)


class SaveRequest(BaseModel):
    """A note to save, with the version it was based on."""

    text: str = Field(max_length=MAX_PREVIEW)
    version: int = Field(ge=0)


def _render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("catalog", request.app.state.catalog)
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, template, context, status_code=status_code
    )
    return response


def _paper(request: Request, slug: str) -> Paper:
    return library.get_paper(request.app.state.store, slug)


def _findings(text: str) -> list[str]:
    try:
        return [str(f) for f in lint_note(parse_note(text))]
    except InvalidInputError as exc:
        return [exc.message]


def _editor_context(
    request: Request, paper: Paper, text: str, version: int, error: str = ""
) -> dict[str, Any]:
    from paperpass.groups.notes import share_choices

    store: Store = request.app.state.store
    user = current_user_id(request)
    return {
        "paper": paper,
        "text": text,
        "version": version,
        "preview": render_markdown(text),
        "findings": _findings(text),
        "error": error,
        "status": library.paper_status(store, paper, user),
        "saved": request.query_params.get("saved"),
        "shares": share_choices(store, paper, current_viewer(request)),
    }


@router.get("/papers/{slug}/note", response_class=HTMLResponse)
def note_page(request: Request, slug: str) -> HTMLResponse:
    """The note editor: Markdown on the left, the rendered preview (with math) on the right."""
    paper = _paper(request, slug)
    state = load_note(request.app.state.store, request.app.state.settings, paper, current_user_id(request))
    return _render(request, "note.html", **_editor_context(request, paper, state.text, state.version))


@router.post("/papers/{slug}/note", response_class=HTMLResponse)
def save_note_form(
    request: Request, slug: str, text: str = Form(""), version: int = Form(0, ge=0)
) -> Response:
    """Save from the form; on a bad note the page comes back with the text as typed and the message.

    A stale version (the note was saved in another tab or by another client since) raises
    :class:`ConflictError`, which the app turns into the 409 conflict page with both texts.
    """
    paper = _paper(request, slug)
    user = current_user_id(request)
    try:
        saved = save_note(request.app.state.store, paper, text, version, source="web", user_id=user)
    except InvalidInputError as exc:
        context = _editor_context(request, paper, text, version, error=exc.message)
        return _render(request, "note.html", status_code=400, **context)
    return RedirectResponse(f"/papers/{paper.slug}/note?saved={saved.version}", status_code=303)


@router.post("/api/papers/{slug}/note")
def save_note_api(request: Request, slug: str, body: SaveRequest) -> dict[str, Any]:
    """Save a note (JSON): the new version and the lint findings; 409 when the base version is stale."""
    paper = _paper(request, slug)
    user = current_user_id(request)
    saved = save_note(request.app.state.store, paper, body.text, body.version, source="web", user_id=user)
    return {"version": saved.version, "findings": _findings(saved.body)}


@router.get("/api/papers/{slug}/note")
def note_api(request: Request, slug: str) -> dict[str, Any]:
    """A paper's note (the template when never saved) and its version."""
    paper = _paper(request, slug)
    state = load_note(request.app.state.store, request.app.state.settings, paper, current_user_id(request))
    return {
        "slug": paper.slug,
        "version": state.version,
        "text": state.text,
        "findings": _findings(state.text),
    }


@router.post("/api/notes/preview")
def preview(body: PreviewRequest) -> dict[str, Any]:
    """Markdown rendered to sanitized HTML with math as MathML, and the lint findings."""
    return {"html": render_markdown(body.text), "findings": _findings(body.text)}


@router.get("/api/progress")
def progress_api(request: Request) -> dict[str, Any]:
    """What ``paperpass progress --json`` prints."""
    store, catalog = request.app.state.store, request.app.state.catalog
    return reading_progress(store, catalog, user_id=current_user_id(request)).as_json()


def week_chart(weeks: list[WeekRow], width: int = 360, height: int = 120) -> dict[str, Any]:
    """Bar geometry for the weekly reading chart (drawn as inline SVG by the template)."""
    top = max((w.minutes for w in weeks), default=0.0)
    scale = max(top, 60.0)
    slot = width / max(len(weeks), 1)
    plot = height - 20
    bars = []
    for i, w in enumerate(weeks):
        h = round(w.minutes / scale * plot, 1)
        bars.append({"x": round(i * slot + 2, 1), "y": round(plot - h, 1), "w": round(slot - 4, 1), "h": h,
                     "minutes": w.minutes, "label": w.start.strftime("%d %b")})  # fmt: skip
    return {"width": width, "height": height, "plot": plot, "bars": bars, "scale": round(scale)}


def progress_context(
    store: Store, catalog: Catalog, user_id: int = 0, entries: list[EntryProgress] | None = None
) -> dict[str, Any]:
    """What the home page's progress panel shows, for a user (``entries``: their guide progress, if known)."""
    result: Progress = reading_progress(store, catalog, user_id=user_id, entries=entries)
    return {"progress": result, "chart": week_chart(result.weekly)}


@router.get("/papers/{slug}/read", response_class=HTMLResponse)
def reading_view(request: Request, slug: str) -> HTMLResponse:
    """The paper to read: survey sheet, outline with jumps, PDF pages, figures gallery, the note beside."""
    from paperpass.reading.sheets import paper_pdf, survey_sheet

    store: Store = request.app.state.store
    settings = request.app.state.settings
    paper = _paper(request, slug)
    pdf = paper_pdf(store, settings, paper)
    sheet = survey_sheet(store, settings, paper) if pdf else None
    state = load_note(store, settings, paper, current_user_id(request))
    captions = [*sheet.figures, *sheet.tables] if sheet else []
    context = _editor_context(request, paper, state.text, state.version)
    return _render(request, "read.html", sheet=sheet, captions=captions, has_pdf=pdf is not None, **context)


def _pdf_or_404(request: Request, slug: str) -> tuple[Paper, Any]:
    from paperpass.reading.sheets import paper_pdf

    paper = _paper(request, slug)
    pdf = paper_pdf(request.app.state.store, request.app.state.settings, paper)
    if pdf is None:
        raise NotFoundError(f"{paper.slug} has no PDF in the library")
    return paper, pdf


CACHE_HEADERS = {"Cache-Control": "private, max-age=86400"}


@router.get("/papers/{slug}/pages/{page}.png")
def page_image(request: Request, slug: str, page: int, zoom: float = 1.5) -> Response:
    """A PDF page as PNG (rendered once, then served from the disk cache)."""
    from paperpass.reading.pages import render_page

    _, pdf = _pdf_or_404(request, slug)
    path = render_page(request.app.state.settings.home, pdf, page, zoom)
    return FileResponse(path, media_type="image/png", headers=CACHE_HEADERS)


@router.get("/papers/{slug}/figures/{index}.png")
def figure_image(request: Request, slug: str, index: int) -> Response:
    """A figure or table cropped from its page, as PNG (cached)."""
    from paperpass.reading.pages import render_figure
    from paperpass.reading.sheets import survey_sheet

    paper, pdf = _pdf_or_404(request, slug)
    sheet = survey_sheet(request.app.state.store, request.app.state.settings, paper)
    assert sheet is not None
    path = render_figure(request.app.state.settings.home, pdf, sheet, index)
    return FileResponse(path, media_type="image/png", headers=CACHE_HEADERS)


@router.get("/papers/{slug}/note.md")
def note_markdown(request: Request, slug: str) -> Response:
    """The note as a Markdown download."""
    paper = _paper(request, slug)
    state = load_note(request.app.state.store, request.app.state.settings, paper, current_user_id(request))
    return Response(state.text, media_type="text/markdown; charset=utf-8")


@router.post("/papers/{slug}/note/share")
def share_note_form(
    request: Request, slug: str, group: str = Form(max_length=200), share: bool = Form(False)
) -> Response:
    """Share the viewer's note with one of their groups (read-only for its members), or stop sharing."""
    from paperpass.groups.notes import share_note

    paper = _paper(request, slug)
    share_note(request.app.state.store, paper, group, share, current_viewer(request))
    return RedirectResponse(f"/papers/{paper.slug}/note#sharing", status_code=303)
