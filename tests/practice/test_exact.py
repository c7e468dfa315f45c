"""Cloze and choice cards: built from the catalog's facts, graded exactly (with the tolerances a user
expects), scheduled from correctness and time, the same deck on every run."""

from __future__ import annotations

from copy import deepcopy
from datetime import UTC, datetime
from typing import Any

import pytest
import yaml
from fsrs import Rating
from pydantic import ValidationError

from paperpass.catalog import Catalog, load_catalog
from paperpass.catalog.answers import QuantityError, parse_quantity
from paperpass.config import Settings
from paperpass.errors import InvalidInputError, NotFoundError
from paperpass.practice.cloze import Verdict, edit_distance
from paperpass.practice.exact import (
    ExactCard,
    answer_exact,
    exact_card,
    exact_cards,
    grade,
    last_exact_result,
    rating_for,
    same_answer,
)
from paperpass.practice.questions import sync_bank
from paperpass.store import Store
from paperpass.store import practice as rows
from support.library import library_for

CATALOG = load_catalog()


def card(key: str) -> ExactCard:
    found = exact_card(CATALOG, key)
    assert found is not None, key
    return found


@pytest.mark.parametrize(
    ("key", "typed"),
    [
        ("cloze/instructgpt/small-model", "1.3B"),
        ("cloze/instructgpt/small-model", "1.3 billion"),
        ("cloze/instructgpt/small-model", "1,300M"),
        ("cloze/instructgpt/small-model", "1300000000"),
        ("cloze/instructgpt/small-model", "1.3"),  # the card's magnitude assumed
        ("cloze/chain-of-thought/gsm8k-before", "17.9%"),
        ("cloze/chain-of-thought/gsm8k-before", "17.9 percent"),
        ("cloze/chain-of-thought/gsm8k-before", "18%"),  # this card says a rounded answer is fine
        ("cloze/chain-of-thought/gsm8k-after", "fifty-eight percent"),
        ("cloze/flash-attention/speedup", "2 to 4 times"),
        ("cloze/flash-attention/speedup", "2–4×"),
        ("cloze/lora/gradient-memory", "0.7 TB"),
        ("cloze/attention-is-all-you-need/training-time", "three and a half days"),
        ("cloze/attention-is-all-you-need/training-time", "84 hours"),
        ("cloze/attention-is-all-you-need/memory-growth", "O(n²)"),
        ("cloze/attention-is-all-you-need/memory-growth", "quadratic"),
        ("cloze/flash-attention/score-matrix", "attention scores"),
        ("cloze/flash-attention/score-matrix", "attnetion score"),  # a swap of two letters
        ("cloze/instructgpt/rl-algorithm", "Proximal Polcy Optimization"),
        ("cloze/llama-4/rival", "gpt 4o"),
        ("cloze/kto/bias", "los aversion"),
        ("cloze/attention-is-all-you-need/benchmark", "WMT14 En-De"),
        ("cloze/chain-of-thought/zero-shot", "lets think step by step"),
        ("cloze/switch-transformer/routing", "top 1"),
    ],
)
def test_cloze_accepts_the_tolerated_forms(key: str, typed: str) -> None:
    verdict = grade(CATALOG, card(key), typed)
    assert verdict.correct, verdict


@pytest.mark.parametrize(
    ("key", "typed", "why"),
    [
        ("cloze/chain-of-thought/gsm8k-after", "85%", "swapped digits"),
        ("cloze/chain-of-thought/gsm8k-after", "60%", "rounded where the card does not allow it"),
        ("cloze/attention-is-all-you-need/bleu-en-de", "28", "rounded where the card does not allow it"),
        ("cloze/chain-of-thought/gsm8k-before", "20%", "rounded too far"),
        ("cloze/chain-of-thought/gsm8k-before", "71.9%", "swapped digits"),
        ("cloze/instructgpt/small-model", "175B", "another model's number"),
        ("cloze/instructgpt/small-model", "1.3M", "another magnitude"),
        ("cloze/instructgpt/small-model", "3.1B", "swapped digits"),
        ("cloze/llama-4/scout-experts", "128", "Maverick's number"),
        ("cloze/chain-of-thought/gsm8k-after", "58x", "another unit"),
        ("cloze/flash-attention/speedup", "2-8x", "Mamba-2's range"),
        ("cloze/lora/gradient-memory", "700 MB", "another unit"),
        ("cloze/instructgpt/rl-algorithm", "DPO", "one letter from PPO but another method"),
        ("cloze/llama-3/rival", "GPT-4o", "Maverick's rival"),
        ("cloze/llama-4/rival", "GPT-4", "Llama 3's rival"),
        ("cloze/attention-is-all-you-need/benchmark", "WMT 2014 English-French", "another language pair"),
        ("cloze/attention-is-all-you-need/benchmark", "En-Fr", "another language pair"),
        ("cloze/scaling-monosemanticity/model", "Claude 3.5 Sonnet", "another model"),
        ("cloze/attention-is-all-you-need/memory-growth", "O(n)", "FlashAttention's complexity"),
        ("cloze/switch-transformer/routing", "top-2", "another routing"),
        ("cloze/kto/bias", "risk aversion", "another term"),
        ("cloze/instructgpt/small-model", "", "no answer"),
        ("cloze/instructgpt/small-model", "small", "not a number"),
    ],
)
def test_cloze_refuses_wrong_numbers_and_names(key: str, typed: str, why: str) -> None:
    verdict = grade(CATALOG, card(key), typed)
    assert not verdict.correct, why


