"""The older binary judges (lexical always, semantic with paperpass[semantic]), the graders the ``judge``
setting picks, and the bench targets of the default (hint) judge."""

from __future__ import annotations

from typing import Any

import pytest

from paperpass.config import Settings
from paperpass.errors import ConfigError
from paperpass.practice import judges
from paperpass.practice.hints import HintJudge
from paperpass.practice.judges import LexicalJudge, missing_numbers, numbers, required_numbers
from paperpass.practice.judging import GradedCoverage, make_grader, make_judge

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


def test_the_judge_setting_picks_the_grader(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(make_grader(settings), HintJudge)  # auto without llm_url: the hint judge
    lexical = make_judge(Settings(home=settings.home, judge="lexical"))
    assert isinstance(lexical, LexicalJudge)
    monkeypatch.setattr(judges, "semantic_available", lambda: False)
    with pytest.raises(ConfigError, match="paperpass\\[semantic\\]"):
        make_grader(Settings(home=settings.home, judge="semantic"))


def test_the_older_interface_shows_unsure_as_unsure(settings: Settings) -> None:
    judge = make_judge(settings)
    assert isinstance(judge, GradedCoverage) and judge.name == "hint"
    verdicts = judge.judge("Memory grows linearly, O(n).", [POINT, "it hallucinates"])
    assert [(v.verdict, v.covered) for v in verdicts] == [("missed", False), ("unsure", False)]
    assert verdicts[1].as_json()["verdict"] == "unsure"


def test_semantic_judge_covers_paraphrases_and_rejects_near_misses(semantic_judge: Any) -> None:
    verdicts = semantic_judge.judge(
        "We scale by the square root of the key dimension so the softmax does not saturate.",
        ["dividing by sqrt(d_k) keeps the softmax stable instead of saturating", "BLEU 28.4 on WMT En-De"],
    )
    assert [v.covered for v in verdicts] == [True, False]
    assert not semantic_judge.judge("It gives about a 10x speedup.", ["2-4x speedup"])[0].covered


def _bench() -> Any:
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "judge_accuracy.py"
    spec = importlib.util.spec_from_file_location("judge_accuracy", path)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, bench)  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    return bench


def test_the_labelled_sets_are_adversarial_and_balanced() -> None:
    bench = _bench()
    development, held_out = bench.load_pairs(bench.PAIRS), bench.load_pairs(bench.HOLDOUT)
    assert len(development) + len(held_out) >= 300 and len(held_out) >= 150
    for pairs in (development, held_out):
        share = sum(p["covered"] for p in pairs) / len(pairs)
        assert 0.45 <= share <= 0.55
        kinds = {p["kind"] for p in pairs}
        assert {"paraphrase", "negation", "antonym", "entity-swap", "number-swap", "order", "salad"} <= kinds
    assert not {p["point"] for p in development} & {p["point"] for p in held_out}


def test_the_hint_judge_meets_its_targets_on_the_held_out_set() -> None:
    bench = _bench()
    result = bench.measure(HintJudge(), bench.load_pairs(bench.HOLDOUT))
    assert result.meets_targets(), bench.report("hint", "held-out", result, True)
