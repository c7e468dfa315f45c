"""Where the shared material lies, and the rule for optional components.

Import from here, not from ``conftest``: several ``conftest`` modules exist and ``import conftest`` finds
whichever is first on ``sys.path``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REQUIRE_ALL = os.environ.get("PAPERPASS_REQUIRE_ALL") == "1"
REPO = Path(__file__).resolve().parents[2]
# The project's shared material (the guide, the PDF corpus, recorded HTTP responses) lies beside the repo.
SHARED = Path(os.environ.get("PAPERPASS_SHARED", REPO.parent / "shared"))
# The labelled PDF corpus, the one part of it the tests read from outside the repository.
CORPUS = Path(os.environ.get("PAPERPASS_CORPUS") or SHARED / "corpus")


def missing(reason: str) -> None:
    """Skip for a missing optional component, or fail when every component is required (CI)."""
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (PAPERPASS_REQUIRE_ALL=1 forbids skipping)", pytrace=False)
    pytest.skip(reason)
