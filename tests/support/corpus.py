"""The shared PDF corpus for reading tests (``support.components.CORPUS``: beside the repo, or
``$PAPERPASS_CORPUS`` / ``$PAPERPASS_SHARED``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from support.components import CORPUS, missing

ATTENTION_PDF = CORPUS / "pdfs" / "1706.03762.pdf"


def install_corpus_pdf(pdf_dir: Path, arxiv_id: str) -> Path:
    """Copy the corpus PDF of an arXiv paper into a library's PDF folder, where the paper with that arXiv id
    finds it (``<pdf_dir>/<arxiv id>.pdf``).

    Skips the test when the corpus is absent, or fails it under ``PAPERPASS_REQUIRE_ALL=1`` (CI).
    """
    source = CORPUS / "pdfs" / f"{arxiv_id}.pdf"
    if not source.is_file():
        missing(f"the corpus PDF {source} is not there")
    pdf_dir.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(source, pdf_dir / f"{arxiv_id}.pdf"))


def install_attention_pdf(pdf_dir: Path) -> Path:
    """Copy 'Attention Is All You Need' into a library's PDF folder as the guide paper's PDF."""
    return install_corpus_pdf(pdf_dir, ATTENTION_PDF.stem)


def install_lora_pdf(pdf_dir: Path) -> Path:
    """Copy LoRA (25 pages) into a library's PDF folder as the guide paper's PDF."""
    return install_corpus_pdf(pdf_dir, "2106.09685")
