"""The shared PDF corpus for reading tests (beside the repo, or ``$PAPERPASS_SHARED``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("PAPERPASS_SHARED", REPO.parent / "shared"))
ATTENTION_PDF = SHARED / "corpus" / "pdfs" / "1706.03762.pdf"


def install_attention_pdf(pdf_dir: Path) -> Path:
    """Copy 'Attention Is All You Need' into a library's PDF folder as the guide paper's PDF.

    Skips the test when the corpus is absent, or fails it under ``PAPERPASS_REQUIRE_ALL=1`` (CI), like
    ``missing()`` in tests/conftest.py.
    """
    if not ATTENTION_PDF.is_file():
        reason = f"the corpus PDF {ATTENTION_PDF} is not there"
        if os.environ.get("PAPERPASS_REQUIRE_ALL") == "1":
            pytest.fail(f"{reason} (PAPERPASS_REQUIRE_ALL=1 forbids skipping)", pytrace=False)
        pytest.skip(reason)
    pdf_dir.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(ATTENTION_PDF, pdf_dir / "1706.03762.pdf"))
