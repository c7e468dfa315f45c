"""A complete note that passes lint and every pass's exit criteria, for tests."""

from __future__ import annotations

GOOD_NOTE = """# Attention Is All You Need

## Metadata

- Authors: Ashish Vaswani et al.
- Year: 2017
- Link: https://arxiv.org/abs/1706.03762

## Problem

RNNs read tokens one after another, so training cannot be parallelised across a sequence.

## Key idea

Replace recurrence with self-attention everywhere. Positions are encoded separately with sinusoids.

## Method

- Scaled dot-product attention: $\\mathrm{softmax}(QK^T/\\sqrt{d_k})V$
- Multi-head attention with 8 heads, e.g. different heads attend to different aspects

## Results

28.4 BLEU on WMT 2014 En-De after 3.5 days on 8 GPUs.

## Limitations

Memory grows as $O(n^2)$ with the sequence length.

## Your questions

Why sinusoids rather than learned positions?

## Colleague summary

The Transformer drops recurrence for attention, so it trains in parallel and beats RNNs on translation.

## Connections

It is the base of [[lora]] and of FlashAttention ([[flash-attention|Flash]]).

## Assumptions examined

Quadratic attention is affordable for sentence-length inputs; it is not for long documents.

## Improvement ideas

An IO-aware kernel, or linear attention for long inputs.
"""


def without(note: str, heading: str) -> str:
    """The note with one section's body emptied."""
    head, _, rest = note.partition(f"## {heading}\n")
    _, sep, tail = rest.partition("\n## ")
    return f"{head}## {heading}\n\n{sep.lstrip(chr(10))}{tail}" if sep else f"{head}## {heading}\n"
