"""Parsing a Markdown note into its fields, the plain text of a field for checks, and a quoted passage as a
note holds it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paperpass.errors import InvalidInputError
from paperpass.notes.template import FIELDS, SOURCE_HEADING, field_for_heading

_HEADING = re.compile(r"^##\s+(?P<name>.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_WIKILINK = re.compile(r"\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|[^\]]*)?\]\]")


@dataclass(frozen=True)
class NoteDocument:
    """A parsed note: its title and the raw Markdown of each field (missing fields are empty)."""

    title: str
    sections: dict[str, str] = field(default_factory=dict)
    source_material: str = ""

    def raw(self, key: str) -> str:
        """The field's Markdown as written."""
        return self.sections.get(key, "")

    def text(self, key: str) -> str:
        """The field's own words: comments, quoted lines and surrounding blank lines removed."""
        return content_text(self.raw(key))

    def wikilinks(self, key: str) -> list[str]:
        """Targets of ``[[target]]`` / ``[[target|alias]]`` links in a field."""
        return [m.group(1).strip() for m in _WIKILINK.finditer(self.text(key))]


def content_text(markdown: str) -> str:
    """Markdown without HTML comments or blockquote lines, stripped."""
    without_comments = _COMMENT.sub("", markdown)
    lines = [line for line in without_comments.splitlines() if not line.lstrip().startswith(">")]
    return "\n".join(lines).strip()


def parse_note(text: str) -> NoteDocument:
    """Split a note into its fields.

    Raises:
        InvalidInputError: an unknown or repeated ``## section``, or text before the first section other
            than the ``# title`` line; the message names the line.
    """
    title = ""
    sections: dict[str, list[str]] = {}
    current: str | None = None
    in_fence = False
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match:
            current = _section_key(match.group("name"), number)
            if current in sections:
                raise InvalidInputError(f"line {number}: section {match.group('name')!r} appears twice")
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
        elif line.startswith("# ") and not title:
            title = line[2:].strip()
        elif line.strip() and not _COMMENT.fullmatch(line.strip()):
            raise InvalidInputError(
                f"line {number}: text before the first '## section' (only the '# title' line may be there)"
            )
    body = {key: "\n".join(lines).strip("\n") for key, lines in sections.items()}
    source = body.pop("__source__", "")
    return NoteDocument(title=title, sections=body, source_material=source)


def _section_key(name: str, number: int) -> str:
    if name.strip().lower() == SOURCE_HEADING.lower():
        return "__source__"
    found = field_for_heading(name)
    if found is None:
        headings = ", ".join(f.heading for f in FIELDS)
        raise InvalidInputError(
            f"line {number}: unknown section {name!r}; the sections are: {headings}, {SOURCE_HEADING}"
        )
    return found.key


def quote_markdown(text: str, page: int) -> str:
    """A passage quoted in Markdown with its page: ``> the passage [p. 4]`` (one line, whitespace folded).

    How a highlight goes into a note and into the vault (:mod:`paperpass.reading.highlights` keeps them).
    """
    return f"> {' '.join(text.split())} [p. {page}]"
