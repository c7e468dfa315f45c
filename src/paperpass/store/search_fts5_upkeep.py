"""Keeping SQLite's search index: the words table, what the index knows about words, and the bulk load.

``search_terms`` counts the words of bulk-loaded papers (lower-cased, accents removed, as
:func:`search_ranking.fold` does): the SQLite backend expands prefixes from it and rules common words out
of weighting for free. Papers written one at a time reach it at the next ``paperpass reindex``.

The bulk load (:class:`Fts5Load`, driven by :mod:`paperpass.store.search_bulk`): a paper's full-text entry
is normally written by the ``papers_fts_ai`` trigger, one row at a time, which flushes FTS5's in-memory
index at every statement and costs most of an import. Inside each (large) bulk transaction instead:

1. the trigger is dropped (the drop is part of the transaction: no other connection ever sees it missing,
   and a crash rolls it back);
2. each chunk of rows is inserted with one ``executemany`` straight to the driver, skipping papers already
   stored (same slug, arXiv id, DOI or Semantic Scholar id);
3. the chunk's new rows are indexed with one ``INSERT INTO papers_fts ... SELECT`` from
   ``papers_fts_source`` (ids above the largest before the chunk: ``papers.id`` only grows), so FTS5
   tokenizes a whole chunk into one segment;
4. the chunks' word counts are added to ``search_terms``, the trigger recreated, and the caller commits.

FTS5 does not merge index segments during a bulk transaction (``automerge`` and ``crisismerge`` are set
aside inside it and restored before its commit): each posting is then written once when indexed and once
when the load ends with one merge of every segment (``optimize``), instead of once per merge level.
Nothing of this outlives a transaction: a crash rolls back the transaction, settings included, and
unmerged segments are a valid index. For the load only, the connection runs with ``synchronous=OFF`` and
a large page cache, restored afterwards: commits do not wait for the disk. A crash of the program loses
nothing committed, but an operating-system crash or power cut during the load can leave the database file
corrupt (SQLite's documented risk of ``synchronous=OFF``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from sqlalchemy import Connection, Dialect

from paperpass.store import search_ranking as ranking
from paperpass.store.tables import papers

TOKENIZE = "porter unicode61 remove_diacritics 2"
"""The full-text tokenizer (migration 0006's)."""
BULK_CACHE_KIB = 512 * 1024
FTS_HASH_BYTES = 128 * 1024 * 1024
"""FTS5's pending-index memory (``hashsize``): a chunk's postings are flushed as one segment."""
BULK_CRISISMERGE = 1_000
"""Segments (chunks) per level before FTS5 merges them during a bulk load (its limit is 2,000)."""
FTS_MERGE_DEFAULTS = {"automerge": 4, "crisismerge": 16}
"""FTS5's own defaults, restored after each bulk transaction unless the library set others."""
TRIGGER = "papers_fts_ai"
_COLUMNS = [c for c in papers.columns if c.name != "id"]
_NAMES = [c.name for c in _COLUMNS]
_INSERT = f"INSERT OR IGNORE INTO papers ({', '.join(_NAMES)}) VALUES ({', '.join('?' for _ in _NAMES)})"
_INDEX_NEW = (
    "INSERT INTO papers_fts(rowid, title, authors, abstract, facets) "
    "SELECT id, title, authors, abstract, facets FROM papers_fts_source WHERE id > ?"
)


# --- what the index knows about words --------------------------------------------------------------------


def library_size(conn: Connection) -> int:
    """The largest paper id: the number of papers ever stored, about (a cheap size for thresholds)."""
    return int(conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM papers").scalar_one())


def term_counts(conn: Connection, words: Iterable[str]) -> dict[str, int]:
    """Papers per word, as far as the words table knows (folded words as keys)."""
    wanted = sorted({ranking.fold(w) for w in words})
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    rows = conn.exec_driver_sql(
        f"SELECT term, papers FROM search_terms WHERE term IN ({marks})", tuple(wanted)
    )
    return {str(t): int(n) for t, n in rows}


def frequent_words(conn: Connection, start: str, limit: int) -> dict[str, int]:
    """The words table's words starting with ``start``, most frequent first, with their papers counts."""
    found = conn.exec_driver_sql(
        "SELECT term, papers FROM search_terms WHERE term >= ? AND term < ? "
        "ORDER BY papers DESC, term LIMIT ?",
        (start, start + "\U0010ffff", limit),
    ).all()
    return {str(t): int(n) for t, n in found}


def indexed_words(conn: Connection, start: str, limit: int) -> list[str]:
    """Words of the papers' index itself starting with ``start`` (a scan of its vocabulary)."""
    rows = conn.exec_driver_sql(
        "SELECT term FROM papers_fts_vocab WHERE term >= ? AND term < ? LIMIT ?",
        (start, start + "\U0010ffff", limit),
    ).scalars()
    return [str(t) for t in rows]


_PAPERS_CACHE: dict[tuple[str, int, str, str], int] = {}


def papers_holding(conn: Connection, columns: str, cap: int) -> Callable[[str], int]:
    """How many papers hold a word (as FTS5 stems it) in ``columns``, counted up to ``cap`` + 1 (and
    remembered per library, library size to the 10,000, and word)."""
    size = library_size(conn) // 10_000
    url = str(conn.engine.url)

    def count(word: str) -> int:
        key = (url, size, columns, word)
        if key not in _PAPERS_CACHE:
            if len(_PAPERS_CACHE) > 10_000:
                _PAPERS_CACHE.clear()
            _PAPERS_CACHE[key] = int(
                conn.exec_driver_sql(
                    "SELECT count(*) FROM (SELECT 1 FROM papers_fts WHERE papers_fts MATCH ? LIMIT ?)",
                    (f'{{{columns}}} : "{word}"', cap + 1),
                ).scalar_one()
            )
        return _PAPERS_CACHE[key]

    return count


_STEMS: dict[tuple[str, str], bool] = {}


def same_stem(conn: Connection, word: str, vocabulary: Sequence[str]) -> set[str]:
    """The words of ``vocabulary`` (folded, sorted) that FTS5 indexes as ``word`` (``heads`` for ``head``).

    Words of one stem share their first letters; the few that share the first three with ``word`` are
    told apart by FTS5 itself, over a scratch table in memory (answers are remembered)."""
    alike = ranking.alike(vocabulary, word)
    unknown = [w for w in alike if (word, w) not in _STEMS]
    if unknown:
        if len(_STEMS) > 200_000:
            _STEMS.clear()
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.paperpass_stems USING fts5(word, content='', "
            f"tokenize='{TOKENIZE}')"
        )
        conn.exec_driver_sql(
            "INSERT INTO temp.paperpass_stems(rowid, word) VALUES (?, ?)", list(enumerate(unknown))
        )
        found = conn.exec_driver_sql(
            "SELECT rowid FROM temp.paperpass_stems WHERE paperpass_stems MATCH ?", (f'"{word}"',)
        ).scalars()
        same = {int(n) for n in found}
        conn.exec_driver_sql("INSERT INTO temp.paperpass_stems(paperpass_stems) VALUES ('delete-all')")
        _STEMS.update({(word, w): n in same for n, w in enumerate(unknown)})
    return {w for w in alike if _STEMS[(word, w)]}


# --- the words table -------------------------------------------------------------------------------------


def add_term_counts(conn: Connection, counts: Mapping[str, int]) -> None:
    """Add papers counts to ``search_terms`` (words longer than the column are left out)."""
    conn.exec_driver_sql(
        "INSERT INTO search_terms (term, papers) VALUES (?, ?) "
        "ON CONFLICT (term) DO UPDATE SET papers = papers + excluded.papers",
        [(w, n) for w, n in counts.items() if len(w) <= 200],
    )


def refresh_terms(conn: Connection, vocab_scan_max: int, batch: int = 20_000) -> None:
    """Recount ``search_terms`` over every paper (``paperpass reindex``), if it is in use or needed."""
    size = library_size(conn)
    in_use = conn.exec_driver_sql("SELECT 1 FROM search_terms LIMIT 1").scalar() is not None
    if not in_use and size <= vocab_scan_max:
        return
    conn.exec_driver_sql("DELETE FROM search_terms")
    last = 0
    while True:
        rows = conn.exec_driver_sql(
            "SELECT id, title, authors, abstract FROM papers WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
        ).all()
        if not rows:
            return
        last = rows[-1][0]
        found = [{"title": r[1], "authors": [r[2]], "abstract": r[3]} for r in rows]
        add_term_counts(conn, ranking.count_words(found))


def rebuild_papers_index(conn: Connection, vocab_scan_max: int) -> None:
    """Rebuild the papers' full-text index from the papers (and the words table, at scale)."""
    conn.exec_driver_sql("INSERT INTO papers_fts(papers_fts) VALUES ('delete-all')")
    conn.exec_driver_sql(
        "INSERT INTO papers_fts(rowid, title, authors, abstract, facets) "
        "SELECT id, title, authors, abstract, facets FROM papers_fts_source"
    )
    refresh_terms(conn, vocab_scan_max)


# --- the bulk load ---------------------------------------------------------------------------------------


class Fts5Load:
    """SQLite's part of a bulk load (see the module notes); driven by :mod:`paperpass.store.search_bulk`."""

    counts_words = True

    @contextmanager
    def session(self, conn: Connection, cache_kib: int | None = BULK_CACHE_KIB) -> Iterator[None]:
        """Settings for a bulk load (no fsync per commit, a page cache of ``cache_kib`` unless None),
        restored afterwards."""
        driver = conn.connection.dbapi_connection  # outside SQLAlchemy's transaction: pragmas need none
        assert driver is not None
        saved = {
            name: driver.execute(f"PRAGMA {name}").fetchone()[0] for name in ("synchronous", "cache_size")
        }
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
    def transaction(self, conn: Connection) -> Iterator[None]:
        """Within the caller's transaction: the per-row trigger dropped and segment merging deferred,
        both back before the commit."""
        with _trigger_bypassed(conn), _merges_deferred(conn):
            yield

    def converter(self, dialect: Dialect) -> Callable[[Sequence[Mapping[str, Any]]], list[tuple[Any, ...]]]:
        """Rows to driver values by SQLAlchemy's own type processors (timestamps memoised)."""
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

    def insert(
        self,
        conn: Connection,
        rows: Sequence[Mapping[str, Any]],
        values: list[tuple[Any, ...]],
        hold: Callable[[], AbstractContextManager[None]],
    ) -> int:
        """Insert one chunk and index its new rows in one statement; ``hold`` is held around the
        ``executemany`` (the helper thread converting the next chunks pauses then)."""
        last = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM papers").scalar_one()
        with hold():
            added = int(conn.exec_driver_sql(_INSERT, values).rowcount or 0)
        if added:
            conn.exec_driver_sql(_INDEX_NEW, (last,))
        return added

    def add_word_counts(self, conn: Connection, counts: Mapping[str, int]) -> None:
        """Add the load's word counts to the words table."""
        add_term_counts(conn, counts)

    def optimize(self, conn: Connection) -> None:
        """Merge the index's segments into one."""
        conn.exec_driver_sql("INSERT INTO papers_fts(papers_fts) VALUES ('optimize')")


def _memoised(processor: Callable[[Any], Any]) -> Callable[[Any], Any]:
    cache: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        if value not in cache:
            cache[value] = processor(value)
        return cache[value]

    return convert


@contextmanager
def _merges_deferred(conn: Connection) -> Iterator[None]:
    """Within the caller's transaction: no FTS5 segment merging while its chunks are indexed.

    FTS5 normally merges segments a little after every flush (``automerge``), and a lot once a level holds
    ``crisismerge`` of them: over a large load each posting is rewritten once per level. Here both are
    off while the transaction's chunks go in, each chunk a segment of its own; the pending postings are
    flushed (a savepoint does it) and the saved settings restored before the commit, so nothing of this is
    ever committed or left behind by a crash. The segments are merged once at the end of the load, or by
    FTS5's own merging of later writes.
    """
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
    sql = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (TRIGGER,)
    ).scalar()
    if sql is not None:
        conn.exec_driver_sql(f"DROP TRIGGER {TRIGGER}")
    yield
    if sql is not None:
        conn.exec_driver_sql(str(sql))
