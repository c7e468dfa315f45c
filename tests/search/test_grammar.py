"""One query grammar, the same answers on SQLite (FTS5) and PostgreSQL (tsvector): a shared table of
queries run on both, and partial matches when no paper has every word."""

from __future__ import annotations

import pytest

from paperpass.catalog import Catalog
from paperpass.models import Paper
from paperpass.search import SearchRequest, run_search, search
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from support.library import library_for

PAPERS = [
    Paper(slug="alpha", title="Sparse Mixture of Experts Routing", authors=["Noam Shazeer"], year=2017,
          abstract="Gating networks pick experts for each token."),
    Paper(slug="beta", title="Low-Rank Adaptation of Language Models", authors=["Edward Hu"], year=2021,
          abstract="Adapters freeze the weights and train low rank matrices."),
    Paper(slug="gamma", title="Quantized Low-Rank Finetuning", authors=["Tim Dettmers"], year=2023,
          abstract="Four bit quantization with low rank adapters on one GPU."),
    Paper(slug="delta", title="Vision Transformers for Image Recognition", authors=["Alexey Dosovitskiy"],
          year=2020, abstract="Image patches are tokens for a standard transformer encoder."),
    Paper(slug="epsilon", title="Backtracking Search for Reasoning Chains", authors=["Ada Lovelace"],
          year=2024, abstract="Language models search over reasoning steps and backtrack from dead ends."),
]  # fmt: skip
EVERY = {p.slug for p in PAPERS}

GRAMMAR = [
    ("experts", {"alpha"}),
    ("models", {"beta", "epsilon"}),  # stemmed: Models, models
    ("low rank", {"beta", "gamma"}),
    ('"low rank"', {"beta", "gamma"}),
    ('"rank low"', set()),  # a phrase keeps its order
    ("low-rank adapters", {"beta", "gamma"}),  # a hyphenated word is a phrase
    ("adapters OR gating", {"alpha", "beta", "gamma"}),
    ("experts OR", {"alpha"}),  # a dangling OR
    ("image AND", {"delta"}),  # a dangling AND
    ("image AND patches", {"delta"}),
    ("low rank -quantized", {"beta"}),
    ("low rank NOT quantized", {"beta"}),
    ('low -"rank matrices"', {"gamma"}),
    ("reasoning OR image -transformer", {"epsilon"}),
    ("-vision", EVERY - {"delta"}),  # exclusions only: the recent papers without the word
    ("NOT vision NOT experts", EVERY - {"delta", "alpha"}),
    ("quant*", {"gamma"}),
    ("transform*", {"delta"}),
    ("title:search", {"epsilon"}),
    ("author:hu", {"beta"}),
    ("title:models -author:hu", set()),
    ("search over the reasoning", {"epsilon"}),  # small words are left out, as PostgreSQL does
    ("the vision", {"delta"}),
    ('"search over reasoning"', {"epsilon"}),
    ("", EVERY),
]


@pytest.fixture
def grammar_library(store: Store) -> Store:
    with store.transaction() as conn:
        for paper in PAPERS:
            paper_rows.insert_paper(conn, paper)
    return store


def found(store: Store, catalog: Catalog, text: str) -> set[str]:
    results = search(library_for(store, catalog=catalog), text, limit=50)
    return {h.paper.slug for h in results.hits if h.paper and not results.partial}


def test_the_same_query_finds_the_same_papers_on_both_backends(
    grammar_library: Store, catalog: Catalog
) -> None:
    wrong = {q: found(grammar_library, catalog, q) for q, expected in GRAMMAR}
    assert {q: got for q, got in wrong.items() if got != dict(GRAMMAR)[q]} == {}


def test_backend_operators_in_a_query_are_words(grammar_library: Store, catalog: Catalog) -> None:
    # "NEAR/3" is the words "near" and "3", which no paper holds: nothing has every word, and the best
    # partial matches are those with "patches"
    results = search(library_for(grammar_library, catalog=catalog), "NEAR/3 patches")
    assert results.partial == 1 and [h.paper.slug for h in results.hits if h.paper] == ["delta"]


@pytest.mark.parametrize(
    ("query", "slugs", "missing", "words"),
    [
        ("backtracking search over odds", ["epsilon"], ("odds",), "2 of 3"),
        ("odds ratio reasoning chains", ["epsilon"], ("odds", "ratio"), "2 of 4"),
        ("quantized adapters glaciers", ["gamma"], ("glaciers",), "2 of 3"),
    ],
)
def test_without_a_full_match_the_best_partial_matches_are_shown(
    grammar_library: Store,
    catalog: Catalog,
    query: str,
    slugs: list[str],
    missing: tuple[str, ...],
    words: str,
) -> None:
    results = search(library_for(grammar_library, catalog=catalog), query)
    papers = [h for h in results.hits if h.paper]
    assert [h.paper.slug for h in papers if h.paper] == slugs and papers[0].missing == missing
    assert results.notices and f"({words} words)" in results.notices[0]


def test_a_query_nothing_matches_even_in_part_finds_nothing(grammar_library: Store, catalog: Catalog) -> None:
    results = search(library_for(grammar_library, catalog=catalog), "zeppelin walrus")
    assert results.hits == [] and results.notices == []


def test_pages_split_the_results(grammar_library: Store, catalog: Catalog) -> None:
    first = run_search(library_for(grammar_library, catalog=catalog), SearchRequest("", per_page=2))
    second = run_search(library_for(grammar_library, catalog=catalog), SearchRequest("", per_page=2, page=2))
    last = run_search(library_for(grammar_library, catalog=catalog), SearchRequest("", per_page=2, page=3))
    slugs = [h.paper.slug for r in (first, second, last) for h in r.hits if h.paper]
    assert sorted(slugs) == sorted(EVERY) and len(set(slugs)) == 5
    assert (first.total, first.more, last.more, last.first) == (5, True, False, 5)


def test_a_query_of_small_words_only_says_so(grammar_library: Store, catalog: Catalog) -> None:
    results = search(library_for(grammar_library, catalog=catalog), "to be or not to be")
    assert results.mode == "recent" and results.notices and "too common" in results.notices[0]
