"""Accuracy of paperpass.pdf.survey() on the real development corpus (bench/dev_corpus).

Usage: ``python bench/survey_dev_corpus.py [-v]``. Thirty-six real papers taken unchanged from public
GitHub repositories (arXiv preprints, conference and journal versions, long reports with a printed table
of contents, files carrying reader annotations), labelled by hand in the schema and rules of
``shared/corpus/README.md``. The labels and ``manifest.json`` (repository, path, commit, sha256, venue,
why chosen) are committed under ``bench/dev_corpus``; the PDFs are not (they are other people's files):
they are read from ``$PAPERPASS_DEV_CORPUS/pdfs`` (default ``<repo>/../dev-corpus/pdfs``), checked against
the manifest's sha256, and a missing or different file is named, with where to get it again.

Two parts, scored separately:

- ``labels/``: the development part, used while writing extractor rules;
- ``heldout/``: about a third of the papers, never looked at while changing the extractor. Its figures
  are the honest estimate for real papers nobody tuned on; do not read its misses to fix rules.

A machine without the PDFs gets the list of missing files and exit status 0 (``make bench`` goes on);
a crash exits non-zero.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SET = HERE / "dev_corpus"
sys.path.insert(0, str(HERE))

import survey_accuracy  # noqa: E402 - found through the path above


def pdf_dir() -> Path:
    """Where the corpus PDFs are: ``$PAPERPASS_DEV_CORPUS/pdfs``, default ``<repo>/../dev-corpus/pdfs``."""
    return Path(os.environ.get("PAPERPASS_DEV_CORPUS", ROOT.parent / "dev-corpus")) / "pdfs"


def available(part: str, pdfs: Path, manifest: dict[str, dict[str, str]]) -> tuple[list[Path], list[str]]:
    """The labels of ``part`` whose PDF is present with the manifest's sha256, and why the others are not."""
    ok: list[Path] = []
    problems: list[str] = []
    for label_path in sorted((SET / part).glob("*.json")):
        entry = manifest[label_path.stem]
        pdf = pdfs / entry["file"]
        if not pdf.is_file():
            where = f"git show {entry['commit']}:{entry['path']!r} in {entry['repo']}"
            problems.append(f"missing {pdf} ({where})")
            continue
        digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
        if digest != entry["sha256"]:
            problems.append(f"different file {pdf}: sha256 {digest[:12]}, want {entry['sha256'][:12]}")
            continue
        ok.append(label_path)
    return ok, problems


def main() -> int:
    manifest = {e["id"]: e for e in json.loads((SET / "manifest.json").read_text(encoding="utf-8"))}
    pdfs = pdf_dir()
    found = 0
    for part, title in (("labels", "development part"), ("heldout", "held-out part (never tuned on)")):
        labels, problems = available(part, pdfs, manifest)
        print(f"real dev corpus, {title}: {len(labels)} of {len(labels) + len(problems)} papers in {pdfs}")
        for problem in problems:
            print(f"  {problem}")
        if labels:
            found += len(labels)
            survey_accuracy.evaluate(labels, pdfs)
        print()
    if not found:
        print(f"skipped: no corpus PDF under {pdfs}; bench/dev_corpus/README.md says how to fetch them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
