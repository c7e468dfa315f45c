"""Shared fixtures for paperpass.pdf tests: small generated PDFs and the optional real corpus."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for the _pdfgen helper module

REPO = Path(__file__).resolve().parents[2]


def corpus_dir() -> Path:
    return Path(os.environ.get("PAPERPASS_CORPUS", REPO.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The labelled corpus directory; skip (or fail with PAPERPASS_REQUIRE_ALL=1) when absent."""
    path = corpus_dir()
    if not (path / "labels").is_dir():
        if os.environ.get("PAPERPASS_REQUIRE_ALL") == "1":
            pytest.fail(f"corpus not found at {path} and PAPERPASS_REQUIRE_ALL=1")
        pytest.skip(f"corpus not found at {path} (set PAPERPASS_CORPUS)")
    return path


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
