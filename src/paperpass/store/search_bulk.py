"""Writing many papers at once: the bulk path of ``paperpass import --arxiv-metadata`` and the benchmark.

Rows are written in large transactions (:data:`COMMIT_EVERY` papers), a chunk (:data:`CHUNK`) per
statement, the caller's checkpoint (the import's byte offset) saved in the same transaction: an interrupted
import resumes where the last commit left it, with nothing to repair. The chunks are read, converted to
driver values and their words counted on a helper thread while the database writes the previous chunk.

What each database needs besides is its backend's :class:`BulkLoad`: on SQLite the full-text index is
written a chunk at a time with its trigger and segment merging set aside inside each transaction, and the
load's commits do not wait for the disk (:class:`paperpass.store.search_fts5_upkeep.Fts5Load`, whose notes
say what that risks); on PostgreSQL rows are streamed with ``COPY``
(:class:`paperpass.store.search_postgres.PostgresLoad`).
"""

from __future__ import annotations

import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from itertools import chain
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import Connection, Dialect

from paperpass.store import papers as paper_rows
from paperpass.store import search_ranking as ranking
from paperpass.store.db import Store
from paperpass.store.search import backend_for

COMMIT_EVERY = 50_000
"""Papers per transaction: big enough that commits and index segments are few, small enough to resume."""
CHUNK = 10_000
"""Papers per ``executemany`` / per FTS5 segment."""
HEAD_ROWS = 1_000
"""Rows of the first, short piece of a load; the next pieces grow to a chunk (see :func:`_head_first`)."""
WORDS_SAMPLE = 8
"""One abstract in this many is read for the words table (see :func:`search_ranking.count_words`)."""
SLICE_ROWS = 500
"""Rows the helper thread converts between two looks at the database thread's turn (see :class:`_Gate`)."""

Chunk = tuple[Sequence[Mapping[str, Any]], str | None]
"""Rows to write (every ``papers`` column but ``id``) and the checkpoint reached after them (or None)."""


Converter = Callable[[Sequence[Mapping[str, Any]]], list[tuple[Any, ...]]]


class BulkLoad(Protocol):
    """A database's part of a bulk load (one per backend)."""

    counts_words: bool
    """Whether the load counts the words of the rows for a words table."""

    def session(self, conn: Connection, cache_kib: int | None = ...) -> AbstractContextManager[None]:
        """Settings for the whole load, restored afterwards."""

    def transaction(self, conn: Connection) -> AbstractContextManager[None]:
        """What is set aside within each of the load's transactions, back before its commit."""

    def converter(self, dialect: Dialect) -> Converter | None:
        """How rows become driver values, on the helper thread (None: they are written as they are)."""

    def insert(
        self,
        conn: Connection,
        rows: Sequence[Mapping[str, Any]],
        values: list[tuple[Any, ...]],
        hold: Callable[[], AbstractContextManager[None]],
    ) -> int:
        """Write one chunk, skipping papers already stored; how many were new."""

    def add_word_counts(self, conn: Connection, counts: Mapping[str, int]) -> None:
        """Add a transaction's word counts to the words table."""

    def optimize(self, conn: Connection) -> None:
        """Make the index query-ready after the load."""


@dataclass
class Checkpoint:
    """Where a resumable load saves its position: a meta key, written in the same transaction."""

    key: str


def write_papers(
    store: Store,
    chunks: Iterable[Chunk],
    *,
    checkpoint: Checkpoint | None = None,
    commit_every: int = COMMIT_EVERY,
    on_commit: Callable[[int, str | None], None] | None = None,
) -> int:
    """Write chunks of ``papers`` rows in large transactions, indexing them for search as they land.

    The chunks are read, converted to driver values and their words counted on a helper thread while
    the database indexes the previous chunk (SQLite releases the GIL while it tokenizes).

    Args:
        store: the library.
        chunks: ``(rows, position)`` pairs; ``position`` is saved under ``checkpoint`` at each commit.
        checkpoint: where to save the position reached (None: not resumable, e.g. the benchmark).
        commit_every: papers per transaction.
        on_commit: called after each commit with the papers added in it and the position saved.

    Returns:
        How many papers were new (the others were already in the library).
    """
    added = 0
    gate = _Gate()
    with store.connect() as conn:
        load: BulkLoad = backend_for(conn).bulk
        with (
            load.session(conn),
            _prefetched(chunks, load.converter(conn.dialect), load.counts_words, gate) as pending,
        ):
            while True:
                with conn.begin():
                    written, position, more = _one_transaction(conn, load, pending, commit_every, gate)
                    if checkpoint is not None and position is not None:
                        paper_rows.set_meta(conn, checkpoint.key, position)
                added += written
                if on_commit is not None and (written or position is not None):
                    on_commit(written, position)
                if not more:
                    return added


def merge_index(store: Store) -> None:
    """Make the index query-ready after a bulk load (SQLite: merge its segments into one, the commit not
    waiting for the disk either; PostgreSQL: ANALYZE). The page cache stays as it is: a larger one barely
    helps a merge of a large index, and costs its memory."""
    with store.connect() as conn:
        load: BulkLoad = backend_for(conn).bulk
        with load.session(conn, cache_kib=None), conn.begin():
            load.optimize(conn)