def test_a_rounded_answer_is_only_accepted_where_the_card_says_so() -> None:
    rounded = [c for c in exact_cards(CATALOG) if c.kind == "cloze" and c.fact.rounded]
    assert rounded and all(c.prompt.endswith("(a rounded answer is fine)") for c in rounded)
    exact = [c for c in exact_cards(CATALOG) if c.kind == "cloze" and not c.fact.rounded]
    assert not any("rounded" in c.prompt for c in exact)


def test_every_fact_grades_its_own_answer_and_forms_right_and_another_facts_wrong() -> None:
    cards = [c for c in exact_cards(CATALOG) if c.kind == "cloze"]
    assert len(cards) >= 100
    for current in cards:
        for form in current.fact.answers:
            assert grade(CATALOG, current, form).correct, (current.key, form)
        if current.fact.inverse:
            assert not grade(CATALOG, current, current.fact.inverse).correct, current.key
    by_slot: dict[str, list[ExactCard]] = {}
    for current in cards:
        if current.fact.slot:
            by_slot.setdefault(current.fact.slot, []).append(current)
    for group in by_slot.values():
        for a in group:
            for b in group:
                if a.entry.slug != b.entry.slug and not same_answer(a.fact, a.fact.answer, b.fact.answer):
                    assert not grade(CATALOG, a, b.fact.answer).correct, (a.key, b.fact.answer)


def test_quantities_parse_as_people_write_them() -> None:
    assert parse_quantity("1.3B").low == pytest.approx(1.3e9)
    assert parse_quantity("one hundred seventy five billion").low == pytest.approx(175e9)
    assert (parse_quantity("2-4x").low, parse_quantity("2-4x").high, parse_quantity("2-4x").unit) == (
        2,
        4,
        "x",
    )
    assert parse_quantity("700 GB").low == parse_quantity("0.7 TB").low
    with pytest.raises(QuantityError):
        parse_quantity("O(n^2)")
    assert edit_distance("attention", "attnetion") == 1 and edit_distance("ppo", "dpo") == 1


def test_choice_distractors_are_real_facts_of_other_entries_or_the_fact_inverted() -> None:
    choices = [c for c in exact_cards(CATALOG) if c.kind == "choice"]
    assert len(choices) >= 40
    facts = {f"{e.slug}/{f.id}": f for e in CATALOG.entries for f in e.facts}
    for current in choices:
        assert 2 <= len(current.options) <= 4
        assert len({o.text for o in current.options}) == len(current.options)
        assert [o.source for o in current.options].count("answer") == 1
        for option in current.options:
            if option.source == "answer":
                assert option.text == current.fact.answer
            elif option.source == "inverse":
                assert option.text == current.fact.inverse
            else:
                other = facts[option.source]
                assert not option.source.startswith(current.entry.slug + "/")  # another entry's fact
                assert other.answer == option.text and other.slot == current.fact.slot
                assert not same_answer(current.fact, option.text, current.fact.answer)
        verdict = grade(CATALOG, current, str(current.correct_option))
        assert verdict.correct
        wrong = next(n for n in range(1, len(current.options) + 1) if n != current.correct_option)
        assert not grade(CATALOG, current, str(wrong)).correct


def test_the_deck_is_the_same_on_every_run_with_stable_keys() -> None:
    fresh = Catalog.model_validate(yaml.safe_load(yaml.safe_dump(CATALOG.model_dump(mode="json"))))
    first = [(c.key, c.prompt, c.options) for c in exact_cards(CATALOG)]
    again = [(c.key, c.prompt, c.options) for c in exact_cards(fresh)]
    assert first == again
    assert len({key for key, _, _ in first}) == len(first)
    assert all(key.split("/")[0] in {"cloze", "choice"} and key.count("/") == 2 for key, _, _ in first)


