"""Jinja2 templates and the one function every page renders through."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from paperpass import __version__

HERE = Path(__file__).parent


def templates() -> Jinja2Templates:
    """Jinja2 templates with autoescaping (the default for .html) and our filters."""
    env = Jinja2Templates(directory=HERE / "templates")
    env.env.globals["version"] = __version__
    return env


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a template with the catalog available to every page."""
    context.setdefault("catalog", request.app.state.library.catalog)
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, template, context, status_code=status_code
    )
    return response
