"""Bad input: each gives a one-line PDFError or a warning with a partial sheet."""

from __future__ import annotations

import pymupdf
import pytest
from _pdfgen import PARA, build_paper

from paperpass.errors import PDFError
from paperpass.pdf import survey, survey_bytes


def _one_line(exc: pytest.ExceptionInfo[PDFError]) -> str:
    msg = str(exc.value)
    assert "\n" not in msg and msg
    return msg


def test_missing_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PDFError) as exc:
        survey(tmp_path / "nope.pdf")
    assert "no such file" in _one_line(exc)


def test_not_a_pdf() -> None:
    with pytest.raises(PDFError) as exc:
        survey_bytes(b"hello, I am a text file\n" * 10)
    assert "not a PDF" in _one_line(exc)


def test_truncated() -> None:
    data = build_paper().bytes()
    for cut in (20, len(data) // 3):
        try:
            s = survey_bytes(data[:cut])
        except PDFError as exc:
            assert "\n" not in str(exc)
        else:
            assert s.warnings or s.title  # repaired by MuPDF: partial sheet


def test_encrypted(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "secret", fontsize=12)
    path = tmp_path / "enc.pdf"
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="pw", owner_pw="owner")
    with pytest.raises(PDFError) as exc:
        survey(path)
    assert "password" in _one_line(exc)


def test_zero_pages() -> None:
    data = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    with pytest.raises(PDFError) as exc:
        survey_bytes(data)
    _one_line(exc)


def test_no_text_layer() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(pymupdf.Rect(50, 50, 500, 700), fill=(0.5, 0.5, 0.5))
    s = survey_bytes(doc.tobytes())
    assert any("OCR" in w for w in s.warnings)
    assert s.pages == 1 and s.title == "" and s.sections == []


def test_timeout_zero_raises() -> None:
    with pytest.raises(PDFError) as exc:
        survey_bytes(build_paper().bytes(), timeout=-1)
    assert "time limit" in _one_line(exc)


def test_timeout_mid_document(monkeypatch: pytest.MonkeyPatch) -> None:
    import paperpass.pdf.core as core

    ticks = iter([0.0, 0.0, 0.0] + [100.0] * 1000)
    monkeypatch.setattr(core.time, "monotonic", lambda: next(ticks))
    doc = pymupdf.open()
    for _ in range(5):
        doc.new_page().insert_text((72, 72), PARA, fontsize=10)
    s = survey_bytes(doc.tobytes(), timeout=30)
    assert any("time limit" in w for w in s.warnings)


def test_long_document_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    import paperpass.pdf.core as core

    monkeypatch.setattr(core, "MAX_PAGES", 5)
    doc = pymupdf.open()
    for i in range(12):
        doc.new_page().insert_text((72, 72), f"Page {i} " + PARA[:80], fontsize=10)
    s = survey_bytes(doc.tobytes())
    assert s.pages == 12 and any("only the first 5" in w for w in s.warnings)
