"""Bulk arXiv import (resumable), the citation graph, the timeline, reindex, semantic fusion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paperpass.catalog import Catalog
from paperpass.errors import InvalidInputError
from paperpass.library import get_paper
from paperpass.models import Paper
from paperpass.search import fuse, make_filters, reindex, search
from paperpass.search.bulk import import_arxiv_metadata, paper_row, slug_for
from paperpass.search.graph import citation_graph, force_layout, remember_connections
from paperpass.search.timeline import timeline
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from support.library import library_for


def arxiv_record(n: int, **extra: object) -> dict[str, object]:
    return {
        "id": f"2401.{n:05d}", "title": f"Paper number {n}:\n  about sparse mixtures",
        "authors": "A. One, B. Two", "authors_parsed": [["One", "A.", ""], ["Two", "B.", ""]],
        "abstract": f"  Abstract {n} on routing.", "categories": "cs.LG stat.ML",
        "versions": [{"version": "v1", "created": "Mon, 1 Jan 2024 10:00:00 GMT"},
                     {"version": "v3", "created": "Tue, 2 Jan 2024 10:00:00 GMT"}],
        **extra,
    }  # fmt: skip


def test_snapshot_record_becomes_a_paper() -> None:
    from datetime import UTC, datetime

    row = paper_row(arxiv_record(7, doi="10.1/ABC"), datetime.now(UTC))
    assert row is not None
    assert row["title"] == "Paper number 7: about sparse mixtures" and row["authors"] == ["A. One", "B. Two"]
    assert (row["year"], row["arxiv_version"], row["doi"]) == (2024, 3, "10.1/abc")
    assert row["tags"] == ["cs.LG", "stat.ML"] and row["abstract"] == "Abstract 7 on routing."
    assert slug_for("Résumé: a Study!", "hep-th/9901001") == "resume-a-study-hep-th-9901001"
    assert paper_row({"id": "1"}, datetime.now(UTC)) is None


@pytest.mark.parametrize(
    ("created", "year"),
    [("Mon, 1 Jan 2024 10:00:00 GMT", 2024), ("2 Jan 2019 10:00:00 +0100", 2019), ("sometime", None)],
)
def test_the_year_comes_from_the_first_version_date(created: str, year: int | None) -> None:
    from datetime import UTC, datetime

    record = arxiv_record(1, versions=[{"version": "v1", "created": created}])
    row = paper_row(record, datetime.now(UTC))
    assert row is not None and (row["year"], row["arxiv_version"]) == (year, 1)


def test_import_is_streaming_resumable_and_idempotent(store: Store, catalog: Catalog, tmp_path: Path) -> None:
    dump = tmp_path / "arxiv.jsonl"
    lines = [json.dumps(arxiv_record(n)) for n in range(1, 8)]
    dump.write_text("\n".join([*lines[:3], "{broken", *lines[3:]]) + "\n")
    seen: list[int] = []
    first = import_arxiv_metadata(store, dump, batch=2, progress=seen.append)
    assert (first.read, first.added, first.invalid) == (8, 7, 1)
    assert seen == sorted(seen) and seen[-1] == dump.stat().st_size
    again = import_arxiv_metadata(store, dump)  # resumes at the end: nothing left to read
    assert (again.read, again.added, again.resumed_at) == (0, 0, dump.stat().st_size)
    restarted = import_arxiv_metadata(store, dump, restart=True)
    assert (restarted.added, restarted.skipped) == (0, 7)
    everywhere = make_filters(discovery=True)
    hits = [
        h
        for h in search(library_for(store, catalog=catalog), "routing", filters=everywhere, limit=50).hits
        if h.paper
    ]
    assert len(hits) == 7 and all(h.paper and h.paper.tags == ["cs.LG", "stat.ML"] for h in hits)
    assert all(h.paper and h.paper.discovery for h in hits)
    assert not [
        h for h in search(library_for(store, catalog=catalog), "routing").hits if h.paper
    ]  # the library: none of them


def test_import_resumes_after_an_interruption(store: Store, tmp_path: Path) -> None:
    dump = tmp_path / "arxiv.jsonl"
    dump.write_text("".join(json.dumps(arxiv_record(n)) + "\n" for n in range(1, 6)))

    def interrupt(offset: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_arxiv_metadata(store, dump, batch=2, progress=interrupt)
    resumed = import_arxiv_metadata(store, dump, batch=2)
    assert resumed.resumed_at > 0 and resumed.added == 3
    with store.connect() as conn:
        assert paper_rows.count_papers(conn, discovery=True) == 5 and paper_rows.count_papers(conn) == 0
        if conn.dialect.name == "sqlite":  # the resumed load's segments merged; the load's settings undone
            segments = "SELECT count(DISTINCT id >> 37) FROM papers_fts_data WHERE id > 10"
            assert conn.exec_driver_sql(segments).scalar_one() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 1


def test_import_of_a_missing_file_is_an_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="no such file"):
        import_arxiv_metadata(store, tmp_path / "nope.jsonl")


def test_graph_has_library_nodes_edges_and_faint_suggestions(
    library_with_guide: Store, catalog: Catalog
) -> None:
    store = library_with_guide
    transformer, lora = (
        get_paper(library_for(store), "attention-is-all-you-need"),
        get_paper(library_for(store), "lora"),
    )
    assert transformer.id is not None and lora.id is not None
    outside = Paper(slug="x", title="Neural Machine Translation by Jointly Learning to Align and Translate",
                    arxiv_id="1409.0473", s2_id="s2-bahdanau", year=2014)  # fmt: skip
    remember_connections(store, transformer.id, [outside], [lora])
    remember_connections(store, lora.id, [outside, transformer], [])
    with store.transaction() as conn:
        paper_rows.set_status(conn, lora.id, "done", user_id=0)
    graph = citation_graph(library_for(store, catalog=catalog))
    node = graph.node(f"p{transformer.id}")
    assert node.citations == 1 and node.in_library and node.url == "/papers/attention-is-all-you-need"
    assert graph.node(f"p{lora.id}").read
    suggestion = graph.node("s2:s2-bahdanau")
    assert (
        not suggestion.in_library
        and suggestion.citations == 2
        and "arxiv.org/abs/1409.0473" in suggestion.url
    )
    kinds = {(e.source, e.target): e.kind for e in graph.edges}
    assert kinds[(f"p{lora.id}", f"p{transformer.id}")] == "cites"
    assert "related" in kinds.values()  # the guide's related links
    assert all(0 <= n.x <= graph.width and 0 <= n.y <= graph.height for n in graph.nodes)
    assert "foundational" in graph.categories


def test_layout_is_deterministic() -> None:
    keys, edges = ("a", "b", "c", "d"), (("a", "b"), ("b", "c"))
    first = force_layout.__wrapped__(keys, edges)
    assert first == force_layout.__wrapped__(keys, edges)
    assert len({(round(x), round(y)) for x, y in first.values()}) == 4


def test_timeline_by_year_and_category(library_with_guide: Store, catalog: Catalog) -> None:
    line = timeline(library_for(library_with_guide, catalog=catalog))
    assert line.years[0] == 2017 and line.years[-1] >= 2024
    foundational = next(r for r in line.rows if r.category == "foundational")
    in_2017 = foundational.cells[line.years.index(2017)]
    assert [t.paper.slug for t in in_2017] == ["attention-is-all-you-need"]


def test_reindex_rebuilds_every_part(library_with_guide: Store, catalog: Catalog) -> None:
    report = reindex(library_with_guide, catalog)
    assert report.counts["guide"] == len(catalog.entries) and report.counts["paper"] > 20
    assert search(library_for(library_with_guide, catalog=catalog), "IO-aware").hits


def test_reciprocal_rank_fusion_rewards_agreement() -> None:
    fused = fuse([[("paper", "1"), ("paper", "2")], [("paper", "2"), ("paper", "3")]])
    assert [key[1] for key, _ in fused] == ["2", "1", "3"]


def test_semantic_ranking_is_fused(library_with_guide: Store, catalog: Catalog) -> None:
    lora = get_paper(library_for(library_with_guide), "lora")
    assert lora.id is not None
    results = search(library_for(library_with_guide, catalog=catalog), "cheap finetuning", semantic=[lora.id])
    assert results.mode == "hybrid" and results.hits[0].paper == lora and "meaning" in results.hits[0].sources


def test_the_library_views_leave_the_discovery_index_out(
    library_with_guide: Store, catalog: Catalog, tmp_path: Path
) -> None:
    from paperpass.library import list_papers, papers_page
    from paperpass.papers.transfer import export_bibtex, export_csl_json

    store = library_with_guide
    lib = library_for(store, catalog=catalog)
    before = {p.slug for p in list_papers(lib)}
    dump = tmp_path / "arxiv.jsonl"
    dump.write_text("".join(json.dumps(arxiv_record(n)) + "\n" for n in range(1, 6)))
    import_arxiv_metadata(store, dump)
    assert {p.slug for p in list_papers(lib)} == before
    assert papers_page(lib, page=1, per_page=5).total == len(before)
    assert "sparse mixtures" not in export_bibtex(lib).lower()
    assert all("sparse mixtures" not in str(item.get("title", "")).lower() for item in export_csl_json(lib))
    line = timeline(lib)
    assert not any("sparse mixtures" in p.paper.title for r in line.rows for c in r.cells for p in c)
    assert not any("sparse mixtures" in n.title for n in citation_graph(lib).nodes)


def test_a_timeline_or_graph_too_large_to_draw_says_how_many_it_leaves_out(
    library_with_guide: Store, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from paperpass.search import graph as graph_module
    from paperpass.search import timeline as timeline_module

    monkeypatch.setattr(timeline_module, "MAX_PAPERS", 5)
    monkeypatch.setattr(graph_module, "MAX_NODES", 4)
    with library_with_guide.connect() as conn:
        guide_papers = len(paper_rows.list_papers(conn, guide=True))
    line = timeline(library_for(library_with_guide, catalog=catalog))
    assert (line.shown, line.total) == (5, guide_papers)
    assert citation_graph(library_for(library_with_guide, catalog=catalog)).total == guide_papers
