"""Search at scale: a synthetic corpus of ML papers, ingested and queried on SQLite (and PostgreSQL).

The corpus is realistic in shape: titles and abstracts drawn from a fixed-seed vocabulary of ML terms
with Zipfian frequencies, authors from a pool of names, years skewed to recent ones, arXiv categories.
Measured: ingest throughput (papers/s, through the same bulk path as ``paperpass import
--arxiv-metadata``), index size, query latency p50/p95 over 1,000 mixed queries (one-word, multi-word,
phrase, prefix, filtered) through ``paperpass.search.search``, and peak memory during ingest.

The papers are discovery records, as ``paperpass import --arxiv-metadata`` writes them, and the queries
search them as ``--discover`` does. Beside them: the duplicate check of a new paper
(:func:`duplicate_checks`), and a library of the guide and a few hundred papers (:func:`library_beside`):
its own search, and the size of every list page of the web app and API.

Targets (SQLite at 1M papers): ingest >= 20,000 papers/s, p95 <= 30 ms, peak memory < 1 GB, duplicate
check p95 <= 10 ms per added paper, no list page over 500 KB. Also
printed: the throughput of FTS5 alone on the same papers (:func:`fts5_ceiling`), which one SQLite
writer cannot beat, and the library's ingest as a ratio of it; and ``paperpass import --arxiv-metadata``
itself, from a JSON-lines file of the same papers to a merged index (:func:`import_rate`).

    python bench/search_scale.py                    # 1,000,000 papers; PostgreSQL at 100,000
    python bench/search_scale.py --papers 100000 --pg-papers 0
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))  # support.postgres: the throwaway server the tests use

from paperpass.catalog import load_catalog  # noqa: E402
from paperpass.search import make_filters, search  # noqa: E402
from paperpass.search.bulk import import_arxiv_metadata, ingest_rows  # noqa: E402
from paperpass.store import Store  # noqa: E402
from paperpass.store.search_bulk import merge_index  # noqa: E402
from support.library import library_for  # noqa: E402

TARGET_INGEST, TARGET_P95_MS, TARGET_MEMORY_MB, TARGET_DUPLICATE_MS = 20_000, 30.0, 1024, 10.0
BATCH = 50_000
ROOTS = """
attention transformer embedding token gradient optimizer loss layer network neural model training inference
dataset benchmark language vision image text speech audio video graph node edge policy reward agent
environment retrieval generation decoder encoder latent diffusion adversarial contrastive supervised
unsupervised reinforcement transfer distillation pruning quantization sparse dense mixture expert routing
scaling law compute memory bandwidth kernel convolution recurrent sequence state space alignment preference
feedback instruction tuning prompt chain reasoning planning tool search tree bayesian variational posterior
prior likelihood sampling estimator variance bias regularization dropout normalization residual skip
connection head query key value softmax linear nonlinear activation relu gelu batch epoch curriculum
augmentation robustness calibration uncertainty fairness privacy federated differential secure hallucination
factuality evaluation metric accuracy precision recall perplexity bleu rouge segmentation detection
classification regression clustering ranking recommendation translation summarization question answering
dialogue multimodal cross lingual zero few shot meta continual lifelong catastrophic forgetting adapter lora
prefix low rank factorization tensor parallel pipeline distributed throughput latency hardware accelerator
gpu tpu flash efficient long context window positional rotary relative absolute causal masked
autoregressive bidirectional pretraining finetuning
""".split()  # noqa: SIM905
SUFFIXES = ("", "s", "ing", "ed", "ation", "ity", "ness", "ive", "al", "er", "ize", "ism")
FIRST = """Ada Alan Anna Bo Chen Dana Eli Fei Grace Hao Ian Jun Kai Lena Ming Nora Omar Priya Quan Rosa Sam
Tara Uma Wei Xin Yara Zoe""".split()  # noqa: SIM905
LAST = """Smith Wang Li Zhang Kumar Garcia Muller Rossi Kim Sato Nguyen Silva Cohen Novak Ali Brown Chen Lopez
Singh Ivanova""".split()  # noqa: SIM905
CATEGORIES = ("cs.LG", "cs.CL", "cs.CV", "cs.AI", "stat.ML", "cs.IR", "cs.RO", "eess.AS", "cs.NE", "math.OC")


@dataclass
class Corpus:
    """The fixed-seed vocabulary with its Zipfian cumulative weights."""

    words: list[str]
    cum_weights: list[float]

    @classmethod
    def build(cls, seed: int, size: int = 20_000, exponent: float = 1.07) -> Corpus:
        rng = random.Random(seed)
        words = list(dict.fromkeys(r + s for r in ROOTS for s in SUFFIXES))
        while len(words) < size:  # rarer compound terms: "sparseformer", "gradnet" ...
            a, b = rng.choice(ROOTS), rng.choice(ROOTS)
            words.append(a[: rng.randint(3, 6)] + b[rng.randint(0, 2) :])
            if len(words) % 1000 == 0:
                words = list(dict.fromkeys(words))
        words = words[:size]
        rng.shuffle(words)
        total, cum = 0.0, []
        for rank in range(1, size + 1):
            total += 1.0 / rank**exponent
            cum.append(total)
        return cls(words, cum)

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum_weights, k=k)


def papers(corpus: Corpus, count: int, seed: int, start: int = 0) -> Iterator[dict[str, Any]]:
    """``count`` synthetic papers rows, deterministic for a seed."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    for n in range(start, start + count):
        title = " ".join(corpus.draw(rng, rng.randint(5, 12))).capitalize()
        abstract = " ".join(corpus.draw(rng, rng.randint(80, 180))).capitalize() + "."
        year = min(2025, 1995 + int(30 * rng.random() ** 0.5))
        arxiv_id = f"{year % 100:02d}{rng.randint(1, 12):02d}.{n:07d}"
        yield {
            "slug": f"p{n}", "title": title, "abstract": abstract, "year": year, "venue": None,
            "authors": [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 8))],
            "arxiv_id": arxiv_id, "arxiv_version": 1, "doi": None, "s2_id": None,
            "links": {"abs": f"https://arxiv.org/abs/{arxiv_id}"},
            "tags": rng.sample(CATEGORIES, rng.randint(1, 3)), "guide": False,
            "created_at": now, "updated_at": now,
        }  # fmt: skip


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest(store: Store, corpus: Corpus, count: int, seed: int) -> dict[str, float]:
    """Load ``count`` papers through the import's bulk path, ``BATCH`` at a time (one transaction each).

    The rows of a batch are generated before the clock starts, so only the library's time counts
    towards throughput: converting, inserting, full-text indexing and committing, and at the end the
    merge of the full-text index into one segment (``optimize``), without which it is not query-ready.
    """
    spent, cpu, started, rows, done = 0.0, 0.0, time.perf_counter(), papers(corpus, count, seed), 0
    while batch := list(itertools.islice(rows, BATCH)):
        t0, c0 = time.perf_counter(), time.process_time()
        ingest_rows(store, batch, batch=BATCH)
        spent += time.perf_counter() - t0
        cpu += time.process_time() - c0
        done += len(batch)
        if done % 100_000 == 0:
            print(f"  {done:>9,} papers  {done / spent:,.0f}/s  peak {peak_rss_mb():,.0f} MB", flush=True)
    t0, c0 = time.perf_counter(), time.process_time()
    merge_index(store)
    optimize = time.perf_counter() - t0
    spent += optimize
    cpu += time.process_time() - c0
    return {"seconds": spent, "wall": time.perf_counter() - started, "rate": count / spent,
            "cpu_rate": count / max(cpu, 1e-9), "optimize": optimize}  # fmt: skip


