"""``/api/docs``: the API's interactive documentation, served from this machine.

FastAPI's default page loads Swagger UI from a CDN and starts it with an inline script, which fails
offline and under the app's Content-Security-Policy. Here Swagger UI's files (version 5, which reads the
OpenAPI 3.1 schema FastAPI writes) come from the ``fastapi-offline`` package, installed as a dependency and
never copied into the repository, and a small static script of ours starts it on ``/openapi.json``.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from paperpass.web.templating import render

ASSETS = "/api/docs/assets"
SWAGGER_UI_FILES = Path(str(files("fastapi_offline") / "static"))
"""swagger-ui-bundle.js and swagger-ui.css, as the fastapi-offline package ships them."""

router = APIRouter()


@router.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request) -> HTMLResponse:
    """The interactive API documentation (Swagger UI) over the app's OpenAPI schema."""
    return render(request, "api_docs.html", assets=ASSETS, schema_url=request.app.openapi_url)


def install(app: FastAPI) -> None:
    """Serve the docs page and Swagger UI's files."""
    app.mount(ASSETS, StaticFiles(directory=SWAGGER_UI_FILES), name="swagger-ui")
    app.include_router(router)
