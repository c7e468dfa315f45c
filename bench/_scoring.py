"""Scoring helpers for bench/survey_accuracy.py (label schema: shared/corpus/README.md)."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from typing import Any

from paperpass.pdf import Survey

_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "−": "-", "‐": "-"})


def norm(text: str | None) -> str:
    """NFKC, quote and dash folding, case folding, whitespace collapsed."""
    t = unicodedata.normalize("NFKC", text or "").translate(_FOLD).casefold()
    return re.sub(r"\s+", " ", t).strip()


def ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def starts_with(text: str, prefix: str, tol: float = 0.9) -> bool:
    """``text`` starts with ``prefix`` (normalised), allowing a small edit distance."""
    t, p = norm(text), norm(prefix)
    if not p:
        return not t
    return t.startswith(p) or ratio(t[: len(p)], p) >= tol


def ends_with(text: str, suffix: str, tol: float = 0.9) -> bool:
    t, s = norm(text), norm(suffix)
    if not s:
        return not t
    return t.endswith(s) or ratio(t[-len(s) :], s) >= tol


def f1(tp: int, n_pred: int, n_gold: int) -> float:
    if n_pred == 0 and n_gold == 0:
        return 1.0
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def ordered_matches(pred: list[str], gold: list[str], tol: float = 0.9) -> int:
    """Size of the longest order-respecting matching with fuzzy title similarity >= tol."""
    n, m = len(pred), len(gold)
    dp = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n):
        for j in range(m):
            hit = ratio(norm(pred[i]), norm(gold[j])) >= tol
            dp[i + 1][j + 1] = max(dp[i][j + 1], dp[i + 1][j], dp[i][j] + hit)
    return dp[n][m]


def subsections(sheet: Survey) -> dict[str, list[str]]:
    """Level-2 titles under each main section of the sheet."""
    main = {id(s) for s in sheet.main_sections}
    out: dict[str, list[str]] = {}
    current: str | None = None
    for s in sheet.sections:
        if s.level == 1:
            current = s.title if id(s) in main else None
            if current is not None:
                out[current] = []
        elif s.level == 2 and current is not None:
            out[current].append(s.title)
    return out


def _label_number(label: str) -> str:
    m = re.match(r"^\s*(?:figure|fig\.?|table|tab\.?)\s*([A-Z]?\d+(?:\.\d+)?|[IVX]+)", label, re.IGNORECASE)
    return m.group(1).upper() if m else ""


def caption_counts(pred: list[Any], gold: list[str]) -> tuple[int, int, int]:
    """(true positives, predicted, gold): a hit needs the same number and a matching caption start."""
    by_num = {_label_number(c.label): c for c in pred}
    tp = 0
    for g in gold:
        c = by_num.get(_label_number(g))
        if c is not None and starts_with(c.caption, g, tol=0.85):
            tp += 1
    return tp, len(pred), len(gold)


def score(sheet: Survey, label: dict[str, Any]) -> dict[str, Any]:
    """Per-field scores of one sheet against one label."""
    pred_authors = [norm(a) for a in sheet.authors]
    gold_authors = [norm(a) for a in label["authors"]]
    a_tp = sum(1 for g in gold_authors if any(ratio(g, p) >= 0.9 for p in pred_authors))
    main = [s.title for s in sheet.main_sections]
    s_tp = ordered_matches(main, label["sections"])
    subs = subsections(sheet)
    sub_tp = sub_pred = sub_gold = 0
    for sec, gold_subs in label["subsections"].items():
        key = next((k for k in subs if ratio(norm(k), norm(sec)) >= 0.9), None)
        pred_subs = subs.get(key, []) if key else []
        sub_tp += ordered_matches(pred_subs, gold_subs)
        sub_pred += len(pred_subs)
        sub_gold += len(gold_subs)
    gold_concl = label["conclusion_heading"]
    got_concl = sheet.conclusion.heading if sheet.conclusion else None
    concl_ok = (gold_concl is None and got_concl is None) or (
        gold_concl is not None and got_concl is not None and ratio(norm(gold_concl), norm(got_concl)) >= 0.9
    )
    return {
        "title": float(norm(sheet.title) == norm(label["title"])),
        "authors": (a_tp, len(pred_authors), len(gold_authors)),
        "abstract_start": float(starts_with(sheet.abstract, label["abstract_starts"])),
        "abstract_end": float(ends_with(sheet.abstract, label["abstract_ends"])),
        "intro": float(starts_with(sheet.intro_last_paragraph, label["intro_last_paragraph_starts"])),
        "sections": (s_tp, len(main), len(label["sections"])),
        "subsections": (sub_tp, sub_pred, sub_gold),
        "conclusion": float(concl_ok),
        "figures": caption_counts(sheet.figures, label["figures"]),
        "tables": caption_counts(sheet.tables, label["tables"]),
    }