def test_choice_answers_by_number_or_text_and_refuses_anything_else() -> None:
    current = card("choice/flash-attention/exactness")
    assert grade(CATALOG, current, "exact").correct
    assert not grade(CATALOG, current, "approximate").correct
    for bad in ("0", "3", "maybe", ""):
        with pytest.raises(InvalidInputError):
            grade(CATALOG, current, bad)


@pytest.mark.parametrize(
    ("kind", "verdict", "ms", "rating"),
    [
        ("cloze", Verdict(False, "wrong", "58%", "85%"), 3_000, Rating.Again),
        ("cloze", Verdict(True, "exact", "58%", "58%"), 5_000, Rating.Easy),
        ("cloze", Verdict(True, "exact", "58%", "58%"), 30_000, Rating.Good),
        ("cloze", Verdict(True, "exact", "58%", "58%"), 90_000, Rating.Hard),
        ("cloze", Verdict(True, "typo", "58%", "58"), 5_000, Rating.Good),  # tolerance: at most Good
        ("cloze", Verdict(True, "exact", "58%", "58%"), None, Rating.Good),
        ("choice", Verdict(True, "exact", "PPO", "PPO"), 4_000, Rating.Easy),
        ("choice", Verdict(True, "exact", "PPO", "PPO"), 40_000, Rating.Hard),
        ("choice", Verdict(False, "wrong", "PPO", "GRPO"), 4_000, Rating.Again),
    ],
)
def test_rating_comes_from_correctness_and_time(
    kind: Any, verdict: Verdict, ms: int | None, rating: Rating
) -> None:
    assert rating_for(kind, verdict, ms) == rating


def _question_id(store: Store, key: str) -> int:
    with store.connect() as conn:
        return next(q.id for q in rows.list_questions(conn, 0) if q.key == key and q.id is not None)


def test_answering_logs_a_review_with_the_earned_rating(
    library_with_guide: Store, settings: Settings
) -> None:
    lib = library_for(library_with_guide, settings=settings, catalog=CATALOG)
    sync_bank(lib)
    at = datetime(2025, 3, 1, 12, tzinfo=UTC)
    cloze = _question_id(library_with_guide, "cloze/instructgpt/small-model")
    right = answer_exact(lib, cloze, "1.3 billion", duration_ms=6_000, now=at)
    assert right.verdict.correct and right.rating == Rating.Easy
    choice_key = "choice/deepseek-r1/algorithm"
    choice = _question_id(library_with_guide, choice_key)
    wrong = next(n for n in range(1, 3) if n != card(choice_key).correct_option)
    missed = answer_exact(lib, choice, str(wrong), duration_ms=2_000, now=at)
    assert not missed.verdict.correct and missed.rating == Rating.Again
    with library_with_guide.connect() as conn:
        logged = {r.question_id: r for r in rows.reviews(conn, 0)}
    assert (logged[cloze].rating, logged[cloze].covered, logged[cloze].answer) == (4, [True], "1.3 billion")
    assert (logged[choice].rating, logged[choice].covered) == (1, [False])
    assert logged[choice].answer == "PPO" and logged[cloze].duration_ms == 6_000
    shown = last_exact_result(lib, choice)
    assert not shown.verdict.correct and shown.rating == Rating.Again
    with pytest.raises(InvalidInputError):
        answer_exact(lib, _question_id(library_with_guide, "lora/d1"), "4", duration_ms=None)
    with pytest.raises(NotFoundError):
        last_exact_result(lib, _question_id(library_with_guide, "cloze/lora/rank-range"))  # not answered yet


def _catalog_data() -> dict[str, Any]:
    return deepcopy(CATALOG.model_dump(mode="json"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": "No blank here."}, "exactly one [[answer]]"),
        ({"text": "Two [[blanks]] in [[one]]."}, "exactly one [[answer]]"),
        ({"text": "GPT-3 has [[many]] parameters.", "answer_type": "number"}, "not a number"),
        ({"rounded": True, "answer_type": "name"}, "only a number can be rounded"),
        ({"choice": True, "slot": None, "inverse": None}, "needs a slot or an inverse"),
        ({"choice": True, "slot": "nowhere-else", "inverse": None}, "needs a wrong option"),
    ],
)
def test_broken_facts_are_rejected_at_load(change: dict[str, Any], message: str) -> None:
    data = _catalog_data()
    fact = data["entries"][2]["facts"][0]
    fact.update(change)
    with pytest.raises(ValidationError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Catalog.model_validate(data)
