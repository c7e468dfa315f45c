"""Coverage judges: the lexical judge always, the semantic one with paperpass[semantic]."""

from __future__ import annotations

from typing import Any

import pytest

from paperpass.config import Settings
from paperpass.errors import ConfigError
from paperpass.practice import judges
from paperpass.practice.judges import LexicalJudge, missing_numbers, numbers, required_numbers
from paperpass.practice.judging import make_judge

POINT = "memory grows as O(n^2) with sequence length"


def test_numbers_are_normalised() -> None:
    assert numbers("175B parameters") == numbers("175 billion parameters") == {"175"}
    assert numbers("fifteen percent") == {"15"}
    assert numbers("GPT-3 and Mamba-2") == set()
    assert numbers("2-4x speedup") == {"2", "4"}


@pytest.mark.parametrize(
    ("answer", "covered"),
    [
        ("The attention matrix is quadratic in the sequence length, so memory blows up.", True),
        ("Memory grows linearly with the sequence length.", False),
        ("Multi-head attention looks at different aspects.", False),
    ],
)
def test_lexical_judge_synonyms_and_contradictions(answer: str, covered: bool) -> None:
    assert LexicalJudge().judge(answer, [POINT])[0].covered is covered


def test_a_version_after_a_name_is_not_a_required_number() -> None:
    assert required_numbers("Llama 4 Scout: 17B active / 109B total, 16 experts") == {"17", "109", "16"}
    assert required_numbers("Claude 3 Sonnet features") == set()
    assert required_numbers("Game of 24: from 4% to 74%") == {"24", "4", "74"}
    assert required_numbers("PaLM 540B and over 100 tasks") == {"540", "100"}


def test_a_rounded_number_counts_but_a_different_one_does_not() -> None:
    assert missing_numbers({"17.9", "58"}, numbers("from about 18% to 58%")) == set()
    assert missing_numbers({"17.9"}, numbers("about 17% of problems")) == {"17.9"}
    assert missing_numbers({"18"}, numbers("17.9%")) == {"18"}  # a point's whole number is exact
    judge = LexicalJudge()
    point = "GSM8K: 17.9% to 58% (PaLM 540B)."
    assert judge.judge("On GSM8K PaLM 540B went from roughly 18% to 58%.", [point])[0].covered
    assert not judge.judge("On GSM8K PaLM 540B went from 18% to 68%.", [point])[0].covered


def test_a_missing_number_is_not_covered() -> None:
    judge = LexicalJudge()
    assert judge.judge("BERT masks 15% of the tokens", ["15% of tokens are masked"])[0].covered
    assert not judge.judge("BERT masks 50% of the tokens", ["15% of tokens are masked"])[0].covered


def test_auto_falls_back_to_lexical(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(judges, "semantic_available", lambda: False)
    assert make_judge(settings).name == "lexical"
    with pytest.raises(ConfigError, match="paperpass\\[semantic\\]"):
        make_judge(Settings(home=settings.home, judge="semantic"))


def test_semantic_judge_covers_paraphrases_and_rejects_near_misses(semantic_judge: Any) -> None:
    verdicts = semantic_judge.judge(
        "We scale by the square root of the key dimension so the softmax does not saturate.",
        ["dividing by sqrt(d_k) keeps the softmax stable instead of saturating", "BLEU 28.4 on WMT En-De"],
    )
    assert [v.covered for v in verdicts] == [True, False]
    assert not semantic_judge.judge("It gives about a 10x speedup.", ["2-4x speedup"])[0].covered


def test_bench_targets_hold(semantic_judge: Any) -> None:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "judge_accuracy.py"
    spec = importlib.util.spec_from_file_location("judge_accuracy", path)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    pairs = bench.load_pairs()
    assert len(pairs) >= 80
    result = bench.measure(semantic_judge, pairs)
    assert result["precision"] >= 0.8 and result["recall"] >= 0.8
