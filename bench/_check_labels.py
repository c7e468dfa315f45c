"""Check that every label string of a labelled set occurs in its PDF's text.

The text is compared dehyphenated (soft and hard) and normalised like the scorer (bench/_scoring.norm),
with ligatures expanded. Strings found only after removing accents (OT1 fonts print an accented letter
as letter + separate accent glyph) are reported, not failed.

Usage: ``python bench/_check_labels.py SET_DIR`` (bench/styles or bench/holdout: SET_DIR holds
``labels/*.json`` and ``pdfs/``). Exits 1 when a string is missing. Not run by ``make bench``.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pymupdf

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _scoring import norm  # noqa: E402

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
SPACING_ACCENTS = "\u00b4\u02dc\u00a8`\u02c6\u00b8\u02d8\u02c7\u02d9\u02da"


def unaccent(text: str) -> str:
    """Accents removed, for names that OT1 fonts print as letter plus separate accent glyph (Wi´sniewski)."""
    text = "".join(c for c in text if c not in SPACING_ACCENTS)
    text = re.sub(r"\s[\u0300-\u036f]", "", text)  # NFKC turns a spacing accent into space + combining mark
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text)


def label_strings(lab: dict[str, Any]) -> list[str]:
    out = [str(lab[k]) for k in ("title", "abstract_starts", "abstract_ends", "intro_last_paragraph_starts")]
    out += [str(lab[k]) for k in ("intro_heading", "conclusion_heading") if lab.get(k)]
    for key in ("authors", "sections", "figures", "tables"):
        out += [str(x) for x in lab[key]]
    for subs in lab["subsections"].values():
        out += [str(x) for x in subs]
    return out


def pdf_texts(pdf: Path) -> tuple[str, ...]:
    """The PDF text normalised three ways: soft hyphens joined, hard hyphens kept, line breaks as spaces."""
    with pymupdf.open(pdf) as doc:  # type: ignore[no-untyped-call]
        raw = "\n".join(page.get_text() for page in doc)
    for lig, plain in LIGATURES.items():
        raw = raw.replace(lig, plain)
    return norm(re.sub(r"-\n", "", raw)), norm(re.sub(r"-\n", "-", raw)), norm(raw)


def check(set_dir: Path) -> int:
    n_missing = 0
    for path in sorted((set_dir / "labels").glob("*.json")):
        lab = json.loads(path.read_text(encoding="utf-8"))
        texts = pdf_texts(set_dir / "pdfs" / lab["file"])
        missing = [s for s in label_strings(lab) if not any(norm(s) in t for t in texts)]
        folded = [s for s in missing if any(unaccent(norm(s)) in unaccent(t) for t in texts)]
        missing = [s for s in missing if s not in folded]
        n_missing += len(missing)
        status = "not found: " + repr(missing) if missing else "all found"
        if folded:
            status += f" (found only with accents removed: {folded!r})"
        print(f"{lab['id']:<24} {status}")
    return n_missing


def main() -> int:
    set_dir = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else HERE / "holdout"
    return 1 if check(set_dir) else 0


if __name__ == "__main__":
    sys.exit(main())
