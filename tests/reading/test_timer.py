"""Pass timers kept on the server (SQLite and PostgreSQL): start, pause, resume, stop logs the time it ran,
reset logs nothing, one pass at a time per paper, per user; highlights per user; migration 0019 matches
tables.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from paperpass.config import Settings
from paperpass.errors import ConflictError, InvalidInputError, NotFoundError
from paperpass.library import Library, get_paper
from paperpass.reading.highlights import add_highlight, list_highlights, remove_highlight
from paperpass.reading.timer import current_timer, use_timer
from paperpass.store import Store
from paperpass.store import reading as reading_rows
from paperpass.store.tables import metadata
from support.corpus import install_lora_pdf
from support.library import library_for

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
NEW_TABLES = {"highlights", "pass_timers"}


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


def _sessions(library: Library, slug: str) -> list[object]:
    paper = get_paper(library, slug)
    with library.store.connect() as conn:
        return list(reading_rows.sessions(conn, [paper.id or 0], user_id=library.user_id))


def test_new_tables_match_their_migration(store: Store) -> None:
    assert set(store.table_names()) >= NEW_TABLES
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [c for c in diff if NEW_TABLES & set(str(c).split("'"))] == []


def test_start_pause_resume_stop_logs_the_running_time(local_library: Library) -> None:
    clock = Clock()
    lora = get_paper(local_library, "lora")
    started = use_timer(local_library, lora, "start", 2, clock=clock)
    assert started.timer is not None and started.timer.running and started.timer.budget == (30, 60)
    clock.advance(20)
    paused = use_timer(local_library, lora, "pause", clock=clock)
    assert paused.timer is not None and not paused.timer.running and paused.timer.minutes == 20
    clock.advance(90)  # a long lunch does not count
    shown = current_timer(local_library, lora, clock=clock)
    assert shown is not None and shown.minutes == 20 and shown.state == "under"
    use_timer(local_library, lora, "start", clock=clock)  # resume: the timer knows its pass
    clock.advance(25)
    assert (current_timer(local_library, lora, clock=clock) or pytest.fail()).state == "within"
    stopped = use_timer(local_library, lora, "stop", 2, clock=clock)
    assert stopped.timer is None and stopped.session is not None and stopped.session.minutes == 45
    assert "Logged 45 min of pass 2" in stopped.message
    assert current_timer(local_library, lora, clock=clock) is None
    assert len(_sessions(local_library, "lora")) == 1


def test_stop_under_half_a_minute_and_reset_log_nothing(local_library: Library) -> None:
    clock = Clock()
    dpo = get_paper(local_library, "dpo")
    use_timer(local_library, dpo, "start", 1, clock=clock)
    clock.advance(0.4)
    assert use_timer(local_library, dpo, "stop", clock=clock).session is None
    use_timer(local_library, dpo, "start", 1, clock=clock)
    clock.advance(8)
    assert use_timer(local_library, dpo, "reset", clock=clock).session is None
    assert _sessions(local_library, "dpo") == []


def test_timer_refusals(local_library: Library) -> None:
    clock = Clock()
    lora = get_paper(local_library, "lora")
    for action, number in (("pause", None), ("stop", None), ("reset", None), ("start", None)):
        with pytest.raises(InvalidInputError):
            use_timer(local_library, lora, action, number, clock=clock)
    with pytest.raises(InvalidInputError, match="unknown timer action"):
        use_timer(local_library, lora, "explode", 1, clock=clock)
    with pytest.raises(InvalidInputError, match="no pass 4|passes are"):
        use_timer(local_library, lora, "start", 4, clock=clock)
    use_timer(local_library, lora, "start", 1, clock=clock)
    with pytest.raises(ConflictError):
        use_timer(local_library, lora, "start", 3, clock=clock)
    with pytest.raises(InvalidInputError, match="is for pass 1"):
        use_timer(local_library, lora, "stop", 2, clock=clock)
    clock.advance(26 * 60)
    with pytest.raises(InvalidInputError, match="longer than a day"):
        use_timer(local_library, lora, "stop", clock=clock)
    assert current_timer(local_library, lora, clock=clock) is not None  # kept: log what was read, then reset


def test_timers_and_highlights_belong_to_their_user(library_with_guide: Store, settings: Settings) -> None:
    install_lora_pdf(settings.pdf_dir)
    ada, bob = library_for(library_with_guide, user=1), library_for(library_with_guide, user=2)
    clock = Clock()
    lora = get_paper(ada, "lora")
    use_timer(ada, lora, "start", 1, clock=clock)
    assert current_timer(bob, lora, clock=clock) is None
    use_timer(bob, lora, "start", 3, clock=clock)  # bob's own timer, another pass: no conflict
    mark = add_highlight(ada, lora, 2, "low-rank  adaptation\n matrices", [(0.1, 0.1, 0.4, 0.12)])
    assert (
        mark.text == "low-rank adaptation matrices" and mark.quote == "> low-rank adaptation matrices [p. 2]"
    )
    assert list_highlights(bob, lora) == []
    with pytest.raises(NotFoundError):
        remove_highlight(bob, lora, mark.id)
    [kept] = list_highlights(ada, lora)
    assert kept.rects == [(0.1, 0.1, 0.4, 0.12)] and kept.page == 2
    remove_highlight(ada, lora, mark.id)
    assert list_highlights(ada, lora) == []


def test_highlights_are_searchable_by_their_owner_only(library_with_guide: Store, settings: Settings) -> None:
    from paperpass.catalog import load_catalog
    from paperpass.search import search
    from paperpass.search.indexing import reindex

    install_lora_pdf(settings.pdf_dir)
    catalog = load_catalog()
    ada = library_for(library_with_guide, user=1, catalog=catalog)
    bob = library_for(library_with_guide, user=2, catalog=catalog)
    lora = get_paper(ada, "lora")
    mark = add_highlight(ada, lora, 7, "zanzibarian decomposition of the update matrix")

    def found(who: Library, text: str) -> list[tuple[str, str, str]]:
        hits = search(who, text).hits
        return [(h.paper.slug if h.paper else "", m.label, h.url) for h in hits for m in h.matches]

    assert found(ada, "zanzibarian") == [("lora", "your highlights", "/papers/lora/read#highlights")]
    assert found(bob, "zanzibarian") == []  # another reader's highlights stay theirs
    reindex(library_with_guide, catalog)
    assert [label for _, label, _ in found(ada, "zanzibarian")] == ["your highlights"]
    remove_highlight(ada, lora, mark.id)
    assert found(ada, "zanzibarian") == []