def fts5_ceiling(corpus: Corpus, count: int, seed: int, workdir: Path) -> float:
    """Papers/s of FTS5 alone on the same papers: what one SQLite writer cannot beat.

    A contentless FTS5 table with the library's tokenizer and columns, nothing else (no ``papers`` rows,
    no unique keys, no words table), written as the import writes: 10,000 papers a statement, 50,000 a
    transaction, 16 KiB pages, WAL, ``synchronous=OFF``, no merging until one final ``optimize``, which
    counts (as in the ingest figure).
    """
    import sqlite3

    from paperpass.store.db import SQLITE_PAGE_SIZE
    from paperpass.store.search_fts5 import TOKENIZE

    path = workdir / "fts5-floor.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(f"PRAGMA page_size = {SQLITE_PAGE_SIZE}")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -524288")
    db.execute(f"CREATE VIRTUAL TABLE f USING fts5(title, authors, abstract, facets, content='', "
               f"tokenize='{TOKENIZE}')")  # fmt: skip
    for name, value in (("hashsize", 128 * 1024 * 1024), ("automerge", 0), ("crisismerge", 1000)):
        db.execute("INSERT INTO f(f, rank) VALUES (?, ?)", (name, value))
    rows, n, spent = papers(corpus, count, seed), 0, 0.0
    while batch := list(itertools.islice(rows, BATCH)):
        values = []
        for r in batch:
            n += 1
            facets = f"y{r['year']} {' '.join(r['tags'])}"
            values.append((n, r["title"], json.dumps(r["authors"]), r["abstract"], facets))
        t0 = time.perf_counter()
        db.execute("BEGIN")
        for start in range(0, len(values), 10_000):
            db.executemany("INSERT INTO f(rowid, title, authors, abstract, facets) VALUES (?, ?, ?, ?, ?)",
                           values[start : start + 10_000])  # fmt: skip
        db.execute("COMMIT")
        spent += time.perf_counter() - t0
    t0 = time.perf_counter()
    db.execute("INSERT INTO f(f) VALUES ('optimize')")
    spent += time.perf_counter() - t0
    db.close()
    for file in workdir.glob("fts5-floor.db*"):
        file.unlink()
    return count / spent


