"""A library paper's PDF and its survey sheet (extracted once per PDF, cached in the store by sha256).

A paper's PDF is the newest one the sources recorded for it (``paper_files``); failing that, a file
dropped in by hand: ``<home>/pdfs/<arxiv id>.pdf``, then ``<home>/pdfs/<slug>.pdf``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from paperpass.config import Settings
from paperpass.library import Library
from paperpass.models import Paper
from paperpass.store import sources as source_rows

if TYPE_CHECKING:
    from paperpass.pdf import Survey


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
    if found is None:
        return None
    from paperpass.reading.survey import file_sha256

    return PaperPDF(found, file_sha256(found))


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
    from paperpass.reading.survey import cached_survey

    pdf = paper_pdf(library, paper)
    return cached_survey(library.store, pdf.path) if pdf is not None else None
