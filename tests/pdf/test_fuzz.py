"""Fuzz: mutated real PDF bytes never crash survey() with anything but PDFError, and never hang."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import corpus_dir
from paperpass.errors import PDFError
from paperpass.pdf import survey_bytes

SEED_PDF = corpus_dir() / "pdfs" / "1512.03385.pdf"


def _seed() -> bytes:
    """The first two pages of a real corpus PDF (re-saved by MuPDF), else a generated paper."""
    if SEED_PDF.exists():
        import pymupdf

        doc = pymupdf.open(SEED_PDF)
        doc.select([0, 1])
        data: bytes = doc.tobytes(garbage=1)
        return data
    from _pdfgen import build_paper

    return build_paper().bytes()


SEED = _seed()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(SEED)
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "cut", "zero", "dup"]))
        pos = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[pos] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            data = data[:pos] if pos > 16 else data
        elif kind == "zero":
            data[pos : pos + 512] = bytes(min(512, len(data) - pos))
        else:
            data[pos:pos] = data[pos : pos + 256]
    return bytes(data)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_pdf(data: bytes) -> None:
    t = time.monotonic()
    try:
        sheet = survey_bytes(data, timeout=5.0)
    except PDFError as exc:
        assert "\n" not in str(exc)
    else:
        assert sheet.pages >= 1
    assert time.monotonic() - t < 20


@pytest.mark.parametrize("size", [0, 1, 5, 100, 1000])
def test_prefixes(size: int) -> None:
    with contextlib.suppress(PDFError):
        survey_bytes(SEED[:size])
