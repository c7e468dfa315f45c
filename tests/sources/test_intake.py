"""The web app's add box as a domain call (SQLite and PostgreSQL): uploads staged within the limit, a PDF
attached to a paper, pasted BibTeX, and paths on the server refused without being looked at."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperpass.config import Settings
from paperpass.errors import InvalidInputError
from paperpass.library import Library, get_paper
from paperpass.papers.details import paper_details
from paperpass.papers.intake import Submission, UploadTooLargeError, attach_pdf, stage_upload, submit_paper
from paperpass.papers.sheets import paper_pdf
from paperpass.sources import Sources
from support.pdfs import make_pdf
from support.recorded import fixtures_root


def test_stage_upload_counts_bytes_and_checks_the_magic(settings: Settings) -> None:
    staged = stage_upload(settings, [b"%PD", b"F-1.4\n", b"x" * 100], limit=1000)
    assert staged.read_bytes().startswith(b"%PDF-1.4") and staged.parent.name == "uploads"
    with pytest.raises(UploadTooLargeError, match="0.0001 MB"):
        stage_upload(settings, [b"%PDF-" + b"x" * 200], limit=100)
    with pytest.raises(InvalidInputError, match="not a PDF"):
        stage_upload(settings, [b"<html>"], limit=1000)
    assert list(staged.parent.iterdir()) == [staged]  # nothing refused is left behind


def test_attach_a_pdf_to_a_paper(local_library: Library, settings: Settings, tmp_path: Path) -> None:
    lora = get_paper(local_library, "lora")
    assert paper_pdf(local_library, lora) is None
    pdf = make_pdf(tmp_path / "lora.pdf", "LoRA Low-Rank Adaptation")
    staged = stage_upload(settings, [pdf.read_bytes()], limit=10_000_000)
    kept = attach_pdf(local_library, lora, staged)
    assert Path(kept.path).parent == settings.pdf_dir and not staged.exists()
    found = paper_pdf(local_library, lora)
    assert found is not None and found.path.read_bytes() == pdf.read_bytes()
    assert [f.sha256 for f in paper_details(local_library, "lora").files] == [kept.sha256]
    broken = stage_upload(settings, [b"%PDF-1.4 and then nothing"], limit=1000)
    with pytest.raises(InvalidInputError, match="cannot be read"):
        attach_pdf(local_library, get_paper(local_library, "dpo"), broken)
    assert not broken.exists() and paper_pdf(local_library, get_paper(local_library, "dpo")) is None


def test_submissions(local_library: Library, sources: Sources) -> None:
    for text in ("", "  ", "/home/me/paper.pdf", "refs.bib", "1706.03762\n2106.09685"):
        with pytest.raises(InvalidInputError):
            submit_paper(local_library, sources, Submission(identifier=text))
    bib = (fixtures_root() / "http" / "bibtex" / "dblp_export.bib").read_text(encoding="utf-8")
    report = submit_paper(local_library, sources, Submission(identifier=bib))
    added = [o for o in report.outcomes if o.paper is not None]
    assert added and all(o.action in ("added", "merged") for o in added)
    assert all("uploads" not in o.input and "pasted BibTeX" in o.input for o in report.outcomes)
    assert not list((local_library.settings.home / "uploads").glob("*.bib"))
