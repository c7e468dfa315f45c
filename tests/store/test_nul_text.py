"""NUL characters on both back ends alike: text holding one is refused before the database sees it (JSON
values included), in a lookup as in a write, and nothing of the transaction is kept; paper metadata (from
PDFs and remote records, where a NUL is noise) is stored with it removed.

On the old code SQLite stored NUL while PostgreSQL raised a driver error (a 500 on the web, a traceback on
the command line).
"""

from __future__ import annotations

import pytest

from paperpass.errors import InvalidInputError
from paperpass.models import Paper
from paperpass.store import Store
from paperpass.store import notes as note_rows
from paperpass.store import papers as paper_rows


def test_text_with_a_nul_is_refused_and_nothing_is_kept(store: Store) -> None:
    with store.transaction() as conn:
        paper = paper_rows.insert_paper(conn, Paper(slug="lora", title="LoRA"))
    assert paper.id is not None
    refused = pytest.raises(InvalidInputError, match=r"NUL character \(\\x00\) is not accepted")
    with refused, store.transaction() as conn:
        paper_rows.set_meta(conn, "first write of the transaction", "kept?")
        note_rows.save_note(conn, paper.id, "low\x00rank", 0, user_id=0)
    with store.connect() as conn:
        assert note_rows.current_note(conn, paper.id, 0) is None
        assert paper_rows.get_meta(conn, "first write of the transaction") is None
    with pytest.raises(InvalidInputError, match="NUL"), store.connect() as conn:
        paper_rows.find_paper(conn, "lo\x00ra")


def test_paper_metadata_is_stored_without_nul(store: Store) -> None:
    dirty = Paper(
        slug="moe",
        title="Sparse\x00 Mixtures",
        authors=["Jane\x00 Doe", "Rick Roe"],
        abstract="Experts\x00 and gates.",
        links={"abs\x00": "https://example.org/\x00x"},
        tags=["moe\x00"],
    )
    with store.transaction() as conn:
        paper_rows.insert_papers(conn, [dirty, Paper(slug="ok", title="Clean\x00")])
    with store.connect() as conn:
        stored = paper_rows.get_paper(conn, "moe")
        assert paper_rows.get_paper(conn, "ok").title == "Clean"
    assert (stored.title, stored.authors, stored.abstract) == ("Sparse Mixtures", ["Jane Doe", "Rick Roe"],
                                                               "Experts and gates.")  # fmt: skip
    assert (stored.links, stored.tags) == ({"abs": "https://example.org/x"}, ["moe"])
