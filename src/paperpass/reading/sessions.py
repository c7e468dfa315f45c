"""Reading sessions: a timer against the pass's budget (with an injectable clock), and the session log.

Logging a session on pass N moves the paper's status forward to at least ``pass-N`` (never back).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from paperpass.catalog import Catalog, ReadingPass
from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.models import READING_STATUSES, Paper, ReadingSession, ReadingStatus
from paperpass.store import Connection
from paperpass.store import papers as paper_rows
from paperpass.store import reading as reading_rows

Clock = Callable[[], datetime]
MAX_SESSION_MINUTES = 24 * 60
BudgetState = Literal["under", "within", "over"]


def utc_now() -> datetime:
    """The default clock: timezone-aware now."""
    return datetime.now(UTC)


def reading_pass(catalog: Catalog, number: int) -> ReadingPass:
    """The guide's pass ``number`` (1-3).

    Raises:
        InvalidInputError: not 1, 2 or 3.
    """
    for candidate in catalog.passes:
        if candidate.number == number:
            return candidate
    raise InvalidInputError(f"there is no pass {number}; the passes are 1 (survey), 2 and 3")


def budget_state(minutes: float, budget: tuple[int, int]) -> BudgetState:
    """Where ``minutes`` stand against a (low, high) budget. Over budget is shown, not punished."""
    low, high = budget
    if minutes > high:
        return "over"
    return "within" if minutes >= low else "under"


@dataclass
class PassTimer:
    """A running timer for one pass: elapsed time from the clock, compared with the pass's budget."""

    budget: tuple[int, int]
    clock: Clock
    started_at: datetime

    @classmethod
    def start(cls, budget: tuple[int, int], clock: Clock | None = None) -> PassTimer:
        """Start now (by ``clock``, default :func:`utc_now`)."""
        ticking = clock or utc_now
        return cls(budget, ticking, ticking())

    def elapsed(self) -> timedelta:
        """Time since the start (never negative)."""
        return max(self.clock() - self.started_at, timedelta(0))

    def minutes(self) -> float:
        """Elapsed minutes."""
        return self.elapsed().total_seconds() / 60

    def state(self) -> BudgetState:
        """Under, within or over the budget."""
        return budget_state(self.minutes(), self.budget)

    def fraction(self) -> float:
        """Elapsed time as a fraction of the upper budget (may exceed 1)."""
        return self.minutes() / self.budget[1]


def advance_status(conn: Connection, paper_id: int, status: ReadingStatus, user_id: int) -> None:
    """Move a paper's status forward to ``status`` (a later status is kept)."""
    current = paper_rows.statuses(conn, [paper_id], user_id=user_id).get(paper_id, "to-read")
    if READING_STATUSES.index(status) > READING_STATUSES.index(current):
        paper_rows.set_status(conn, paper_id, status, user_id)


def _pass_status(number: int) -> ReadingStatus:
    return READING_STATUSES[number]


def record_session(
    library: Library, paper: Paper, number: int, started_at: datetime, ended_at: datetime, *, note: str = ""
) -> ReadingSession:
    """Log a stretch of reading and move the status forward to the pass.

    Raises:
        InvalidInputError: a bad pass number, an end before the start or a session over 24 hours.
    """
    if number not in (1, 2, 3):
        raise InvalidInputError(f"there is no pass {number}; the passes are 1, 2 and 3")
    minutes = (ended_at - started_at).total_seconds() / 60
    if minutes < 0:
        raise InvalidInputError("a session cannot end before it starts")
    if minutes > MAX_SESSION_MINUTES:
        raise InvalidInputError(f"a session of {minutes:.0f} minutes is longer than a day; split it")
    assert paper.id is not None
    session = ReadingSession(paper.id, number, started_at, ended_at, round(minutes, 2), note=note,
                             user_id=library.user_id)  # fmt: skip
    with library.store.transaction() as conn:
        stored = reading_rows.add_session(conn, session)
        advance_status(conn, paper.id, _pass_status(number), library.user_id)
    return stored


def log_minutes(
    library: Library, paper: Paper, number: int, minutes: float, *, clock: Clock = utc_now, note: str = ""
) -> ReadingSession:
    """Record a session read elsewhere (on paper, on a tablet), ending now.

    Raises:
        InvalidInputError: minutes not above 0 or over a day, or a bad pass number.
    """
    if not minutes > 0:
        raise InvalidInputError(f"minutes must be more than 0 (got {minutes:g})")
    if minutes > MAX_SESSION_MINUTES:
        raise InvalidInputError(f"{minutes:g} minutes is longer than a day; log it as several sessions")
    ended = clock()
    return record_session(library, paper, number, ended - timedelta(minutes=minutes), ended, note=note)


@dataclass(frozen=True)
class TimedSession:
    """The outcome of a timed session: what was logged, and whether it ended with Ctrl-C."""

    session: ReadingSession
    interrupted: bool


def run_timed_session(
    library: Library,
    paper: Paper,
    number: int,
    timer: PassTimer,
    *,
    wait: Callable[[], bool],
    on_tick: Callable[[PassTimer], None],
) -> TimedSession:
    """Run ``timer`` until ``wait()`` returns True (the reader is done) or raises KeyboardInterrupt.

    ``on_tick`` is called before each wait to show the time. The session is logged in every case,
    Ctrl-C included.
    """
    interrupted = False
    try:
        while True:
            on_tick(timer)
            if wait():
                break
    except KeyboardInterrupt:
        interrupted = True
    note = "interrupted (Ctrl-C)" if interrupted else ""
    session = record_session(library, paper, number, timer.started_at, max(timer.clock(), timer.started_at),
                             note=note)  # fmt: skip
    return TimedSession(session, interrupted)
