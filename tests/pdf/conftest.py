"""Shared fixtures for paperpass.pdf tests: small generated PDFs and the optional real corpus."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from support.components import CORPUS, missing

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for the _pdfgen helper module


def corpus_dir() -> Path:
    """The labelled corpus (``support.components.CORPUS``)."""
    return CORPUS


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The labelled corpus directory; skip (or fail with PAPERPASS_REQUIRE_ALL=1) when absent."""
    if not (CORPUS / "labels").is_dir():
        missing(f"corpus not found at {CORPUS} (set PAPERPASS_CORPUS or PAPERPASS_SHARED)")
    return CORPUS


def corpus_labels() -> list[dict[str, Any]]:
    labels = corpus_dir() / "labels"
    if not labels.is_dir():
        return []
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(labels.glob("*.json"))]


@pytest.fixture
def tmp_pdf(tmp_path: Path) -> Callable[[bytes], Path]:
    def write(data: bytes, name: str = "doc.pdf") -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write
