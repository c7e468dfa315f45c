"""The shared PDF corpus for reading tests (``support.components.CORPUS``: beside the repo, or
``$PAPERPASS_CORPUS`` / ``$PAPERPASS_SHARED``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from support.components import CORPUS, missing

ATTENTION_PDF = CORPUS / "pdfs" / "1706.03762.pdf"


def install_attention_pdf(pdf_dir: Path) -> Path:
    """Copy 'Attention Is All You Need' into a library's PDF folder as the guide paper's PDF.

    Skips the test when the corpus is absent, or fails it under ``PAPERPASS_REQUIRE_ALL=1`` (CI).
    """
    if not ATTENTION_PDF.is_file():
        missing(f"the corpus PDF {ATTENTION_PDF} is not there")
    pdf_dir.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(ATTENTION_PDF, pdf_dir / "1706.03762.pdf"))
