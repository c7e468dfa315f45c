"""The dependency every route gets its :class:`~paperpass.library.Library` from: the app's library, seen
by the viewer the security middleware identified for this request (the local user in single-user mode,
the logged-in account on a team server)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from paperpass.library import Library
from paperpass.web.security import current_viewer


def current_library(request: Request) -> Library:
    """Dependency: the library as the request's viewer sees it."""
    base: Library = request.app.state.library
    return base.acting_as(current_viewer(request))


LibraryDep = Annotated[Library, Depends(current_library)]
"""A route parameter ``lib: LibraryDep`` receives the request's library."""
