"""Writing many papers at once: the bulk path of ``paperpass import --arxiv-metadata`` and the benchmark.

On SQLite a paper's full-text entry is normally written by the ``papers_fts_ai`` trigger, one row at a
time, which flushes FTS5's in-memory index at every statement and costs most of an import. The bulk path
instead, inside each (large) transaction:

1. drops the trigger (the drop is part of the transaction: no other connection ever sees it missing, and
   a crash rolls it back);
2. inserts each chunk of rows with one ``executemany`` straight to the driver, skipping papers already
   stored (same slug, arXiv id, DOI or Semantic Scholar id);
3. indexes the chunk's new rows with one ``INSERT INTO papers_fts ... SELECT`` from ``papers_fts_source``
   (ids above the largest before the chunk: ``papers.id`` only grows), so FTS5 tokenizes a whole chunk
   into one segment;
4. adds the chunks' word counts to ``search_terms`` (see :mod:`paperpass.store.search_fts5`), saves the
   caller's checkpoint (the import's byte offset), recreates the trigger and commits.

FTS5 does not merge index segments during a bulk transaction (``automerge`` and ``crisismerge`` are set
aside inside it and restored before its commit, see :func:`_merges_deferred`): each posting is then
written once when indexed and once when the load ends with one merge of every segment (the import's
``optimize``), instead of once per merge level along the way.

Papers and their index entries, and the checkpoint, are committed together: an interrupted import resumes
where the last commit left it, with nothing to repair. Nothing of the above outlives a transaction: the
trigger and the merge settings are back before each commit (a crash rolls back the transaction, settings
included), and unmerged segments are a valid index, merged by later writes or by the resumed
import's ``optimize``. For the load only, the connection runs with ``synchronous=OFF`` (the final merge,
:func:`merge_index`, too) and a large page cache, restored afterwards: commits do not wait for the disk.
A crash of the program loses nothing committed, but an operating-system crash or power cut during the
load can leave the database file corrupt (SQLite's documented risk of ``synchronous=OFF``).

PostgreSQL needs none of this: its ``tsvector`` columns are generated, so rows are streamed with ``COPY``
and moved into ``papers`` skipping conflicts (:func:`paperpass.store.search.insert_papers_bulk`).
"""

from __future__ import annotations

import operator
import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import chain
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, Dialect

from paperpass.store import papers as paper_rows
from paperpass.store import search as search_rows
from paperpass.store import search_fts5
from paperpass.store.db import Store
from paperpass.store.tables import papers

COMMIT_EVERY = 50_000
"""Papers per transaction: big enough that commits and index segments are few, small enough to resume."""
CHUNK = 10_000
"""Papers per ``executemany`` / per FTS5 segment."""
HEAD_ROWS = 1_000
"""Rows of the first, short piece of a load; the next pieces grow to a chunk (see :func:`_head_first`)."""
BULK_CACHE_KIB = 512 * 1024
FTS_HASH_BYTES = 128 * 1024 * 1024
"""FTS5's pending-index memory (``hashsize``): a chunk's postings are flushed as one segment."""
BULK_CRISISMERGE = 1_000
"""Segments (chunks) per level before FTS5 merges them during a bulk load (its limit is 2,000)."""
FTS_MERGE_DEFAULTS = {"automerge": 4, "crisismerge": 16}
"""FTS5's own defaults, restored after each bulk transaction unless the library set others."""
WORDS_SAMPLE = 8
"""One abstract in this many is read for the words table (see :func:`search_fts5.count_words`)."""
SLICE_ROWS = 500
"""Rows the helper thread converts between two looks at the database thread's turn (see :class:`_Gate`)."""
TRIGGER = "papers_fts_ai"
_COLUMNS = [c for c in papers.columns if c.name != "id"]
_NAMES = [c.name for c in _COLUMNS]
_INSERT = f"INSERT OR IGNORE INTO papers ({', '.join(_NAMES)}) VALUES ({', '.join('?' for _ in _NAMES)})"
_INDEX_NEW = (
    "INSERT INTO papers_fts(rowid, title, authors, abstract, facets) "
    "SELECT id, title, authors, abstract, facets FROM papers_fts_source WHERE id > ?"
)

