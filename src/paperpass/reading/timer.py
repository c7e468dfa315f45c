"""Pass timers kept on the server: started, paused and stopped from the reading view, one per user and paper.

The timer lives in the store, not in the page, so a reload, another tab or another device shows the same
running time. Stopping logs a reading session of the time it ran (paused stretches excluded) through
:func:`paperpass.reading.sessions.log_minutes`, the function ``paperpass log`` uses. A timer stopped before
it reached half a minute logs nothing: a zero-minute session is never logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from paperpass.errors import ConflictError, InvalidInputError
from paperpass.library import Library
from paperpass.models import Paper, ReadingSession
from paperpass.reading.sessions import (
    MAX_SESSION_MINUTES,
    BudgetState,
    Clock,
    budget_state,
    log_minutes,
    reading_pass,
    utc_now,
)
from paperpass.store import Connection
from paperpass.store import timers as timer_rows

TimerAction = Literal["start", "pause", "stop", "reset"]
TIMER_ACTIONS: tuple[TimerAction, ...] = ("start", "pause", "stop", "reset")
MIN_LOGGED_SECONDS = 30.0
"""A stop below this logs nothing (it rounds to zero minutes)."""


@dataclass(frozen=True)
class PassTimerState:
    """A timer as the reader sees it: which pass, whether it runs, the time so far and the pass's budget."""

    pass_number: int
    running: bool
    elapsed_seconds: float
    budget: tuple[int, int]

    @property
    def minutes(self) -> float:
        """Minutes so far."""
        return self.elapsed_seconds / 60

    @property
    def state(self) -> BudgetState:
        """Under, within or over the pass's budget (over is shown, not punished)."""
        return budget_state(self.minutes, self.budget)

    def as_json(self) -> dict[str, Any]:
        """The timer as JSON data."""
        return {
            "pass": self.pass_number,
            "running": self.running,
            "elapsed_seconds": round(self.elapsed_seconds, 1),
            "budget_minutes": list(self.budget),
            "state": self.state,
        }


@dataclass(frozen=True)
class TimerOutcome:
    """What a timer action did: the timer now (None once stopped or reset), the session a stop logged,
    and a sentence for the reader."""

    timer: PassTimerState | None
    session: ReadingSession | None
    message: str

    def as_json(self) -> dict[str, Any]:
        """The outcome as JSON data."""
        logged = None
        if self.session is not None:
            logged = {"pass": self.session.pass_number, "minutes": self.session.minutes}
        return {
            "timer": self.timer.as_json() if self.timer else None,
            "logged": logged,
            "message": self.message,
        }


def _state(library: Library, row: timer_rows.TimerRow, clock: Clock) -> PassTimerState:
    elapsed = row.elapsed_seconds
    if row.running_since is not None:
        elapsed += max((clock() - row.running_since).total_seconds(), 0.0)
    budget = reading_pass(library.catalog, row.pass_number).budget_minutes
    return PassTimerState(row.pass_number, row.running_since is not None, elapsed, budget)


def _paper_id(paper: Paper) -> int:
    assert paper.id is not None
    return paper.id


def current_timer(library: Library, paper: Paper, *, clock: Clock = utc_now) -> PassTimerState | None:
    """The viewer's timer on a paper, or None when there is none."""
    with library.store.connect() as conn:
        row = timer_rows.get_timer(conn, _paper_id(paper), library.user_id)
    return _state(library, row, clock) if row is not None else None


