"""Keeping the search index in step: PDF pages, the guide's own text, and ``paperpass reindex``.

Papers and notes need no call here: the store indexes them by triggers (SQLite) or generated columns
(PostgreSQL) on every write. PDF text and the guide's text are indexed by the functions below.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from paperpass.catalog import Catalog, Entry
from paperpass.store import Connection, Store
from paperpass.store import guide as guide_rows
from paperpass.store import highlights as highlight_rows
from paperpass.store import papers as paper_rows
from paperpass.store import search as search_rows

GUIDE_DIGEST_KEY = "search_guide_sha256"

_CONTROL = {c: " " for c in range(32) if chr(c) not in "\n\t"}


def clean_text(text: str) -> str:
    """Text as it is indexed: control characters (including the snippet marks) become spaces."""
    return unicodedata.normalize("NFC", text).translate(_CONTROL)


def index_pdf_text(store: Store, paper_id: int, pages: Sequence[str]) -> int:
    """Index a paper's PDF text page by page, replacing what was indexed before, so a hit opens its page.

    The reading and sources code calls this after extracting a PDF's text.

    Args:
        store: the library.
        paper_id: the library paper the PDF belongs to.
        pages: the text of each page, first page first.

    Returns:
        How many pages with text were indexed.
    """
    rows = [(str(n), f"Page {n}", clean_text(body)) for n, body in enumerate(pages, 1) if body.strip()]
    with store.transaction() as conn:
        return search_rows.replace_texts(conn, "page", paper_id, rows)


HIGHLIGHTS_TITLE = "Highlights"


def highlights_saved(
    conn: Connection, paper_id: int, user_id: int, passages: Sequence[tuple[int, str]]
) -> None:
    """Index a user's highlights on a paper, in the transaction that changed them: one document per user
    and paper (``p. 4: the passage`` per line), found by that user's searches only.

    Args:
        conn: the connection of the transaction that added or removed a highlight.
        paper_id: the paper.
        user_id: whose highlights they are.
        passages: every remaining highlight as (page, text), in page order.
    """
    body = "\n".join(f"p. {page}: {clean_text(text)}" for page, text in passages)
    search_rows.replace_personal_text(conn, "highlight", paper_id, user_id, HIGHLIGHTS_TITLE, body)


def reindex_highlights(store: Store) -> int:
    """Index every user's highlights again (``paperpass reindex``); returns how many documents."""
    with store.transaction() as conn:
        search_rows.clear_texts(conn, "highlight")
        grouped = highlight_rows.all_highlights(conn)
        for (paper_id, user_id), rows in grouped.items():
            highlights_saved(conn, paper_id, user_id, [(r.page, r.text) for r in rows])
    return len(grouped)


def entry_text(entry: Entry) -> str:
    """Everything the guide says about an entry, as one searchable text."""
    parts = [entry.problem, entry.key_idea, *entry.method, *entry.results, *entry.discussion_points]
    parts += [
        entry.key_insight or "",
        entry.example or "",
        ", ".join(entry.authors),
        entry.organization or "",
    ]
    for work in entry.works:
        parts += [work.title, work.summary, *work.facts]
    return clean_text("\n".join(p for p in parts if p))


_DIGESTS: dict[int, tuple[Catalog, str]] = {}
"""Digests of the catalogs seen (frozen models), by identity: a search would otherwise spend a
millisecond or two hashing the guide to learn that it is indexed already."""


def _guide_digest(catalog: Catalog) -> str:
    cached = _DIGESTS.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    data = [e.model_dump(mode="json") for e in catalog.entries]
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    if len(_DIGESTS) > 8:
        _DIGESTS.clear()
    _DIGESTS[id(catalog)] = (catalog, digest)
    return digest


def index_guide(store: Store, catalog: Catalog, *, force: bool = False) -> bool:
    """Index the guide's own text (one document per entry), unless this catalog is indexed already.

    Returns:
        True when the guide was (re)indexed.
    """
    digest = _guide_digest(catalog)
    with store.connect() as conn:
        if not force and paper_rows.get_meta(conn, GUIDE_DIGEST_KEY) == digest:
            return False
    with store.transaction() as conn:
        paper_ids = guide_rows.entry_paper_ids(conn)
        search_rows.clear_texts(conn, "guide")
        search_rows.add_texts(
            conn,
            "guide",
            (
                (paper_ids.get(e.slug), e.slug, f"{e.short_title}: {e.title}", entry_text(e))
                for e in catalog.entries
            ),
        )
        paper_rows.set_meta(conn, GUIDE_DIGEST_KEY, digest)
    return True


@dataclass
class ReindexReport:
    """What ``paperpass reindex`` rebuilt."""

    counts: dict[str, int] = field(default_factory=dict)
    pdfs: int = 0
    pdf_failures: list[str] = field(default_factory=list)
    vectors: int = 0
    semantic_note: str | None = None


def pdf_page_texts(path: Path) -> list[str]:
    """The text of each page of a PDF (PyMuPDF), for indexing.

    Raises:
        PDFError: the file cannot be opened as a PDF.
    """
    import pymupdf

    from paperpass.errors import PDFError

    try:
        with pymupdf.open(path) as doc:  # type: ignore[no-untyped-call]
            return [page.get_text() for page in doc]
    except (RuntimeError, ValueError) as exc:
        raise PDFError(f"{path}: cannot read the PDF: {exc}") from None


def reindex_pdfs(store: Store, progress: Callable[[str], None] | None = None) -> tuple[int, list[str]]:
    """Index the text of every stored PDF of every library paper (one per paper, the newest).

    Returns:
        How many PDFs were indexed, and the files that could not be read.
    """
    from paperpass.errors import PDFError
    from paperpass.store import sources as source_rows

    with store.connect() as conn:
        paper_ids = [p.id for p in paper_rows.list_papers(conn) if p.id is not None]
        files = {pid: source_rows.files_for(conn, pid) for pid in paper_ids}
    done, failures = 0, []
    for paper_id, stored in files.items():
        pdfs = [f for f in stored if f.kind == "pdf" and Path(f.path).is_file()]
        if not pdfs:
            continue
        try:
            index_pdf_text(store, paper_id, pdf_page_texts(Path(pdfs[-1].path)))
            done += 1
        except PDFError as error:
            failures.append(error.message)
        if progress:
            progress(pdfs[-1].path)
    return done, failures


def reindex(store: Store, catalog: Catalog, progress: Callable[[str], None] | None = None) -> ReindexReport:
    """Rebuild everything the search can index: full-text indexes, notes, the guide, PDF pages.

    Vectors for semantic search are rebuilt separately (:func:`paperpass.search.semantic.embed_library`).
    """
    with store.transaction() as conn:
        search_rows.resync_notes(conn)
        search_rows.rebuild_fulltext(conn)
    index_guide(store, catalog, force=True)
    reindex_highlights(store)
    report = ReindexReport()
    report.pdfs, report.pdf_failures = reindex_pdfs(store, progress)
    with store.connect() as conn:
        report.counts = search_rows.text_counts(conn)
    return report
