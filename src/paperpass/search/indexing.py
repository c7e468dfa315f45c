"""What the search index holds, and when each part changes: the one place that says so.

============================  ===================================================  ==========================
Text                          Indexed                                              By
============================  ===================================================  ==========================
a paper's metadata (title,    in the transaction that writes the paper (add,       the store itself: SQLite
authors, abstract, year,      merge, promotion from the discovery index, guide     triggers on ``papers``
tags, library or discovery)   seeding, bulk import, removal)                       into FTS5, PostgreSQL's
                                                                                   generated ``tsvector``
a note                        in the transaction that saves it                     :func:`note_saved`
a user's highlights on a      in the transaction that adds or removes one          :func:`highlights_saved`
paper
a PDF's pages                 as soon as the PDF is attached (``paperpass add``)   :func:`pdf_attached`
the guide's own text          when the guide changed (a new version): the search   :func:`guide_loaded`
                              compares its digest before each search
meaning (embeddings)          at the next meaning search, for the library papers   :func:`embeddings_current`
                              added or given a PDF since (the model is loaded
                              for the query then anyway)
everything again              ``paperpass reindex`` (repairs; PDFs stored before)  :func:`reindex`
============================  ===================================================  ==========================

Paper metadata is the one part the store keeps in step by itself: every write of a paper passes through
the ``papers`` table, and the bulk import of a million records needs the index written with the rows
(:mod:`paperpass.store.search_bulk`). Everything in ``search_texts`` (notes, highlights, PDF pages, the
guide) is written by this module only.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from paperpass import embeddings
from paperpass.catalog import Catalog, Entry
from paperpass.errors import PDFError
from paperpass.pdf.binding import mupdf
from paperpass.search import semantic
from paperpass.store import Connection, Store
from paperpass.store import guide as guide_rows
from paperpass.store import highlights as highlight_rows
from paperpass.store import papers as paper_rows
from paperpass.store import search as search_rows
from paperpass.store import sources as source_rows

GUIDE_DIGEST_KEY = "search_guide_sha256"

_CONTROL = {c: " " for c in range(32) if chr(c) not in "\n\t"}


def clean_text(text: str) -> str:
    """Text as it is indexed: control characters (including the snippet marks) become spaces."""
    return unicodedata.normalize("NFC", text).translate(_CONTROL)


# --- notes -----------------------------------------------------------------------------------------------


def note_saved(conn: Connection, paper_id: int, user_id: int, body: str) -> None:
    """Index the note ``user_id`` just saved for a paper, in the transaction that saved it.

    Each user's note is one document; the search shows a note to its author only.
    """
    search_rows.replace_note(conn, paper_id, user_id, clean_text(body))


# --- highlights ------------------------------------------------------------------------------------------

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


# --- PDFs ------------------------------------------------------------------------------------------------


def index_pdf_text(store: Store, paper_id: int, pages: Sequence[str]) -> int:
    """Index a paper's PDF text page by page, replacing what was indexed before, so a hit opens its page.

    The paper's embeddings are dropped with the old text: the next meaning search embeds the new pages.

    Args:
        store: the library.
        paper_id: the library paper the PDF belongs to.
        pages: the text of each page, first page first.

    Returns:
        How many pages with text were indexed.
    """
    rows = [(str(n), f"Page {n}", clean_text(body)) for n, body in enumerate(pages, 1) if body.strip()]
    with store.transaction() as conn:
        search_rows.forget_vectors(conn, paper_id)
        return search_rows.replace_texts(conn, "page", paper_id, rows)


def pdf_page_texts(path: Path) -> list[str]:
    """The text of each page of a PDF (PyMuPDF, its messages kept off the terminal), for indexing.

    Raises:
        PDFError: the file cannot be read as a PDF.
    """
    pymupdf = mupdf()
    tools = pymupdf.TOOLS
    shown = tools.mupdf_display_errors(), tools.mupdf_display_warnings()
    tools.mupdf_display_errors(False)
    tools.mupdf_display_warnings(False)
    try:
        with pymupdf.open(path) as doc:
            return [page.get_text() for page in doc]
    except Exception as exc:  # MuPDF raises several types for broken files
        first = (str(exc).splitlines() or [type(exc).__name__])[0][:120]
        raise PDFError(f"{path}: cannot read the PDF: {first}") from None
    finally:
        tools.mupdf_display_errors(shown[0])
        tools.mupdf_display_warnings(shown[1])


def pdf_attached(store: Store, paper_id: int, path: Path) -> str | None:
    """Index the PDF just attached to a paper, so that its text is searchable at once.

    Returns:
        None, or why the PDF's text could not be indexed (the paper keeps its file all the same).
    """
    try:
        index_pdf_text(store, paper_id, pdf_page_texts(path))
    except PDFError as error:
        return error.message
    return None


def reindex_pdfs(store: Store, progress: Callable[[str], None] | None = None) -> tuple[int, list[str]]:
    """Index the text of every stored PDF of every library paper (one per paper, the newest).

    Returns:
        How many PDFs were indexed, and the files that could not be read.
    """
    with store.connect() as conn:
        paper_ids = [p.id for p in paper_rows.list_papers(conn) if p.id is not None]
        files = {pid: source_rows.files_for(conn, pid) for pid in paper_ids}
    done, failures = 0, []
    for paper_id, stored in files.items():
        pdfs = [f for f in stored if f.kind == "pdf" and Path(f.path).is_file()]
        if not pdfs:
            continue
        problem = pdf_attached(store, paper_id, Path(pdfs[0].path))
        if problem is None:
            done += 1
        else:
            failures.append(problem)
        if progress:
            progress(pdfs[0].path)
    return done, failures


# --- the guide -------------------------------------------------------------------------------------------


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


def guide_loaded(store: Store, catalog: Catalog, *, force: bool = False) -> bool:
    """Index the guide's own text (one document per entry), unless this catalog is indexed already.

    The search calls this before each search (a digest comparison: indexing happens the first time after
    the bundled guide changed); ``paperpass reindex`` forces it.

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


# --- meaning ---------------------------------------------------------------------------------------------


def embeddings_current(store: Store) -> int:
    """Embed the library papers that have no vectors yet, when meaning search is in use (the model is
    installed and the library was embedded once, by ``paperpass reindex``).

    The search by meaning calls this before ranking: papers added, and PDFs attached (which drop the
    paper's vectors), since the last search are embedded then, with the model the query needs anyway.

    Returns:
        How many vectors were stored.
    """
    if not embeddings.available() or not semantic.has_vectors(store):
        return 0
    return semantic.embed_library(store, only_missing=True)


# --- everything ------------------------------------------------------------------------------------------


@dataclass
class ReindexReport:
    """What ``paperpass reindex`` rebuilt."""

    counts: dict[str, int] = field(default_factory=dict)
    pdfs: int = 0
    pdf_failures: list[str] = field(default_factory=list)
    vectors: int = 0
    semantic_note: str | None = None


def reindex(store: Store, catalog: Catalog, progress: Callable[[str], None] | None = None) -> ReindexReport:
    """Rebuild everything the search can index: full-text indexes, notes, the guide, PDF pages.

    Vectors for semantic search are rebuilt separately (:func:`paperpass.search.semantic.embed_library`).
    """
    with store.transaction() as conn:
        search_rows.resync_notes(conn)
        search_rows.backend_for(conn).rebuild(conn)
    guide_loaded(store, catalog, force=True)
    reindex_highlights(store)
    report = ReindexReport()
    report.pdfs, report.pdf_failures = reindex_pdfs(store, progress)
    with store.connect() as conn:
        report.counts = search_rows.text_counts(conn)
    return report
