"""Papers handed in through the web app's add box: one identifier, pasted BibTeX, or an uploaded PDF; and a
PDF attached to a paper that has none.

Everything goes through :func:`paperpass.papers.add.add_papers`, the path ``paperpass add`` takes, so the
look-ups, the merging of duplicates and the sync queue behave the same. What the web must not do is read
the server's own files: a path typed into the box (``/home/me/paper.pdf``, ``refs.bib``) is refused, never
looked at; uploads and pasted BibTeX are written to the library's folders first.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from paperpass.config import Settings
from paperpass.errors import InvalidInputError, PDFError
from paperpass.library import Library
from paperpass.models import Paper
from paperpass.papers.add import AddReport, Outcome, add_papers
from paperpass.papers.sheets import cached_survey
from paperpass.sources import Sources
from paperpass.store import sources as source_rows

PDF_MAGIC = b"%PDF-"
_FILE_LIKE = re.compile(r"\.(pdf|bib)\s*$", re.IGNORECASE)
PASTED = "pasted BibTeX"


class UploadTooLargeError(InvalidInputError):
    """An upload over the ``upload_max_mb`` limit (the web app answers 413)."""


@dataclass(frozen=True)
class Submission:
    """What the add box received: an identifier or BibTeX typed or pasted, or an uploaded PDF (already
    written to a staging file by the web app)."""

    identifier: str = ""
    upload: Path | None = None


def uploads_dir(settings: Settings) -> Path:
    """Where uploads wait while they are checked (inside the library's data folder)."""
    return settings.home / "uploads"


def stage_upload(settings: Settings, chunks: Iterable[bytes], limit: int) -> Path:
    """Write an upload to a staging file, refusing more than ``limit`` bytes or anything but a PDF.

    Raises:
        UploadTooLargeError: larger than ``limit`` (nothing is kept).
        InvalidInputError: empty or not a PDF (nothing is kept).
    """
    folder = uploads_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix="upload-", suffix=".pdf", dir=folder)
    path = Path(name)
    size, head = 0, bytearray()
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise UploadTooLargeError(
                        f"the PDF is larger than the {limit / 1_000_000:g} MB upload limit (upload_max_mb)"
                    )
                if len(head) < len(PDF_MAGIC):
                    head += chunk[: len(PDF_MAGIC) - len(head)]
                out.write(chunk)
        if size == 0:
            raise InvalidInputError("the uploaded file is empty")
        if bytes(head) != PDF_MAGIC:
            raise InvalidInputError("the uploaded file is not a PDF (it does not start with %PDF-)")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _keep_pdf(settings: Settings, staged: Path) -> tuple[Path, str, int]:
    """Move a staged PDF into the PDF folder under its content's name; (path, sha256, size)."""
    digest = hashlib.sha256()
    with staged.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    sha = digest.hexdigest()
    settings.pdf_dir.mkdir(parents=True, exist_ok=True)
    target = settings.pdf_dir / f"{sha[:16]}.pdf"
    size = staged.stat().st_size
    if target.exists():
        staged.unlink()
    else:
        os.replace(staged, target)
    return target, sha, size


def _check_readable(library: Library, staged: Path) -> None:
    """Refuse (and delete) a staged upload that is not a usable PDF."""
    try:
        cached_survey(library.store, staged)  # also caches the survey sheet the reading view shows next
    except PDFError as error:
        staged.unlink(missing_ok=True)
        message = error.message.replace(str(staged), "the uploaded file")
        raise InvalidInputError(f"the uploaded PDF cannot be read: {message}") from None


def _add_bibtex(library: Library, sources: Sources, text: str) -> AddReport:
    folder = uploads_dir(library.settings)
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix="pasted-", suffix=".bib", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        report = add_papers(library, sources, [name])
    finally:
        Path(name).unlink(missing_ok=True)
    outcomes = [
        Outcome(o.input.replace(name, PASTED), o.action, o.paper, o.reason.replace(name, PASTED), o.error)
        for o in report.outcomes
    ]
    return AddReport(outcomes)


def submit_paper(library: Library, sources: Sources, submission: Submission) -> AddReport:
    """Add what the add box received (see the module docstring); the staged upload is consumed.

    Raises:
        InvalidInputError: nothing given, both given, a file path typed in, or an upload that is not a
            readable PDF.
    """
    text = submission.identifier.strip()
    if submission.upload is not None:
        if text:
            submission.upload.unlink(missing_ok=True)
            raise InvalidInputError("give an identifier or a PDF, not both")
        _check_readable(library, submission.upload)
        path, _, _ = _keep_pdf(library.settings, submission.upload)
        return add_papers(library, sources, [str(path)])
    if not text:
        raise InvalidInputError(
            "nothing to add: give an arXiv id or URL, a DOI, a Semantic Scholar id, BibTeX, or a PDF"
        )
    if text.startswith("@"):
        return _add_bibtex(library, sources, text)
    if "\n" in text:
        raise InvalidInputError("one identifier at a time (or paste BibTeX entries, starting with @)")
    if _FILE_LIKE.search(text) and not re.match(r"^https?://", text, re.IGNORECASE):
        raise InvalidInputError(
            f"{text}: files on the server are not read from here; upload the PDF or paste the BibTeX"
        )
    return add_papers(library, sources, [text])


def attach_pdf(library: Library, paper: Paper, staged: Path) -> source_rows.PaperFile:
    """Keep an uploaded PDF as a paper's PDF (the staged file is consumed).

    Raises:
        InvalidInputError: the file is not a readable PDF.
    """
    assert paper.id is not None
    _check_readable(library, staged)
    path, sha, size = _keep_pdf(library.settings, staged)
    file = source_rows.PaperFile(paper.id, str(path), sha, size)
    with library.store.transaction() as conn:
        source_rows.add_file(conn, file)
    return file
