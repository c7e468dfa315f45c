"""Crossref DOI look-ups and Hugging Face code links against recorded answers."""

from __future__ import annotations

import pytest

from paperpass.errors import NotFoundError
from paperpass.sources import Sources
from paperpass.sources.record import github_links
from support.recorded import RecordedAPI


def test_crossref_work_by_doi(api: RecordedAPI, sources: Sources) -> None:
    api.serve("crossref/works_doi_10.1038_s42256-024-00832-8.json")
    record = sources.crossref.work("10.1038/s42256-024-00832-8")
    paper = record.paper
    assert paper.title == "Augmenting large language models with chemistry tools"
    assert paper.authors[:2] == ["Andres M. Bran", "Sam Cox"]
    assert (paper.year, paper.venue, paper.doi) == (
        2024,
        "Nature Machine Intelligence",
        "10.1038/s42256-024-00832-8",
    )
    assert paper.abstract and not paper.abstract.startswith("Abstract") and "<" not in paper.abstract
    assert record.pdf_url == "https://www.nature.com/articles/s42256-024-00832-8.pdf"


@pytest.mark.parametrize(
    ("name", "doi"),
    [("crossref/works_not_found_404.txt", "10.1371/notarealdoi"),
     ("crossref/works_arxiv_datacite_doi_404.txt", "10.48550/arxiv.2312.07559")],
)  # fmt: skip
def test_crossref_not_found_is_plain_text_404(
    api: RecordedAPI, sources: Sources, name: str, doi: str
) -> None:
    api.serve(name)
    with pytest.raises(NotFoundError, match=f"Crossref has no DOI {doi}"):
        sources.crossref.work(doi)


def test_huggingface_code_link_only_for_the_same_arxiv_id(api: RecordedAPI, sources: Sources) -> None:
    api.serve("huggingface/papers_search_llama_3_herd.json", query={"q": "llama 3 herd"}, times=2)
    links = sources.huggingface.code_links("2503.05856", "llama 3 herd")
    assert [(c.url, c.kind) for c in links] == [("https://github.com/lorenzflow/robust-moa", "code")]
    assert sources.huggingface.code_links("1706.03762", "llama 3 herd") == []


def test_huggingface_search_without_repositories(api: RecordedAPI, sources: Sources) -> None:
    api.serve("huggingface/papers_search_kazakh.json", query={"q": "kazakh"})
    assert sources.huggingface.code_links("2404.04487", "kazakh") == []


def test_github_links_in_free_text() -> None:
    text = "Code: https://github.com/state-spaces/mamba. See also (https://github.com/Dao-AILab/flash-attention.git)"
    assert github_links(text) == [
        "https://github.com/state-spaces/mamba",
        "https://github.com/Dao-AILab/flash-attention",
    ]
