"""survey() on the labelled real-paper corpus: general structure assertions (not per-paper rules)."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from conftest import corpus_labels
from paperpass.pdf import survey

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from _scoring import f1, norm, score  # noqa: E402

LABELS = corpus_labels()
IDS = [lab["id"] for lab in LABELS] or ["no-corpus"]


@pytest.fixture(params=LABELS or [None], ids=IDS)
def labelled(request: pytest.FixtureRequest, corpus: Path) -> tuple[dict[str, Any], Any]:
    label = request.param
    if label is None:
        pytest.skip("corpus has no labels")
    return label, _survey(str(corpus / "pdfs" / label["file"]))


@cache
def _survey(path: str) -> Any:
    return survey(path)


def test_title_and_structure(labelled: tuple[dict[str, Any], Any]) -> None:
    label, sheet = labelled
    result = score(sheet, label)
    assert norm(sheet.title) == norm(label["title"])
    assert sheet.pages == label["pages"]
    assert f1(*result["sections"]) >= 0.85
    assert f1(*result["figures"]) >= 0.8 and f1(*result["tables"]) >= 0.8
    assert f1(*result["authors"]) >= 0.75
    assert result["abstract_start"] == 1.0
    pages = [s.page for s in sheet.sections]
    assert pages == sorted(pages), "sections must be in document order"
    assert all(1 <= c.page <= sheet.pages for c in sheet.figures + sheet.tables)


def test_markdown_renders(labelled: tuple[dict[str, Any], Any]) -> None:
    _, sheet = labelled
    md = sheet.to_markdown()
    assert md.startswith("# ") and "## Outline" in md
