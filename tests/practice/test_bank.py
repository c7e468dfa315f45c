"""The question bank: drawn from every entry's discussion points, the guide's questions, comparisons."""

from __future__ import annotations

from collections import Counter

from paperpass.catalog import load_catalog, top15_slugs
from paperpass.practice.bank import catalog_questions, load_bank_file
from paperpass.practice.questions import sync_bank
from paperpass.store import Store
from paperpass.store import practice as rows
from support.library import library_for


def test_every_entry_has_at_least_three_questions_and_more_with_more_points() -> None:
    catalog = load_catalog()
    questions = catalog_questions(catalog)
    per_entry = Counter(s for q in questions for s in q.entries)
    for entry in catalog.entries:
        assert per_entry[entry.slug] >= max(3, len(entry.discussion_points) + 3), entry.slug
    assert len({q.key for q in questions}) == len(questions)


def test_each_discussion_point_has_its_question_with_reference_points() -> None:
    catalog = load_catalog()
    bank = load_bank_file()
    for entry in catalog.entries:
        assert len(bank.discussion.get(entry.slug, [])) == len(entry.discussion_points), entry.slug
    keys = {q.key: q for q in catalog_questions(catalog)}
    sqrt = keys["attention-is-all-you-need/d2"]
    assert "square root" in sqrt.prompt and any("sqrt(d_k)" in p for p in sqrt.reference_points)
    assert any("4 to 64" in p for p in keys["lora/d1"].reference_points)


def test_every_top15_entry_has_a_limitations_follow_up() -> None:
    catalog = load_catalog()
    questions = catalog_questions(catalog)
    for slug in top15_slugs(catalog):
        assert any(q.facet == "limitations" and slug in q.entries for q in questions), slug


def test_guide_questions_are_kept_and_comparatives_link_every_entry() -> None:
    catalog = load_catalog()
    questions = catalog_questions(catalog)
    prompts = {q.prompt: q for q in questions}
    for asked in catalog.questions:
        assert asked.text in prompts and prompts[asked.text].kind == asked.kind
    cot = prompts["Compare CoT, ToT, and ReAct"]
    assert cot.entries == ["chain-of-thought", "tree-of-thoughts", "react"]
    assert sum(q.kind == "comparative" for q in questions) >= 10
    assert all(len(q.entries) >= 2 for q in questions if q.key.startswith("compare/"))


def test_syncing_the_bank_is_idempotent_on_each_back_end(library_with_guide: Store) -> None:
    catalog = load_catalog()
    first = sync_bank(library_for(library_with_guide, catalog=catalog))
    second = sync_bank(library_for(library_with_guide, catalog=catalog))
    assert first.catalog.added == len(catalog_questions(catalog))
    assert second.catalog.added == second.catalog.updated == second.catalog.retired == 0
    with library_with_guide.connect() as conn:
        stored = rows.list_questions(conn, user_id=0)
    assert {q.key for q in stored} == {q.key for q in catalog_questions(catalog)}
