"""Reading pages: the note editor with live preview, the reading view (survey sheet, outline, PDF pages,
figures gallery), rendered pages and figure crops, progress as JSON and as a server-side SVG chart."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from paperpass import library
from paperpass.errors import InvalidInputError, NotFoundError
from paperpass.groups import share_choices, share_note
from paperpass.ids import MAX_ID
from paperpass.library import Library
from paperpass.models import Paper
from paperpass.notes import lint_note, load_note, parse_note, render_markdown, save_note
from paperpass.papers import paper_pdf, survey_sheet
from paperpass.papers import paper_stage as stage
from paperpass.reading import EntryProgress, Progress, WeekRow, reading_progress, render_figure, render_page
from paperpass.reading import page_words as words_of_page
from paperpass.reading import reading_view as gather_reading_view
from paperpass.web.adding import add_box_context
from paperpass.web.deps import LibraryDep
from paperpass.web.openapi import MarkdownResponse, PNGResponse
from paperpass.web.params import BaseVersion, Index, PageNumber
from paperpass.web.templating import render

router = APIRouter()
MAX_PREVIEW = 200_000
CACHE_HEADERS = {"Cache-Control": "private, max-age=86400"}
"""Page images, figure crops and page words: the reading view asks for them with ``?v=<PDF sha256>``, so a
new PDF for the paper is never shown from a stale cache."""


NoteText = Annotated[
    str, Form(max_length=MAX_PREVIEW, pattern=r"\S", description="The note in Markdown (not blank).")
]


class PreviewRequest(BaseModel):
    """Markdown to preview."""

    text: str = Field(max_length=MAX_PREVIEW)


class SaveRequest(BaseModel):
    """A note to save, with the version it was based on."""

    text: str = Field(
        max_length=MAX_PREVIEW,
        pattern=r"\S",
        description="The note in Markdown (not blank): '## Problem', ...",
    )
    version: int = Field(ge=0, le=MAX_ID, description="The version the edit started from (0 for a new note).")


def _paper(lib: Library, slug: str) -> Paper:
    return library.get_paper(lib, slug)


def _findings(text: str) -> list[str]:
    try:
        return [str(f) for f in lint_note(parse_note(text))]
    except InvalidInputError as exc:
        return [exc.message]


def _editor_context(
    request: Request, lib: Library, paper: Paper, text: str, version: int, error: str = ""
) -> dict[str, Any]:
    return {
        "paper": paper,
        "text": text,
        "version": version,
        "preview": render_markdown(text),
        "findings": _findings(text),
        "error": error,
        "status": stage(lib, paper),
        "saved": request.query_params.get("saved"),
        "shares": share_choices(lib, paper),
    }


@router.get("/papers/{slug}/note", response_class=HTMLResponse)
def note_page(request: Request, lib: LibraryDep, slug: str) -> HTMLResponse:
    """The note editor: Markdown on the left, the rendered preview (with math) on the right."""
    paper = _paper(lib, slug)
    state = load_note(lib, paper)
    return render(request, "note.html", **_editor_context(request, lib, paper, state.text, state.version))


@router.post("/papers/{slug}/note", response_class=HTMLResponse, response_model=None)
def save_note_form(
    request: Request, lib: LibraryDep, slug: str, text: NoteText, version: BaseVersion = 0
) -> HTMLResponse | RedirectResponse:
    """Save from the form; on a bad note the page comes back with the text as typed and the message.

    A stale version (the note was saved in another tab or by another client since) raises
    :class:`ConflictError`, which the app turns into the 409 conflict page with both texts.
    """
    paper = _paper(lib, slug)
    try:
        saved = save_note(lib, paper, text, version, source="web")
    except InvalidInputError as exc:
        context = _editor_context(request, lib, paper, text, version, error=exc.message)
        return render(request, "note.html", status_code=400, **context)
    return RedirectResponse(f"/papers/{paper.slug}/note?saved={saved.version}", status_code=303)


@router.post("/api/papers/{slug}/note")
def save_note_api(request: Request, lib: LibraryDep, slug: str, body: SaveRequest) -> dict[str, Any]:
    """Save a note (JSON): the new version and the lint findings; 409 when the base version is stale."""
    paper = _paper(lib, slug)
    saved = save_note(lib, paper, body.text, body.version, source="web")
    return {"version": saved.version, "findings": _findings(saved.body)}


@router.get("/api/papers/{slug}/note")
def note_api(request: Request, lib: LibraryDep, slug: str) -> dict[str, Any]:
    """A paper's note (the template when never saved) and its version."""
    paper = _paper(lib, slug)
    state = load_note(lib, paper)
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
def progress_api(lib: LibraryDep) -> dict[str, Any]:
    """What ``paperpass progress --json`` prints."""
    return reading_progress(lib).as_json()


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


