"""The note template: the guide's seven fields plus the fields our passes ask for, and new notes.

A note is Markdown: an optional ``# Title`` line, then one ``## Heading`` section per field, in this order.
A trailing ``## Source material`` section holds quotes from the paper to work from; lint ignores it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from paperpass.models import Paper
    from paperpass.pdf import Survey

SOURCE_HEADING = "Source material"
PLACEHOLDER = "TODO"


@dataclass(frozen=True)
class NoteField:
    """One section of a note.

    Attributes:
        key: stable name used in lint findings and JSON (``key_idea``).
        heading: the ``## Heading`` in the Markdown (``Key idea``).
        prompt: what the section holds; shown as a placeholder in new notes.
        guide: True for the guide's own seven fields, False for the fields our passes add.
    """

    key: str
    heading: str
    prompt: str
    guide: bool = True


FIELDS: tuple[NoteField, ...] = (
    NoteField("metadata", "Metadata", "Authors, year, link (filled automatically)."),
    NoteField("problem", "Problem", "One sentence: which specific problem does the paper solve?"),
    NoteField("key_idea", "Key idea", "Two or three sentences: the main insight or breakthrough."),
    NoteField("method", "Method", "Bullet points on the main approach, key formulas in LaTeX: $...$."),
    NoteField("results", "Results", "The main numbers, benchmarks, comparison with the baseline."),
    NoteField("limitations", "Limitations", "What fails, which assumptions, where it does not apply."),
    NoteField("questions", "Your questions", "What is still unclear; ideas for improvement."),
    NoteField(
        "colleague_summary",
        "Colleague summary",
        "Pass 2: a short paragraph explaining the paper to a colleague.",
        guide=False,
    ),
    NoteField(
        "connections",
        "Connections",
        "Pass 3: links to other papers in the library, as [[slug]] (e.g. [[lora]]).",
        guide=False,
    ),
    NoteField(
        "assumptions",
        "Assumptions examined",
        "Pass 3: the assumptions you checked, and whether they hold.",
        guide=False,
    ),
    NoteField(
        "improvements",
        "Improvement ideas",
        "Pass 3: at least one idea to improve the method.",
        guide=False,
    ),
)

BY_KEY = {f.key: f for f in FIELDS}


def field_for_heading(heading: str) -> NoteField | None:
    """The field a ``## Heading`` names (case- and space-insensitive; the key works too)."""
    wanted = " ".join(heading.replace("_", " ").split()).lower()
    for note_field in FIELDS:
        if wanted in (note_field.heading.lower(), note_field.key.replace("_", " ")):
            return note_field
    return None


def metadata_lines(paper: Paper) -> list[str]:
    """The metadata section's bullets for a paper."""
    link = paper.links.get("abs") or (f"https://arxiv.org/abs/{paper.arxiv_id}" if paper.arxiv_id else None)
    link = link or (f"https://doi.org/{paper.doi}" if paper.doi else None)
    return [
        f"- Authors: {', '.join(paper.authors) or 'unknown'}",
        f"- Year: {paper.year or 'unknown'}",
        f"- Link: {link or 'none'}",
    ]


def _quote(text: str) -> list[str]:
    return [f"> {line}" if line.strip() else ">" for line in text.strip().splitlines()]


def source_material(paper: Paper, sheet: Survey | None) -> list[str]:
    """Quoted material to work from: the abstract and the figure and table captions."""
    abstract = (sheet.abstract if sheet is not None else "") or paper.abstract or ""
    lines: list[str] = []
    if abstract:
        lines += ["Abstract:", "", *_quote(abstract), ""]
    if sheet is not None:
        for caption in [*sheet.figures, *sheet.tables]:
            lines += [*_quote(f"{caption.caption} (p. {caption.page})"), ""]
    return lines


def new_note(paper: Paper, sheet: Survey | None = None) -> str:
    """A fresh note for a paper: metadata filled in, a placeholder per guide field, source material quoted.

    Args:
        paper: the library paper.
        sheet: its survey sheet when a PDF is available (abstract and captions are quoted from it).
    """
    out = [f"# {paper.title}", ""]
    for note_field in FIELDS:
        out += [f"## {note_field.heading}", ""]
        if note_field.key == "metadata":
            out += metadata_lines(paper)
        elif note_field.guide:
            out.append(f"{PLACEHOLDER}: {note_field.prompt}")
        else:
            out.append(f"<!-- {note_field.prompt} -->")
        out.append("")
    material = source_material(paper, sheet)
    if material:
        out += [
            f"## {SOURCE_HEADING}",
            "",
            "<!-- Quoted from the paper to work from; lint ignores it. -->",
            "",
        ]
        out += material
    return "\n".join(out).rstrip() + "\n"
