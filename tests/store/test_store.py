"""The store on SQLite and on a real PostgreSQL: migrations, papers, identifiers, statuses, seeding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config

from paperpass.catalog import load_catalog
from paperpass.errors import ConflictError, InvalidInputError, NotFoundError, StoreError
from paperpass.library import seed_guide
from paperpass.models import Paper
from paperpass.search import search
from paperpass.store import Store
from paperpass.store import guide as guide_rows
from paperpass.store import papers as rows
from paperpass.store.db import MIGRATIONS, newest_revision
from support.library import library_for


def test_open_migrates_to_the_newest_revision(store: Store) -> None:
    assert store.current_revision() == newest_revision() == store.head_revision()
    assert {"papers", "guide_entries", "reading_status", "meta"} <= set(store.table_names())


def test_reopening_a_current_database_keeps_its_data(db_url: str) -> None:
    first = Store.open(db_url)
    with first.transaction() as conn:
        rows.insert_paper(conn, Paper(slug="kept", title="Kept"))
    first.close()
    again = Store.open(db_url)
    with again.connect() as conn:
        assert rows.get_paper(conn, "kept").title == "Kept"
    again.close()


def test_paper_round_trip_keeps_every_field(store: Store) -> None:
    paper = Paper(
        slug="attention",
        title="Attention Is All You Need",
        authors=["Ashish Vaswani", "Noam Shazeer"],
        year=2017,
        venue="NeurIPS",
        abstract="The dominant sequence transduction models…",
        arxiv_id="1706.03762",
        arxiv_version=7,
        doi="10.48550/ARXIV.1706.03762",
        s2_id="204e3073870fae3d05bcbc2f6a8e263d9b72e776",
        links={
            "abs": "https://arxiv.org/abs/1706.03762",
            "code": "https://github.com/tensorflow/tensor2tensor",
        },
        tags=["transformers", "attention"],
    )
    with store.transaction() as conn:
        stored = rows.insert_paper(conn, paper)
    with store.connect() as conn:
        loaded = rows.get_paper(conn, stored.id or 0)
    for field in ("slug", "title", "authors", "year", "venue", "abstract", "arxiv_id", "arxiv_version",
                  "s2_id", "links", "tags", "guide"):  # fmt: skip
        assert getattr(loaded, field) == getattr(paper, field), field
    assert loaded.doi == "10.48550/arxiv.1706.03762"
    assert loaded.created_at is not None


@pytest.mark.parametrize(
    "key",
    ["attention", "1706.03762", "1706.03762v3", "arXiv:1706.03762", "10.48550/ARXIV.1706.03762", "S2ID"],
)
def test_a_paper_is_found_by_any_identifier(store: Store, key: str) -> None:
    with store.transaction() as conn:
        rows.insert_paper(conn, Paper(slug="attention", title="T", arxiv_id="1706.03762",
                                      doi="10.48550/arxiv.1706.03762", s2_id="S2ID"))  # fmt: skip
    with store.connect() as conn:
        assert rows.get_paper(conn, key).slug == "attention"


def test_unknown_paper_suggests_close_slugs(store: Store) -> None:
    with store.transaction() as conn:
        rows.insert_paper(conn, Paper(slug="flash-attention", title="FlashAttention"))
    with store.connect() as conn, pytest.raises(NotFoundError, match="did you mean: flash-attention"):
        rows.get_paper(conn, "flash-atention")


def test_duplicate_identifier_is_refused_and_nothing_half_written(store: Store) -> None:
    with store.transaction() as conn:
        rows.insert_paper(conn, Paper(slug="a", title="A", arxiv_id="2106.09685"))
    with pytest.raises(ConflictError, match="arxiv_id"), store.transaction() as conn:
        rows.insert_paper(conn, Paper(slug="b", title="B"))
        rows.insert_paper(conn, Paper(slug="c", title="C", arxiv_id="2106.09685"))
    with store.connect() as conn:
        assert [p.slug for p in rows.list_papers(conn)] == ["a"]


def test_unique_slug_counts_up(store: Store) -> None:
    with store.transaction() as conn:
        rows.insert_paper(conn, Paper(slug="lora", title="LoRA"))
        rows.insert_paper(conn, Paper(slug="lora-2", title="LoRA again"))
        assert rows.unique_slug(conn, "lora") == "lora-3"
        assert rows.unique_slug(conn, "dora") == "dora"


def test_update_and_delete(store: Store) -> None:
    with store.transaction() as conn:
        paper = rows.insert_paper(conn, Paper(slug="x", title="Old"))
        rows.update_paper(conn, paper.with_changes(title="New", tags=["t"]))
    with store.connect() as conn:
        assert rows.get_paper(conn, "x").title == "New"
    with store.transaction() as conn:
        rows.delete_paper(conn, paper.id or 0)
    with store.connect() as conn:
        assert rows.find_paper(conn, "x") is None


def test_reading_status_per_user(store: Store) -> None:
    with store.transaction() as conn:
        paper = rows.insert_paper(conn, Paper(slug="x", title="X"))
        pid = paper.id or 0
        rows.set_status(conn, pid, "pass-1", user_id=0)
        rows.set_status(conn, pid, "pass-2", user_id=0)
        rows.set_status(conn, pid, "done", user_id=7)
    with store.connect() as conn:
        assert rows.statuses(conn, [pid], user_id=0) == {pid: "pass-2"}
        assert rows.statuses(conn, [pid], user_id=7) == {pid: "done"}
    with pytest.raises(InvalidInputError, match="unknown status"), store.transaction() as conn:
        rows.set_status(conn, pid, "skimmed", user_id=0)  # type: ignore[arg-type]


def test_foreign_keys_cascade_status_with_the_paper(store: Store) -> None:
    with store.transaction() as conn:
        paper = rows.insert_paper(conn, Paper(slug="x", title="X"))
        rows.set_status(conn, paper.id or 0, "done", user_id=0)
        rows.delete_paper(conn, paper.id or 0)
        assert rows.statuses(conn, user_id=0) == {}


def test_seeding_the_guide_is_idempotent_and_complete(store: Store) -> None:
    catalog = load_catalog()
    assert seed_guide(store, catalog) is True
    assert seed_guide(store, catalog) is False
    with store.connect() as conn:
        entry_papers = guide_rows.entry_paper_ids(conn)
        works = guide_rows.entry_work_ids(conn)
        papers = rows.list_papers(conn, guide=True)
    assert len(entry_papers) == 23
    assert entry_papers["instructgpt-alignment"] == entry_papers["instructgpt"]
    assert entry_papers["anthropic-safety"] is None and len(works["anthropic-safety"]) == 2
    assert len(works["mamba-2"]) == 2
    assert {p.arxiv_id for p in papers} >= {
        "1706.03762",
        "2209.07858",
        "2401.05566",
        "2403.19887",
        "2405.16712",
    }
    assert len(papers) == len({p.slug for p in papers})


def test_seeding_adopts_a_paper_the_user_already_has(store: Store) -> None:
    with store.transaction() as conn:
        mine = rows.insert_paper(conn, Paper(slug="my-lora", title="LoRA (my copy)", arxiv_id="2106.09685"))
    seed_guide(store, load_catalog())
    with store.connect() as conn:
        lora = rows.get_paper(conn, "2106.09685")
        assert lora.id == mine.id and lora.guide and lora.title == "LoRA (my copy)"
        assert guide_rows.entry_paper_ids(conn)["lora"] == mine.id
        assert guide_rows.entries_for_paper(conn, mine.id or 0) == ["lora"]


def test_a_bad_url_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="not a database URL"):
        Store.open("not a url")


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: object) -> None:
    store = Store.open(f"sqlite:///{tmp_path}/lib.db")
    with store.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_upgrading_rewrites_escaped_json_so_names_are_searchable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = Store.open(url, migrate=False)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0010")
    with old.transaction() as conn:  # as paperpass wrote JSON before 0011: json.dumps, ASCII escapes
        conn.exec_driver_sql(
            "INSERT INTO papers (slug, title, authors, links, tags, guide, created_at, updated_at) "
            "VALUES ('moe', 'Sparse mixtures', ?, '{}', '[\"cs.LG\"]', 0, '2026-01-01', '2026-01-01')",
            (json.dumps(["Łukasz Kaiser"]),),
        )
    old.close()
    store = Store.open(url)
    with store.connect() as conn:
        assert rows.get_paper(conn, "moe").authors == ["Łukasz Kaiser"]
        raw = conn.exec_driver_sql("SELECT authors FROM papers").scalar_one()
    assert "Łukasz" in raw
    assert [
        h.paper.slug for h in search(library_for(store, catalog=load_catalog()), "Łukasz").hits if h.paper
    ] == ["moe"]
    store.close()
