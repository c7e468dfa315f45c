"""Reading sessions (SQLite and PostgreSQL): the timer against a fake clock, logging on exit and on
Ctrl-C, manual logs; time logged never moves a paper's stage, and no session of no time is logged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from paperpass.catalog import load_catalog
from paperpass.errors import InvalidInputError
from paperpass.library import get_paper, paper_status
from paperpass.reading.sessions import PassTimer, budget_state, log_minutes, reading_pass, run_timed_session
from paperpass.store import Store
from paperpass.store import reading as reading_rows
from support.library import library_for

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


def logged(store: Store, slug: str) -> list[object]:
    with store.connect() as conn:
        return list(reading_rows.sessions(conn, [get_paper(library_for(store), slug).id or 0], user_id=0))


def test_timer_compares_elapsed_time_with_the_budget() -> None:
    clock = FakeClock()
    timer = PassTimer.start((5, 10), clock)
    assert timer.minutes() == 0 and timer.state() == "under"
    clock.advance(7)
    assert timer.minutes() == 7 and timer.state() == "within"
    clock.advance(5)
    assert timer.state() == "over" and timer.fraction() == pytest.approx(1.2)
    assert budget_state(45, reading_pass(load_catalog(), 2).budget_minutes) == "within"


def test_a_timed_session_is_logged_when_the_reader_stops(library_with_guide: Store) -> None:
    clock = FakeClock()
    paper = get_paper(library_for(library_with_guide), "lora")
    ticks: list[float] = []

    def wait() -> bool:
        clock.advance(4)
        return len(ticks) >= 3

    timer = PassTimer.start((30, 60), clock)
    result = run_timed_session(
        library_for(library_with_guide),
        paper,
        2,
        timer,
        wait=wait,
        on_tick=lambda t: ticks.append(t.minutes()),
    )
    assert ticks == [0, 4, 8] and not result.interrupted
    assert result.session.minutes == 12 and result.session.started_at == START
    assert result.session.ended_at == START + timedelta(minutes=12)
    [stored] = logged(library_with_guide, "lora")
    assert stored.minutes == 12 and stored.pass_number == 2 and not stored.completed  # type: ignore[attr-defined]
    assert paper_status(library_for(library_with_guide), paper) == "to-read"  # reading time is not a pass


def test_ctrl_c_still_logs_the_session(library_with_guide: Store) -> None:
    clock = FakeClock()
    paper = get_paper(library_for(library_with_guide), "dpo")

    def wait() -> bool:
        clock.advance(6.5)
        raise KeyboardInterrupt

    result = run_timed_session(library_for(library_with_guide), paper, 1, PassTimer.start((5, 10), clock),
                               wait=wait, on_tick=lambda t: None)  # fmt: skip
    assert result.interrupted and result.session.minutes == 6.5
    [stored] = logged(library_with_guide, "dpo")
    assert "Ctrl-C" in stored.note  # type: ignore[attr-defined]
    assert paper_status(library_for(library_with_guide), paper) == "to-read"


@pytest.mark.parametrize("seconds", [0, 20])
def test_a_timer_stopped_at_once_logs_nothing(library_with_guide: Store, seconds: float) -> None:
    """``read --pass 1`` with input that ends at once: no 0.0-minute session, the paper stays unread."""
    clock = FakeClock()
    paper = get_paper(library_for(library_with_guide), "dpo")

    def wait() -> bool:
        clock.advance(seconds / 60)
        return True

    result = run_timed_session(library_for(library_with_guide), paper, 1, PassTimer.start((5, 10), clock),
                               wait=wait, on_tick=lambda t: None)  # fmt: skip
    assert result.session is None and result.minutes == pytest.approx(seconds / 60)
    assert logged(library_with_guide, "dpo") == []
    assert paper_status(library_for(library_with_guide), paper) == "to-read"


def test_a_session_read_elsewhere_is_logged_ending_now(library_with_guide: Store) -> None:
    clock = FakeClock()
    paper = get_paper(library_for(library_with_guide), "rag")
    session = log_minutes(library_for(library_with_guide), paper, 3, 95, clock=clock, note="on paper")
    assert session.ended_at == START and session.started_at == START - timedelta(minutes=95)
    assert session.note == "on paper" and paper_status(library_for(library_with_guide), paper) == "to-read"


@pytest.mark.parametrize(
    ("number", "minutes", "message"),
    [
        (4, 10, "no pass 4"),
        (1, 0, "at least 0.5"),
        (1, -3, "at least 0.5"),
        (1, 0.2, "at least 0.5"),
        (1, float("nan"), "at least 0.5"),
        (2, 24 * 60 + 1, "longer than a day"),
    ],
)
def test_bad_sessions_are_refused(
    library_with_guide: Store, number: int, minutes: float, message: str
) -> None:
    paper = get_paper(library_for(library_with_guide), "rag")
    with pytest.raises(InvalidInputError, match=message):
        log_minutes(library_for(library_with_guide), paper, number, minutes)
    assert logged(library_with_guide, "rag") == []
