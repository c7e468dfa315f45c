"""Mock interviews that react (plan, answers, marks, follow-ups, cards, report) and the readiness report."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from fsrs import Rating

from paperpass.catalog import load_catalog
from paperpass.config import Settings
from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.plan.readiness import Readiness, next_steps, readiness_report
from paperpass.plan.service import make_plan
from paperpass.practice import mock
from paperpass.practice.hints import HintJudge
from paperpass.practice.llm import ChatClient, LLMGrader
from paperpass.practice.questions import list_questions
from paperpass.practice.scheduling import practice_queue, review
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from paperpass.store import practice as rows
from support.library import library_for


def test_a_plan_follows_a_staff_interview(library_with_guide: Store) -> None:
    catalog = load_catalog()
    bank = list_questions(library_for(library_with_guide, catalog=catalog))
    plan = mock.plan_mock(bank, catalog, 45, random.Random(1), entry="lora")
    assert [p.role for p in plan] == list(mock.ROLES)
    assert "lora" in plan[0].question.entries and plan[0].question.kind == "specific"
    assert plan[1].question.facet == "limitations" and "lora" in plan[1].question.entries
    assert plan[2].question.kind == "comparative" and plan[4].question.kind == "open"
    assert plan[3].question.kind == "scenario" and "lora" in plan[3].question.entries  # as a Staff panel asks
    # the planned questions leave a twentieth of the time for each of up to five follow-ups
    assert sum(p.budget_seconds for p in plan) == round(45 * 60 * (1 - 5 * mock.FOLLOW_UP_SHARE))
    with pytest.raises(InvalidInputError, match="top-15"):
        mock.plan_mock(bank, catalog, 45, random.Random(1), entry="bert")
    with pytest.raises(InvalidInputError, match="minutes"):
        mock.plan_mock(bank, catalog, 1, random.Random(1))


def test_answers_are_stored_with_hints_and_marked_by_the_user(library_with_guide: Store) -> None:
    lib = library_for(library_with_guide, catalog=load_catalog())
    mock_id = mock.start_mock(lib, 20, "hint", entry="flash-attention", seed=2)
    first = mock.show_question(lib, mock_id)
    assert first is not None and first.started_at is not None
    answer = " ".join(first.question.reference_points[:1])
    judged = mock.answer_question(lib, HintJudge(), mock_id, first.position, answer)
    assert judged.answered and not judged.graded and judged.seconds is not None
    assert len(judged.grades) == len(judged.points) and judged.covered == []  # a hint marks nothing
    assert mock.show_question(lib, mock_id) == judged  # waiting for the user's marks, clock stopped
    with pytest.raises(InvalidInputError, match="already answered"):
        mock.answer_question(lib, HintJudge(), mock_id, first.position, "again")
    with pytest.raises(InvalidInputError, match="mark each"):
        mock.mark_answer(lib, HintJudge(), mock_id, first.position, ["covered"] * (len(judged.points) + 1))
    marked = mock.mark_answer(lib, HintJudge(), mock_id, first.position, ["covered"] * len(judged.points))
    assert marked.follow_up is None and marked.cards == []  # nothing missed: no follow-up
    assert marked.item.covered == first.question.reference_points


def _run(lib: Library, mock_id: int, mark: Callable[[mock.MockItem], list[str]]) -> mock.MockInterview:
    while (item := mock.show_question(lib, mock_id)) is not None:
        mock.answer_question(lib, HintJudge(), mock_id, item.position, f"my answer to {item.position}")
        mock.mark_answer(lib, HintJudge(), mock_id, item.position, mark(item))
    return mock.get_mock(lib, mock_id)


def test_a_missed_point_gets_a_follow_up_that_names_it(library_with_guide: Store) -> None:
    lib = library_for(library_with_guide, catalog=load_catalog())
    mock_id = mock.start_mock(lib, 20, "hint", entry="dpo", seed=3)
    item = mock.show_question(lib, mock_id)
    assert item is not None and len(item.points) >= 2
    mock.answer_question(lib, HintJudge(), mock_id, item.position, "It learns from preferences.")
    missed = item.points[-1]
    marks = ["covered"] * (len(item.points) - 1) + ["missed"]
    result = mock.mark_answer(lib, HintJudge(), mock_id, item.position, marks)
    follow = result.follow_up
    assert follow is not None and follow.position == 2 and follow.follows == 1
    assert follow.points == [missed] and follow.asked_by == "missed point"
    named = re.match(r"You did not mention (.+?)\. ", follow.question.prompt)
    assert named is not None and named.group(1).lower() in missed.lower()  # built from the missed point
    assert missed not in follow.question.prompt  # it asks about the point without giving it away
    interview = mock.get_mock(lib, mock_id)
    assert [i.role for i in interview.items] == [
        "specific",
        "follow-up",
        "limitations",
        "comparative",
        "scenario",
        "open",
    ]
    assert interview.planned == 5 and interview.number(follow) == "1a" and interview.current == follow
    assert follow.budget_seconds == round(20 * 60 * mock.FOLLOW_UP_SHARE)


def test_a_shaky_point_gets_a_follow_up_too(library_with_guide: Store) -> None:
    lib = library_for(library_with_guide, catalog=load_catalog())
    mock_id = mock.start_mock(lib, 20, "hint", entry="lora", seed=1)
    item = mock.show_question(lib, mock_id)
    assert item is not None
    mock.answer_question(lib, HintJudge(), mock_id, item.position, "")
    marks = ["shaky"] + ["covered"] * (len(item.points) - 1)
    follow = mock.mark_answer(lib, HintJudge(), mock_id, item.position, marks).follow_up
    assert follow is not None and follow.points == item.points[:1]
    assert follow.question.prompt.startswith("You sounded unsure about")


def test_the_llm_grader_writes_the_follow_up_from_the_marked_gaps(
    library_with_guide: Store, settings: Settings
) -> None:
    asked: list[dict[str, Any]] = []

    def reply(request: httpx.Request) -> httpx.Response:
        asked.append(json.loads(request.content))
        text = "You skipped how the reference model is used. Where does it enter the loss?"
        body = {"choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                             "finish_reason": "stop"}]}  # fmt: skip
        return httpx.Response(200, json=body)

    client = ChatClient(
        "http://127.0.0.1:9/v1", "fake", http=httpx.Client(transport=httpx.MockTransport(reply))
    )
    grader = LLMGrader(client, HintJudge())
    lib = library_for(library_with_guide, settings=settings, catalog=load_catalog())
    mock_id = mock.start_mock(lib, 20, "llm", entry="dpo", seed=3)
    item = mock.show_question(lib, mock_id)
    assert item is not None
    mock.answer_question(lib, HintJudge(), mock_id, item.position, "It learns from preferences.")
    marks = ["missed"] + ["covered"] * (len(item.points) - 1)
    follow = mock.mark_answer(lib, grader, mock_id, item.position, marks).follow_up
    assert follow is not None and follow.asked_by == "llm" and follow.points == item.points[:1]
    assert (
        follow.question.prompt == "You skipped how the reference model is used. Where does it enter the loss?"
    )
    sent = asked[0]["messages"][1]["content"]
    assert "Missed or unclear:\n- " + item.points[0] in sent  # the user's marks, not the hints


def test_five_mocks_with_missed_points_leave_due_cards(library_with_guide: Store, settings: Settings) -> None:
    lib = library_for(library_with_guide, settings=settings, catalog=load_catalog())
    started = datetime.now(UTC)
    missed: set[str] = set()

    def miss_the_first(item: mock.MockItem) -> list[str]:
        if not item.is_follow_up:
            missed.add(item.points[0])
        return ["missed"] + ["covered"] * (len(item.points) - 1)

    for seed, entry in enumerate(["dpo", "lora", "flash-attention", "kto", "rag"]):
        interview = _run(lib, mock.start_mock(lib, 10, "hint", entry=entry, seed=seed), miss_the_first)
        assert interview.finished_at is not None and interview.planned == 5
        assert sum(i.is_follow_up for i in interview.items) == 5  # one after each planned question
    with library_with_guide.connect() as conn:
        cards = rows.cards(conn, 0)
        questions = {q.key: q for q in rows.list_questions(conn, 0)}
        logged = rows.reviews(conn, 0)
    point_cards = [questions[mock.point_card_key(0, point)] for point in missed]
    assert len(point_cards) == len(missed) >= 15
    tomorrow = started + timedelta(days=1)
    for card in point_cards:
        assert card.kind == "user" and card.facet == "missed" and card.reference_points[0] in missed
        assert cards[card.id or 0].due <= tomorrow
    queue = {q.id for q in practice_queue(lib, now=tomorrow, new_limit=0)}
    assert {c.id for c in point_cards} <= queue
    assert len(logged) >= 25 + len(missed)  # every planned answer and every missed point is a review
    prompts = [q.prompt for q in questions.values() if q.user_id == 0 or q.source == "catalog"]
    assert len(prompts) == len(set(prompts))


def test_the_report_shows_answers_marks_hints_and_time(library_with_guide: Store) -> None:
    lib = library_for(library_with_guide, catalog=load_catalog())
    mock_id = mock.start_mock(lib, 12, "hint", entry="flash-attention", seed=2)
    interview = _run(lib, mock_id, lambda item: ["covered"] + ["missed"] * (len(item.points) - 1))
    report = mock.report_json(interview)
    first = report["questions"][0]  # type: ignore[index]
    assert first["answer"] == "my answer to 1" and first["seconds"] is not None
    assert first["points"][0]["mark"] == "covered" and first["points"][0]["verdict"] in {
        "covered",
        "missed",
        "unsure",
    }
    assert report["finished"] and "flash-attention" in report["review"]  # type: ignore[operator]
    assert interview.points_covered == sum(len(i.covered) for i in interview.items) > 0
    assert [item for item, _ in interview.to_review()] and all(gaps for _, gaps in interview.to_review())


def test_readiness_moves_with_reading_and_practice(library_with_guide: Store, settings: Settings) -> None:
    catalog = load_catalog()
    before = readiness_report(library_for(library_with_guide, settings=settings, catalog=catalog))
    assert before.overall == 0 and len(before.items) == 15 and len(before.categories) == 6
    assert all(i.practised == 0 and i.cards > 0 for i in before.items)
    assert len(before.next_steps) == 3 and "Overall readiness" in before.definition
    with library_with_guide.transaction() as conn:
        paper_rows.set_status(conn, paper_rows.get_paper(conn, "lora").id or 0, "pass-2", user_id=0)
    for q in list_questions(library_for(library_with_guide, catalog=catalog), entry="lora"):
        review(library_for(library_with_guide, settings=settings), q.id or 0, Rating.Easy)
    after = readiness_report(library_for(library_with_guide, settings=settings, catalog=catalog))
    lora = next(i for i in after.items if i.label == "LoRA")
    assert lora.pass_reached == 2 and lora.recall > 0.9 and lora.last_practised is not None
    assert lora.practised == lora.cards and lora.as_json()["practised"] == lora.cards
    assert lora.score == pytest.approx(0.3 * 2 / 3 + 0.5 * lora.recall)
    assert after.overall > 0 and "LoRA" not in [i.label for i in after.next_steps]


def _first_entries(plan_items: list[Any], count: int) -> list[str]:
    seen: list[str] = []
    for item in plan_items:
        if item.kind in {"read", "note", "refresh"} and item.entry and item.entry not in seen:
            seen.append(item.entry)
    return seen[:count]


def test_next_steps_follow_the_study_plans_order(library_with_guide: Store, settings: Settings) -> None:
    lib = library_for(library_with_guide, settings=settings, catalog=load_catalog())
    today = date(2026, 3, 2)
    plan = make_plan(lib, interview=today + timedelta(days=40), hours_per_day=2, today=today)
    fresh = readiness_report(lib)
    assert [s.entries[0] for s in fresh.next_steps] == _first_entries(plan.items, 3)
    labels = [s.label for s in fresh.next_steps]
    assert labels != sorted(i.label for i in fresh.items)[:3]  # the plan's order, not the alphabet
    assert fresh.next_steps[0].next_step().startswith(f"read {labels[0]}, pass 1 (survey): paperpass read")
    with library_with_guide.transaction() as conn:  # the first paper's pass 1 read: the plan moves on
        first = paper_rows.get_paper(conn, fresh.next_steps[0].entries[0])
        paper_rows.set_status(conn, first.id or 0, "pass-2", user_id=0)
    moved = readiness_report(lib)
    replanned = make_plan(lib, interview=today + timedelta(days=40), hours_per_day=2, today=today)
    assert [s.entries[0] for s in moved.next_steps] == _first_entries(replanned.items, 3)
    assert labels[0] not in [s.label for s in moved.next_steps]


def test_with_nothing_left_to_plan_the_weakest_come_first_ties_in_plan_order() -> None:
    catalog = load_catalog()
    items = [
        Readiness(c.label, list(c.entries), 3, True, 0.8, None, 10, missed_due=2 if n == 4 else 0)
        for n, c in enumerate(catalog.checklist)
    ]
    weaker = [Readiness(**{**i.__dict__, "recall": 0.6}) if n in {9, 4} else i for n, i in enumerate(items)]
    steps = next_steps(weaker, catalog.checklist, [])
    assert [s.label for s in steps] == [catalog.checklist[4].label, catalog.checklist[9].label,
                                        catalog.checklist[0].label]  # fmt: skip
    assert "2 points" in steps[0].next_step() and "missed in mock interviews" in steps[0].next_step()


def test_mock_results_count_in_readiness(library_with_guide: Store, settings: Settings) -> None:
    lib = library_for(library_with_guide, settings=settings, catalog=load_catalog())
    before = next(i for i in readiness_report(lib).items if "dpo" in i.entries)
    interview = _run(lib, mock.start_mock(lib, 10, "hint", entry="dpo", seed=1),
                     lambda item: ["covered"] + ["missed"] * (len(item.points) - 1))  # fmt: skip
    after = next(i for i in readiness_report(lib).items if "dpo" in i.entries)
    about = [i for i in interview.items if "dpo" in i.question.entries]
    assert after.mock_points == sum(len(i.points) for i in about) > after.mock_covered > 0
    assert after.missed_due > 0 and after.last_practised is not None and before.last_practised is None
    assert after.cards > before.cards  # the missed points' own cards count in its recall
    assert after.as_json()["mock"] == {"covered": after.mock_covered, "points": after.mock_points,
                                       "missed_due": after.missed_due}  # fmt: skip
