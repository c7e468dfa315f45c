"""Reading sessions: a timer against the pass's budget (with an injectable clock), and the session log.

A session is reading time: it never moves a paper's stage (only a completed pass does, see
:mod:`paperpass.papers.stage`). A session under half a minute is not logged: a timer stopped at once (or
stdin that ends at once) logs nothing, and ``log`` refuses 0 or negative minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from paperpass.catalog import Catalog, ReadingPass
from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.models import Paper, ReadingSession
from paperpass.store import reading as reading_rows

Clock = Callable[[], datetime]
MAX_SESSION_MINUTES = 24 * 60
MIN_SESSION_MINUTES = 0.5
"""The shortest session logged: half a minute (a shorter one would show as 0 minutes)."""
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


def record_session(
    library: Library, paper: Paper, number: int, started_at: datetime, ended_at: datetime, *, note: str = ""
) -> ReadingSession:
    """Log a stretch of reading (it does not move the paper's stage).

    Raises:
        InvalidInputError: a bad pass number, an end before the start, a session under half a minute or
            over 24 hours.
    """
    if number not in (1, 2, 3):
        raise InvalidInputError(f"there is no pass {number}; the passes are 1, 2 and 3")
    minutes = (ended_at - started_at).total_seconds() / 60
    if minutes < 0:
        raise InvalidInputError("a session cannot end before it starts")
    if minutes < MIN_SESSION_MINUTES:
        raise InvalidInputError(f"a session of {minutes:.2g} minutes is not logged (under half a minute)")
    if minutes > MAX_SESSION_MINUTES:
        raise InvalidInputError(f"a session of {minutes:.0f} minutes is longer than a day; split it")
    assert paper.id is not None
    session = ReadingSession(paper.id, number, started_at, ended_at, round(minutes, 2), note=note,
                             user_id=library.user_id)  # fmt: skip
    with library.store.transaction() as conn:
        return reading_rows.add_session(conn, session)


def log_minutes(
    library: Library, paper: Paper, number: int, minutes: float, *, clock: Clock = utc_now, note: str = ""
) -> ReadingSession:
    """Record a session read elsewhere (on paper, on a tablet), ending now.

    Raises:
        InvalidInputError: minutes under half a minute (0 or negative included) or over a day, or a bad pass
            number.
    """
    if not minutes >= MIN_SESSION_MINUTES:
        raise InvalidInputError(
            f"minutes must be at least {MIN_SESSION_MINUTES:g} (got {minutes:g}): a session of no time is "
            "not logged"
        )
    if minutes > MAX_SESSION_MINUTES:
        raise InvalidInputError(f"{minutes:g} minutes is longer than a day; log it as several sessions")
    ended = clock()
    return record_session(library, paper, number, ended - timedelta(minutes=minutes), ended, note=note)


@dataclass(frozen=True)
class TimedSession:
    """The outcome of a timed session: what was logged (None when it ran under half a minute), how long it
    ran, and whether it ended with Ctrl-C."""

    session: ReadingSession | None
    interrupted: bool
    minutes: float = 0.0


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
    Ctrl-C included, unless it ran under half a minute (then nothing is logged).
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
    ended = max(timer.clock(), timer.started_at)
    minutes = (ended - timer.started_at).total_seconds() / 60
    if minutes < MIN_SESSION_MINUTES:
        return TimedSession(None, interrupted, minutes)
    session = record_session(library, paper, number, timer.started_at, ended, note=note)
    return TimedSession(session, interrupted, minutes)
