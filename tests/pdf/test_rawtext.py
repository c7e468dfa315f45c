"""Span merging in rawtext: MuPDF's runs of one style, split at synthesized spaces, read as one span."""

from __future__ import annotations

from typing import Any

from paperpass.pdf.layout import _WORD, _line_from, vocabulary
from paperpass.pdf.rawtext import RawLine, _dict_spans


def _raw(text: str, x0: float, x1: float, size: float = 10.0, font: str = "Times", flags: int = 4) -> Any:
    bbox = (x0, 90.0, x1, 100.0)
    return {"text": text, "bbox": bbox, "size": size, "font": font, "flags": flags, "origin": (x0, 98.0)}


def _line(raws: list[dict[str, Any]]) -> Any:
    spans, keys = _dict_spans(raws)
    return _line_from([RawLine(raws[0]["bbox"][0], 90.0, raws[-1]["bbox"][2], 100.0, spans, keys)], 0, 0)


def test_synthesized_spaces_merge_into_one_span() -> None:
    spans, keys = _dict_spans([_raw("models", 0, 30), _raw(" ", 30, 33), _raw("for", 33, 45)])
    assert [s.text for s in spans] == ["models for"]
    assert spans[0].chars == 9 and spans[0].x0 == 0 and spans[0].x1 == 45
    assert keys == [("Times", 98.0)]


def test_style_changes_and_wide_gaps_keep_spans_apart() -> None:
    bold = [_raw("Method", 0, 30, flags=20), _raw(" ", 30, 33), _raw("We", 33, 45)]
    assert [s.text for s in _dict_spans(bold)[0]] == ["Method", " We"]  # the space is set in the roman
    wide = [_raw("Ada", 0, 20), _raw(" ", 20, 23), _raw("Alan", 60, 80)]  # a 37 pt gap: an author column
    assert [s.text for s in _dict_spans(wide)[0]] == ["Ada ", "Alan"]
    sup = [_raw("a", 0, 5, flags=5), _raw(" ", 5, 7, flags=5), _raw("b", 7, 10, flags=5)]
    assert [(s.text, s.superscript) for s in _dict_spans(sup)[0]] == [("a b", True)]


def test_capitals_do_not_merge_with_lower_case_runs() -> None:
    spans, _ = _dict_spans([_raw("INTRO", 0, 30), _raw(" ", 30, 33), _raw("duction", 33, 60)])
    assert [s.text for s in spans] == ["INTRO ", "duction"]
    spans, _ = _dict_spans([_raw("DEEP", 0, 30), _raw(" ", 30, 33), _raw("NETS", 33, 60), _raw(" 2", 60, 70)])
    assert [s.text for s in spans] == ["DEEP NETS 2"]


def test_small_caps_line_reads_the_same_after_merging() -> None:
    # "DEEP LEARNING" in fake small caps: full-size initials, 0.75x capitals for the rest of each word.
    raws = [
        _raw("D", 0, 8, size=12),
        _raw("EEP", 8, 30, size=9),
        _raw(" ", 30, 33, size=9),
        _raw("L", 33, 41, size=12),
        _raw("EARNING", 41, 90, size=9),
    ]
    line = _line(raws)
    assert line.text == "Deep Learning" and line.small_caps


def test_merged_line_counts_every_visible_character() -> None:
    line = _line([_raw("big", 0, 20, size=14), _raw(" ", 20, 23, size=10), _raw("small words here", 23, 90)])
    assert line.size == 10.0 and line.max_size == 14.0  # 14 letters at 10 pt outweigh 3 at 14 pt


def test_vocabulary_matches_the_word_pattern() -> None:
    text = "Pre-training (e.g. BERT’s) naïve 3-layer x_1 don't 12 -- state-of-the-art, ½x"
    layout_page = type("P", (), {"lines": [type("L", (), {"text": text})()]})()
    assert vocabulary([layout_page]) == set(_WORD.findall(text.lower()))
