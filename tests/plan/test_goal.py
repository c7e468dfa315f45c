"""'Done' on the top-15 checklist means interview-ready as the plan defines it: the pass the plan gives the
paper (pass 2 without a plan), the note complete, the core questions practised; time logged reads no pass."""

from __future__ import annotations

from datetime import date, timedelta

from paperpass.config import Settings
from paperpass.library import Library, get_paper
from paperpass.notes.history import save_note
from paperpass.plan.goal import CORE_FACETS, interview_checklist
from paperpass.plan.service import make_plan
from paperpass.practice.questions import sync_bank
from paperpass.practice.scheduling import parse_rating, review
from paperpass.reading.exits import complete_pass
from paperpass.reading.sessions import log_minutes
from paperpass.store import practice as practice_rows
from support.notes import GOOD_NOTE

TODAY = date(2027, 1, 4)


def _note(lib: Library, slug: str) -> None:
    save_note(lib, get_paper(lib, slug), GOOD_NOTE, 0)


def _practise(lib: Library, slug: str) -> None:
    sync_bank(lib)
    with lib.store.connect() as conn:
        bank = practice_rows.list_questions(conn, lib.user_id)
    core = [q for q in bank if q.entries == [slug] and q.facet in CORE_FACETS]
    assert len(core) == 3
    for question in core:
        review(lib, question.id or 0, parse_rating("good"))


def _to_pass(lib: Library, slug: str, number: int) -> None:
    assert complete_pass(lib, get_paper(lib, slug), number, force=True).completed


def _item(lib: Library, label: str) -> dict[str, object]:
    return next(i.as_json() for i in interview_checklist(lib).items if i.item.label == label)


def test_without_a_plan_done_is_pass_2_a_complete_note_and_practice(local_library: Library) -> None:
    lib = local_library
    for slug in ("lora", "dpo", "rag"):
        _note(lib, slug)
    _to_pass(lib, "lora", 2)
    _practise(lib, "lora")
    _to_pass(lib, "dpo", 2)  # no practice yet
    _to_pass(lib, "rag", 1)
    _practise(lib, "rag")
    log_minutes(lib, get_paper(lib, "rag"), 2, 45)  # time on pass 2 that pass-done never accepted
    checklist = interview_checklist(lib)
    assert not checklist.has_plan and "read to pass 2" in checklist.definition
    assert checklist.done == 1
    lora, dpo, rag = (_item(lib, label) for label in ("LoRA", "DPO", "RAG"))
    assert (
        lora["done"] and lora["status"] == "pass-2" and lora["goal_pass"] == 2 and lora["still_to_do"] == []
    )
    assert not dpo["done"] and dpo["still_to_do"] == ["practise DPO's core questions"]
    assert not rag["done"] and rag["status"] == "pass-1"
    assert rag["still_to_do"] == ["read RAG to pass 2 (comprehension)"]


def _plan(lib: Library, settings: Settings, days: int, hours: float) -> dict[str, int]:
    made = make_plan(lib, interview=TODAY + timedelta(days=days), hours_per_day=hours, today=TODAY)
    furthest: dict[str, int] = {}
    for item in made.items:
        if item.kind == "read" and item.entry and item.pass_number:
            furthest[item.entry] = max(furthest.get(item.entry, 0), item.pass_number)
    return furthest


def test_a_plan_with_no_time_for_pass_3_counts_pass_2_as_done(
    local_library: Library, settings: Settings
) -> None:
    lib = local_library
    planned = _plan(lib, settings, 21, 1.0)
    assert planned["lora"] == 2  # three weeks at an hour a day: no deep dive of LoRA
    _note(lib, "lora")
    _to_pass(lib, "lora", 2)
    _practise(lib, "lora")
    checklist = interview_checklist(lib)
    assert checklist.has_plan and "as your study plan defines it" in checklist.definition
    lora = _item(lib, "LoRA")
    assert lora["done"] and lora["goal_pass"] == 2 and lora["goal_from_plan"]
    goals = {i.item.label: i.goal_pass for i in checklist.items}
    for item in checklist.items:
        expected = max(planned.get(s, 2) for s in item.item.entries)
        assert goals[item.item.label] == expected


def test_a_plan_with_a_deep_dive_asks_for_pass_3(local_library: Library, settings: Settings) -> None:
    lib = local_library
    planned = _plan(lib, settings, 60, 3.0)
    deep = [s for s, n in planned.items() if n == 3]
    assert "attention-is-all-you-need" in deep
    _note(lib, "attention-is-all-you-need")
    _to_pass(lib, "attention-is-all-you-need", 2)
    _practise(lib, "attention-is-all-you-need")
    item = next(i for i in interview_checklist(lib).items if "attention-is-all-you-need" in i.item.entries)
    assert not item.done and item.goal_pass == 3
    assert item.still_to_do() == [f"read {item.entries[0].progress.entry.short_title} to pass 3 (deep dive)"]
    _to_pass(lib, "attention-is-all-you-need", 3)
    assert next(
        i for i in interview_checklist(lib).items if "attention-is-all-you-need" in i.item.entries
    ).done


def test_a_plan_with_time_only_for_a_survey_asks_for_pass_1(
    local_library: Library, settings: Settings
) -> None:
    lib = local_library
    planned = _plan(lib, settings, 21, 1.0)
    assert planned["kto"] == planned["orpo"] == 1  # three weeks at an hour a day: their surveys only
    for slug in ("kto", "orpo"):
        _note(lib, slug)
        _to_pass(lib, slug, 1)
        _practise(lib, slug)
    item = next(i for i in interview_checklist(lib).items if i.item.entries == ["kto", "orpo"])
    assert item.goal_pass == 1 and item.done
