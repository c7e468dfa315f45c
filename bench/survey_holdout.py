"""Accuracy of paperpass.pdf.survey() on the hold-out template set in bench/holdout.

THIS SET IS NEVER USED TO TUNE THE EXTRACTOR. It measures how the extractor generalises to layouts
nobody has looked at while changing it: do not read its misses to fix rules, and do not add special
cases for its papers. If that happens anyway, the set is spent and must be replaced by a new one
(new papers, new templates, new labels); see bench/holdout/README.md.

Usage: ``python bench/survey_holdout.py [-v]``. The set is ten synthetic LaTeX papers in templates and
options that neither the dev corpus nor bench/styles use (IEEEtran compsoc, acmart acmsmall, elsarticle
5p, revtex4-2 aip preprint, KOMA scrartcl, memoir with run-in heads, MNRAS, AASTeX 6.31, article with a
headless bold abstract and natbib, one-column arXiv article with a long appendix): sources in
``bench/holdout/src``, PDFs built by ``sh bench/_build_set.sh bench/holdout``, labels in
``bench/holdout/labels`` (schema and rules of shared/corpus/README.md, checked by
``bench/_check_labels.py bench/holdout``). Scoring and the printed table are those of
``bench/survey_accuracy.py`` (which uses ``bench/_scoring.py``); only the corpus differs.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HOLDOUT = HERE / "holdout"
sys.path.insert(0, str(HERE))

import survey_accuracy  # noqa: E402 - found through the path above


def main() -> int:
    print(f"hold-out set: {HOLDOUT} (never tuned on)")
    return survey_accuracy.main(HOLDOUT)


if __name__ == "__main__":
    sys.exit(main())