def import_rate(corpus: Corpus, count: int, seed: int, workdir: Path) -> float:
    """Papers/s of the whole arXiv import into a new SQLite library: reading and parsing the JSON lines
    (written beforehand, in the snapshot's format), the bulk load, and the final merge."""
    dump = workdir / "arxiv-metadata.jsonl"
    with dump.open("w") as out:
        for r in papers(corpus, count, seed):
            names = [name.rsplit(" ", 1) for name in r["authors"]]
            created = f"Mon, 1 Jan {r['year']} 00:00:00 GMT"
            record = {"id": r["arxiv_id"], "title": r["title"], "abstract": r["abstract"],
                      "authors": ", ".join(r["authors"]), "categories": " ".join(r["tags"]),
                      "authors_parsed": [[last, first, ""] for first, last in names],
                      "doi": None, "journal-ref": None,
                      "versions": [{"version": "v1", "created": created}]}  # fmt: skip
            out.write(json.dumps(record) + "\n")
    store = Store.open(f"sqlite:///{workdir / 'import.db'}")
    t0 = time.perf_counter()
    import_arxiv_metadata(store, dump)
    spent = time.perf_counter() - t0
    store.close()
    for file in [dump, *workdir.glob("import.db*")]:
        file.unlink()
    return count / spent


def queries(corpus: Corpus, seed: int, n: int) -> list[tuple[str, str, dict[str, Any]]]:
    """A mix: 25% one word, 25% two or three words, 15% phrase, 15% prefix, 20% filtered."""
    rng = random.Random(seed + 1)
    mixed: list[tuple[str, str, dict[str, Any]]] = []
    for _ in range(n):
        roll = rng.random()
        words = corpus.draw(rng, 3)
        if roll < 0.25:
            mixed.append(("one-word", words[0], {}))
        elif roll < 0.50:
            mixed.append(("multi-word", " ".join(words[: rng.randint(2, 3)]), {}))
        elif roll < 0.65:
            mixed.append(("phrase", f'"{words[0]} {words[1]}"', {}))
        elif roll < 0.80:
            mixed.append(("prefix", words[0][: rng.randint(3, 5)] + "*", {}))
        else:
            first = rng.randint(2005, 2022)
            filters = {"year_from": first, "year_to": first + rng.randint(0, 3)}
            if rng.random() < 0.5:
                filters["categories"] = [rng.choice(CATEGORIES)]
            mixed.append(("filtered", words[0], filters))
    return mixed


