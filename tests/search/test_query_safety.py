"""Whatever a user types is safe: no FTS5 or tsquery syntax error ever reaches them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperpass.catalog import Catalog, load_catalog
from paperpass.search import parse_query, search
from paperpass.store import Store
from paperpass.store.search import SearchTerm, fts5_expression, tsquery_expression
from support.library import library_for

NASTY = ['"', "'", ":", "-", "(", ")", "*", "^", "NEAR", "AND", "OR", "NOT", "{", "}", "&", "|", "!",
         "<->", "\\", "title:", "author:", "--", '"unbalanced', "a:b:c", "col:(x", "\x00", "\x02", "é",
         "中文"]  # fmt: skip
queries = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=12)), max_size=8).map(" ".join)


def test_parse_reads_the_documented_syntax() -> None:
    parsed = parse_query('"low-rank adaptation" quant* -vision title:lora author:hu self-attention')
    assert parsed.terms == (
        SearchTerm(("low", "rank", "adaptation")),
        SearchTerm(("quant",), prefix=True),
        SearchTerm(("vision",), negated=True),
        SearchTerm(("lora",), field="title"),
        SearchTerm(("hu",), field="authors"),
        SearchTerm(("self", "attention")),
    )


def test_operators_and_punctuation_are_plain_words() -> None:
    parsed = parse_query('NEAR(a b) AND "unclosed OR) {x}: ^y')
    assert [t.words for t in parsed.terms] == [("near", "a"), ("b",), ("and",), ("unclosed", "or", "x", "y")]
    assert fts5_expression(parsed.terms) == '"near a" AND "b" AND "and" AND "unclosed or x y"'
    assert tsquery_expression(parsed.terms) == "(near <-> a) & (b) & (and) & (unclosed <-> or <-> x <-> y)"


def test_only_negative_or_no_words_is_an_empty_query() -> None:
    assert parse_query("-vision").empty and parse_query(':::"()"').empty and parse_query("").empty
    assert fts5_expression(parse_query("-x").terms) is None


@given(text=queries)
@settings(max_examples=200, deadline=None)
def test_parsed_terms_hold_only_letters_and_digits(text: str) -> None:
    for term in parse_query(text).terms:
        assert term.words and all(w.isalnum() for w in term.words)


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
