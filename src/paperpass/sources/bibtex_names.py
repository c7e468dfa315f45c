"""Name lists as BibTeX writes them: ``Last, First and {Mistral AI} and others``.

BibTeX separates names with ``and`` outside braces; a name wrapped whole in braces is one literal name
(an organisation: ``{Mistral AI}``, ``{{DeepSeek-AI}}``), and a final ``others`` says the list is cut short
("et al."). Names that come without braces (the guide, arXiv) are told apart by
:func:`looks_like_organisation`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperpass.sources.latex import latex_to_text

_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_TRUNCATION = frozenset({"others", "et al.", "et al", "etal", "et. al."})
ORGANISATION_WORDS = frozenset(
    {
        "ai", "team", "teams", "lab", "labs", "laboratory", "research", "inc", "inc.", "corp", "corp.",
        "corporation", "collaboration", "consortium", "group", "institute", "university", "foundation",
        "project", "council", "committee", "organization", "organisation", "association", "society",
        "company", "ltd", "ltd.", "llc", "gmbh", "deepmind", "brain", "initiative", "authors", "center",
        "centre", "department", "agency", "office",
    }
)  # fmt: skip
"""Last words that make a name an organisation's (``Meta AI``, ``Gemini Team``, ``Allen Institute``)."""


@dataclass(frozen=True)
class Name:
    """One name: a person's given and family names, or a ``literal`` (an organisation, a mononym)."""

    given: str = ""
    family: str = ""
    literal: str = ""

    @property
    def display(self) -> str:
        """The name as people write it: ``Ashish Vaswani``, ``Mistral AI``."""
        return self.literal or " ".join(p for p in (self.given, self.family) if p)


@dataclass(frozen=True)
class NameList:
    """A field's names in order, and whether the list ends in ``others`` (cut short)."""

    names: list[Name]
    truncated: bool = False

    @property
    def display(self) -> list[str]:
        """Every name as people write it."""
        return [n.display for n in self.names]


def _split_top(text: str, separator: re.Pattern[str]) -> list[str]:
    """``text`` split where ``separator`` matches outside braces."""
    if "{" not in text:
        return separator.split(text)
    parts, start = [], 0
    for match in separator.finditer(text):
        before = text[: match.start()]
        if before.count("{") == before.count("}"):
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return parts


_COMMA = re.compile(r",")
_SPACE = re.compile(r"\s+")


def _wrapped(text: str) -> bool:
    """True when ``text`` is one brace group from its first to its last character."""
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for n, char in enumerate(text):
        depth += (char == "{") - (char == "}")
        if depth == 0 and n < len(text) - 1:
            return False
    return True


def _person(part: str) -> Name:
    pieces = [p.strip() for p in _split_top(part, _COMMA)]
    if len(pieces) >= 3:  # von Last, Jr, First
        family, suffix, given = pieces[0], pieces[1], ", ".join(pieces[2:])
        return Name(latex_to_text(given), latex_to_text(f"{family} {suffix}"))
    if len(pieces) == 2:  # von Last, First
        return Name(latex_to_text(pieces[1]), latex_to_text(pieces[0]))
    words = _split_top(part, _SPACE)
    if len(words) == 1:
        return Name(literal=latex_to_text(part))
    # First von Last: the family name starts at the first lower-case word before the last one
    start = next(
        (n for n, w in enumerate(words[1:-1], 1) if w[:1].islower() and not w.startswith("{")), len(words) - 1
    )
    return Name(latex_to_text(" ".join(words[:start])), latex_to_text(" ".join(words[start:])))


def parse_names(text: str) -> NameList:
    """A BibTeX name field (its outer delimiters removed, LaTeX as written) as names."""
    names: list[Name] = []
    truncated = False
    for raw in _split_top(" ".join(text.split()), _AND):
        part = raw.strip().strip(",").strip()
        if not part:
            continue
        if part.lower() in _TRUNCATION:
            truncated = True
            continue
        if _wrapped(part):
            names.append(Name(literal=latex_to_text(part)))
        else:
            names.append(_person(part))
    return NameList(names, truncated)


def looks_like_organisation(name: str) -> bool:
    """True for a name that is an organisation's (``Meta AI``, ``DeepSeek-AI``, ``Qwen Team``), as far as
    a name written without braces can tell: one word, or a last word such as AI, Team, Lab, Institute."""
    words = name.split()
    if len(words) <= 1:
        return True
    last = words[-1].lower()
    return last in ORGANISATION_WORDS or last.endswith("-ai")


def name_from_display(name: str) -> Name:
    """A display name (``Ashish Vaswani``, ``Meta AI``) as a :class:`Name`."""
    name = " ".join(name.split())
    if looks_like_organisation(name):
        return Name(literal=name)
    given, _, family = name.rpartition(" ")
    return Name(given, family)


def bibtex_name(name: str) -> str:
    """A display name as written in a BibTeX name field: ``Ashish Vaswani``; an organisation braced whole
    (``{Meta AI}``) so that BibTeX does not read "AI" as a family name."""
    return "{" + name + "}" if looks_like_organisation(name) else name
