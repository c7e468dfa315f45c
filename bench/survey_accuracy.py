"""Accuracy of paperpass.pdf.survey() on the labelled corpus.

Usage: ``python bench/survey_accuracy.py [-v]`` (corpus from ``$PAPERPASS_CORPUS``, default
``../shared/corpus`` relative to the repository root). Prints a table per paper and per field, the
totals and PASS/MISS per target. Exits non-zero only on errors (missing corpus, crash), not on misses.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _scoring import f1, norm, score  # noqa: E402

from paperpass.pdf import survey  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIELDS = [
    "title",
    "authors",
    "abstract_start",
    "abstract_end",
    "intro",
    "sections",
    "subsections",
    "conclusion",
    "figures",
    "tables",
]
COUNTED = {"authors", "sections", "subsections", "figures", "tables"}
TARGETS: list[tuple[str, list[str], float]] = [
    ("title", ["title"], 1.0),
    ("abstract", ["abstract_start", "abstract_end"], 0.95),
    ("sections F1", ["sections"], 0.95),
    ("subsections", ["subsections"], 0.90),
    ("captions F1", ["figures", "tables"], 0.95),
    ("intro", ["intro"], 0.90),
    ("conclusion", ["conclusion"], 0.90),
    ("authors F1", ["authors"], 0.95),
]
"""Issue 19's targets for real papers not seen during development."""


def corpus_dir() -> Path:
    return Path(os.environ.get("PAPERPASS_CORPUS", ROOT.parent / "shared" / "corpus"))


def _cell(value: Any) -> float:
    return f1(*value) if isinstance(value, tuple) else float(value)


def main(corpus: Path | None = None) -> int:
    """Score every labelled PDF of ``corpus`` (default: the shared corpus) and print the tables."""
    corpus = corpus or corpus_dir()
    labels = sorted((corpus / "labels").glob("*.json"))
    if not labels:
        print(f"error: no labels under {corpus}/labels", file=sys.stderr)
        return 2
    return evaluate(labels, corpus / "pdfs")


def evaluate(labels: list[Path], pdf_dir: Path) -> int:
    """Score the PDFs of ``labels`` (files named by each label, read from ``pdf_dir``); print the tables."""
    verbose = "-v" in sys.argv
    rows: list[tuple[str, dict[str, Any]]] = []
    for path in labels:
        label = json.loads(path.read_text(encoding="utf-8"))
        sheet = survey(pdf_dir / label["file"])
        result = score(sheet, label)
        rows.append((label["id"], result))
        if verbose:
            _explain(label, sheet, result)
    short = {
        "abstract_start": "abs_s",
        "abstract_end": "abs_e",
        "subsections": "subsec",
        "conclusion": "concl",
        "sections": "sect",
        "figures": "figs",
        "tables": "tabs",
    }
    head = ["paper".ljust(14)] + [short.get(f, f)[:7].rjust(7) for f in FIELDS]
    print(" ".join(head))
    for pid, result in rows:
        print(" ".join([pid[:14].ljust(14)] + [f"{_cell(result[f]):7.2f}" for f in FIELDS]))
    totals: dict[str, float] = {}
    for f in FIELDS:
        if f in COUNTED:
            tp = sum(r[f][0] for _, r in rows)
            npred = sum(r[f][1] for _, r in rows)
            ngold = sum(r[f][2] for _, r in rows)
            totals[f] = f1(tp, npred, ngold)
        else:
            totals[f] = sum(r[f] for _, r in rows) / len(rows)
    print(" ".join(["TOTAL".ljust(14)] + [f"{totals[f]:7.2f}" for f in FIELDS]))
    print()
    for name, fields, target in TARGETS:
        if name == "captions F1":
            tp = sum(r[f][0] for _, r in rows for f in fields)
            npred = sum(r[f][1] for _, r in rows for f in fields)
            ngold = sum(r[f][2] for _, r in rows for f in fields)
            value = f1(tp, npred, ngold)
        else:
            value = sum(totals[f] for f in fields) / len(fields)
        status = "PASS" if value >= target else "MISS"
        print(f"{status}  {name:<12} {value:6.3f}  (target >= {target:.2f})")
    return 0


def _explain(label: dict[str, Any], sheet: Any, result: dict[str, Any]) -> None:
    print(f"--- {label['id']}")
    if not result["title"]:
        print(f"  title: got {sheet.title!r} want {label['title']!r}")
    if _cell(result["authors"]) < 1:
        print(f"  authors: got {sheet.authors} want {label['authors']}")
    if not result["abstract_start"]:
        print(f"  abstract start: got {sheet.abstract[:100]!r} want {label['abstract_starts']!r}")
    if not result["abstract_end"]:
        print(f"  abstract end: got {sheet.abstract[-100:]!r} want {label['abstract_ends']!r}")
    if not result["intro"]:
        want = label["intro_last_paragraph_starts"]
        print(f"  intro: got {sheet.intro_last_paragraph[:100]!r} want {want!r}")
    if _cell(result["sections"]) < 1:
        print(f"  sections: got {[s.title for s in sheet.main_sections]} want {label['sections']}")
    if _cell(result["subsections"]) < 1:
        from _scoring import subsections

        print(f"  subsections: got {subsections(sheet)}\n    want {label['subsections']}")
    if not result["conclusion"]:
        got = sheet.conclusion.heading if sheet.conclusion else None
        print(f"  conclusion: got {got!r} want {label['conclusion_heading']!r}")
    for kind in ("figures", "tables"):
        if _cell(result[kind]) < 1:
            got = getattr(sheet, kind)
            have = {norm(c.caption)[:40] for c in got}
            print(f"  {kind}: got {len(got)} want {len(label[kind])}")
            for g in label[kind]:
                if not any(h.startswith(norm(g)[:30]) for h in have):
                    print(f"    missing {g!r}")
            gold = {norm(g)[:25] for g in label[kind]}
            for c in got:
                if not any(norm(c.caption).startswith(g) for g in gold):
                    print(f"    extra {c.caption[:70]!r}")


if __name__ == "__main__":
    sys.exit(main())
