"""Migration 0013 on both back ends: a library holding bulk-imported papers keeps its own papers, and the
imported ones (unless the user took one up) become discovery records, searched only when asked."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext

from paperpass.catalog import load_catalog
from paperpass.models import title_key
from paperpass.search import make_filters, search
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from paperpass.store.db import MIGRATIONS
from paperpass.store.tables import metadata
from support.library import library_for


def _migrate(store: Store, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _insert(conn: sa.Connection, slug: str, title: str, arxiv_id: str | None, guide: bool = False) -> int:
    now = datetime.now(UTC)
    values = {"slug": slug, "title": title, "authors": json.dumps(["A. Author"]), "year": 2024,
              "abstract": f"{title}, about glaciers.", "arxiv_id": arxiv_id, "links": "{}",
              "tags": json.dumps(["cs.LG"]), "guide": guide, "created_at": now,
              "updated_at": now}  # fmt: skip
    cast = "CAST({} AS jsonb)" if conn.dialect.name == "postgresql" else "{}"
    columns = ", ".join(values)
    marks = ", ".join(cast.format(f":{k}") if k in ("authors", "links", "tags") else f":{k}" for k in values)
    conn.execute(sa.text(f"INSERT INTO papers ({columns}) VALUES ({marks})"), values)
    return int(conn.execute(sa.text("SELECT id FROM papers WHERE slug = :s"), {"s": slug}).scalar_one())


def test_bulk_imported_papers_become_discovery_records(unmigrated_db_url: str) -> None:
    store = Store.open(unmigrated_db_url, migrate=False)
    _migrate(store, "0012")
    with store.engine.begin() as conn:
        _insert(conn, "stanley2016-heat", "Heat glaciers in the library", "1605.08386")
        _insert(conn, "glacier-routing-2401-00001", "Glacier routing", "2401.00001")
        _insert(conn, "resume-a-study-hep-th-9901001", "A glacier study", "hep-th/9901001")
        taken_up = _insert(conn, "glacier-notes-2401-00002", "Glacier notes", "2401.00002")
        status = "INSERT INTO reading_status (paper_id, user_id, status, updated_at) VALUES (:p, 0, :s, :t)"
        conn.execute(sa.text(status), {"p": taken_up, "s": "pass-1", "t": datetime.now(UTC)})
    store.migrate()
    with store.connect() as conn:
        library = {p.slug for p in paper_rows.list_papers(conn)}
        assert library == {"stanley2016-heat", "glacier-notes-2401-00002"}
        assert paper_rows.count_papers(conn, discovery=True) == 2
        record = paper_rows.find_paper(conn, "2401.00001", discovery=True)
        assert record is not None and record.discovery
        keys = dict(conn.execute(sa.text("SELECT slug, title_key FROM papers")).all())
    assert keys["glacier-routing-2401-00001"] == title_key("Glacier routing") == "glacierrouting"
    catalog = load_catalog()
    found = {
        h.paper.slug for h in search(library_for(store, catalog=catalog), "glacier", limit=50).hits if h.paper
    }
    assert found == library
    everywhere = make_filters(discovery=True)
    hits = search(library_for(store, catalog=catalog), "glacier", filters=everywhere, limit=50).hits
    found = {h.paper.slug for h in hits if h.paper}
    assert found == library | {"glacier-routing-2401-00001", "resume-a-study-hep-th-9901001"}
    store.close()


def test_the_new_columns_and_indexes_match_tables_py(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    added = ("discovery", "title_key", "ix_papers_library", "ix_papers_title_key")
    assert [c for c in diff if any(name in str(c) for name in added)] == []
