"""Note lint: the guide's rules for each field. Every finding names the field and what is wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperpass.notes.document import NoteDocument
from paperpass.notes.template import BY_KEY, FIELDS

# Abbreviations whose dot does not end a sentence.
_ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|et al|vs|cf|etc|fig|eq|sec|approx|resp|no|dr|mr|ms)\.", re.I)
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_INLINE_MATH = re.compile(r"\$[^$]*\$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S", re.M)
_NUMBER = re.compile(r"\d")
_PLACEHOLDERS = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b|^\s*(\.\.\.|…)\s*$|<fill[^>]*>", re.M)


@dataclass(frozen=True)
class Finding:
    """One problem in a note: which field, and what is wrong with it."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{BY_KEY[self.field].heading} ({self.field}): {self.message}"


def count_sentences(text: str) -> int:
    """Sentences in prose: abbreviations (e.g., et al.) and decimals do not end one; math is ignored."""
    prose = _INLINE_MATH.sub("x", _ABBREVIATIONS.sub(lambda m: m.group(1), text))
    prose = " ".join(prose.split())
    if not prose:
        return 0
    pieces = [p for p in _SENTENCE_END.split(prose) if p.strip(" \t\"')”’*_")]
    return max(1, len(pieces))


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PROMPTS = {" ".join(f.prompt.lower().split()) for f in FIELDS}


def unfilled(text: str) -> bool:
    """Whether a line of a note is still the template's (a TODO-style placeholder, a field's prompt, a
    comment, a lone '...'): what nobody wrote, never to be shown as if someone had."""
    words = " ".join(_COMMENT.sub(" ", text).split())
    if not words:
        return True
    return bool(_PLACEHOLDERS.search(words)) or words.lower().strip(" -*") in _PROMPTS


def placeholder_findings(doc: NoteDocument) -> list[Finding]:
    """A finding for every field that still holds a placeholder (TODO, TBD, a lone '...')."""
    found = []
    for note_field in FIELDS:
        match = _PLACEHOLDERS.search(doc.text(note_field.key))
        if match:
            found.append(Finding(note_field.key, f"placeholder {match.group(0).strip()!r} left"))
    return found


def lint_note(doc: NoteDocument) -> list[Finding]:
    """Check a note against the guide's template.

    Rules: problem is one sentence; key idea is 2-3 sentences; method has bullets; results contain at
    least one number; limitations and questions are not empty; no placeholders left anywhere.
    """
    placeholders = placeholder_findings(doc)
    with_placeholder = {f.field for f in placeholders}
    findings: list[Finding] = []

    def text(key: str) -> str:
        return "" if key in with_placeholder else doc.text(key)

    problem = count_sentences(text("problem"))
    if problem == 0 and "problem" not in with_placeholder:
        findings.append(Finding("problem", "empty: write one sentence"))
    elif problem > 1:
        findings.append(Finding("problem", f"{problem} sentences; the problem is one sentence"))
    key_idea = count_sentences(text("key_idea"))
    if key_idea == 0 and "key_idea" not in with_placeholder:
        findings.append(Finding("key_idea", "empty: write 2-3 sentences"))
    elif key_idea and not 2 <= key_idea <= 3:
        findings.append(Finding("key_idea", f"{key_idea} sentence(s); the key idea is 2-3 sentences"))
    if "method" not in with_placeholder and not _BULLET.search(text("method")):
        findings.append(Finding("method", "no bullet points ('- ...')"))
    if "results" not in with_placeholder and not _NUMBER.search(text("results")):
        findings.append(Finding("results", "no number: give at least one result (a score, a speed-up)"))
    for key in ("limitations", "questions"):
        if key not in with_placeholder and not text(key):
            findings.append(Finding(key, "empty"))
    order = [f.key for f in FIELDS]
    return sorted(findings + placeholders, key=lambda f: order.index(f.field))
