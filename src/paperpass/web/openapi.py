"""The OpenAPI description (``/openapi.json``), made to say what the server really answers.

FastAPI describes each route from its signature: parameters, the success status and the response class's
media type. What it cannot see is added here, for every route alike, so a new route is described honestly
without ceremony:

- **errors**: the app answers every error with one shape, on ``/api`` the JSON object :data:`ERROR_SCHEMA`
  (``{"error": "one line"}``; a 409 adds ``mine`` and ``theirs``), on pages an HTML page. Each operation
  lists the statuses it can give: 400 and 404 (any request: a value the library refuses, a name that does
  not exist, a Host the server does not serve), 422 when it has parameters or a body (FastAPI's own
  validation, in the error shape), and for state-changing methods 403 (the CSRF token), 409 (a stale
  write) and 413 (a body over the limit). A 400 or 413 from the server's outer shield (an unknown Host, a
  body too large to read) is one line of ``text/plain``. On a team server, 401 (``/api``) or a 303 to the
  login page;
- **redirects**: a route whose return type is :class:`~starlette.responses.RedirectResponse` answers 303
  with a ``Location`` header (and no 200 unless its return type also names a page);
- **media types**: a route that answers something other than JSON says so with ``response_class``, e.g.
  :class:`PNGResponse`, :class:`MarkdownResponse`, :class:`CalendarResponse`, ``HTMLResponse``;
- **form and query values** are text: an optional one is described without ``null`` (left out, it means
  none), and a required text field is at least one character (an empty field counts as missing).

Pages (``text/html``) are described too, tagged ``pages``; the JSON API is tagged ``api``.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Iterator
from typing import Any

import fastapi.routing
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.responses import RedirectResponse, Response

ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "description": "Every error of the JSON API: one line for a person, and both texts of a save conflict.",
    "required": ["error"],
    "properties": {
        "error": {"type": "string", "description": "What went wrong, in one line."},
        "mine": {"type": ["string", "null"], "description": "409: the text this request tried to save."},
        "theirs": {"type": ["string", "null"], "description": "409: the text saved in the meantime."},
    },
}
ERROR_REF = {"$ref": "#/components/schemas/Error"}
UNSAFE = {"post", "put", "patch", "delete"}
PLAIN = {400, 413}
"""Statuses the server's outer shield may answer in one plain-text line before any route runs (a Host it
does not serve, a body over the limit), on ``/api`` too."""
DESCRIPTIONS = {
    400: "Refused: a value the library cannot use, or a Host name this server does not serve.",
    401: "Log in first (team server).",
    403: "Missing or wrong CSRF token, or the account's role does not allow this.",
    404: "What the request names (a paper, an entry, a group, a question...) does not exist.",
    409: "Based on a stale version: nothing was saved (a note's conflict carries `mine` and `theirs`).",
    413: "The request body is larger than the server accepts.",
    422: "A parameter or the body is missing, malformed, or outside the range this description states.",
}


_RETRY = {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}}
THROTTLED: dict[int | str, dict[str, Any]] = {
    429: {
        "description": "Too many failed password checks for this account or address: the form again, and "
        "`Retry-After`.",
        "content": {"text/html": {"schema": {"type": "string"}}},
        "headers": _RETRY,
    },
    503: {
        "description": "Too many password checks at once: the form again, and `Retry-After`.",
        "content": {"text/html": {"schema": {"type": "string"}}},
        "headers": _RETRY,
    },
}
"""The answers of a form that checks a password (``responses=`` of the login and password routes)."""


class PNGResponse(Response):
    """Documents a PNG image response (the route returns a ``FileResponse``)."""

    media_type = "image/png"


class MarkdownResponse(Response):
    """A Markdown document (``text/markdown; charset=utf-8``)."""

    media_type = "text/markdown"


class CalendarResponse(Response):
    """An iCalendar file (``text/calendar; charset=utf-8``)."""

    media_type = "text/calendar"


class DescribedAPI(FastAPI):
    """FastAPI whose ``/openapi.json`` lists the errors, redirects and media types the server answers."""

    _described: dict[str, Any] | None = None

    def openapi(self) -> dict[str, Any]:
        """The description, completed once per generation (see the module docstring)."""
        schema = super().openapi()
        if schema is not self._described:
            describe(self, schema)
            self._described = schema
        return schema


def describe(app: FastAPI, schema: dict[str, Any]) -> None:
    """Complete ``schema`` (generated by FastAPI for ``app``) in place."""
    team = bool(getattr(app.state, "server_mode", False))
    for route in _api_routes(app):
        if not route.include_in_schema:
            continue
        item = schema.get("paths", {}).get(route.path_format, {})
        for method in route.methods or ():
            operation = item.get(method.lower())
            if operation is not None:
                _describe_operation(route.path_format, _return_types(route.endpoint), method.lower(),
                                    operation, team=team)  # fmt: skip
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            _no_null_in_forms(operation, components)
    components["Error"] = ERROR_SCHEMA
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)


FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def _no_null_in_forms(operation: dict[str, Any], components: dict[str, Any]) -> None:
    """A query, path or form value is text: it cannot be null. An optional one (``int | None = None``) is
    left out to mean "none", so its schema is its non-null member (JSON bodies keep their nulls). And an
    empty form field counts as a missing one (FastAPI), so a required text field is at least 1 long."""
    for parameter in operation.get("parameters", []):
        if "schema" in parameter:
            parameter["schema"] = _without_null(parameter["schema"])
    for media, content in operation.get("requestBody", {}).get("content", {}).items():
        if media not in FORMS:
            continue
        body = content.get("schema", {})
        name = body.get("$ref", "").rpartition("/")[2]
        body = components.get(name, body)
        properties = body.get("properties", {})
        for key, value in properties.items():
            properties[key] = _without_null(value)
            if key in body.get("required", ()) and properties[key].get("type") == "string":
                properties[key].setdefault("minLength", 1)


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    members = schema.get("anyOf")
    if not isinstance(members, list):
        return schema
    kept = [m for m in members if m != {"type": "null"}]
    if len(kept) == len(members):
        return schema
    rest = {k: v for k, v in schema.items() if k != "anyOf" and not (k == "default" and v is None)}
    if len(kept) == 1:
        return {**kept[0], **rest}
    return {**rest, "anyOf": kept}


def all_routes(app: FastAPI) -> Iterator[Any]:
    """The app's routes, included routers' too (recent FastAPI versions hand those out as contexts with the
    same attributes: ``path_format``, ``path_regex``, ``methods``, ``endpoint``, ``include_in_schema``)."""
    contexts = getattr(fastapi.routing, "iter_route_contexts", None)
    yield from contexts(app.routes) if contexts is not None else app.routes


def _api_routes(app: FastAPI) -> Iterator[Any]:
    """The app's API routes."""
    for route in all_routes(app):
        if isinstance(getattr(route, "original_route", route), APIRoute):
            yield route


