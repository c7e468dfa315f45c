"""A library paper's PDF and its pass-1 survey sheet, extracted once per PDF and cached in the library.

A paper's PDF is the newest one the sources recorded for it (``paper_files``); failing that, a file
dropped in by hand: ``<home>/pdfs/<arxiv id>.pdf``, then ``<home>/pdfs/<slug>.pdf``. Sheets are cached by
the PDF's sha256 and the extractor version: re-surveying a PDF is instant, and a new extractor version
recomputes. Notes (the template of a new note) and reading (the pass plans, the reading view) both use
them, so they live here, below both.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paperpass.config import Settings
from paperpass.errors import PDFError
from paperpass.library import Library
from paperpass.models import Paper
from paperpass.pdf import EXTRACTOR_VERSION, Caption, Conclusion, Section, Survey, survey
from paperpass.store import Store
from paperpass.store import sources as source_rows
from paperpass.store import surveys as survey_rows


def file_sha256(path: Path) -> str:
    """The sha256 of a file, read in chunks.

    Raises:
        PDFError: the file cannot be read.
    """
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        raise PDFError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return digest.hexdigest()


def survey_from_json(data: dict[str, Any]) -> Survey:
    """Rebuild a :class:`Survey` from its :meth:`Survey.to_json` form."""
    conclusion = data.get("conclusion")
    return Survey(
        title=data["title"],
        authors=list(data["authors"]),
        abstract=data["abstract"],
        intro_last_paragraph=data["intro_last_paragraph"],
        sections=[Section(**s) for s in data["sections"]],
        conclusion=Conclusion(**conclusion) if conclusion else None,
        figures=[Caption(**c) for c in data["figures"]],
        tables=[Caption(**c) for c in data["tables"]],
        pages=data["pages"],
        warnings=list(data.get("warnings", [])),
        sha256=data.get("sha256", ""),
        extractor_version=data.get("extractor_version", EXTRACTOR_VERSION),
        estimated_pass2_minutes=data.get("estimated_pass2_minutes", 30),
        words=data.get("words", 0),
        arxiv_id=data.get("arxiv_id", ""),
        doi=data.get("doi", ""),
    )


def cached_survey(store: Store | None, path: Path, *, timeout: float = 30.0) -> Survey:
    """The survey sheet of a PDF, from the library's cache when this extractor version made one.

    Args:
        store: the library, or None to skip the cache.
        path: the PDF.
        timeout: seconds allowed for a fresh extraction.

    Raises:
        PDFError: the file is missing, unreadable or not a usable PDF.
    """
    if not path.is_file():
        raise PDFError(f"{path}: no such file")
    if store is None:
        return survey(path, timeout=timeout)
    sha = file_sha256(path)
    with store.connect() as conn:
        data = survey_rows.get_survey(conn, sha, EXTRACTOR_VERSION)
    if data is not None:
        return survey_from_json(data)
    sheet = survey(path, timeout=timeout)
    if not any("time limit" in w for w in sheet.warnings):  # a partial sheet is not cached
        with store.transaction() as conn:
            survey_rows.put_survey(conn, sha, EXTRACTOR_VERSION, sheet.to_json())
    return sheet


@dataclass(frozen=True)
class PaperPDF:
    """A paper's PDF file and its sha256."""

    path: Path
    sha256: str


def paper_pdf(library: Library, paper: Paper) -> PaperPDF | None:
    """The paper's PDF (recorded by the sources, else found in the PDF folder), or None."""
    if paper.id is not None:
        with library.store.connect() as conn:
            files = [f for f in source_rows.files_for(conn, paper.id) if f.kind == "pdf"]
        for recorded in files:
            path = Path(recorded.path)
            path = path if path.is_absolute() else library.settings.home / path
            if path.is_file():
                return PaperPDF(path, recorded.sha256)
    found = pdf_path(library.settings, paper)
    return PaperPDF(found, file_sha256(found)) if found is not None else None


def pdf_path(settings: Settings, paper: Paper) -> Path | None:
    """A PDF dropped in the PDF folder for the paper, or None."""
    names = [paper.arxiv_id.replace("/", "_")] if paper.arxiv_id else []
    names.append(paper.slug)
    for name in names:
        candidate = settings.pdf_dir / f"{name}.pdf"
        if candidate.is_file():
            return candidate
    return None


def survey_sheet(library: Library, paper: Paper) -> Survey | None:
    """The paper's survey sheet, or None when it has no PDF.

    Raises:
        PDFError: the PDF cannot be read.
    """
    pdf = paper_pdf(library, paper)
    return cached_survey(library.store, pdf.path) if pdf is not None else None
