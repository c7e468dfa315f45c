"""The ranking rules on their own (no database): folding, word counts, which clauses are weighted, titles."""

from __future__ import annotations

from collections.abc import Sequence

from paperpass.store.search_model import Clause, SearchTerm
from paperpass.store.search_ranking import (
    alike,
    count_words,
    fold,
    title_groups,
    title_scores,
    weighted_clauses,
)


def words(*terms: SearchTerm) -> Clause:
    return Clause(terms)


def test_fold_lowers_and_drops_accents_as_the_index_does() -> None:
    assert [fold(w) for w in ("Łukasz", "Résumé", "naïve", "LoRA")] == ["łukasz", "resume", "naive", "lora"]


def test_word_counts_count_papers_not_occurrences() -> None:
    rows = [{"title": "Attention attention", "authors": ["Ada"], "abstract": "Heads"},
            {"title": "Heads", "authors": [], "abstract": "attention"}]  # fmt: skip
    counts = count_words(rows)
    assert (counts["attention"], counts["heads"], counts["ada"]) == (2, 2, 1)


def test_rare_clauses_are_weighted_first_within_the_budget() -> None:
    held = {"rare": 10, "common": 900, "mid": 300}
    asked: list[str] = []

    def holding(word: str) -> int:
        asked.append(word)
        return held[word]

    clauses = [words(SearchTerm(("common",))), words(SearchTerm(("rare",))), words(SearchTerm(("mid",)))]
    kept = weighted_clauses(clauses, held, holding, budget=400)
    assert [c.words for c in kept] == [["rare"], ["mid"]]
    assert "common" not in asked  # the words table ruled it out without asking the index


def test_a_phrase_is_weighted_by_its_rarest_word_and_alternatives_only_whole() -> None:
    held = {"low": 500, "rank": 20, "lora": 5, "qlora": 5000}
    phrase = words(SearchTerm(("low", "rank")))
    either = words(SearchTerm(("lora",)), SearchTerm(("qlora",)))
    kept = weighted_clauses([phrase, either], held, lambda w: held[w], budget=1000)
    assert [c.words for c in kept] == [["rank"]]  # "lora OR qlora" does not fit whole: not weighted


def test_title_scores_count_the_query_words_a_title_holds_in_any_form() -> None:
    titles = {1: "Attention Heads", 2: "A Head for Attention", 3: "Routing"}
    clauses = [words(SearchTerm(("head",))), words(SearchTerm(("attention",)))]

    def same_stem(word: str, vocabulary: Sequence[str]) -> set[str]:
        return {w for w in alike(vocabulary, word) if w.rstrip("s") == word}

    assert title_scores(titles, title_groups(clauses), same_stem) == {1: 2.0, 2: 2.0}


def test_only_words_that_may_be_in_a_title_score_it() -> None:
    prefix = SearchTerm(("quant",), prefix=True, expansions=("quantized", "quant"))
    clauses = [words(SearchTerm(("hu",), field="authors")), words(prefix)]
    assert title_groups(clauses) == [("quantized", "quant")]
