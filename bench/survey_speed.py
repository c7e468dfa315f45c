"""Speed and memory of paperpass.pdf.survey().

Usage: ``python bench/survey_speed.py``. The PDFs of the shared corpus (``$PAPERPASS_CORPUS``, default
``../shared/corpus``) and of the real development corpus (``$PAPERPASS_DEV_CORPUS``, default
``../dev-corpus``; skipped when absent). For each PDF: the best-of-N time of survey() and, in the same
run (taking turns), of PyMuPDF's span layer, a fresh open plus ``page.get_text("dict")`` on every page
(the least any font-aware extractor must do); prints the ratio per paper and the median. Then the peak
memory (ru_maxrss of a child process) of surveying a generated 300-page document.
Targets (issue 19): median ratio survey/span layer <= 1.5; the slowest 14-16 page paper under 150 ms;
peak memory under 200 MB.

For information it also prints the ratio to plain text (``page.get_text()``), the older measure.
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

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 5


def corpus_dir() -> Path:
    return Path(os.environ.get("PAPERPASS_CORPUS", ROOT.parent / "shared" / "corpus"))


def dev_corpus_dir() -> Path:
    return Path(os.environ.get("PAPERPASS_DEV_CORPUS", ROOT.parent / "dev-corpus"))


def span_layer(path: Path) -> None:
    """Fresh open + ``get_text("dict")`` on every page: PyMuPDF's span layer, the target's reference."""
    doc = pymupdf.open(path)
    for page in doc:
        page.get_text("dict")
    doc.close()


def plain_text(path: Path) -> None:
    doc = pymupdf.open(path)
    for page in doc:
        page.get_text()
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


def measure_memory() -> str:
    """Peak memory and time of surveying a generated 300-page document, in a child process."""
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
        return (
            f"300-page generated document: peak RSS {peak:.0f} MB, survey {secs:.2f} s  "
            f"{'PASS' if peak < 200 else 'MISS'} (< 200 MB)"
        )


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--memory-child":
        memory_child(sys.argv[2])
        return 0
    # Measured first: Linux's ru_maxrss of a child counts the parent's size at fork, so the child is
    # started while this process is still small.
    memory_line = measure_memory()
    pdfs = sorted((corpus_dir() / "pdfs").glob("*.pdf")) + sorted((dev_corpus_dir() / "pdfs").glob("*.pdf"))
    if not pdfs:
        print(f"error: no PDFs under {corpus_dir()}/pdfs", file=sys.stderr)
        return 2
    print(
        f"{'paper':<20} {'pages':>5} {'survey ms':>10} {'spans ms':>9} {'ratio':>6}"
        f" {'text ms':>8} {'s/text':>6}"
    )
    ratios = []  # survey / span layer
    text_ratios = []  # survey / plain text
    totals = [0.0, 0.0, 0.0]
    near15: list[tuple[int, float, str]] = []
    for path in pdfs:
        survey(path)  # warm-up (imports, caches)
        t_spans, t_survey, t_text = best([span_layer, survey, plain_text], path)
        pages = pymupdf.open(path).page_count
        ratio = t_survey / t_spans
        ratios.append(ratio)
        text_ratios.append(t_survey / t_text)
        totals = [totals[0] + t_survey, totals[1] + t_spans, totals[2] + t_text]
        near15.append((abs(pages - 15), t_survey, path.stem))
        print(
            f"{path.stem[:20]:<20} {pages:>5} {t_survey * 1000:>10.1f} {t_spans * 1000:>9.1f} {ratio:>6.2f}"
            f" {t_text * 1000:>8.1f} {t_survey / t_text:>6.2f}"
        )
    survey_ms, spans_ms, text_ms = (t * 1000 for t in totals)
    print(f"{'total':<20} {'':>5} {survey_ms:>10.1f} {spans_ms:>9.1f} {'':>6} {text_ms:>8.1f}")
    median = statistics.median(ratios)
    verdict = "PASS" if median <= 1.5 else "MISS"
    print(
        f"\n{len(pdfs)} PDFs, median ratio survey/span layer (get_text('dict')): {median:.2f}"
        f"  {verdict} (<= 1.5)"
    )
    print(f"median ratio survey/plain text: {statistics.median(text_ratios):.2f}  (informational)")
    fifteen = [(t, name) for d, t, name in near15 if d <= 1]
    if fifteen:
        worst, name = max(fifteen)
        verdict = "PASS" if worst < 0.15 else "MISS"
        print(f"14-16 page papers, slowest survey: {worst * 1000:.0f} ms ({name})  {verdict} (< 150 ms)")
    print(memory_line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
