"""The shared PDF corpus for reading tests (beside the repo, or ``$PAPERPASS_SHARED``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("PAPERPASS_SHARED", REPO.parent / "shared"))
ATTENTION_PDF = SHARED / "corpus" / "pdfs" / "1706.03762.pdf"


def install_corpus_pdf(pdf_dir: Path, arxiv_id: str) -> Path:
    """Copy the corpus PDF of an arXiv paper into a library's PDF folder, where the paper with that arXiv id
    finds it (``<pdf_dir>/<arxiv id>.pdf``).

    Skips the test when the corpus is absent, or fails it under ``PAPERPASS_REQUIRE_ALL=1`` (CI), like
    ``missing()`` in tests/conftest.py.
    """
    source = SHARED / "corpus" / "pdfs" / f"{arxiv_id}.pdf"
    if not source.is_file():
        reason = f"the corpus PDF {source} is not there"
        if os.environ.get("PAPERPASS_REQUIRE_ALL") == "1":
            pytest.fail(f"{reason} (PAPERPASS_REQUIRE_ALL=1 forbids skipping)", pytrace=False)
        pytest.skip(reason)
    pdf_dir.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(source, pdf_dir / f"{arxiv_id}.pdf"))


def install_attention_pdf(pdf_dir: Path) -> Path:
    """Copy 'Attention Is All You Need' into a library's PDF folder as the guide paper's PDF."""
    return install_corpus_pdf(pdf_dir, ATTENTION_PDF.stem)


def install_lora_pdf(pdf_dir: Path) -> Path:
    """Copy LoRA (25 pages) into a library's PDF folder as the guide paper's PDF."""
    return install_corpus_pdf(pdf_dir, "2106.09685")
