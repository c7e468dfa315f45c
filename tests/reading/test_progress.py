"""Progress: per category and top-15 item, minutes per pass, weekly totals, the sparkline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from paperpass.catalog import load_catalog
from paperpass.library import get_paper
from paperpass.models import ReadingSession
from paperpass.reading.exits import complete_pass
from paperpass.reading.progress import reading_progress, sparkline, week_start, weekly_minutes
from paperpass.reading.sessions import log_minutes
from paperpass.store import Store
from support.library import library_for

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # a Thursday


def session(days_ago: float, minutes: float) -> ReadingSession:
    start = NOW - timedelta(days=days_ago)
    return ReadingSession(1, 1, start, start + timedelta(minutes=minutes), minutes, user_id=0)


def test_weekly_minutes_cover_twelve_weeks_ending_this_week() -> None:
    weeks = weekly_minutes([session(0, 30), session(3, 15), session(4, 10), session(7 * 20, 99)], NOW)
    assert len(weeks) == 12 and weeks[-1].start == week_start(NOW) == NOW.date() - timedelta(days=3)
    assert weeks[-1].minutes == 45 and weeks[-2].minutes == 10
    assert sum(w.minutes for w in weeks) == 55  # the session 20 weeks ago is outside the chart


def test_sparkline() -> None:
    assert sparkline([0, 0]) == "▁▁"
    line = sparkline([0, 10, 20, 40])
    assert len(line) == 4 and line[0] == "▁" and line[-1] == "█" and line[1] < line[2] < line[3]


def test_progress_per_category_and_top15(library_with_guide: Store) -> None:
    catalog = load_catalog()
    clock = lambda: NOW  # noqa: E731
    lora = get_paper(library_for(library_with_guide), "lora")
    log_minutes(library_for(library_with_guide), lora, 1, 8, clock=clock)
    log_minutes(library_for(library_with_guide), lora, 2, 75, clock=clock)
    complete_pass(library_for(library_with_guide), lora, 1, force=True, clock=clock)
    llama3 = get_paper(library_for(library_with_guide), "llama-3")
    log_minutes(library_for(library_with_guide), llama3, 1, 6, clock=clock)
    result = reading_progress(library_for(library_with_guide, catalog=catalog), clock=clock)
    data = result.as_json()
    assert data["total_minutes"] == 89 and data["sessions"] == 3
    efficiency = next(c for c in data["categories"] if c["slug"] == "efficiency-scaling")
    assert efficiency["started"] == 1 and efficiency["minutes"] == {"1": 8, "2": 75, "3": 0}
    row = next(p for p in efficiency["papers"] if p["slug"] == "lora")
    assert row["status"] == "pass-1" and row["completed_passes"] == [1]  # 75 min on pass 2: not a pass 2
    assert row["budget_state"] == {"1": "within", "2": "over", "3": None}
    top = {t["label"]: t for t in data["top15"]}
    assert top["LoRA"]["status"] == "pass-1" and top["LoRA"]["minutes"]["2"] == 75
    assert top["Llama 3/4"]["status"] == "to-read"
    assert top["Llama 3/4"]["minutes"]["1"] == 6
    assert data["weekly"][-1] == {"week_start": "2026-11-23", "minutes": 89}