def run_queries(store: Store, mixed: list[tuple[str, str, dict[str, Any]]]) -> dict[str, Any]:
    """The mixed queries over the discovery index (where the bulk path writes), as ``--discover`` does."""
    library = library_for(store, catalog=load_catalog())
    search(library, "warm up", filters=make_filters(discovery=True))
    times: dict[str, list[float]] = {}
    cpu: list[float] = []
    empty = 0
    for kind, text, filters in mixed:
        t0, c0 = time.perf_counter(), time.process_time()
        results = search(library, text, filters=make_filters(**filters, discovery=True), limit=20)
        times.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        empty += not results.hits
    every = sorted(t for ts in times.values() for t in ts)
    cpu.sort()
    return {"p50": pct(every, 50), "p95": pct(every, 95), "max": every[-1], "empty": empty,
            "cpu_p50": pct(cpu, 50), "cpu_p95": pct(cpu, 95),
            "by_kind": {k: (pct(sorted(v), 50), pct(sorted(v), 95)) for k, v in times.items()}}  # fmt: skip


def duplicate_checks(store: Store, corpus: Corpus, count: int, seed: int, n: int = 400) -> dict[str, float]:
    """Milliseconds per added paper of the duplicate check (:func:`paperpass.papers.add.find_duplicate`)
    beside ``count`` discovery records and a library (:func:`build_library`): ``n`` new papers, a quarter
    with the year unknown, half of them re-spellings of stored records (case, punctuation), which it must
    find. Timed alone (the title-key look-up) and as ``paperpass add`` makes it (``added_*``)."""
    from paperpass.models import Paper
    from paperpass.papers.add import find_duplicate
    from paperpass.store.papers import papers_by_ids

    rng = random.Random(seed + 2)
    with store.connect() as conn:
        stored = list(papers_by_ids(conn, rng.sample(range(1, count + 1), min(count, n // 2))).values())
    fresh = list(papers(corpus, n - len(stored), seed + 99, start=count))
    wanted = [
        (p.with_changes(id=None, slug="", arxiv_id=None, title=_respelt(p.title)), True) for p in stored
    ]
    wanted += [
        (Paper(slug="", title=r["title"], authors=list(r["authors"]), year=r["year"]), False) for r in fresh
    ]
    wanted = [(p.with_changes(year=None) if i % 4 == 0 else p, dup) for i, (p, dup) in enumerate(wanted)]
    plain = _timed(wanted, lambda paper: _in(store, lambda conn: find_duplicate(conn, paper)))
    as_added = _timed(wanted, lambda paper: _as_added(store, paper))
    return {**plain, **{f"added_{k}": v for k, v in as_added.items()}}


def _in(store: Store, work: Any) -> Any:
    with store.connect() as conn:
        return work(conn)


def _as_added(store: Store, paper: Any) -> Any:
    """The duplicate check as one ``paperpass add`` makes it: a title index of the library's papers (their
    years loaded on first use) that asks the discovery index by title key."""
    from paperpass.papers import add as adding
    from paperpass.papers import matching

    matching._signature.cache_clear()  # a new process each time: nothing cached from the last add
    titles = adding.title_index(store)
    return _in(store, lambda conn: adding.find_duplicate(conn, paper, titles))


def _timed(wanted: list[tuple[Any, bool]], check: Any) -> dict[str, float]:
    times, unknown, cpu, found = [], [], [], 0
    for paper, duplicate in wanted:
        t0, c0 = time.perf_counter(), time.process_time()
        match = check(paper)
        cpu.append((time.process_time() - c0) * 1000)
        spent = (time.perf_counter() - t0) * 1000
        (unknown if paper.year is None else times).append(spent)
        found += (match is not None) == duplicate
    every = sorted(times + unknown)
    cpu.sort()
    return {"mean": sum(every) / len(every), "p95": pct(every, 95), "max": every[-1],
            "unknown_p95": pct(sorted(unknown), 95), "right": found / len(wanted),
            "cpu_mean": sum(cpu) / len(cpu), "cpu_p95": pct(cpu, 95)}  # fmt: skip


def _respelt(title: str) -> str:
    """The same title as another source may spell it: upper case, a hyphen, a full stop."""
    return title.upper().replace(" ", "-", 1) + "."


def pct(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def sqlite_size_mb(path: Path, store: Store) -> tuple[float, float]:
    """The database file (with its WAL) and the part the full-text index takes, in MB."""
    total = sum(f.stat().st_size for f in path.parent.glob(path.name + "*")) / 1e6
    try:
        with store.connect() as conn:
            fts = conn.exec_driver_sql(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'papers_fts%'"
            ).scalar_one()
        return total, (fts or 0) / 1e6
    except Exception:  # noqa: BLE001 - dbstat is an optional SQLite build feature
        return total, float("nan")


def report(
    name: str, count: int, load: dict[str, float], size: str, q: dict[str, Any], memory: float
) -> None:
    print(f"\n{name}: {count:,} papers")
    print(f"  ingest      {load['rate']:>10,.0f} papers/s  ({load['seconds']:.1f} s in the store, of which "
          f"{load['optimize']:.1f} s the final merge/ANALYZE; "
          f"{load['wall']:.1f} s with generation; {load['cpu_rate']:,.0f} papers per CPU-second "
          f"of this process, which discounts other processes' load)")  # fmt: skip
    print(f"  index size  {size}")
    print(f"  queries     p50 {q['p50']:.1f} ms   p95 {q['p95']:.1f} ms   max {q['max']:.1f} ms   "
          f"({q['empty']} of 1,000 found nothing)")  # fmt: skip
    print(f"              CPU time per query p50 {q['cpu_p50']:.1f} ms   p95 {q['cpu_p95']:.1f} ms "
          "(this process's, which discounts other processes' load)")  # fmt: skip
    for kind, (p50, p95) in sorted(q["by_kind"].items()):
        print(f"    {kind:<11} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
    print(f"  peak memory {memory:,.0f} MB (process, during ingest)")


def bench_sqlite(count: int, corpus: Corpus, mixed: list[Any], seed: int, workdir: Path) -> dict[str, Any]:
    path = workdir / f"bench-{count}.db"
    store = Store.open(f"sqlite:///{path}")
    load = ingest(store, corpus, count, seed)
    memory = peak_rss_mb()
    total, fts = sqlite_size_mb(path, store)
    q = run_queries(store, mixed)
    size = f"{total:,.0f} MB database, of which {fts:,.0f} MB full-text index"
    report("SQLite (FTS5)", count, load, size, q, memory)
    build_library(store, corpus, seed)
    dup = duplicate_checks(store, corpus, count, seed)
    report_duplicates(dup)
    library = library_beside(store, corpus, seed, mixed)
    report_library(library)
    store.close()
    return {"load": load, "q": q, "memory": memory, "dup": dup, "library": library}


LIBRARY_PAPERS = 300
"""Library papers (besides the guide's) put beside the discovery index for :func:`library_beside`."""
MAX_PAGE_KB = 500


def build_library(store: Store, corpus: Corpus, seed: int) -> None:
    """A library beside the discovery index: the guide and :data:`LIBRARY_PAPERS` papers."""
    from paperpass.library import seed_guide
    from paperpass.models import Paper
    from paperpass.store.papers import insert_paper

    seed_guide(store, load_catalog())
    rng = random.Random(seed + 3)
    with store.transaction() as conn:
        for n in range(LIBRARY_PAPERS):
            words = corpus.draw(rng, 12)
            insert_paper(conn, Paper(slug=f"mine-{n}", title=" ".join(words[:8]).capitalize(),
                                     abstract=" ".join(corpus.draw(rng, 120)), authors=["Ada Lovelace"],
                                     year=2015 + n % 10, tags=["cs.LG"]))  # fmt: skip


def library_beside(store: Store, corpus: Corpus, seed: int, mixed: list[Any]) -> dict[str, Any]:
    """The library (:func:`build_library`) beside the discovery index, measured: its own search (the mixed
    queries without ``--discover``) and the size of every list page of the web app and the API (the
    library's, search results at their largest page, timeline, graph)."""
    library = library_for(store, catalog=load_catalog())
    times, cpu = [], []
    for _kind, text, filters in mixed[:300]:
        t0, c0 = time.perf_counter(), time.process_time()
        search(library, text, filters=make_filters(**filters), limit=20)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    times.sort()
    cpu.sort()
    return {"p50": pct(times, 50), "p95": pct(times, 95), "cpu_p95": pct(cpu, 95),
            "pages": page_sizes(store, corpus, seed)}  # fmt: skip


def page_sizes(store: Store, corpus: Corpus, seed: int) -> dict[str, float]:
    """KB of each list page of the web app and the API at its largest page size."""
    import os

    from fastapi.testclient import TestClient

    from paperpass.config import load_settings
    from paperpass.web.app import create_app

    common = corpus.words[0]  # the most frequent word: the most results
    os.environ["PAPERPASS_HOME"] = tempfile.mkdtemp(prefix="paperpass-bench-home-")
    pages = ["/papers?per_page=200", "/api/papers?per_page=100", "/timeline", "/graph",
             f"/search?q={common}&discover=true&limit=100", f"/api/search?q={common}&discover=true&limit=200",
             "/search?discover=true&limit=100", "/api/search?discover=true&limit=200"]  # fmt: skip
    sizes = {}
    # a loopback host, as a browser on this machine sends it (the server answers no other by default)
    with TestClient(create_app(load_settings(), store), base_url="http://127.0.0.1") as client:
        for path in pages:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            sizes[path] = len(response.content) / 1000
    return sizes


def report_library(d: dict[str, Any]) -> None:
    print(f"  the library beside it (the guide and {LIBRARY_PAPERS} papers), searched alone: "
          f"p50 {d['p50']:.1f} ms   p95 {d['p95']:.1f} ms (CPU p95 {d['cpu_p95']:.1f} ms; 300 of the mixed "
          "queries)")  # fmt: skip
    print(f"  list pages at their largest (limit {MAX_PAGE_KB} KB):")
    for path, kb in d["pages"].items():
        print(f"    {path:<48} {kb:8.1f} KB")


def report_duplicates(d: dict[str, float]) -> None:
    _report_duplicates(d, "duplicate check per added paper")
    added = {k.removeprefix("added_"): v for k, v in d.items() if k.startswith("added_")}
    _report_duplicates(added, "as paperpass add makes it (library title index + discovery key)")


def _report_duplicates(d: dict[str, float], what: str) -> None:
    print(f"  {what}: mean {d['mean']:.2f} ms   p95 {d['p95']:.2f} ms   "
          f"max {d['max']:.2f} ms   (year unknown: p95 {d['unknown_p95']:.2f} ms; "
          f"{d['right']:.0%} answered right)")  # fmt: skip
    print(f"              CPU time per added paper: mean {d['cpu_mean']:.2f} ms   p95 {d['cpu_p95']:.2f} ms "
          "(this process's, which discounts other processes' load)")  # fmt: skip


def bench_postgres(count: int, corpus: Corpus, mixed: list[Any], seed: int) -> dict[str, Any] | None:
    from support.postgres import PostgresServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        print("\nPostgreSQL: not installed, skipped")
        return None
    server = PostgresServer(bindir)
    try:
        server.start()
        store = Store.open(server.new_database())
        load = ingest(store, corpus, count, seed)
        memory = peak_rss_mb()
        with store.transaction() as conn:
            size_mb = conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one() / 1e6
            gin_mb = (
                conn.exec_driver_sql("SELECT pg_relation_size('ix_papers_search_vector')").scalar_one() / 1e6
            )
        q = run_queries(store, mixed)
        size = f"{size_mb:,.0f} MB database, GIN {gin_mb:,.0f} MB"
        report("PostgreSQL (tsvector + GIN)", count, load, size, q, memory)
        report_duplicates(duplicate_checks(store, corpus, count, seed))
        store.close()
        return {"load": load, "q": q}
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=1_000_000, help="SQLite corpus size (default 1M)")
    parser.add_argument("--pg-papers", type=int, default=100_000, help="PostgreSQL corpus size (0: skip)")
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--floor-papers", type=int, default=None,
                        help="Papers for the FTS5-alone ceiling (default: --papers; 0: skip)")  # fmt: skip
    parser.add_argument("--import-papers", type=int, default=100_000,
                        help="Papers for the arXiv JSON-lines import figure (0: skip)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=None, help="Where the database goes (default: temp)")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="paperpass-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    corpus = Corpus.build(args.seed)
    mixed = queries(corpus, args.seed, args.queries)
    print(f"search_scale: {args.papers:,} papers, {len(corpus.words):,}-word Zipfian vocabulary, "
          f"{len(mixed):,} mixed queries, seed {args.seed}")  # fmt: skip
    try:
        lite = bench_sqlite(args.papers, corpus, mixed, args.seed, workdir)
        compare = None
        if args.pg_papers:
            pg = bench_postgres(args.pg_papers, corpus, mixed, args.seed)
            if pg is not None and args.pg_papers != args.papers:
                compare = bench_sqlite(args.pg_papers, corpus, mixed, args.seed, workdir)
            if pg is not None:
                same = compare or lite
                a, b = same, pg
                print(f"\nSQLite vs PostgreSQL at {args.pg_papers:,} papers: "
                      f"ingest {a['load']['rate']:,.0f} vs {b['load']['rate']:,.0f} papers/s; "
                      f"p50 {a['q']['p50']:.1f} vs {b['q']['p50']:.1f} ms; "
                      f"p95 {a['q']['p95']:.1f} vs {b['q']['p95']:.1f} ms")  # fmt: skip
        floor_papers = args.papers if args.floor_papers is None else args.floor_papers
        if floor_papers:
            floor = fts5_ceiling(corpus, floor_papers, args.seed, workdir)
            print(f"\nFTS5 alone (one writer's ceiling; no rows, keys or words table) at {floor_papers:,} "
                  f"papers: {floor:,.0f} papers/s; "
                  f"the library's ingest is {lite['load']['rate'] / floor:.2f}x that")  # fmt: skip
        if args.import_papers:
            rate = import_rate(corpus, args.import_papers, args.seed, workdir)
            print(f"\narXiv JSON-lines import (paperpass import --arxiv-metadata: parse, load, merge) at "
                  f"{args.import_papers:,} papers: {rate:,.0f} papers/s")  # fmt: skip
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    ok = (lite["load"]["rate"] >= TARGET_INGEST and lite["q"]["p95"] <= TARGET_P95_MS
          and lite["memory"] < TARGET_MEMORY_MB and lite["dup"]["p95"] <= TARGET_DUPLICATE_MS
          and max(lite["library"]["pages"].values()) <= MAX_PAGE_KB)  # fmt: skip
    print(f"\ntargets (>= {TARGET_INGEST:,}/s, p95 <= {TARGET_P95_MS:.0f} ms, < {TARGET_MEMORY_MB} MB, "
          f"duplicate check p95 <= {TARGET_DUPLICATE_MS:.0f} ms, pages <= {MAX_PAGE_KB} KB): "
          + ("met" if ok else "NOT met"))  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
