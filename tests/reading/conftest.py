"""Fixtures for reading tests: a library paper with a real corpus PDF in the PDF folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperpass.config import Settings
from support.corpus import install_attention_pdf


@pytest.fixture
def attention_pdf(settings: Settings) -> Path:
    """'Attention Is All You Need' from the corpus, dropped in ``<home>/pdfs`` as the guide paper's PDF."""
    return install_attention_pdf(settings.pdf_dir)
