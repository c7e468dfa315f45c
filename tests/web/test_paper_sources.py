"""The paper page and API show what sources added: code links, the PDF, discussion searches."""

from __future__ import annotations

from typing import Any

from paperpass.store import Store
from paperpass.store import papers as paper_rows
from paperpass.store import sources as source_rows


def _with_sources(store: Store) -> None:
    with store.transaction() as conn:
        paper = paper_rows.get_paper(conn, "flash-attention")
        assert paper.id is not None
        source_rows.add_code_links(conn, paper.id, [source_rows.StoredCodeLink(
            "https://github.com/Dao-AILab/flash-attention", "huggingface", "code")])  # fmt: skip
        source_rows.add_file(conn, source_rows.PaperFile(paper.id, "/tmp/x.pdf", "ab" * 32, 2048, 2, None))


def test_paper_page_shows_code_pdf_and_discussions(web_client: Any, sqlite_library: Store) -> None:
    _with_sources(sqlite_library)
    response = web_client.get("/papers/flash-attention")
    page = response.text
    assert response.status_code == 200
    assert 'href="https://github.com/Dao-AILab/flash-attention"' in page
    assert "arXiv v2 · 2 KB" in page and "abababababababab…" in page
    assert "https://www.reddit.com/r/MachineLearning/search/?q=%22" in page and ">YouTube<" in page


def test_sources_api(web_client: Any, sqlite_library: Store) -> None:
    _with_sources(sqlite_library)
    data = web_client.get("/api/papers/2205.14135/sources").json()
    [link] = data["code_links"]
    assert link == {
        "url": "https://github.com/Dao-AILab/flash-attention",
        "source": "huggingface",
        "kind": "code",
    }
    assert data["files"][0]["arxiv_version"] == 2 and data["queued"] is None
    assert web_client.get("/api/papers/nope/sources").status_code == 404
