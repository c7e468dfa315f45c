"""A library on each back end with a few papers, a note and PDF pages to search."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from paperpass.catalog import Catalog, load_catalog
from paperpass.library import seed_guide
from paperpass.models import Paper
from paperpass.store import Store
from paperpass.store import papers as paper_rows

EXTRA = [
    Paper(slug="speculative-decoding", title="Fast Inference from Transformers via Speculative Decoding",
          authors=["Yaniv Leviathan", "Matan Kalman", "Yossi Matias"], year=2023, arxiv_id="2211.17192",
          abstract="Inference from large autoregressive models is slow. A smaller draft model proposes "
          "tokens that the large model verifies in parallel, which speeds up decoding without changing "
          "outputs.",
          tags=["cs.LG", "cs.CL"]),
    Paper(slug="vision-transformer",
          title="An Image is Worth 16x16 Words: Transformers for Image Recognition",
          authors=["Alexey Dosovitskiy", "Lucas Beyer"], year=2020, arxiv_id="2010.11929",
          abstract="We split an image into patches and feed the sequence of linear embeddings to a standard "
          "Transformer encoder for image classification.", tags=["cs.CV"]),
    Paper(slug="quantized-llm", title="QLoRA: Efficient Finetuning of Quantized LLMs",
          authors=["Tim Dettmers", "Artidoro Pagnoni"], year=2023, arxiv_id="2305.14314",
          abstract="Backpropagate through a frozen 4-bit quantized model into low-rank adapters; a 65B model "
          "is finetuned on one 48GB GPU.", tags=["cs.LG"]),
]  # fmt: skip


@pytest.fixture
def catalog() -> Catalog:
    """The bundled guide."""
    return load_catalog()


@pytest.fixture
def search_library(store: Store, catalog: Catalog) -> Iterator[Store]:
    """The guide's papers plus three more with abstracts, on SQLite and PostgreSQL."""
    seed_guide(store, catalog)
    with store.transaction() as conn:
        for paper in EXTRA:
            paper_rows.insert_paper(conn, paper)
    yield store
