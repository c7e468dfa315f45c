"""The hint judge: one test per kind of rule (each fails without its rule), and the abstentions users rely on.

The answers here are worded differently from the labelled pairs of bench/judge_pairs*.yaml, so that a rule
fitted to those phrasings would fail them.
"""

from __future__ import annotations

import pytest

from paperpass.practice.grades import PointGrade
from paperpass.practice.hints import HintJudge


def grade(point: str, answer: str) -> PointGrade:
    return HintJudge().grade(answer, [point])[0]


def verdict(point: str, answer: str) -> str:
    return grade(point, answer).verdict


# --- covered only when sure -----------------------------------------------------------------------------


def test_a_restatement_is_covered_with_the_answer_words_as_evidence() -> None:
    answer = "Sure. Switch Transformer uses top-1 routing, so each token goes to one expert."
    result = grade("Switch Transformer uses top-1 routing", answer)
    assert result.verdict == "covered"
    assert result.evidence in answer and "top-1 routing" in result.evidence


def test_a_rounded_or_spelled_number_still_covers() -> None:
    point = "GSM8K: 17.9% to 58% (PaLM 540B)."
    assert (
        verdict(point, "PaLM 540B on GSM8K climbed from roughly 18% to 58% with chain of thought.")
        == "covered"
    )
    assert (
        verdict(
            "15% of tokens are masked during pre-training",
            "During pre-training fifteen percent of the tokens are masked.",
        )
        == "covered"
    )


def test_a_paraphrase_in_other_words_is_never_missed() -> None:
    # the issue's example: a precise answer sharing no word with the point
    answer = (
        "Having annotators compare two responses side by side for every prompt takes a lot of time and money"
    )
    assert verdict("paired data is expensive to collect", answer) != "missed"
    assert (
        verdict(
            "the model can extrapolate to sequences longer than those seen in training",
            "It keeps working on inputs longer than anything it saw while training.",
        )
        != "missed"
    )


def test_the_issue_example_is_not_covered() -> None:
    answer = "DPO does not need paired preferences at all, and paired data is very cheap to collect"
    grades = HintJudge().grade(
        answer,
        [
            "DPO needs paired preferences, a chosen and a rejected response for the same prompt",
            "paired data is expensive to collect",
        ],
    )
    assert [g.verdict for g in grades] != ["covered", "covered"]
    assert grades[1].verdict == "missed" and "cheap" in grades[1].evidence


# --- negation -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("point", "answer"),
    [
        ("DPO needs paired preferences", "With DPO you do not need paired preferences."),
        ("GRPO has no critic model", "GRPO trains a critic model alongside the policy."),
        (
            "clamping a feature changes the model's outputs",
            "Clamping a feature never changes what the model outputs.",
        ),
        (
            "a single linear chain cannot backtrack",
            "A single linear chain is able to backtrack when it is wrong.",
        ),
    ],
)
def test_a_negated_claim_is_missed(point: str, answer: str) -> None:
    assert verdict(point, answer) == "missed"


@pytest.mark.parametrize(
    ("point", "answer"),
    [
        ("DPO needs no explicit reward model", "In DPO there is no explicit reward model to train."),
        ("GRPO has no critic model", "GRPO does away with the critic model altogether."),
        (
            "attention is not stored for the backward pass but recomputed",
            "Rather than storing attention for the backward pass, it recomputes it.",
        ),
    ],
)
def test_a_negation_said_another_way_is_not_missed(point: str, answer: str) -> None:
    assert verdict(point, answer) != "missed"


# --- antonyms -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("point", "answer"),
    [
        ("human preference labels are expensive", "Human preference labels are pretty cheap to get."),
        (
            "recomputing costs extra FLOPs but saves memory and HBM traffic",
            "Recomputing saves FLOPs but costs memory and HBM traffic.",
        ),
        ("Mamba-2 gives a 2-8x speedup over Mamba-1", "Mamba-2 brings a 2-8x slowdown over Mamba-1."),
        (
            "the KL penalty keeps the policy close to the SFT model",
            "The KL penalty pushes the policy far from the SFT model.",
        ),
        (
            "in-context learning is weaker in SSMs than in attention",
            "In-context learning is stronger in SSMs than in attention.",
        ),
    ],
)
def test_an_opposite_word_is_missed(point: str, answer: str) -> None:
    assert verdict(point, answer) == "missed"


def test_an_opposite_under_a_negation_keeps_the_claim() -> None:
    assert (
        verdict("human preference labels are expensive", "Human preference labels are not cheap at all.")
        != "missed"
    )


# --- swapped entities -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("point", "answer", "named"),
    [
        ("Scout reaches a 10M token context", "Maverick reaches a 10M token context.", "Maverick"),
        (
            "28.4 BLEU on WMT En-De, state of the art (SOTA) when published.",
            "It got 28.4 BLEU on WMT En-Fr.",
            "En-Fr",
        ),
        (
            "KTO when only binary feedback is available",
            "Go for DPO when only binary feedback is available.",
            "DPO",
        ),
        (
            "log-probabilities are taken relative to the reference model",
            "The log-probabilities are taken relative to the reward model.",
            "reward",
        ),
    ],
)
def test_another_entity_in_the_point_s_place_is_missed(point: str, answer: str, named: str) -> None:
    result = grade(point, answer)
    assert result.verdict == "missed" and named in result.reason