def _one_transaction(
    conn: Connection, load: BulkLoad, chunks: Iterator[_Converted], commit_every: int, gate: _Gate
) -> tuple[int, str | None, bool]:
    """Write chunks until ``commit_every`` rows are in; returns (added, last position, chunks left)."""
    seen, added, position, counted = 0, 0, None, []
    with load.transaction(conn):
        for rows, values, counts, reached in chunks:
            new = load.insert(conn, rows, values, gate.database) if rows else 0
            if new:
                counted.append(counts)
            added, seen = added + new, seen + len(rows)
            position = reached if reached is not None else position
            if seen >= commit_every:
                break
        words = Counter[str]()
        for counts in counted:
            words.update(counts.result())
        if words:
            load.add_word_counts(conn, words)
    return added, position, seen >= commit_every


class _Gate:
    """Turns at the GIL between the database thread's ``executemany`` and the helper's conversion.

    ``executemany`` takes the GIL back after every row, so while it runs the helper must not (each row
    would wait for the helper's switch interval). A plain lock is not enough: the helper releases it
    between slices and takes it again before a waiting database thread wakes, so the database would wait
    for a whole chunk's conversion. Here the database thread first closes ``open`` (the helper stops at its
    next slice), then takes the lock (waiting for the slice under way at most).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = threading.Event()
        self._open.set()

    @contextmanager
    def database(self) -> Iterator[None]:
        self._open.clear()
        try:
            with self._lock:
                yield
        finally:
            self._open.set()

    @contextmanager
    def helper(self) -> Iterator[None]:
        self._open.wait()
        with self._lock:
            yield


_Converted = tuple[Sequence[Mapping[str, Any]], list[tuple[Any, ...]], Future[Counter[str]], str | None]
"""A chunk's rows, their driver values (SQLite), papers per word (SQLite; counted after the handoff, needed
only at the commit) and the position after it."""
_DONE = object()
_T = TypeVar("_T")


@contextmanager
def _prefetched(
    chunks: Iterable[Chunk], convert: Converter | None, count: bool, gate: _Gate
) -> Iterator[Iterator[_Converted]]:
    """The chunks with their driver values, produced one ahead on a helper thread (the database's
    ``executemany`` holds the gate meanwhile: see :class:`_Gate`).

    A chunk's words are counted after it is handed over: the database needs them only at the commit, and
    waits less for the chunk itself (see :func:`_head_first`).
    """
    handoff: queue.Queue[object] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def produce() -> None:
        try:
            for rows, reached in _head_first(chunks):
                counts: Future[Counter[str]] = Future()
                values = [] if convert is None else list(chain.from_iterable(_in_slices(rows, convert, gate)))
                while not stop.is_set():
                    with suppress(queue.Full):
                        handoff.put((rows, values, counts, reached), timeout=0.1)
                        break
                if stop.is_set():
                    return
                _count_words(rows if count else [], gate, counts)
            handoff.put(_DONE)
        except BaseException as error:  # noqa: BLE001 - handed to the consumer, which raises it
            handoff.put(error)

    def consume() -> Iterator[_Converted]:
        while (item := handoff.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield cast(_Converted, item)

    worker = threading.Thread(target=produce, name="paperpass-bulk-reader", daemon=True)
    worker.start()
    try:
        yield consume()
    finally:
        stop.set()
        while worker.is_alive():
            with suppress(queue.Empty):
                handoff.get(timeout=0.1)
        worker.join()


def _head_first(chunks: Iterable[Chunk], head: int = HEAD_ROWS, growth: int = 3) -> Iterator[Chunk]:
    """``chunks``, the first one split into pieces of ``head`` rows, then ``growth`` times more each.

    Nothing runs beside the first piece's conversion, so the database waits for it: a short piece gets it
    started sooner. The next pieces grow about as fast as the helper converts while the database indexes
    the one before (converting a row costs a fraction of indexing it), so the database waits no more.
    """
    iterator = iter(chunks)
    for rows, reached in iterator:
        size = head
        while len(rows) > 2 * size:
            yield rows[:size], None
            rows, size = rows[size:], size * growth
        yield rows, reached
        break
    yield from iterator


def _in_slices(
    rows: Sequence[Mapping[str, Any]], work: Callable[[Sequence[Mapping[str, Any]]], _T], gate: _Gate
) -> list[_T]:
    """``work`` done on ``rows`` a slice at a time, each while ``gate`` is free (see :class:`_Gate`)."""
    done = []
    for start in range(0, len(rows), SLICE_ROWS):
        with gate.helper():
            done.append(work(rows[start : start + SLICE_ROWS]))
    return done


def _count_words(rows: Sequence[Mapping[str, Any]], gate: _Gate, into: Future[Counter[str]]) -> None:
    """Papers per word of ``rows`` (see :func:`search_ranking.count_words`), set as ``into``'s result."""
    words = Counter[str]()
    try:
        for part in _in_slices(rows, lambda some: ranking.count_words(some, WORDS_SAMPLE), gate):
            words.update(part)
    except BaseException as error:
        into.set_exception(error)
        raise
    into.set_result(words)
