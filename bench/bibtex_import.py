"""BibTeX import at scale: ``paperpass import FILE.bib`` on files of 1,000, 5,000 and 20,000 entries.

The files are synthetic but shaped like a large ML bibliography merged from several exporters: first
authors drawn with Zipfian weights from a pool of common surnames (Wang, Li, Zhang ... are frequent, as
in ML papers) and a long tail, years skewed to recent ones, titles of 4-14 words from a Zipfian
vocabulary of ML terms, ``@article`` / ``@inproceedings`` / arXiv ``@misc`` entries with DOIs, pages and
``@string`` venues, LaTeX accents in one name in ten, and one paper in fifty entered twice (the arXiv
preprint and the proceedings version, as real files do), which the import merges.

Each size runs the real command in a fresh library (a subprocess, output to a file), so what is timed is
what a user waits for: parsing, duplicate detection, storing. Printed: seconds per size (and the CPU time,
which a machine shared with other work inflates less), microseconds per entry, and the per-entry cost at
20,000 as a ratio of the cost at 1,000 (1.0 is linear; the quadratic import took 10x per entry at 4,000).
Target: 20,000 entries in under 30 s.

    python bench/bibtex_import.py                 # 1,000 / 5,000 / 20,000
    python bench/bibtex_import.py --sizes 1000 4000
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAPERPASS = [sys.executable, "-c", "from paperpass.cli.app import main; main()"]
TARGET_SECONDS, TARGET_SIZE = 30.0, 20_000
COMMON = """Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Kim Lee Park
Smith Johnson Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson
Thomas Taylor Moore Jackson Martin Nguyen Tran Singh Kumar Sharma Gupta Patel Shah Khan Ali Cohen Levy Muller
Schmidt Schneider Fischer Weber Meyer Wagner Rossi Russo Ferrari Esposito Bianchi Dubois Moreau Laurent Silva
Santos Oliveira Pereira Costa Ivanov Smirnov Kuznetsov Popov Sato Suzuki Takahashi Tanaka Watanabe Ito
Yamamoto Nakamura Kobayashi Kato""".split()  # noqa: SIM905
SYLLABLES = "ka ro mi sen tar vel no bru li an dor fe ga hel is jo ku lan mor ni os pe qui ra sto".split()  # noqa: SIM905
ACCENTED = [r"M{\"u}ller", r"Garc{\'\i}a", r"Del{\'e}tang", r"Schr{\"o}der", r"Go{\~n}i", r"{\L}ukasz"]
FIRST = """Ada Alan Anna Bo Chen Dana Eli Fei Grace Hao Ian Jun Kai Lena Ming Nora Omar Priya Quan Rosa Sam
Tara""".split()  # noqa: SIM905
ROOTS = """attention transformer embedding token gradient optimizer loss layer network neural model training
inference dataset benchmark language vision image text speech audio video graph node policy reward agent
environment retrieval generation decoder encoder latent diffusion adversarial contrastive supervised
reinforcement transfer distillation pruning quantization sparse dense mixture expert routing scaling memory
kernel convolution recurrent sequence state space alignment preference feedback instruction tuning prompt
reasoning planning tool search bayesian variational sampling estimator regularization normalization residual
softmax linear activation batch curriculum augmentation robustness calibration uncertainty fairness privacy
federated hallucination factuality evaluation segmentation detection classification ranking translation
summarization dialogue multimodal lingual shot continual forgetting adapter rank factorization tensor
parallel pipeline distributed throughput latency accelerator efficient context window positional rotary
causal masked autoregressive pretraining finetuning""".split()  # noqa: SIM905
VENUES = {
    "neurips": "Advances in Neural Information Processing Systems",
    "icml": "International Conference on Machine Learning",
    "iclr": "International Conference on Learning Representations",
    "acl": "Proceedings of the Annual Meeting of the Association for Computational Linguistics",
}
JOURNALS = [
    "Journal of Machine Learning Research", "Transactions on Machine Learning Research", "Nature",
    "IEEE Transactions on Pattern Analysis and Machine Intelligence", "Neural Computation",
]  # fmt: skip


def _zipf_weights(n: int, exponent: float = 1.0) -> list[float]:
    return [1.0 / (rank**exponent) for rank in range(1, n + 1)]


def surnames(rng: random.Random, tail: int = 30_000) -> tuple[list[str], list[float]]:
    """Common surnames (a third of first authors, Wang alone one in forty) and a long tail of rarer ones."""
    rare = {"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))).capitalize() for _ in range(tail)}
    names = COMMON + sorted(rare)
    common = _zipf_weights(len(COMMON), 0.8)
    scale = 0.5 * len(rare) / sum(common)  # common names weigh half as much as the tail together
    weights = [w * scale for w in common] + [1.0] * len(rare)
    return names, weights


def _title(rng: random.Random, vocabulary: list[str], cum: list[float]) -> str:
    words = rng.choices(vocabulary, cum_weights=cum, k=rng.randint(4, 14))
    return " ".join(words).capitalize()


def _person(rng: random.Random, names: list[str], weights: list[float]) -> str:
    last = rng.choice(ACCENTED) if rng.random() < 0.1 else rng.choices(names, weights=weights)[0]
    return f"{last}, {rng.choice(FIRST)}"


def bibliography(count: int, seed: int = 7) -> str:
    """``count`` entries of BibTeX (a fiftieth of them a second entry for a paper already in the file)."""
    rng = random.Random(seed)
    names, weights = surnames(rng)
    vocabulary = ROOTS + [a + b for a in ROOTS[:60] for b in ("", "s", "ing", "ed", "ation", "al")]
    total, cum = 0.0, []
    for w in _zipf_weights(len(vocabulary)):
        total += w
        cum.append(total)
    blocks = [f"@string{{{key} = {{{value}}}}}" for key, value in VENUES.items()]
    papers: list[tuple[str, str, int, str]] = []
    for n in range(count):
        if papers and rng.random() < 0.02:  # the same paper again, as its proceedings version
            title, authors, year, eprint = rng.choice(papers)
            venue = rng.choice(list(VENUES))
            blocks.append(f"@inproceedings{{dup{n},\n  title = {{{title}}},\n  author = {{{authors}}},\n"
                          f"  booktitle = {venue},\n  year = {{{year + 1}}},\n"
                          f"  pages = {{{n}--{n + 9}}}\n}}")  # fmt: skip
            continue
        title = _title(rng, vocabulary, cum)
        authors = " and ".join(_person(rng, names, weights) for _ in range(rng.randint(1, 8)))
        year = min(2025, 2005 + int(21 * rng.random() ** 0.5))
        eprint = f"{year % 100:02d}{rng.randint(1, 12):02d}.{n % 100_000:05d}"
        papers.append((title, authors, year, eprint))
        kind = rng.random()
        if kind < 0.35:
            blocks.append(f"@article{{a{n},\n  title = {{{title}}},\n  author = {{{authors}}},\n"
                          f"  journal = {{{rng.choice(JOURNALS)}}},\n  volume = {{{rng.randint(1, 40)}}},\n"
                          f"  number = {{{rng.randint(1, 12)}}},\n  pages = {{{n}--{n + 12}}},\n"
                          f"  year = {{{year}}},\n  doi = {{10.5555/bench.{n}}}\n}}")  # fmt: skip
        elif kind < 0.6:
            blocks.append(f"@inproceedings{{c{n},\n  title = {{{title}}},\n  author = {{{authors}}},\n"
                          f"  booktitle = {rng.choice(list(VENUES))},\n  year = {{{year}}},\n"
                          f"  month = {rng.choice(['jun', 'jul', 'dec'])}\n}}")  # fmt: skip
        else:
            blocks.append(f"@misc{{m{n},\n  title = {{{title}}},\n  author = {{{authors}}},\n"
                          f"  year = {{{year}}},\n  eprint = {{{eprint}}},\n  archivePrefix = {{arXiv}},\n"
                          f"  primaryClass = {{cs.LG}}\n}}")  # fmt: skip
    return "\n\n".join(blocks) + "\n"


def import_seconds(bib: Path, home: Path) -> tuple[float, float, str]:
    """Wall and CPU time of ``paperpass import`` into a fresh library, and its summary line."""
    env = {**os.environ, "PAPERPASS_HOME": str(home), "PAPERPASS_SEED_GUIDE": "0"}
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    subprocess.run([*PAPERPASS, "init"], env=env, check=True, capture_output=True)  # not timed: migrations
    log = home / "import.log"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with log.open("w") as out:
        done = subprocess.run([*PAPERPASS, "import", str(bib)], env=env, stdout=out, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = log.read_text().splitlines()
    if done.returncode != 0:
        raise SystemExit(f"import failed ({done.returncode}): {lines[-3:]}")
    summary = next((line for line in reversed(lines) if " added" in line), lines[-1] if lines else "")
    return seconds, cpu, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 5_000, 20_000])
    args = parser.parse_args()
    rows: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory(prefix="paperpass-bench-") as tmp:
        one = Path(tmp) / "one.bib"
        one.write_text(bibliography(1), encoding="utf-8")
        startup = import_seconds(one, Path(tmp) / "home-1")[0]  # starting the command, opening a library
        print(f"startup (a one-entry file): {startup:.1f} s, subtracted from the per-entry figures")
        for size in args.sizes:
            bib = Path(tmp) / f"refs-{size}.bib"
            bib.write_text(bibliography(size), encoding="utf-8")
            seconds, cpu, summary = import_seconds(bib, Path(tmp) / f"home-{size}")
            rows.append((size, seconds))
            per_entry = max(seconds - startup, 0.0) / size * 1e6
            print(f"{size:>7,} entries  {seconds:7.1f} s  (CPU {cpu:5.1f} s)  {per_entry:8.0f} us/entry"
                  f"   {summary}", flush=True)  # fmt: skip
    (small, t_small), (large, t_large) = rows[0], rows[-1]
    if large > small:
        ratio = ((t_large - startup) / large) / max((t_small - startup) / small, 1e-9)
        print(f"per-entry cost at {large:,} / at {small:,}: {ratio:.2f} (1.0 = linear)")
    if TARGET_SIZE in dict(rows):
        met = dict(rows)[TARGET_SIZE] < TARGET_SECONDS
        print(f"target: {TARGET_SIZE:,} entries in < {TARGET_SECONDS:.0f} s: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
