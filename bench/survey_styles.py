"""Accuracy of paperpass.pdf.survey() on the synthetic template set in bench/styles.

Usage: ``python bench/survey_styles.py [-v]``. LaTeX papers in templates the dev corpus lacks (IEEEtran,
acmart, llncs, elsarticle, revtex4-2, amsart, plain article) and in the looks of ML venues whose style
files Debian lacks (NeurIPS, ICML, ICLR, ACL, CVPR, arXiv preprint, JMLR, a big-lab report). Sources in
``bench/styles/src``, PDFs built by ``sh bench/_build_set.sh bench/styles``, labels in
``bench/styles/labels`` (schema and rules of shared/corpus/README.md). Scoring is that of
``bench/survey_accuracy.py``; only the corpus differs. The extractor's template rules were fixed against
these papers (a second development set); ``bench/survey_holdout.py`` scores the papers never tuned on.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STYLES = HERE / "styles"
sys.path.insert(0, str(HERE))

import survey_accuracy  # noqa: E402 - found through the path above


def main() -> int:
    print(f"template set: {STYLES}")
    return survey_accuracy.main(STYLES)


if __name__ == "__main__":
    sys.exit(main())
