"""Mock interviews (plan, answers, report) and the readiness report."""

from __future__ import annotations

import random

import pytest
from fsrs import Rating

from paperpass.catalog import load_catalog
from paperpass.config import Settings
from paperpass.errors import InvalidInputError
from paperpass.practice import mock
from paperpass.practice.judges import LexicalJudge
from paperpass.practice.questions import list_questions
from paperpass.practice.readiness import readiness_report
from paperpass.practice.scheduling import review
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from support.library import library_for


def test_a_plan_follows_a_staff_interview(library_with_guide: Store) -> None:
    catalog = load_catalog()
    bank = list_questions(library_for(library_with_guide, catalog=catalog))
    plan = mock.plan_mock(bank, catalog, 45, random.Random(1), entry="lora")
    assert [p.role for p in plan] == list(mock.ROLES)
    assert "lora" in plan[0].question.entries and plan[0].question.kind == "specific"
    assert plan[1].question.facet == "limitations" and "lora" in plan[1].question.entries
    assert plan[2].question.kind == "comparative" and plan[3].question.kind == "open"
    assert sum(p.budget_seconds for p in plan) == 45 * 60
    with pytest.raises(InvalidInputError, match="top-15"):
        mock.plan_mock(bank, catalog, 45, random.Random(1), entry="bert")
    with pytest.raises(InvalidInputError, match="minutes"):
        mock.plan_mock(bank, catalog, 1, random.Random(1))


def test_answers_are_judged_stored_and_reported(library_with_guide: Store) -> None:
    catalog = load_catalog()
    mock_id = mock.start_mock(
        library_for(library_with_guide, catalog=catalog), 20, "lexical", entry="flash-attention", seed=2
    )
    first = mock.show_question(library_for(library_with_guide), mock_id)
    assert first is not None and first.started_at is not None
    answer = " ".join(first.question.reference_points[:1])
    judged = mock.answer_question(
        library_for(library_with_guide), LexicalJudge(), mock_id, first.position, answer
    )
    assert judged.covered == first.question.reference_points[:1] and judged.seconds is not None
    with pytest.raises(InvalidInputError):
        mock.answer_question(
            library_for(library_with_guide), LexicalJudge(), mock_id, first.position, "again"
        )
    while (item := mock.show_question(library_for(library_with_guide), mock_id)) is not None:
        mock.answer_question(library_for(library_with_guide), LexicalJudge(), mock_id, item.position, "")
    interview = mock.get_mock(library_for(library_with_guide), mock_id)
    report = mock.report_json(interview)
    assert report["finished"] and len(interview.items) == 4
    assert interview.points_covered == 1 and "flash-attention" in report["review"]  # type: ignore[operator]


def test_readiness_moves_with_reading_and_practice(library_with_guide: Store, settings: Settings) -> None:
    catalog = load_catalog()
    before = readiness_report(library_for(library_with_guide, settings=settings, catalog=catalog))
    assert before.overall == 0 and len(before.items) == 15 and len(before.categories) == 6
    assert len(before.next_steps) == 3 and "Overall readiness" in before.definition
    with library_with_guide.transaction() as conn:
        paper_rows.set_status(conn, paper_rows.get_paper(conn, "lora").id or 0, "pass-2", user_id=0)
    for q in list_questions(library_for(library_with_guide, catalog=catalog), entry="lora"):
        review(library_for(library_with_guide, settings=settings), q.id or 0, Rating.Easy)
    after = readiness_report(library_for(library_with_guide, settings=settings, catalog=catalog))
    lora = next(i for i in after.items if i.label == "LoRA")
    assert lora.pass_reached == 2 and lora.recall > 0.9 and lora.last_practised is not None
    assert lora.score == pytest.approx(0.3 * 2 / 3 + 0.5 * lora.recall)
    assert after.overall > 0 and "LoRA" not in [i.label for i in after.next_steps]
