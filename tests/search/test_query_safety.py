"""Whatever a user types is safe: no FTS5 or tsquery syntax error ever reaches them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperpass.catalog import Catalog, load_catalog
from paperpass.search import parse_query, search
from paperpass.store import Store, search_fts5, search_postgres
from paperpass.store.search_model import Clause, Query, SearchTerm
from support.library import library_for

NASTY = ['"', "'", ":", "-", "(", ")", "*", "^", "NEAR", "AND", "OR", "NOT", "{", "}", "&", "|", "!",
         "<->", "\\", "title:", "author:", "--", '"unbalanced', "a:b:c", "col:(x", "\x00", "\x02", "é",
         "中文"]  # fmt: skip
queries = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=12)), max_size=8).map(" ".join)


def test_parse_reads_the_documented_syntax() -> None:
    parsed = parse_query(
        '"low-rank adaptation" quant* -vision title:lora author:hu self-attention lora OR qlora NOT gpt'
    )
    assert parsed.query == Query((
        Clause((SearchTerm(("low", "rank", "adaptation")),)),
        Clause((SearchTerm(("quant",), prefix=True),)),
        Clause((SearchTerm(("vision",)),), negated=True),
        Clause((SearchTerm(("lora",), field="title"),)),
        Clause((SearchTerm(("hu",), field="authors"),)),
        Clause((SearchTerm(("self", "attention")),)),
        Clause((SearchTerm(("lora",)), SearchTerm(("qlora",)))),
        Clause((SearchTerm(("gpt",)),), negated=True),
    ))  # fmt: skip


def test_operators_and_punctuation_are_plain_words() -> None:
    parsed = parse_query('NEAR(a b) AND lower or and "unclosed OR) {x}: ^y')
    assert [c.words for c in parsed.query.clauses] == [
        ["near", "a"],
        ["b"],
        ["lower"],
        ["unclosed", "or", "x", "y"],
    ]
    assert search_fts5.expression(parsed.query) == '"near a" AND "b" AND "lower" AND "unclosed or x y"'
    assert (
        search_postgres.tsquery(parsed.query)
        == "(near <-> a) & (b) & (lower) & (unclosed <-> or <-> x <-> y)"
    )


def test_dangling_operators_and_small_words_are_left_out() -> None:
    assert parse_query("lora AND").query == parse_query("lora OR").query == parse_query("lora NOT").query
    assert parse_query("backtracking search over the reasoning").words == [
        "backtracking",
        "search",
        "reasoning",
    ]
    assert parse_query('"search over reasoning"').words == [
        "search",
        "over",
        "reasoning",
    ]  # a phrase keeps them


def test_only_negative_or_no_words_is_an_empty_query() -> None:
    assert parse_query("-vision").empty and parse_query(':::"()"').empty and parse_query("").empty
    assert parse_query("NOT vision").query == parse_query("-vision").query
    assert search_fts5.expression(parse_query("-x").query) is None


@given(text=queries)
@settings(max_examples=200, deadline=None)
def test_parsed_terms_hold_only_letters_and_digits(text: str) -> None:
    for clause in parse_query(text).query.clauses:
        assert clause.terms and all(t.words and all(w.isalnum() for w in t.words) for t in clause.terms)


@pytest.fixture(scope="module")
def module_catalog() -> Catalog:
    return load_catalog()


@given(text=queries)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_random_queries_never_fail_on_either_back_end(
    store: Store, module_catalog: Catalog, text: str
) -> None:
    results = search(library_for(store, catalog=module_catalog), text, limit=5)
    assert results.mode in {"recent", "lexical"}
