"""A library worth fuzzing: the guide, a paper with its PDF and a note, a reading group, practice cards and a
mock interview. Used by the schemathesis run of the test suite and, as a script, to seed a library for the
full CLI run (``python tests/api/seed.py HOME [DB_URL]``)."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from paperpass.config import Settings, load_settings
from paperpass.groups import manage
from paperpass.library import get_paper, open_library
from paperpass.notes.history import save_note
from paperpass.practice import mock as mocks
from paperpass.practice.questions import list_questions, sync_bank

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ATTENTION_PDF = SHARED / "corpus" / "pdfs" / "1706.03762.pdf"
PAPER = "attention-is-all-you-need"
GROUP_NAME = "Fuzz Club"


@dataclass(frozen=True)
class Seeded:
    """What the seeded library holds, for examples that name real rows."""

    paper: str
    group: str
    question_id: int
    mock_id: int
    meeting_day: str


def seed_library(settings: Settings, pdf: Path = ATTENTION_PDF) -> Seeded:
    """Seed the library of ``settings`` (SQLite or PostgreSQL, from ``settings.db_url``)."""
    from support.notes import GOOD_NOTE

    settings.pdf_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, settings.pdf_dir / "1706.03762.pdf")
    lib = open_library(settings, username=None)
    try:
        paper = get_paper(lib, PAPER)
        save_note(lib, paper, GOOD_NOTE, 0)
        first = date(2026, 10, 1)
        group = manage.create_group(lib, GROUP_NAME, "thursday", "17:00", "UTC", starts_on=first)
        manage.add_member(lib, group.slug, "Ada")
        sync_bank(lib)
        question = next(q for q in list_questions(lib) if q.id)
        assert question.id is not None
        mock_id = mocks.start_mock(lib, 30, "keywords", seed=1)
    finally:
        lib.store.close()
    return Seeded(PAPER, group.slug, question.id, mock_id, first.isoformat())


if __name__ == "__main__":
    import os

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ["PAPERPASS_HOME"] = sys.argv[1]
    if len(sys.argv) > 2:
        os.environ["PAPERPASS_DB"] = sys.argv[2]
    print(seed_library(load_settings()))
