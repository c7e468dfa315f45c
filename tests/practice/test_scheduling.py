"""FSRS scheduling: a review moves the due date as FSRS says, on SQLite and PostgreSQL; reviews are
committed one by one and never half-written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Rating, Scheduler

from paperpass.catalog import load_catalog
from paperpass.config import Settings
from paperpass.errors import InvalidInputError, NotFoundError
from paperpass.practice.questions import sync_bank
from paperpass.practice.scheduling import parse_rating, practice_queue, retrievability, review
from paperpass.store import Store
from paperpass.store import practice as rows
from support.library import library_for

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _first_question(store: Store) -> int:
    sync_bank(library_for(store, catalog=load_catalog()))
    return practice_queue(library_for(store), now=T0, new_limit=1)[0].id or 0


def test_a_review_moves_the_due_date_as_fsrs_says(library_with_guide: Store, settings: Settings) -> None:
    qid = _first_question(library_with_guide)
    reference = Scheduler(desired_retention=0.9, enable_fuzzing=False)
    card = Card(card_id=qid)
    moments = [T0, T0 + timedelta(minutes=10), T0 + timedelta(days=3), T0 + timedelta(days=20)]
    for at, rating in zip(moments, [Rating.Good, Rating.Good, Rating.Good, Rating.Again], strict=True):
        card, _ = reference.review_card(card, rating, at)
        outcome = review(library_for(library_with_guide, settings=settings), qid, rating, now=at, answer="x")
        assert outcome.due == card.due
    with library_with_guide.connect() as conn:
        stored = rows.get_card(conn, qid, user_id=0)
        log = rows.reviews(conn, question_id=qid, user_id=0)
    assert stored is not None and stored.due == card.due and stored.reps == 4
    assert [r.rating for r in log] == [3, 3, 3, 1] and log[-1].due_after == card.due
    assert retrievability(settings, stored, card.due) == pytest.approx(
        reference.get_card_retrievability(card, card.due)
    )


def test_desired_retention_is_a_setting(library_with_guide: Store, settings: Settings) -> None:
    qid = _first_question(library_with_guide)
    strict = Settings(home=settings.home, desired_retention=0.97)
    for at in (T0, T0 + timedelta(minutes=10)):
        loose = review(library_for(library_with_guide, settings=settings), qid, Rating.Good, now=at)
    tight_card = Card(card_id=qid)
    scheduler = Scheduler(desired_retention=0.97, enable_fuzzing=False)
    for at in (T0, T0 + timedelta(minutes=10)):
        tight_card, _ = scheduler.review_card(tight_card, Rating.Good, at)
    assert tight_card.due < loose.due  # higher retention, shorter interval
    assert strict.desired_retention == 0.97


def test_due_cards_come_first_then_new_ones(library_with_guide: Store, settings: Settings) -> None:
    qid = _first_question(library_with_guide)
    review(library_for(library_with_guide, settings=settings), qid, Rating.Again, now=T0)
    later = practice_queue(library_for(library_with_guide), now=T0 + timedelta(hours=1), new_limit=2)
    assert later[0].id == qid and len(later) == 3
    assert qid not in [q.id for q in practice_queue(library_for(library_with_guide), now=T0, new_limit=0)]


def test_a_failed_log_write_leaves_the_card_untouched(
    library_with_guide: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    qid = _first_question(library_with_guide)
    review(library_for(library_with_guide, settings=settings), qid, Rating.Good, now=T0)
    real = rows.record_review

    def crash_after_card_update(conn: object, card: rows.CardRow, **kwargs: object) -> None:
        real(conn, card, **kwargs)  # type: ignore[arg-type]
        raise RuntimeError("power cut")

    monkeypatch.setattr(rows, "record_review", crash_after_card_update)
    with pytest.raises(RuntimeError):
        review(
            library_for(library_with_guide, settings=settings),
            qid,
            Rating.Easy,
            now=T0 + timedelta(minutes=10),
        )
    with library_with_guide.connect() as conn:
        card = rows.get_card(conn, qid, user_id=0)
        log = rows.reviews(conn, question_id=qid, user_id=0)
    assert (
        card is not None and card.reps == 1 and len(log) == 1
    )  # the first review stayed, nothing half-written


def test_unknown_question_and_bad_rating(library_with_guide: Store, settings: Settings) -> None:
    with pytest.raises(NotFoundError):
        review(library_for(library_with_guide, settings=settings), 99999, Rating.Good)
    with pytest.raises(InvalidInputError):
        parse_rating("great")
    assert parse_rating("e") == Rating.Easy and parse_rating(2) == Rating.Hard
