"""Adding papers from the browser: the add box of ``/papers`` and the guide pages (an arXiv id or URL, a DOI,
a Semantic Scholar id, pasted BibTeX, or an uploaded PDF), and attaching a PDF to a paper that has none.

Uploads are bounded by the ``upload_max_mb`` setting: a request whose body is larger is refused (413)
before it is read, and the file is counted again while it is written to the staging folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from paperpass import library
from paperpass.errors import InvalidInputError
from paperpass.papers import (
    AddReport,
    Submission,
    UploadTooLargeError,
    attach_pdf,
    stage_upload,
    submit_paper,
)
from paperpass.sources import open_sources
from paperpass.web.deps import LibraryDep
from paperpass.web.templating import render

router = APIRouter()
FORM_SLACK = 64 * 1024
"""Bytes a multipart body may carry beyond the file itself (the boundaries, the token, the identifier)."""

_FIELDS = {
    "identifier": {"type": "string", "description": "arXiv id or URL, DOI, Semantic Scholar id or URL, or "
                   "BibTeX entries (starting with @)"},
    "then": {"type": "string", "enum": ["", "read"], "description": "read: land on the reading view"},
    "csrf_token": {"type": "string"},
}  # fmt: skip
_PDF_FIELD = {"pdf": {"type": "string", "format": "binary", "description": "a PDF"}}
_ADD_FORM = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {"schema": {"type": "object", "properties": {**_FIELDS, **_PDF_FIELD}}},
            "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": _FIELDS}},
        },
    }
}


def _limit(request: Request) -> int:
    return int(float(request.app.state.settings.upload_max_mb) * 1_000_000)


def _check_length(request: Request) -> None:
    limit = _limit(request)
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit + FORM_SLACK:
        raise UploadTooLargeError(
            f"the upload is larger than the {limit / 1_000_000:g} MB limit (upload_max_mb)"
        )


def _chunks(upload: UploadFile) -> Iterator[bytes]:
    upload.file.seek(0)
    while chunk := upload.file.read(1 << 20):
        yield chunk


async def _form(request: Request) -> tuple[str, Path | None, str]:
    """The identifier, the staged upload (if a file was sent) and where to land (``then``) of a form."""
    _check_length(request)
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise InvalidInputError("send the form as multipart/form-data (a PDF) or url-encoded (an identifier)")
    try:
        form = await request.form(max_files=1, max_fields=8, max_part_size=2_000_000)
    except Exception as exc:  # Starlette's MultiPartException and friends: a malformed body
        raise InvalidInputError(f"the form could not be read: {exc}") from None
    try:
        identifier = form.get("identifier")
        then = form.get("then")
        upload = form.get("pdf")
        staged = None
        if isinstance(upload, UploadFile) and (upload.filename or upload.size):
            settings = request.app.state.settings
            staged = await run_in_threadpool(stage_upload, settings, _chunks(upload), _limit(request))
    finally:
        await form.close()
    return (
        (identifier if isinstance(identifier, str) else ""),
        staged,
        (then if isinstance(then, str) else ""),
    )


def _landing(report: AddReport, then: str) -> str | None:
    paper = next((o.paper for o in report.outcomes if o.paper is not None), None)
    if paper is None:
        return None
    return f"/papers/{paper.slug}" + ("/read" if then == "read" else "")


def _added(request: Request, report: AddReport, then: str = "") -> Response:
    target = _landing(report, then)
    if target is not None:
        return RedirectResponse(target, status_code=303)
    failed = [o for o in report.outcomes if o.action == "failed"]
    if failed and len(failed) == len(report.outcomes):
        first = failed[0]
        raise first.error if first.error is not None else InvalidInputError(first.reason)
    return render(request, "added.html", status_code=202, report=report)


@router.post("/papers", openapi_extra=_ADD_FORM, response_class=HTMLResponse)
async def add_paper(request: Request, lib: LibraryDep) -> Response:
    """Add one paper (``identifier`` or the file ``pdf``) and land on its page (303 to ``/papers/{slug}``;
    to its reading view with ``then=read``).

    Bad input is a 4xx page with one line; a source that cannot be reached queues the paper for
    ``paperpass sync`` (202 page) unless what is known already makes a paper.
    """
    try:
        identifier, staged, then = await _form(request)
    except UploadTooLargeError as error:
        return render(request, "error.html", status_code=413, status=413, message=error.message)
    submission = Submission(identifier=identifier, upload=staged)

    def run() -> AddReport:
        with open_sources(lib.settings) as sources:
            return submit_paper(lib, sources, submission)

    return _added(request, await run_in_threadpool(run), then)


@router.post("/papers/{slug}/pdf", openapi_extra=_ADD_FORM, response_class=HTMLResponse)
async def attach(request: Request, lib: LibraryDep, slug: str) -> Response:
    """Attach an uploaded PDF (the file ``pdf``) to a paper, then open its reading view."""
    paper = await run_in_threadpool(library.get_paper, lib, slug)
    try:
        _, staged, _ = await _form(request)
    except UploadTooLargeError as error:
        return render(request, "error.html", status_code=413, status=413, message=error.message)
    if staged is None:
        raise InvalidInputError("choose a PDF file to attach")
    await run_in_threadpool(attach_pdf, lib, paper, staged)
    return RedirectResponse(f"/papers/{paper.slug}/read", status_code=303)


def add_box_context(request: Request) -> dict[str, Any]:
    """What the add box template needs: the upload limit in MB."""
    return {"upload_max_mb": float(request.app.state.settings.upload_max_mb)}