Chunk = tuple[Sequence[Mapping[str, Any]], str | None]
"""Rows to write (every ``papers`` column but ``id``) and the checkpoint reached after them (or None)."""


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
    with store.connect() as conn, _bulk_session(conn), _prefetched(chunks, conn.dialect, gate) as pending:
        while True:
            with conn.begin():
                written, position, more = _one_transaction(conn, pending, commit_every, gate)
                if checkpoint is not None and position is not None:
                    paper_rows.set_meta(conn, checkpoint.key, position)
            added += written
            if on_commit is not None and (written or position is not None):
                on_commit(written, position)
            if not more:
                return added


def merge_index(store: Store) -> None:
    """Merge the full-text index after a bulk load, its commit not waiting for the disk either (ANALYZE on
    PostgreSQL): see :func:`paperpass.store.search.optimize_fulltext`. The page cache stays as it is: a
    larger one barely helps a merge of a large index, and costs its memory."""
    with store.connect() as conn, _bulk_session(conn, cache_kib=None), conn.begin():
        search_rows.optimize_fulltext(conn)


def _one_transaction(
    conn: Connection, chunks: Iterator[_Converted], commit_every: int, gate: _Gate
) -> tuple[int, str | None, bool]:
    """Write chunks until ``commit_every`` rows are in; returns (added, last position, chunks left)."""
    seen, added, position, counted = 0, 0, None, []
    with _trigger_bypassed(conn), _merges_deferred(conn):
        for rows, values, counts, reached in chunks:
            new = _insert(conn, rows, values, gate)
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
            search_fts5.add_term_counts(conn, words)
    return added, position, seen >= commit_every


def _insert(
    conn: Connection, rows: Sequence[Mapping[str, Any]], values: list[tuple[Any, ...]], gate: _Gate
) -> int:
    """Insert one chunk; on SQLite, index its new rows in one statement (the trigger is bypassed).

    The helper thread converting the next chunks pauses while ``executemany`` runs (see :class:`_Gate`)
    and works while FTS5 indexes (which releases the GIL).
    """
    if not rows:
        return 0
    if conn.dialect.name != "sqlite":
        return search_rows.insert_papers_bulk(conn, rows)
    last = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM papers").scalar_one()
    with gate.database():
        added = int(conn.exec_driver_sql(_INSERT, values).rowcount or 0)
    if added:
        conn.exec_driver_sql(_INDEX_NEW, (last,))
    return added


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
def _prefetched(chunks: Iterable[Chunk], dialect: Dialect, gate: _Gate) -> Iterator[Iterator[_Converted]]:
    """The chunks with their driver values, produced one ahead on a helper thread (see :func:`_insert`).

    A chunk's words are counted after it is handed over: the database needs them only at the commit, and
    waits less for the chunk itself (see :func:`_head_first`).
    """
    convert = _converter(dialect) if dialect.name == "sqlite" else None
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
                _count_words(rows if convert is not None else [], gate, counts)
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
    """Papers per word of ``rows`` (see :func:`search_fts5.count_words`), set as ``into``'s result."""
    words = Counter[str]()
    try:
        for part in _in_slices(rows, lambda some: search_fts5.count_words(some, WORDS_SAMPLE), gate):
            words.update(part)
    except BaseException as error:
        into.set_exception(error)
        raise
    into.set_result(words)


