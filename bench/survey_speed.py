"""Speed and memory of paperpass.pdf.survey().

Usage: ``python bench/survey_speed.py`` (corpus from ``$PAPERPASS_CORPUS``, default ``../shared/corpus``).
For each corpus PDF: the best-of-N time of survey() and, in the same run (taking turns), of a fresh
open plus ``page.get_text()`` over all pages; prints the ratio per paper and the median. Then the peak memory
(ru_maxrss of a child process) of surveying a generated 300-page document.
Targets: median ratio <= 1.5; a ~15-page paper under 150 ms; peak memory under 200 MB.

For information (not a target), it also times the floor of any span-level extraction: a fresh open
plus MuPDF's text page and ``extractDICT()`` (fonts, sizes and flags of every span) over all pages,
with the survey's own flags, and prints the median ratio survey()/floor. That floor alone is about
1.4x plain text on the corpus, so the 1.5 target leaves the survey's own work almost no room.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pymupdf

from paperpass.pdf import survey
from paperpass.pdf.rawtext import TEXT_FLAGS

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 5


def corpus_dir() -> Path:
    return Path(os.environ.get("PAPERPASS_CORPUS", ROOT.parent / "shared" / "corpus"))


def plain_text(path: Path) -> None:
    doc = pymupdf.open(path)
    for page in doc:
        page.get_text()
    doc.close()


def dict_floor(path: Path) -> None:
    """Fresh open + text page + ``extractDICT()`` over all pages: what any span-level survey pays."""
    doc = pymupdf.open(path)
    for page in doc:
        page.get_textpage(flags=TEXT_FLAGS).extractDICT()
    doc.close()


def best(fns: list[Callable[[Path], object]], path: Path) -> list[float]:
    """Best-of-REPEAT time of each function, the functions taking turns (a load burst hits all alike)."""
    times = [float("inf")] * len(fns)
    for _ in range(REPEAT):
        for i, fn in enumerate(fns):
            t = time.perf_counter()
            fn(path)
            times[i] = min(times[i], time.perf_counter() - t)
    return times


def make_long_pdf(path: Path, pages: int = 300) -> None:
    """A generated document with a title page, numbered sections and captions on every page."""
    doc = pymupdf.open()
    para = (
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
        "labore et dolore magna aliqua. "
    ) * 12
    for n in range(pages):
        page = doc.new_page()
        if n == 0:
            title = "A Generated Long Document for Memory Tests"
            page.insert_text((72, 90), title, fontsize=17, fontname="hebo")
        page.insert_text((72, 130), f"{n + 1} Section Number {n + 1}", fontsize=12, fontname="hebo")
        page.insert_textbox(pymupdf.Rect(72, 140, 540, 520), para, fontsize=10)
        page.insert_textbox(
            pymupdf.Rect(72, 540, 540, 600), f"Figure {n + 1}: A caption for figure {n + 1}.", fontsize=9
        )
        page.insert_textbox(pymupdf.Rect(72, 610, 540, 740), para[:600], fontsize=10)
    doc.save(path)
    doc.close()


def memory_child(path: str) -> None:
    t = time.perf_counter()
    sheet = survey(path)
    elapsed = time.perf_counter() - t
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{peak_kb / 1024:.1f} {elapsed:.2f} {len(sheet.sections)} {len(sheet.figures)}")


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--memory-child":
        memory_child(sys.argv[2])
        return 0
    pdfs = sorted((corpus_dir() / "pdfs").glob("*.pdf"))
    if not pdfs:
        print(f"error: no PDFs under {corpus_dir()}/pdfs", file=sys.stderr)
        return 2
    print(
        f"{'paper':<20} {'pages':>5} {'survey ms':>10} {'text ms':>8} {'ratio':>6}"
        f" {'dict ms':>8} {'s/dict':>6}"
    )
    ratios = []
    floor_ratios = []  # survey / extractDICT floor
    floors = []  # extractDICT floor / plain text
    totals = [0.0, 0.0, 0.0]
    near15: list[tuple[int, float]] = []
    for path in pdfs:
        survey(path)  # warm-up (imports, caches)
        t_text, t_survey, t_dict = best([plain_text, survey, dict_floor], path)
        pages = pymupdf.open(path).page_count
        ratio = t_survey / t_text
        ratios.append(ratio)
        floor_ratios.append(t_survey / t_dict)
        floors.append(t_dict / t_text)
        totals = [totals[0] + t_survey, totals[1] + t_text, totals[2] + t_dict]
        near15.append((abs(pages - 15), t_survey))
        print(
            f"{path.stem[:20]:<20} {pages:>5} {t_survey * 1000:>10.1f} {t_text * 1000:>8.1f} {ratio:>6.2f}"
            f" {t_dict * 1000:>8.1f} {t_survey / t_dict:>6.2f}"
        )
    survey_ms, text_ms, dict_ms = (t * 1000 for t in totals)
    print(f"{'total':<20} {'':>5} {survey_ms:>10.1f} {text_ms:>8.1f} {'':>6} {dict_ms:>8.1f}")
    median = statistics.median(ratios)
    verdict = "PASS" if median <= 1.5 else "MISS"
    print(f"\nmedian ratio survey/plain-text: {median:.2f}  {verdict} (<= 1.5)")
    print(
        f"median ratio survey/extractDICT floor: {statistics.median(floor_ratios):.2f}  (informational, no"
        f" target; the floor itself is {statistics.median(floors):.2f}x plain text)"
    )
    fifteen = [t for d, t in near15 if d <= 1]
    if fifteen:
        worst = max(fifteen)
        verdict = "PASS" if worst < 0.15 else "MISS"
        print(f"14-16 page papers, slowest survey: {worst * 1000:.0f} ms  {verdict} (< 150 ms)")
    with tempfile.TemporaryDirectory() as tmp:
        long_pdf = Path(tmp) / "long300.pdf"
        make_long_pdf(long_pdf)
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(long_pdf)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        peak, secs = float(out[0]), float(out[1])
        print(
            f"300-page generated document: peak RSS {peak:.0f} MB, survey {secs:.2f} s  "
            f"{'PASS' if peak < 200 else 'MISS'} (< 200 MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
