"""Accuracy of paperpass.pdf.survey() on the synthetic template set in bench/styles.

Usage: ``python bench/survey_styles.py [-v]``. The set is nine LaTeX papers in templates the dev
corpus lacks (IEEEtran conference and journal, acmart sigconf, llncs, elsarticle, revtex4-2, amsart, plain
article with unnumbered sections, two-column article with appendix): sources in ``bench/styles/src``,
PDFs built by ``bench/styles/build.sh`` into ``bench/styles/pdfs``, labels in ``bench/styles/labels``
(schema and rules of shared/corpus/README.md). Scoring and the printed table are those of
``bench/survey_accuracy.py`` (which uses ``bench/_scoring.py``); only the corpus differs. The extractor's
template rules were fixed against these papers (a second development set); bench/survey_holdout.py scores
the papers never tuned on.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STYLES = HERE / "styles"
sys.path.insert(0, str(HERE))


def main() -> int:
    os.environ["PAPERPASS_CORPUS"] = str(STYLES)
    import survey_accuracy  # after setting PAPERPASS_CORPUS, which its main() reads

    print(f"template set: {STYLES}")
    return survey_accuracy.main()


if __name__ == "__main__":
    sys.exit(main())
