"""Graders on labelled adversarial answer/point pairs: the share decided and the precision of each verdict.

Two sets (bench/judge_pairs.yaml, the development set the hint judge's rules were tuned on, and
bench/judge_pairs_holdout.yaml, written blind on other reference points and never tuned on: the honest
figure). A pair is a reference point and an answer, labelled covered or not by hand; kinds: paraphrases,
negations, antonyms, swapped entities, numbers, complexities and roles, keyword salad.

For each grader and set: the share of pairs it decides (covered or missed rather than unsure), the precision
of its ``covered`` verdicts (the share of them labelled covered) and of its ``missed`` verdicts (the share
labelled not covered), and pairs per second. The binary judges (lexical, semantic) decide every pair. The
LLM grader is measured when ``llm_url`` is set. Targets for the default (hint) judge on the held-out set:
covered precision >= 0.95, missed precision >= 0.9, decided >= 30%. Last, ``paperpass grade --batch`` on
every pair in one process, start-up included. ``-v`` lists each wrong verdict; ``--kinds`` the verdicts by
kind of pair.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from paperpass.config import load_settings
from paperpass.practice.grades import Grader
from paperpass.practice.hints import HintJudge
from paperpass.practice.judges import LexicalJudge, semantic_available
from paperpass.practice.judging import BinaryGrader, make_grader

PAIRS = Path(__file__).with_name("judge_pairs.yaml")
HOLDOUT = Path(__file__).with_name("judge_pairs_holdout.yaml")
TARGETS = {"covered": 0.95, "missed": 0.9, "decided": 0.30}


def load_pairs(path: Path = PAIRS) -> list[dict[str, Any]]:
    """The labelled pairs of one set."""
    pairs: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]
    return pairs


@dataclass
class Measure:
    """What a grader said on one set, against the labels."""

    pairs: int = 0
    said: Counter[tuple[str, bool]] = field(default_factory=Counter)
    kinds: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    wrong: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def precision(self, verdict: str) -> float | None:
        """The share of ``verdict`` verdicts that agree with the labels (None: never said)."""
        right = self.said[(verdict, verdict == "covered")]
        total = right + self.said[(verdict, verdict != "covered")]
        return right / total if total else None

    def count(self, verdict: str) -> int:
        """How many times the grader said ``verdict``."""
        return self.said[(verdict, True)] + self.said[(verdict, False)]

    @property
    def decided(self) -> float:
        """The share of pairs decided (covered or missed)."""
        return (self.count("covered") + self.count("missed")) / self.pairs if self.pairs else 0.0

    def meets_targets(self) -> bool:
        """Whether the default judge's targets hold."""
        covered, missed = self.precision("covered"), self.precision("missed")
        return (
            covered is not None
            and missed is not None
            and covered >= TARGETS["covered"]
            and missed >= TARGETS["missed"]
            and self.decided >= TARGETS["decided"]
        )


def measure(grader: Grader, pairs: list[dict[str, Any]]) -> Measure:
    """Grade every pair and compare with its label."""
    result = Measure(pairs=len(pairs))
    start = time.perf_counter()
    for pair in pairs:
        grade = grader.grade(pair["answer"], [pair["point"]])[0]
        result.said[(grade.verdict, bool(pair["covered"]))] += 1
        result.kinds[pair.get("kind", "?")][grade.verdict] += 1
        if (grade.verdict == "covered") != pair["covered"] and grade.verdict != "unsure":
            label = "covered" if pair["covered"] else "not covered"
            result.wrong.append(
                f"  {grade.verdict} (labelled {label}) {pair['point']!r} <- {pair['answer']!r}"
            )
    result.seconds = time.perf_counter() - start
    return result


def _figure(value: float | None, count: int) -> str:
    return f"{value:.3f} ({count:3d})" if value is not None else "  —   (  0)"


def report(name: str, set_name: str, m: Measure, target: bool) -> str:
    """One line: decided share, precision of each verdict with its count, speed."""
    line = (
        f"{name:9} {set_name:9} n={m.pairs:4d}  decided {m.decided:.2f}  "
        f"covered precision {_figure(m.precision('covered'), m.count('covered'))}  "
        f"missed precision {_figure(m.precision('missed'), m.count('missed'))}  "
        f"{m.pairs / m.seconds if m.seconds else 0:7.0f} pairs/s"
    )
    if target:
        line += "  targets: " + ("PASS" if m.meets_targets() else "MISS")
    return line


def graders() -> list[Grader]:
    """The graders to measure: hint, lexical, semantic (when installed), LLM (when configured)."""
    found: list[Grader] = [HintJudge(), BinaryGrader(LexicalJudge())]
    if semantic_available():
        from paperpass.practice.semantic import SemanticJudge

        start = time.perf_counter()
        semantic = SemanticJudge.shared()
        semantic.judge("warm-up", ["load the model"])
        print(f"semantic model loaded in {time.perf_counter() - start:.1f} s (once per process)")
        found.append(BinaryGrader(semantic))
    else:
        print("semantic judge: not installed (make semantic, or pip install 'paperpass[semantic]')")
    settings = load_settings()
    if str(settings.llm_url).strip():
        llm = make_grader(replace(settings, judge="llm"), notify=print)
        found.append(llm)
    else:
        print("LLM grader: not configured (set llm_url, llm_model)")
    return found


def batch_throughput(pairs: list[dict[str, Any]]) -> str:
    """``paperpass grade --batch --json`` on the pairs in one process, start-up included."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pairs.jsonl"
        lines = [json.dumps({"point": p["point"], "answer": p["answer"]}) for p in pairs]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        command = [
            sys.executable,
            "-m",
            "paperpass",
            "grade",
            "--batch",
            str(path),
            "--json",
            "--judge",
            "hint",
        ]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False, env=_quiet_env(folder))
        seconds = time.perf_counter() - start
    if done.returncode != 0:
        return f"paperpass grade --batch failed: {done.stderr.strip()}"
    count = len(done.stdout.splitlines())
    rate = count / seconds
    return f"paperpass grade --batch: {count} pairs in {seconds:.2f} s, {rate:.0f} pairs/s, start-up included"


def _quiet_env(home: str) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("PAPERPASS_")}
    env["PAPERPASS_HOME"] = home
    return env


def main() -> None:
    """Print one line per grader and set, then the batch throughput."""
    verbose = "-v" in sys.argv
    sets = [("develop", load_pairs(PAIRS)), ("held-out", load_pairs(HOLDOUT))]
    for name, pairs in sets:
        covered = sum(bool(p["covered"]) for p in pairs)
        kinds = Counter(p.get("kind", "?") for p in pairs)
        print(f"{name}: {len(pairs)} labelled pairs ({covered} covered, {len(pairs) - covered} not); "
              + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))  # fmt: skip
    for grader in graders():
        for set_name, pairs in sets:
            m = measure(grader, pairs)
            print(report(grader.name, set_name, m, grader.name == "hint" and set_name == "held-out"))
            if verbose:
                print("\n".join(m.wrong))
            if "--kinds" in sys.argv:
                for kind, said in sorted(m.kinds.items()):
                    print(
                        f"    {kind:20} "
                        + "  ".join(f"{v} {said[v]}" for v in ("covered", "missed", "unsure"))
                    )
    print(batch_throughput([p for _, pairs in sets for p in pairs]))


if __name__ == "__main__":
    main()
