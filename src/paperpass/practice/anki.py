"""Export the question bank and note cards as an Anki deck (``.apkg``) with genanki.

Ids are stable: the note model and the deck have fixed ids, and each note's GUID is derived from the
question's key, so importing a newer export into Anki updates the cards already there instead of adding
duplicates. Notes are tagged with the question's kind, its category and its entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from paperpass.errors import InvalidInputError
from paperpass.library import Library
from paperpass.models import Question
from paperpass.practice.questions import list_questions

MODEL_ID = 1_607_392_319  # fixed forever: Anki matches note types by id
DECK_ID = 2_059_400_110
DECK_NAME = "paperpass::Interview practice"
FIELDS = ("Key", "Prompt", "Points", "Entries")
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


def export_anki(library: Library, path: Path) -> AnkiExport:
    """Write every active question (guide, notes, the user's own) to ``path`` as an Anki package.

    Raises:
        InvalidInputError: the path does not end in ``.apkg`` or its folder does not exist.
    """
    import genanki

    if path.suffix.lower() != ".apkg":
        raise InvalidInputError(f"{path}: an Anki package must end in .apkg")
    if not path.parent.is_dir():
        raise InvalidInputError(f"{path.parent}: no such folder")
    model = genanki.Model(
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
    deck = genanki.Deck(DECK_ID, DECK_NAME)
    categories = {e.slug: e.category for e in library.catalog.entries}
    questions = list_questions(library)
    for q in questions:
        points = "<ul>" + "".join(f"<li>{escape(p)}</li>" for p in q.reference_points) + "</ul>"
        fields = [escape(q.key), escape(q.prompt), points, escape(", ".join(q.entries))]
        deck.add_note(genanki.Note(model=model, fields=fields, tags=note_tags(q, categories),
                                   guid=genanki.guid_for("paperpass", q.key)))  # fmt: skip
    tmp = path.with_name(path.name + ".tmp")
    genanki.Package(deck).write_to_file(str(tmp))
    tmp.replace(path)  # nothing half-written at ``path``
    return AnkiExport(path, len(questions))
