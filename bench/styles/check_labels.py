"""Check that every label string in bench/styles/labels occurs in its PDF's text.

The text is compared dehyphenated (soft and hard) and normalised like the scorer (bench/_scoring.norm).
Usage: ``python bench/styles/check_labels.py``. Not run by ``make bench``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pymupdf

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from _scoring import norm  # noqa: E402

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}


def label_strings(lab: dict[str, Any]) -> list[str]:
    out = [str(lab[k]) for k in ("title", "abstract_starts", "abstract_ends", "intro_last_paragraph_starts")]
    for key in ("authors", "sections", "figures", "tables"):
        out += [str(x) for x in lab[key]]
    for subs in lab["subsections"].values():
        out += [str(x) for x in subs]
    return out


def main() -> int:
    for path in sorted((HERE / "labels").glob("*.json")):
        lab = json.loads(path.read_text(encoding="utf-8"))
        with pymupdf.open(HERE / "pdfs" / lab["file"]) as doc:
            raw = "\n".join(page.get_text() for page in doc)
        for lig, plain in LIGATURES.items():
            raw = raw.replace(lig, plain)
        texts = (norm(re.sub(r"-\n", "", raw)), norm(re.sub(r"-\n", "-", raw)), norm(raw))
        missing = [s for s in label_strings(lab) if not any(norm(s) in t for t in texts)]
        print(f"{lab['id']:<24} {'not found: ' + repr(missing) if missing else 'all found'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