def _describe_operation(
    path: str, returns: set[type], method: str, operation: dict[str, Any], *, team: bool
) -> None:
    api = path.startswith("/api/")
    operation.setdefault("tags", ["api" if api else "pages"])
    responses: dict[str, Any] = operation.setdefault("responses", {})
    if RedirectResponse in returns:
        responses["303"] = {
            "description": "Done: the page to see next is in `Location`.",
            "headers": {"Location": {"description": "Where to go next.", "schema": {"type": "string"}}},
        }
        if returns <= {RedirectResponse}:
            responses.pop("200", None)
    statuses = {400, 404}
    if operation.get("parameters") or operation.get("requestBody"):
        statuses.add(422)
    if method in UNSAFE:
        statuses |= {403, 409, 413}
    if team:
        statuses |= {403} | ({401} if api else set())
        if not api:
            responses.setdefault("303", _login_redirect())
    for status in statuses:
        responses[str(status)] = _error_response(status, api)
    operation["responses"] = dict(sorted(responses.items()))


def _error_response(status: int, api: bool) -> dict[str, Any]:
    content: dict[str, Any] = (
        {"application/json": {"schema": ERROR_REF}} if api else {"text/html": {"schema": {"type": "string"}}}
    )
    if status in PLAIN:
        content["text/plain"] = {"schema": {"type": "string"}}
    return {"description": DESCRIPTIONS[status], "content": content}


def _login_redirect() -> dict[str, Any]:
    return {
        "description": "Not logged in: the login page, with this page to come back to.",
        "headers": {"Location": {"description": "/login?next=...", "schema": {"type": "string"}}},
    }


def _return_types(endpoint: Any) -> set[type]:
    """The classes a route's endpoint says it returns (the members of a union)."""
    try:
        hints = typing.get_type_hints(endpoint)
    except (NameError, TypeError):
        return set()
    returned = hints.get("return", inspect.Signature.empty)
    members = typing.get_args(returned) if isinstance(returned, types.UnionType) else (returned,)
    if typing.get_origin(returned) is typing.Union:
        members = typing.get_args(returned)
    return {m for m in members if isinstance(m, type)}
