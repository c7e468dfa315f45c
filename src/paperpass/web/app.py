"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from paperpass import __version__
from paperpass.catalog import load_catalog
from paperpass.config import Settings, load_settings
from paperpass.embeddings import warm_up
from paperpass.errors import (
    BusyError,
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    PaperpassError,
    PDFError,
    TooManyRequestsError,
)
from paperpass.library import Library, open_store
from paperpass.store import Store
from paperpass.web import accounts as accounts_web
from paperpass.web import adding, api, auth, pages, practice, reading_loop, security
from paperpass.web import docs as api_docs
from paperpass.web import groups as group_web
from paperpass.web import plan as plan_web
from paperpass.web import reading as reading_web
from paperpass.web import search as search_web
from paperpass.web.openapi import DescribedAPI, all_routes
from paperpass.web.security import ANONYMOUS
from paperpass.web.templating import templates

HERE = Path(__file__).parent


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """The web app over a library (opened from ``settings`` unless a store is given).

    ``app.state.library`` is the library with no viewer; each request gets it seen by its own viewer
    through the ``LibraryDep`` dependency (:mod:`paperpass.web.deps`).
    """
    app = DescribedAPI(title="paperpass", version=__version__, docs_url=None, redoc_url=None)
    opened = store or open_store(settings)
    app.state.library = Library(store=opened, settings=settings, catalog=load_catalog(), viewer=ANONYMOUS)
    app.state.settings = settings
    app.state.store = opened
    app.state.templates = templates()
    security.install(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(adding.router)
    app.include_router(pages.router)
    app.include_router(practice.router)
    app.include_router(auth.router)
    app.include_router(accounts_web.router)
    app.include_router(group_web.router)
    app.include_router(reading_web.router)
    app.include_router(reading_loop.router)
    app.include_router(search_web.router)
    app.include_router(plan_web.router)
    app.include_router(api.router, prefix="/api")
    api_docs.install(app)
    _error_pages(app)
    return app


def app_from_environment() -> FastAPI:
    """The app with settings from the environment: the factory ``paperpass serve --workers N`` hands uvicorn,
    which imports it in every worker process."""
    settings = load_settings()
    if settings.preload_model:
        warm_up()
    return create_app(settings)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(
    request: Request,
    status: int,
    message: str,
    *,
    headers: Mapping[str, str] | None = None,
    extra: Mapping[str, object] | None = None,
) -> Response:
    """The one error shape: ``{"error": message, **extra}`` on ``/api``, the error page elsewhere."""
    more = dict(extra or {})
    if _wants_json(request):
        return JSONResponse({"error": message, **more}, status_code=status, headers=headers)
    page: Jinja2Templates = request.app.state.templates
    return page.TemplateResponse(
        request, "error.html", {"status": status, "message": message, **more}, status_code=status,
        headers=headers,
    )  # fmt: skip


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route answers at this path (Starlette's ``Allow`` names only the first route's,
    and ``GET /plan`` and ``POST /plan`` are two routes)."""
    path = request.scope.get("path", "")
    methods: set[str] = set()
    for route in all_routes(request.app):
        if getattr(route, "methods", None) and route.path_regex.match(path):
            methods |= set(route.methods)
    return sorted(methods)


def _error_pages(app: FastAPI) -> None:
    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return _error(request, 404, exc.message)

    @app.exception_handler(InvalidInputError)
    async def invalid(request: Request, exc: InvalidInputError) -> Response:
        return _error(request, 400, exc.message)

    @app.exception_handler(ConflictError)
    async def conflict(request: Request, exc: ConflictError) -> Response:
        known = exc.mine is not None or exc.theirs is not None
        both = {"mine": exc.mine, "theirs": exc.theirs} if known else {}
        return _error(request, 409, exc.message, extra=both)

    @app.exception_handler(ForbiddenError)
    async def forbidden(request: Request, exc: ForbiddenError) -> Response:
        return _error(request, 403, exc.message)

    @app.exception_handler(TooManyRequestsError)
    async def too_many(request: Request, exc: TooManyRequestsError) -> Response:
        status = 503 if isinstance(exc, BusyError) else 429
        response = _error(request, status, exc.message)
        response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(PDFError)
    async def unreadable_pdf(request: Request, exc: PDFError) -> Response:
        return _error(request, 422, exc.message)

    @app.exception_handler(PaperpassError)
    async def failed(request: Request, exc: PaperpassError) -> Response:
        return _error(request, 400, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "page not found" if exc.status_code == 404 else str(exc.detail)
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(_allowed_methods(request))
        return _error(request, exc.status_code, message, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _error(request, 422, f"invalid request: {where}: {first.get('msg', 'not valid')}")