def progress_context(lib: Library, entries: list[EntryProgress] | None = None) -> dict[str, Any]:
    """What the home page's progress panel shows, for the viewer (``entries``: their guide progress, if
    known)."""
    result: Progress = reading_progress(lib, entries=entries)
    return {"progress": result, "chart": week_chart(result.weekly)}


@router.get("/papers/{slug}/read", response_class=HTMLResponse)
def reading_view(request: Request, lib: LibraryDep, slug: str) -> HTMLResponse:
    """The paper to read: pass timer and exit criteria, survey sheet (appendix folded), outline, PDF pages
    with a selectable text layer, highlights, the note beside; without a PDF, the guide's facts."""
    view = gather_reading_view(lib, _paper(lib, slug))
    context = _editor_context(request, lib, view.paper, view.note.text, view.note.version)
    return render(request, "read.html", view=view, parts=view.parts, **context, **add_box_context(request))


def _pdf_or_404(lib: Library, slug: str) -> tuple[Paper, Any]:
    paper = _paper(lib, slug)
    pdf = paper_pdf(lib, paper)
    if pdf is None:
        raise NotFoundError(f"{paper.slug} has no PDF in the library")
    return paper, pdf


@router.get("/papers/{slug}/pdf", response_class=FileResponse)
def pdf_file(request: Request, lib: LibraryDep, slug: str) -> Response:
    """The paper's PDF itself, shown in the browser's own viewer (404 when the library has none)."""
    paper, pdf = _pdf_or_404(lib, slug)
    return FileResponse(pdf.path, media_type="application/pdf", content_disposition_type="inline",
                        filename=f"{paper.slug}.pdf")  # fmt: skip


@router.get("/papers/{slug}/pages/{page}/words")
def page_words(request: Request, lib: LibraryDep, slug: str, page: PageNumber) -> JSONResponse:
    """The words of a PDF page with their boxes (fractions of the page, origin top left), grouped in lines:
    the reading view's selectable text layer."""
    _, pdf = _pdf_or_404(lib, slug)
    return JSONResponse(words_of_page(pdf, page).as_json(), headers=CACHE_HEADERS)


@router.get("/papers/{slug}/pages/{page}.png", response_class=PNGResponse)
def page_image(
    request: Request,
    lib: LibraryDep,
    slug: str,
    page: PageNumber,
    zoom: Annotated[float, Query(ge=1, le=2, multiple_of=0.5, description="1, 1.5 or 2.")] = 1.5,
) -> Response:
    """A PDF page as PNG (rendered once, then served from the disk cache)."""

    _, pdf = _pdf_or_404(lib, slug)
    path = render_page(lib.settings.home, pdf, page, zoom)
    return FileResponse(path, media_type="image/png", headers=CACHE_HEADERS)


@router.get("/papers/{slug}/figures/{index}.png", response_class=PNGResponse)
def figure_image(request: Request, lib: LibraryDep, slug: str, index: Index) -> Response:
    """A figure or table cropped from its page, as PNG (cached)."""

    paper, pdf = _pdf_or_404(lib, slug)
    sheet = survey_sheet(lib, paper)
    assert sheet is not None
    path = render_figure(lib.settings.home, pdf, sheet, index)
    return FileResponse(path, media_type="image/png", headers=CACHE_HEADERS)


@router.get("/papers/{slug}/note.md", response_class=MarkdownResponse)
def note_markdown(request: Request, lib: LibraryDep, slug: str) -> Response:
    """The note as a Markdown download."""
    paper = _paper(lib, slug)
    state = load_note(lib, paper)
    return Response(state.text, media_type="text/markdown; charset=utf-8")


@router.post("/papers/{slug}/note/share")
def share_note_form(
    request: Request, lib: LibraryDep, slug: str, group: str = Form(max_length=200), share: bool = Form(False)
) -> RedirectResponse:
    """Share the viewer's note with one of their groups (read-only for its members), or stop sharing."""

    paper = _paper(lib, slug)
    share_note(lib, paper, group, share)
    return RedirectResponse(f"/papers/{paper.slug}/note#sharing", status_code=303)