def _converter(dialect: Dialect) -> Callable[[Sequence[Mapping[str, Any]]], list[tuple[Any, ...]]]:
    """Rows to driver values by SQLAlchemy's own type processors for ``dialect`` (timestamps memoised)."""
    pairs: list[tuple[str, Callable[[Any], Any] | None]] = []
    for column in _COLUMNS:
        processor: Callable[[Any], Any] | None = column.type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None and column.name.endswith("_at"):
            processor = _memoised(processor)
        pairs.append((column.name, processor))

    values = operator.itemgetter(*(n for n, _ in pairs))
    processed = [(i, f) for i, (_, f) in enumerate(pairs) if f is not None]

    def convert(rows: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
        converted = []
        for row in rows:
            value = list(values(row))
            for i, f in processed:
                if value[i] is not None:
                    value[i] = f(value[i])
            converted.append(tuple(value))
        return converted

    return convert


def _memoised(processor: Callable[[Any], Any]) -> Callable[[Any], Any]:
    cache: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        if value not in cache:
            cache[value] = processor(value)
        return cache[value]

    return convert


@contextmanager
def _bulk_session(conn: Connection, cache_kib: int | None = BULK_CACHE_KIB) -> Iterator[None]:
    """SQLite settings for a bulk load (no fsync per commit, a page cache of ``cache_kib`` unless None),
    restored afterwards."""
    if conn.dialect.name != "sqlite":
        yield
        return
    driver = conn.connection.dbapi_connection  # outside SQLAlchemy's transaction: pragmas need none
    assert driver is not None
    saved = {name: driver.execute(f"PRAGMA {name}").fetchone()[0] for name in ("synchronous", "cache_size")}
    driver.execute("PRAGMA synchronous = OFF")
    if cache_kib is not None:
        driver.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
    with conn.begin():
        conn.exec_driver_sql(
            "INSERT INTO papers_fts(papers_fts, rank) VALUES ('hashsize', ?)", (FTS_HASH_BYTES,)
        )
    try:
        yield
    finally:
        if conn.in_transaction():
            conn.rollback()
        for name, value in saved.items():
            driver.execute(f"PRAGMA {name} = {int(value)}")


@contextmanager
def _merges_deferred(conn: Connection) -> Iterator[None]:
    """Within the caller's transaction: no FTS5 segment merging while its chunks are indexed.

    FTS5 normally merges segments a little after every flush (``automerge``), and a lot once a level holds
    ``crisismerge`` of them: over a large load each posting is rewritten once per level. Here both are
    off while the transaction's chunks go in, each chunk a segment of its own; the pending postings are
    flushed (a savepoint does it) and the saved settings restored before the commit, so nothing of this is
    ever committed or left behind by a crash. The segments are merged once at the end of the load
    (:func:`paperpass.store.search.optimize_fulltext`), or by FTS5's own merging of later writes.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    query = "SELECT k, v FROM papers_fts_config WHERE k IN ('automerge', 'crisismerge')"
    saved: dict[str, int] = {str(k): int(v) for k, v in conn.exec_driver_sql(query)}
    _fts_config(conn, {"automerge": 0, "crisismerge": BULK_CRISISMERGE})
    yield
    conn.exec_driver_sql("SAVEPOINT paperpass_fts_flush")
    conn.exec_driver_sql("RELEASE paperpass_fts_flush")
    _fts_config(conn, {k: saved.get(k, v) for k, v in FTS_MERGE_DEFAULTS.items()})


def _fts_config(conn: Connection, values: Mapping[str, int]) -> None:
    for name, value in values.items():
        conn.exec_driver_sql("INSERT INTO papers_fts(papers_fts, rank) VALUES (?, ?)", (name, int(value)))


@contextmanager
def _trigger_bypassed(conn: Connection) -> Iterator[None]:
    """Within the caller's transaction: drop the per-row indexing trigger, and recreate it at the end."""
    if conn.dialect.name != "sqlite":
        yield
        return
    sql = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (TRIGGER,)
    ).scalar()
    if sql is not None:
        conn.exec_driver_sql(f"DROP TRIGGER {TRIGGER}")
    yield
    if sql is not None:
        conn.exec_driver_sql(str(sql))
