"""Fixtures for practice tests: the semantic judge loaded once per session."""

from __future__ import annotations

from typing import Any

import pytest

from support.components import missing


@pytest.fixture(scope="session")
def semantic_judge() -> Any:
    """The semantic judge (model loaded once for the whole session); skipped without paperpass[semantic]."""
    from paperpass.practice.judges import semantic_available

    if not semantic_available():
        missing("the semantic judge is not installed (make semantic)")
    from paperpass.practice.semantic import SemanticJudge

    judge = SemanticJudge.shared()
    judge.judge("warm up", ["load the model"])
    return judge
