"""Every error paperpass raises on purpose, in one tree.

::

    PaperpassError                 base: carries a one-line, user-facing message
    ├── ConfigError                a bad setting or config.toml
    ├── StoreError                 the library database cannot be opened or migrated
    ├── NotFoundError              an id, slug or file that does not exist (has `suggestions`)
    ├── InvalidInputError          input that cannot be understood (bad id, bad file, bad value)
    ├── ConflictError              a write that would overwrite someone else's newer change
    ├── ForbiddenError             an action the logged-in user's role does not allow
    │   └── AccountRequiredError   personal data asked for without an account (team library, no --user)
    ├── TooManyRequestsError       try again later (has `retry_after` seconds)
    │   ├── ThrottledError         too many login attempts for a username
    │   └── BusyError              the server is at capacity (password checks)
    ├── SourceError                a remote source (arXiv, Semantic Scholar, ...) failed
    │   └── SourceUnreachableError the source could not be reached (offline): its look-ups are queued
    └── PDFError                   a PDF that cannot be read (corrupt, encrypted, no pages, timeout)

The CLI turns each into one line on stderr and exit status 2 (``EXIT_USAGE``) or 1; the web app into a
4xx page. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Sequence


class PaperpassError(Exception):
    """Base class: ``str(error)`` is a complete one-line message for the user."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigError(PaperpassError):
    """A setting, environment variable or ``config.toml`` value is invalid."""

    exit_code = 2


class StoreError(PaperpassError):
    """The library database cannot be opened, migrated or written."""


class NotFoundError(PaperpassError):
    """Something named by the user does not exist; ``suggestions`` holds the closest names."""

    exit_code = 2

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        if suggestions:
            message = f"{message} (did you mean: {', '.join(suggestions)}?)"
        super().__init__(message)
        self.suggestions = list(suggestions)


class InvalidInputError(PaperpassError):
    """Input that cannot be understood: a malformed id, an unreadable file, a bad value."""

    exit_code = 2


class ConflictError(PaperpassError):
    """A write based on a stale version; nothing was written.

    ``mine`` (the text the writer tried to save) and ``theirs`` (the text saved in the meantime) are set
    when both are known, so the conflict page can show them side by side and nothing typed is lost.
    """

    def __init__(self, message: str, *, mine: str | None = None, theirs: str | None = None) -> None:
        super().__init__(message)
        self.mine = mine
        self.theirs = theirs


class ForbiddenError(PaperpassError):
    """The user is known but their role does not allow the action (a member changing a group, say)."""


class AccountRequiredError(ForbiddenError):
    """Personal data (a note, a review, a plan) read or written on a team library by no account in
    particular: the CLI without ``--user``. Exit status 2, like other usage errors."""

    exit_code = 2


class TooManyRequestsError(PaperpassError):
    """A request to repeat later; ``retry_after`` is how many seconds to wait (the web's Retry-After)."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = max(1, int(retry_after + 0.999))


class ThrottledError(TooManyRequestsError):
    """Too many login attempts for a username (from one address, or from all of them) in the window."""


class BusyError(TooManyRequestsError):
    """The server runs as many password checks as it may at once; the request was not served."""


class SourceError(PaperpassError):
    """A remote source failed or answered something we cannot use."""


class SourceUnreachableError(SourceError):
    """A source could not be reached (no connection, no answer, or only errors after every retry).

    ``service`` names it ("Semantic Scholar"); the message is a sentence for the user, never an exception's
    name. Once a service is unreachable in a run, it is not asked again in that run.
    """

    def __init__(self, service: str, message: str) -> None:
        super().__init__(message)
        self.service = service


class PDFError(PaperpassError):
    """A PDF cannot be read: not a PDF, corrupt, encrypted, empty or too slow to parse."""

    exit_code = 2
