"""The question bank: drawn from every entry's discussion points, the guide's questions, comparisons."""

from __future__ import annotations

import re
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


# ---------------------------------------------------------------- a bank for Staff interviews

POINTS_ELSEWHERE = re.compile(r"\b(see|covered in|refer to)\s+(entry|section|paper)\b|^\s*see\b", re.I)


def test_every_entry_has_hand_written_scenarios() -> None:
    catalog = load_catalog()
    questions = catalog_questions(catalog)
    scenarios = [q for q in questions if q.kind == "scenario"]
    top = top15_slugs(catalog)
    for entry in catalog.entries:
        filed = [q for q in scenarios if q.entries[0] == entry.slug]
        assert len(filed) >= (3 if entry.slug in top else 2), entry.slug
    assert all(3 <= len(q.reference_points) <= 6 for q in scenarios)
    assert all(q.key == f"scenario/{q.key.split('/', 1)[1]}" for q in scenarios)


def test_no_reference_point_only_points_elsewhere_and_no_prompt_twice() -> None:
    questions = catalog_questions(load_catalog())
    for q in questions:
        for point in q.reference_points:
            assert not POINTS_ELSEWHERE.search(point), (q.key, point)
            assert len(re.findall(r"[A-Za-z0-9]+", point)) >= 1
    prompts = [" ".join(re.findall(r"[a-z0-9]+", q.prompt.lower())) for q in questions]
    assert len(prompts) == len(set(prompts))
    assert len({q.key for q in questions}) == len(questions)


def test_an_entry_covering_another_entrys_paper_gets_no_pointer_cards() -> None:
    catalog = load_catalog()
    alias = next(e for e in catalog.entries if e.paper is not None)
    about = [q for q in catalog_questions(catalog) if alias.slug in q.entries]
    assert about and not any(q.key in {f"{alias.slug}/problem", f"{alias.slug}/results"} for q in about)
    assert any(q.facet == "limitations" for q in about)


# Reference points the issue found wrong in "How would you improve X?" and compare's Limitations row.
NOT_LIMITATIONS = [
    "KTO when only binary feedback is available",
    "quality is roughly equal to full fine-tuning",
    "very large models",
]


def test_improve_questions_and_compare_list_the_entrys_real_limitations() -> None:
    from paperpass.plan.compare import guide_facts

    catalog = load_catalog()
    questions = {q.key: q for q in catalog_questions(catalog)}
    for slug in top15_slugs(catalog):
        entry = next(e for e in catalog.entries if e.slug == slug)
        improve = questions[f"{slug}/improve"]
        assert improve.reference_points[:2] == entry.limitations[:2]
        assert guide_facts(entry)["limitations"] == "\n".join(f"- {x}" for x in entry.limitations)
    limits = [p for e in catalog.entries for p in e.limitations]
    limits += [
        p for q in questions.values() if q.facet in {"limitations", "improve"} for p in q.reference_points
    ]
    for wrong in NOT_LIMITATIONS:
        assert wrong not in limits
    assert all(len(e.limitations) >= 3 for e in catalog.entries)


# The pairs the guide compares, each with at least one comparative question linking them.
COMPARED = [
    {"lora"}, {"chain-of-thought", "tree-of-thoughts", "react"}, {"switch-transformer", "llama-4"},
    {"dpo", "instructgpt"}, {"kto", "dpo", "instructgpt"}, {"orpo", "dpo"},
    {"mamba", "attention-is-all-you-need"}, {"mamba-2", "attention-is-all-you-need"}, {"rag", "lora"},
    {"deepseek-r1", "instructgpt"}, {"bert", "gpt-3"}, {"kto", "orpo", "dpo"},
    {"constitutional-ai", "instructgpt"}, {"tree-of-thoughts", "chain-of-thought"},
    {"react", "chain-of-thought"}, {"llama-3", "llama-4"}, {"mamba", "mamba-2"},
]  # fmt: skip


def test_every_comparison_the_guide_makes_has_a_comparative_question() -> None:
    comparatives = [q for q in catalog_questions(load_catalog()) if q.kind == "comparative"]
    for pair in COMPARED:
        assert any(pair <= set(q.entries) for q in comparatives), pair


SHINGLE = 8  # a run of this many words copied from the guide counts as a copied sentence


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", re.sub(r'"[^"]*"', " QUOTATION_ ", text).lower())
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def test_the_bank_is_written_in_our_own_words(guide_text: str) -> None:
    catalog = load_catalog()
    guide = _shingles(guide_text)
    verbatim = {q.text for q in catalog.questions}  # the guide's typical questions are quoted on purpose
    texts = [
        p
        for q in catalog_questions(catalog)
        if q.prompt not in verbatim
        for p in [q.prompt, *q.reference_points]
    ]
    texts += [p for e in catalog.entries for p in [*e.limitations, *(f.sentence for f in e.facts)]]
    copied = [" ".join(run) for text in texts for run in sorted(_shingles(text) & guide)]
    assert copied == []
