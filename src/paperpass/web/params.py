"""Route parameter types shared by the web routes, with the bounds the OpenAPI description states.

A number out of range is refused by FastAPI's validation (422, described in the schema), never handed to
the database: ids are 1 to :data:`paperpass.ids.MAX_ID` (a PostgreSQL ``integer``), versions 0 to the same,
durations and minutes within what a person could mean.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Path

from paperpass.ids import MAX_DURATION_MS, MAX_ID

RowId = Annotated[int, Path(ge=1, le=MAX_ID, description="A row id: 1 to 2147483647.")]
"""A path parameter naming a stored row (a question, a mock interview, a highlight...)."""

Position = Annotated[int, Path(ge=1, le=1000, description="A 1-based position in a list.")]
"""A path parameter counting from 1 within a short list (a mock interview's questions)."""

Index = Annotated[int, Path(ge=0, le=10_000, description="A 0-based index in a list.")]
"""A path parameter counting from 0 within a list (a survey sheet's figures and tables)."""

PageNumber = Annotated[int, Path(ge=1, le=100_000, description="A 1-based page number.")]
"""A PDF page, counting from 1."""

BaseVersion = Annotated[int, Form(ge=0, le=MAX_ID, description="The version the edit is based on (0: new).")]
"""The version a form's edit started from (optimistic concurrency)."""

DurationMs = Annotated[
    int | None,
    Form(ge=0, le=MAX_DURATION_MS, description="Milliseconds spent, at most a day; empty if unknown."),
]
"""A duration a page's script measured (empty when it could not)."""
