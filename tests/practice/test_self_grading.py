"""Self-grading: the ticks propose the rating and are kept with the review, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating

from paperpass.catalog import load_catalog
from paperpass.config import Settings
from paperpass.errors import InvalidInputError
from paperpass.practice.questions import list_questions
from paperpass.practice.scheduling import (
    FAST_SECONDS_PER_POINT,
    missed_last_time,
    practice_queue,
    proposed_rating,
    review,
)
from paperpass.store import Store
from paperpass.store import practice as rows
from support.library import library_for

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_the_ticks_propose_the_rating() -> None:
    assert proposed_rating([True, True, True]) == Rating.Good
    fast = int(FAST_SECONDS_PER_POINT * 3 * 1000)
    assert proposed_rating([True, True, True], fast) == Rating.Easy
    assert proposed_rating([True, True, True], fast + 1000) == Rating.Good
    assert proposed_rating([True, False, True], 1000) == Rating.Hard
    assert proposed_rating([False, False, False], 1000) == Rating.Again
    assert proposed_rating([]) == Rating.Again


def _open_question(store: Store) -> int:
    lib = library_for(store, catalog=load_catalog())
    return next(q.id or 0 for q in list_questions(lib, entry="dpo") if q.facet == "limitations")


def test_ticks_and_hints_are_kept_with_the_review(library_with_guide: Store, settings: Settings) -> None:
    qid = _open_question(library_with_guide)
    lib = library_for(library_with_guide, settings=settings)
    with library_with_guide.connect() as conn:
        points = rows.get_question(conn, qid, 0).reference_points
    assert len(points) == 3
    outcome = review(lib, qid, Rating.Hard, answer="DPO needs pairs.", ticked=[True, False, True],
                     hints=["covered", "unsure", "missed"], now=T0)  # fmt: skip
    assert outcome.rating == Rating.Hard
    with library_with_guide.connect() as conn:
        (logged,) = rows.reviews(conn, 0, qid)
    assert logged.points == points and logged.ticked == [True, False, True]
    assert logged.hints == ["covered", "unsure", "missed"] and logged.covered == [True, False, True]
    assert logged.missed == [points[1]]
    assert missed_last_time(lib, qid) == [points[1]]


def test_ticks_that_do_not_match_the_points_write_nothing(
    library_with_guide: Store, settings: Settings
) -> None:
    qid = _open_question(library_with_guide)
    lib = library_for(library_with_guide, settings=settings)
    with pytest.raises(InvalidInputError, match="3 reference points"):
        review(lib, qid, Rating.Good, ticked=[True], now=T0)
    with pytest.raises(InvalidInputError, match="hint"):
        review(lib, qid, Rating.Good, ticked=[True, True, True], hints=["yes", "no", "maybe"], now=T0)
    with library_with_guide.connect() as conn:
        assert rows.reviews(conn, 0, qid) == [] and rows.get_card(conn, qid, 0) is None
    assert missed_last_time(lib, qid) == []


def test_a_card_rated_again_from_its_ticks_comes_back_within_the_day(
    library_with_guide: Store, settings: Settings
) -> None:
    qid = _open_question(library_with_guide)
    lib = library_for(library_with_guide, settings=settings)
    review(lib, qid, proposed_rating([False, False, False]), ticked=[False, False, False], now=T0)
    due = [q.id for q in practice_queue(lib, now=T0 + timedelta(hours=1), new_limit=0)]
    assert due == [qid]
