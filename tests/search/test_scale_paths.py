"""The paths that keep search fast at a million papers: the bulk loader, filter clauses, bounded ranking."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from paperpass.catalog import Catalog
from paperpass.models import Paper
from paperpass.search import make_filters, search
from paperpass.search.bulk import ingest_rows
from paperpass.store import Store, search_fts5, search_ranking
from paperpass.store import papers as paper_rows
from support.library import library_for


def row(
    n: int, title: str, abstract: str, year: int = 2020, tags: tuple[str, ...] = ("cs.LG",)
) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "slug": f"bulk-{n}", "title": title, "authors": [f"Author {n}"], "year": year, "venue": None,
        "abstract": abstract, "arxiv_id": f"2001.{n:05d}", "arxiv_version": 1, "doi": None, "s2_id": None,
        "links": {}, "tags": list(tags), "guide": False, "created_at": now, "updated_at": now,
    }  # fmt: skip


def slugs(store: Store, catalog: Catalog, text: str, **filters: Any) -> list[str]:
    """Slugs of the papers found, the discovery index included (where the bulk loader writes)."""
    results = search(
        library_for(store, catalog=catalog),
        text,
        filters=make_filters(**{"discovery": True, **filters}),
        limit=50,
    )
    return [h.paper.slug for h in results.hits if h.paper]


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """An empty SQLite library (the bulk and ranking paths are SQLite's)."""
    store = Store.open(f"sqlite:///{tmp_path / 'scale.db'}")
    yield store
    store.close()


def test_bulk_load_indexes_counts_words_and_keeps_the_trigger(sqlite_store: Store, catalog: Catalog) -> None:
    rows = [row(n, f"Sparse routing study {n}", "Mixtures of experts with quantization.") for n in range(30)]
    assert ingest_rows(sqlite_store, rows, batch=7) == 30
    assert ingest_rows(sqlite_store, rows[:5], batch=7) == 0  # already there: skipped, not counted again
    assert len(slugs(sqlite_store, catalog, "routing")) == 30
    assert len(slugs(sqlite_store, catalog, "quantiz*")) == 30
    with sqlite_store.connect() as conn:
        trigger = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'papers_fts_ai'").scalar()
        counts = dict(conn.exec_driver_sql("SELECT term, papers FROM search_terms").all())
        assert trigger == 1 and counts["routing"] == 30
    with sqlite_store.transaction() as conn:  # the one-at-a-time path still indexes through the trigger
        paper_rows.insert_paper(conn, Paper(slug="later", title="Routing later", authors=["A B"]))
    assert "later" in slugs(sqlite_store, catalog, "routing")


def test_a_large_load_is_split_and_every_paper_counted(sqlite_store: Store, catalog: Catalog) -> None:
    rows = [row(n, f"Tensor sketching part {n}", "Streaming sketches.") for n in range(2_500)]
    assert ingest_rows(sqlite_store, rows) == 2_500  # one transaction, its first chunk split to start sooner
    assert len(slugs(sqlite_store, catalog, "sketching")) == 50
    with sqlite_store.connect() as conn:
        counts = dict(conn.exec_driver_sql("SELECT term, papers FROM search_terms").all())
        assert paper_rows.count_papers(conn, discovery=True) == 2_500 and counts["tensor"] == 2_500


def test_a_failure_while_counting_words_keeps_only_the_transactions_before_it(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = search_ranking.count_words

    def fails_on_paper_1500(rows: Any, sample: int = 1) -> Any:
        if any(r["slug"] == "bulk-1500" for r in rows):
            raise RuntimeError("disk on fire")
        return counted(rows, sample)

    monkeypatch.setattr(search_ranking, "count_words", fails_on_paper_1500)
    with pytest.raises(RuntimeError, match="disk on fire"):  # the second transaction's words
        ingest_rows(sqlite_store, [row(n, f"Tensor paper {n}", "x") for n in range(3_000)], batch=1_000)
    with sqlite_store.connect() as conn:
        counts = dict(conn.exec_driver_sql("SELECT term, papers FROM search_terms").all())
        assert paper_rows.count_papers(conn, discovery=True) == 1_000 and counts["tensor"] == 1_000


def test_filters_are_exact_on_both_back_ends(store: Store, catalog: Catalog) -> None:
    rows = [
        row(1, "Graph routing", "x", 2019, ("cs.LG", "Foo.Bar.baz")),
        row(2, "Graph routing", "x", 2021, ("cs.CV",)),
        row(3, "Graph routing", "x", 2021, ("stat.ML",)),
        row(4, "Graph routing", "x", 2022, ("foo.bar",)),
    ]
    ingest_rows(store, rows)
    assert slugs(store, catalog, "graph", categories=["cs"]) == ["bulk-2", "bulk-1"]
    assert slugs(store, catalog, "graph", categories=["cs.LG"]) == ["bulk-1"]
    assert slugs(store, catalog, "graph", categories=["cs.lg"]) == []  # the exact filter is case-sensitive
    assert slugs(store, catalog, "graph", year_from=2020, year_to=2021) == ["bulk-3", "bulk-2"]
    assert slugs(store, catalog, "graph", categories=["Foo.Bar"]) == ["bulk-1"]
    assert slugs(store, catalog, "graph", tags=["foo.bar"]) == ["bulk-4"]
    assert slugs(store, catalog, "graph", year_from=2021) == ["bulk-4", "bulk-3", "bulk-2"]


def test_a_year_range_follows_a_changed_year(store: Store, catalog: Catalog) -> None:
    ingest_rows(store, [row(1, "Graph routing", "x", 2019), row(2, "Graph routing", "x", 2021)])
    with store.transaction() as conn:
        paper = paper_rows.find_paper(conn, "bulk-1", discovery=True)
        assert paper is not None
        paper_rows.update_paper(conn, replace(paper, year=2021))
    assert slugs(store, catalog, "graph", year_from=2021, year_to=2021) == ["bulk-2", "bulk-1"]
    assert slugs(store, catalog, "graph", year_from=2018, year_to=2020) == []


def test_common_words_rank_title_matches_first(
    sqlite_store: Store, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_rows(sqlite_store, [row(1, "Kernels", "about attention"), row(2, "Attention", "kernels"),
                               row(3, "Other", "attention attention attention")])  # fmt: skip
    assert slugs(sqlite_store, catalog, "attention")[0] == "bulk-2"
    monkeypatch.setattr(search_fts5, "WEIGHTED_MAX_PAPERS", 0)  # as if every word were very common
    assert slugs(sqlite_store, catalog, "attention") == ["bulk-2", "bulk-3", "bulk-1"]


def test_only_the_newest_matches_are_ranked(
    sqlite_store: Store, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_rows(sqlite_store, [row(1, "Attention", "attention"), row(2, "Other", "attention"),
                               row(3, "Other", "attention")])  # fmt: skip
    monkeypatch.setattr(search_fts5, "RANK_WINDOW", 2)
    assert slugs(sqlite_store, catalog, "attention") == ["bulk-3", "bulk-2"]


def test_bulk_load_defers_merges_within_its_transactions(sqlite_store: Store, catalog: Catalog) -> None:
    rows = [row(n, f"Sparse routing study {n}", "Mixtures of experts.") for n in range(40)]
    ingest_rows(sqlite_store, rows, batch=10)
    with sqlite_store.connect() as conn:
        config = dict(conn.exec_driver_sql("SELECT k, v FROM papers_fts_config").all())
        segments = conn.exec_driver_sql(
            "SELECT count(DISTINCT id >> 37) FROM papers_fts_data WHERE id > 10"
        ).scalar_one()
    assert config.get("automerge", 4) == 4 and config.get("crisismerge", 16) == 16  # restored before commit
    assert segments >= 4  # a segment per transaction, none merged during the load
    with sqlite_store.transaction() as conn:  # the index matches its content, before and after the merge
        conn.exec_driver_sql("INSERT INTO papers_fts(papers_fts, rank) VALUES ('integrity-check', 1)")
        conn.exec_driver_sql("INSERT INTO papers_fts(papers_fts) VALUES ('optimize')")
        conn.exec_driver_sql("INSERT INTO papers_fts(papers_fts, rank) VALUES ('integrity-check', 1)")
    assert len(slugs(sqlite_store, catalog, "routing")) == 40


def test_title_ranking_reads_titles_or_the_index_alike(
    sqlite_store: Store, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    titles = ["Heads of attention", "Other", "Attention head routing", "Routing", "Über Köpfe heading"]
    ingest_rows(sqlite_store, [row(n, t, "attention heads routing über") for n, t in enumerate(titles)])
    monkeypatch.setattr(search_fts5, "WEIGHTED_MAX_PAPERS", 0)  # rank by words in the title
    expected = ["bulk-2", "bulk-0", "bulk-4", "bulk-3", "bulk-1"]
    assert slugs(sqlite_store, catalog, "attention head") == expected
    monkeypatch.setattr(search_fts5, "DENSE_SPAN", 0)  # as if the candidates were far apart
    assert slugs(sqlite_store, catalog, "attention head") == expected
    assert slugs(sqlite_store, catalog, '"attention heads"')[:2] == ["bulk-2", "bulk-0"]


def test_a_phrase_is_weighted_by_its_rarest_word(sqlite_store: Store, catalog: Catalog) -> None:
    ingest_rows(sqlite_store, [row(1, "Low rank", "low rank adapters"), row(2, "Other", "low rank"),
                               row(3, "Low", "rank low")])  # fmt: skip
    assert slugs(sqlite_store, catalog, '"low rank"') == ["bulk-1", "bulk-2"]
