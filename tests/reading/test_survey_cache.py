"""Survey sheets are cached in the library by sha256 + extractor version."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperpass.errors import PDFError
from paperpass.papers import sheets as survey_module
from paperpass.papers.sheets import cached_survey, survey_from_json
from paperpass.store import Store
from support.pdfs import make_pdf


def test_second_survey_comes_from_the_cache(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = make_pdf(tmp_path / "p.pdf")
    first = cached_survey(store, pdf)
    calls: list[Path] = []
    monkeypatch.setattr(survey_module, "survey", lambda path, timeout: calls.append(path))
    again = cached_survey(store, pdf)
    assert calls == []
    assert again == first


def test_a_new_extractor_version_recomputes(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = make_pdf(tmp_path / "p.pdf")
    cached_survey(store, pdf)
    monkeypatch.setattr(survey_module, "EXTRACTOR_VERSION", "999.0")
    real = survey_module.survey
    calls: list[Path] = []

    def counting(path: Path, timeout: float) -> object:
        calls.append(path)
        return real(path, timeout=timeout)

    monkeypatch.setattr(survey_module, "survey", counting)
    cached_survey(store, pdf)
    assert calls == [pdf]


def test_json_round_trip(tmp_path: Path) -> None:
    sheet = cached_survey(None, make_pdf(tmp_path / "p.pdf"))
    assert survey_from_json(sheet.to_json()) == sheet


def test_missing_file_is_a_pdf_error(tmp_path: Path) -> None:
    with pytest.raises(PDFError, match="no such file"):
        cached_survey(None, tmp_path / "absent.pdf")