def use_timer(
    library: Library, paper: Paper, action: str, number: int | None = None, *, clock: Clock = utc_now
) -> TimerOutcome:
    """Start, pause, stop or reset the viewer's pass timer on a paper.

    - ``start`` starts a timer for pass ``number`` or resumes a paused one (starting a running one changes
      nothing);
    - ``pause`` keeps the time so far and stops counting;
    - ``stop`` logs a reading session of the time it ran and removes the timer (under half a minute:
      nothing is logged);
    - ``reset`` removes it without logging anything.

    Raises:
        InvalidInputError: an unknown action or pass, no timer to pause, stop or reset, a pass that is not
            the timer's, or a timer that ran longer than a day (log what was read, then reset it).
        ConflictError: starting a pass while a timer for another pass of the paper exists.
    """
    if action not in TIMER_ACTIONS:
        raise InvalidInputError(f"unknown timer action {action!r}; use start, pause, stop or reset")
    if number is not None:
        reading_pass(library.catalog, number)  # raises on a pass that does not exist
    paper_id = _paper_id(paper)
    with library.store.transaction() as conn:
        row = timer_rows.get_timer(conn, paper_id, library.user_id)
        if action == "start":
            return _start(library, conn, paper, row, number, clock)
        if row is None:
            raise InvalidInputError(f"no pass timer is running on {paper.slug}; start one first")
        if number is not None and number != row.pass_number:
            raise InvalidInputError(
                f"the timer on {paper.slug} is for pass {row.pass_number}, not pass {number}"
            )
        if action == "pause":
            return _pause(library, conn, row, clock)
        timer_rows.drop_timer(conn, paper_id, library.user_id)
        if action == "reset":
            return TimerOutcome(None, None, f"Pass {row.pass_number} timer reset; nothing logged.")
        seconds = _state(library, row, clock).elapsed_seconds
        if seconds / 60 > MAX_SESSION_MINUTES:
            raise InvalidInputError(
                f"the pass {row.pass_number} timer ran {seconds / 3600:.0f} hours, longer than a day: "
                "log the time you actually read as a session, then reset the timer"
            )
    if seconds < MIN_LOGGED_SECONDS:
        return TimerOutcome(
            None, None, f"Pass {row.pass_number} timer stopped under a minute; nothing logged."
        )
    session = log_minutes(library, paper, row.pass_number, round(seconds / 60, 2), clock=clock,
                          note="timed in the reading view")  # fmt: skip
    return TimerOutcome(None, session, f"Logged {session.minutes:g} min of pass {row.pass_number}.")


def _start(
    library: Library,
    conn: Connection,
    paper: Paper,
    row: timer_rows.TimerRow | None,
    number: int | None,
    clock: Clock,
) -> TimerOutcome:
    if row is None:
        if number is None:
            raise InvalidInputError("say which pass to time: pass 1, 2 or 3")
        now = clock()
        row = timer_rows.TimerRow(_paper_id(paper), library.user_id, number, now, now, 0.0)
        timer_rows.put_timer(conn, row)
        return TimerOutcome(_state(library, row, clock), None, f"Pass {number} timer started.")
    if number is not None and number != row.pass_number:
        raise ConflictError(
            f"a pass {row.pass_number} timer is already on {paper.slug}: stop it (its time is logged) "
            f"or reset it before timing pass {number}"
        )
    if row.running_since is None:
        row = timer_rows.TimerRow(row.paper_id, row.user_id, row.pass_number, row.first_started_at, clock(),
                                  row.elapsed_seconds)  # fmt: skip
        timer_rows.put_timer(conn, row)
        return TimerOutcome(_state(library, row, clock), None, f"Pass {row.pass_number} timer resumed.")
    return TimerOutcome(_state(library, row, clock), None, f"Pass {row.pass_number} timer is running.")


def _pause(library: Library, conn: Connection, row: timer_rows.TimerRow, clock: Clock) -> TimerOutcome:
    if row.running_since is not None:
        elapsed = _state(library, row, clock).elapsed_seconds
        row = timer_rows.TimerRow(row.paper_id, row.user_id, row.pass_number, row.first_started_at, None,
                                  elapsed)  # fmt: skip
        timer_rows.put_timer(conn, row)
    return TimerOutcome(_state(library, row, clock), None, f"Pass {row.pass_number} timer paused.")
