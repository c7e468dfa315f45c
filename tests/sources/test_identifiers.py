"""Parsing what users type for ``paperpass add``."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperpass.errors import InvalidInputError
from paperpass.sources.identifiers import parse_identifier


@pytest.mark.parametrize(
    ("text", "kind", "value", "version"),
    [
        ("1706.03762", "arxiv", "1706.03762", None),
        ("1706.03762v7", "arxiv", "1706.03762", 7),
        ("arXiv:1706.03762", "arxiv", "1706.03762", None),
        ("cs/0112017", "arxiv", "cs/0112017", None),
        ("quant-ph/0201082v1", "arxiv", "quant-ph/0201082", 1),
        ("https://arxiv.org/abs/1706.03762v5", "arxiv", "1706.03762", 5),
        ("https://arxiv.org/pdf/1706.03762", "arxiv", "1706.03762", None),
        ("http://arxiv.org/pdf/2104.12255v1.pdf", "arxiv", "2104.12255", 1),
        ("https://arxiv.org/abs/astro-ph/9812133", "arxiv", "astro-ph/9812133", None),
        ("10.1038/s42256-024-00832-8", "doi", "10.1038/s42256-024-00832-8", None),
        ("https://doi.org/10.1038/S42256-024-00832-8", "doi", "10.1038/s42256-024-00832-8", None),
        ("doi:10.1126/science.169.3946.635", "doi", "10.1126/science.169.3946.635", None),
        ("10.48550/arXiv.2312.07559", "arxiv", "2312.07559", None),
        ("204e3073870fae3d05bcbc2f6a8e263d9b72e776", "s2", "204e3073870fae3d05bcbc2f6a8e263d9b72e776", None),
        ("CorpusId:13756489", "s2", "CorpusId:13756489", None),
        (
            "https://www.semanticscholar.org/paper/Attention-is-All-you-Need-Vaswani-Shazeer/"
            "204e3073870fae3d05bcbc2f6a8e263d9b72e776",
            "s2", "204e3073870fae3d05bcbc2f6a8e263d9b72e776", None,
        ),
        ("https://www.semanticscholar.org/arxiv/1706.03762", "arxiv", "1706.03762", None),
    ],
)  # fmt: skip
def test_accepted_forms(text: str, kind: str, value: str, version: int | None) -> None:
    parsed = parse_identifier(text)
    assert (parsed.kind, parsed.value, parsed.version, parsed.text) == (kind, value, version, text)


@pytest.mark.parametrize(
    "text", ["abc", "1706", "arXiv:17060.3762", "https://example.org/paper", "10.1/x", ""]
)
def test_malformed_ids_name_the_accepted_forms(text: str) -> None:
    with pytest.raises(InvalidInputError, match="accepted: arXiv ids") as info:
        parse_identifier(text)
    assert "\n" not in str(info.value)


def test_openreview_url_asks_for_its_arxiv_id_or_doi() -> None:
    with pytest.raises(InvalidInputError, match="OpenReview"):
        parse_identifier("https://openreview.net/forum?id=rJ4km2R5t7")


def test_files_by_suffix(tmp_path: Path) -> None:
    pdf, bib = tmp_path / "paper.pdf", tmp_path / "refs.bib"
    pdf.write_bytes(b"%PDF-1.4")
    bib.write_text("")
    assert parse_identifier(str(pdf)).kind == "pdf"
    assert parse_identifier(str(bib)).kind == "bib"
    with pytest.raises(InvalidInputError, match="no such file"):
        parse_identifier(str(tmp_path / "missing.pdf"))
