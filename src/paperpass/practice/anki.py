"""Export the question bank and note cards as an Anki deck (``.apkg``) with genanki.

Ids are stable: the note model and the deck have fixed ids, and each note's GUID is derived from a key
that outlives the library's internal ids (:func:`anki_key`), so importing a newer export into Anki updates
the cards already there, keeping their review history, instead of adding duplicates; removing a paper
and adding it again gives its note cards the same keys. Notes are tagged with the question's kind, its
category and its entries.

Fields are HTML: prompts and reference points are Markdown (notes and the user's own questions are written
in it) rendered with markdown-it-py and cleaned by nh3, and ``$…$`` / ``$$…$$`` math becomes Anki's own
``\\(…\\)`` / ``\\[…\\]``, the only delimiters its MathJax renders.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any, cast

import genanki
import nh3
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.models import Paper, Question
from paperpass.practice.exact import questions_json
from paperpass.practice.questions import list_questions
from paperpass.store import papers as paper_rows

MODEL_ID = 1_607_392_319  # fixed forever: Anki matches note types by id
DECK_ID = 2_059_400_110
DECK_NAME = "paperpass::Interview practice"
FIELDS = ("Key", "Prompt", "Points", "Entries")  # changing them changes the note type's schema in Anki
CSS = ".card { font-family: sans-serif; font-size: 18px; text-align: left; } ul { margin: .3em 0; }"


@dataclass(frozen=True)
class AnkiExport:
    """What an export wrote."""

    path: Path
    notes: int


def _tag(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_:" else "_" for ch in text)


def note_tags(question: Question, categories: dict[str, str]) -> list[str]:
    """Anki tags (no spaces): ``paperpass``, the kind, ``category::<slug>`` and ``entry::<slug>``."""
    tags = ["paperpass", f"kind::{question.kind}"]
    tags += sorted({f"category::{_tag(categories[s])}" for s in question.entries if s in categories})
    tags += [f"entry::{_tag(s)}" for s in question.entries]
    return tags


def paper_key(paper: Paper) -> str:
    """What names a paper beyond this library: its arXiv id, else its DOI, else its slug.

    A guide paper's slug is the guide's own (``lora``), and any other slug is made from the first author,
    year and title, so it comes back the same when the paper is removed and added again.
    """
    if paper.arxiv_id:
        return f"arxiv:{paper.arxiv_id}"
    if paper.doi:
        return f"doi:{paper.doi.lower()}"
    return paper.slug


def anki_key(question: Question, papers: Mapping[int, Paper]) -> str:
    """The key a card is known by in Anki (its ``Key`` field and the seed of its GUID).

    Guide and user questions keep their bank key (``lora/d1``, ``user/…``). A note card's bank key names
    the library's internal paper and user ids, which change when a paper is removed and added again, so
    its Anki key names the paper by :func:`paper_key` instead: ``note/arxiv:2106.09685/problem``.
    """
    paper = papers.get(question.paper_id) if question.paper_id is not None else None
    if question.source != "note" or paper is None:
        return question.key
    return f"note/{paper_key(paper)}/{question.facet}"


def _math(_renderer: Any, tokens: Any, idx: int, *_: Any) -> str:
    # Anki's MathJax reads the field's text, so the TeX is escaped like any text: '<' arrives as '<'.
    tex = escape(tokens[idx].content.strip(), quote=False)
    return f"\\({tex}\\)" if tokens[idx].type == "math_inline" else f"\\[{tex}\\]"


@lru_cache(maxsize=1)
def _markdown() -> Any:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("strikethrough")
    dollarmath_plugin(md, allow_digits=True, double_inline=True)  # write \$ for a dollar sign
    for kind in ("math_inline", "math_inline_double", "math_block"):
        md.add_render_rule(kind, _math)
    return md


def field_html(markdown: str) -> str:
    """One line of Markdown as the HTML of an Anki field: rendered inline, math for MathJax, sanitized."""
    return str(nh3.clean(_markdown().renderInline(markdown)))


def note_fields(question: Question, key: str, options: Sequence[str] = ()) -> list[str]:
    """The values of :data:`FIELDS` for a question; ``options`` (a choice card's) are listed under the
    prompt, numbered, so the card can be answered in Anki as in paperpass."""
    prompt = field_html(question.prompt)
    if options:
        prompt += "<ol class=options>" + "".join(f"<li>{field_html(o)}</li>" for o in options) + "</ol>"
    points = "<ul>" + "".join(f"<li>{field_html(p)}</li>" for p in question.reference_points) + "</ul>"
    return [escape(key), prompt, points, escape(", ".join(question.entries))]


def _model() -> Any:
    return genanki.Model(
        MODEL_ID,
        "paperpass question",
        fields=[{"name": name} for name in FIELDS],
        templates=[
            {
                "name": "Question",
                "qfmt": "{{Prompt}}<div class=entries>{{Entries}}</div>",
                "afmt": "{{FrontSide}}<hr id=answer>{{Points}}",
            }
        ],
        css=CSS,
        sort_field_index=1,
    )


def export_anki(library: Library, path: Path, *, timestamp: float | None = None) -> AnkiExport:
    """Write every active question (guide, notes, the user's own) to ``path`` as an Anki package.

    Args:
        timestamp: the notes' modification time (seconds since the epoch; default now). Anki updates a
            note on import only when the package's copy is newer than its own.

    Raises:
        InvalidInputError: the path does not end in ``.apkg`` or its folder does not exist.
    """

    if path.suffix.lower() != ".apkg":
        raise InvalidInputError(f"{path}: an Anki package must end in .apkg")
    if not path.parent.is_dir():
        raise InvalidInputError(f"{path.parent}: no such folder")
    model = _model()
    deck = genanki.Deck(DECK_ID, DECK_NAME)
    categories = {e.slug: e.category for e in library.catalog.entries}
    questions = list_questions(library)
    with library.store.connect() as conn:
        papers = paper_rows.papers_by_ids(conn, {q.paper_id for q in questions if q.paper_id is not None})
    shown = {str(d["key"]): d for d in questions_json(library.catalog, questions)}  # a card's extras
    for q in questions:
        key = anki_key(q, papers)
        options = [str(o) for o in cast(list[object], shown.get(q.key, {}).get("options") or [])]
        fields = note_fields(q, key, options)
        guid = genanki.guid_for("paperpass", key)
        deck.add_note(genanki.Note(model=model, fields=fields, tags=note_tags(q, categories), guid=guid))
    tmp = path.with_name(path.name + ".tmp")
    genanki.Package(deck).write_to_file(str(tmp), timestamp=timestamp)
    tmp.replace(path)  # nothing half-written at ``path``
    return AnkiExport(path, len(questions))