def test_swapped_roles_between_two_entities_are_missed() -> None:
    point = "KTO uses unpaired data, DPO needs paired preferences"
    assert verdict(point, "DPO uses unpaired data, while KTO needs paired preferences.") == "missed"
    assert verdict(point, "KTO learns from unpaired data whereas DPO needs paired preferences.") != "missed"


def test_q_k_v_swaps_are_missed() -> None:
    point = "adapting the query (Q) and value (V) projections matters more than the key (K)"
    assert (
        verdict(point, "Adapting the key (K) projection matters more than the query (Q) and value (V).")
        == "missed"
    )


# --- numbers and complexities ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("point", "answer"),
    [
        ("28.4 BLEU on WMT En-De, state of the art (SOTA) when published.", "About 24 BLEU on WMT En-De."),
        (
            "15% of tokens are masked during pre-training",
            "Roughly 40% of the tokens get masked in pre-training.",
        ),
        (
            "Llama 4 Scout: 17B active / 109B total parameters, 16 experts.",
            "Scout has 109B active out of 17B total parameters, with 16 experts.",
        ),
        ("GSM8K: 17.9% to 58% (PaLM 540B).", "PaLM 540B on GSM8K went from 58% to 17.9%."),
        (
            "Human raters prefer the 1.3B InstructGPT over the 175B GPT-3.",
            "Human raters prefer the 175B GPT-3 over the 1.3B InstructGPT.",
        ),
    ],
)
def test_another_or_swapped_number_is_missed(point: str, answer: str) -> None:
    assert verdict(point, answer) == "missed"


@pytest.mark.parametrize(
    ("point", "answer"),
    [
        ("memory grows as O(n^2) with sequence length", "Memory grows as O(n) with sequence length."),
        (
            "Mamba runs in linear time O(n) while attention is O(n^2)",
            "Mamba runs in O(n^2) while attention runs in O(n).",
        ),
        ("memory is O(n) instead of O(n^2)", "Memory is quadratic instead of linear."),
    ],
)
def test_a_reversed_complexity_is_missed(point: str, answer: str) -> None:
    assert verdict(point, answer) == "missed"


def test_a_complexity_in_words_covers() -> None:
    assert (
        verdict(
            "memory grows as O(n^2) with sequence length",
            "Memory grows quadratically with the sequence length.",
        )
        == "covered"
    )


# --- keyword salad --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("point", "answer"),
    [
        (
            "DPO needs paired preferences, a chosen and a rejected response for the same prompt",
            "DPO, paired, preferences, chosen, rejected, prompt.",
        ),
        (
            "the gain comes from reducing transfers between HBM and SRAM",
            "HBM, SRAM, transfers, gain: typical jargon.",
        ),
    ],
)
def test_the_point_s_words_in_no_claim_are_missed(point: str, answer: str) -> None:
    result = grade(point, answer)
    assert result.verdict == "missed" and "no claim" in result.reason


def test_words_scattered_over_unrelated_sentences_are_not_covered() -> None:
    answer = "The GPU was busy. Tokens are cheap. Experts hold weights; packets are sent over the network."
    assert verdict("tokens are sent to the GPU that holds their expert", answer) != "covered"


# --- abstaining -----------------------------------------------------------------------------------------


def test_no_answer_is_missed_and_an_unrelated_answer_is_unsure() -> None:
    assert verdict("Switch Transformer uses top-1 routing", "   ") == "missed"
    assert (
        verdict("Switch Transformer uses top-1 routing", "Sparse autoencoders find interpretable features.")
        == "unsure"
    )


def test_a_claim_said_and_contradicted_is_unsure() -> None:
    answer = "GRPO has no critic model. Actually no, GRPO has a critic model like PPO."
    assert verdict("GRPO has no critic model", answer) == "unsure"


def test_every_grade_quotes_the_answer_exactly() -> None:
    answer = (
        "Honestly?  It costs O(n^2)\nmemory — which caps the context length, and FlashAttention fixes that."
    )
    points = ["memory grows as O(n^2) with sequence length", "2-4x speedup", "it hallucinates"]
    for result in HintJudge().grade(answer, points):
        assert result.verdict in {"covered", "missed", "unsure"}
        assert result.evidence in answer and result.reason


def test_a_claim_taken_back_is_not_covered() -> None:
    point = "Switch Transformer uses top-1 routing"
    assert (
        verdict(point, "People say Switch Transformer uses top-1 routing. That's a myth, though.") == "unsure"
    )
    assert verdict(point, "Switch Transformer uses top-1 routing. Simple and cheap.") == "covered"
