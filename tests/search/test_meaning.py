"""Search by meaning in a running web app: it starts once the library is embedded and keeps up with new
papers and PDFs, without a restart. The model is replaced by a small bag-of-words embedding (the real one
is an optional 300 MB install); what is tested is when vectors are made and used."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from paperpass import embeddings
from paperpass.catalog import load_catalog
from paperpass.models import Paper
from paperpass.search import index_pdf_text, indexing, semantic
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from paperpass.store import search as search_rows


def bag_of_words(texts: Sequence[str], batch_size: int = 32) -> Any:
    """Unit vectors of hashed words: texts sharing words are close."""
    vectors = np.zeros((len(texts), embeddings.DIMENSIONS), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in text.lower().split():
            vectors[row, int(hashlib.sha256(word.encode()).hexdigest(), 16) % embeddings.DIMENSIONS] += 1.0
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embeddings, "available", lambda: True)
    monkeypatch.setattr(embeddings, "encode", bag_of_words)


def embedded(store: Store) -> set[int]:
    with store.connect() as conn:
        return search_rows.embedded_paper_ids(conn, semantic.MODEL)


def test_meaning_search_starts_and_keeps_up_without_a_restart(
    model: None, web_client: Any, sqlite_library: Store
) -> None:
    assert web_client.get("/api/search", params={"q": "attention"}).json()["mode"] == "lexical"
    indexing.reindex(sqlite_library, load_catalog())  # what `paperpass reindex` runs, the server still up
    semantic.embed_library(sqlite_library)
    assert web_client.get("/api/search", params={"q": "attention"}).json()["mode"] == "hybrid"
    walrus = Paper(
        slug="walrus", title="Walrus tusks as sensors", abstract="Tusks sense currents in icy water."
    )
    with sqlite_library.transaction() as conn:
        paper = paper_rows.insert_paper(conn, walrus)
    assert paper.id is not None and paper.id not in embedded(sqlite_library)
    hits = web_client.get("/api/search", params={"q": "icy walrus currents"}).json()["hits"]
    assert hits[0]["slug"] == "walrus" and "meaning" in hits[0]["matched_in"]
    assert paper.id in embedded(sqlite_library)  # embedded by the search that needed it
    index_pdf_text(sqlite_library, paper.id, ["Narwhal comparison on page one"])
    assert paper.id not in embedded(sqlite_library)  # its text changed: made again at the next search
    web_client.get("/api/search", params={"q": "narwhal"})
    with sqlite_library.connect() as conn:
        chunks = {c for p, c, _ in search_rows.load_vectors(conn, semantic.MODEL) if p == paper.id}
    assert chunks == {0, 1}  # title and abstract, and the PDF's page
