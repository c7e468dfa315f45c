"""Papers side by side: the note fields (problem, key idea, method, results, limitations) of each paper,
the guide's facts where the user's note is empty, year and category, and the comparative questions that
link them. Presets come from the guide's comparative questions (``data/presets.yaml``). A comparison can
be exported as a Markdown handout for a reading group, or drilled: its questions enter the practice queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml
from fsrs import Card
from pydantic import BaseModel, ConfigDict, Field

from paperpass.catalog import Catalog, Entry, find_entry
from paperpass.errors import InvalidInputError, NotFoundError, PaperpassError
from paperpass.library import Library
from paperpass.models import Question
from paperpass.notes.document import parse_note
from paperpass.notes.lint import placeholder_findings
from paperpass.practice.bank import catalog_questions
from paperpass.practice.questions import sync_bank
from paperpass.practice.scheduling import now_utc
from paperpass.store import guide as guide_rows
from paperpass.store import notes as note_rows
from paperpass.store import plan as plan_rows
from paperpass.store import practice as practice_rows

FIELDS = (("problem", "Problem"), ("key_idea", "Key idea"), ("method", "Method"), ("results", "Results"),
          ("limitations", "Limitations"))  # fmt: skip
MAX_PAPERS = 6
Source = Literal["note", "guide", "none"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Baseline(_Model):
    """A column for something that is not a paper (full fine-tuning), from the guide's facts."""

    name: str
    problem: str
    key_idea: str
    method: list[str]
    results: list[str]
    limitations: list[str]


class Preset(_Model):
    """A comparison from the guide's comparative questions, one click from its entries' pages."""

    slug: str
    title: str
    entries: list[str] = Field(min_length=1)
    baseline: Baseline | None = None


@lru_cache(maxsize=1)
def presets() -> tuple[Preset, ...]:
    """The preset comparisons (validated once per process)."""
    text = resources.files("paperpass.plan").joinpath("data/presets.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return tuple(Preset.model_validate(p) for p in yaml.load(text, Loader=loader))  # noqa: S506


def find_preset(slug: str) -> Preset:
    """A preset by slug.

    Raises:
        NotFoundError: no such preset (the message lists them).
    """
    for preset in presets():
        if preset.slug == slug.strip().lower():
            return preset
    raise NotFoundError(f"no preset comparison {slug!r}", [p.slug for p in presets()])


def presets_for(entry_slug: str) -> list[Preset]:
    """The presets an entry takes part in (linked from its page)."""
    return [p for p in presets() if entry_slug in p.entries]


@dataclass(frozen=True)
class Cell:
    """One field of one column: the text and where it came from (the user's note or the guide)."""

    text: str
    source: Source


@dataclass(frozen=True)
class Column:
    """One paper (or baseline) of a comparison."""

    name: str
    slug: str | None
    year: int | None
    category: str
    cells: dict[str, Cell]


@dataclass(frozen=True)
class Comparison:
    """Columns side by side and the questions that link them."""

    title: str
    columns: list[Column]
    questions: list[Question]
    preset: Preset | None = None

    @property
    def slugs(self) -> list[str]:
        """The compared entries' slugs."""
        return [c.slug for c in self.columns if c.slug]

    def as_json(self) -> dict[str, object]:
        """The comparison as JSON data."""
        return {
            "title": self.title,
            "preset": self.preset.slug if self.preset else None,
            "columns": [
                {
                    "name": c.name,
                    "slug": c.slug,
                    "year": c.year,
                    "category": c.category,
                    "fields": {k: {"text": v.text, "source": v.source} for k, v in c.cells.items()},
                }
                for c in self.columns
            ],  # fmt: skip
            "questions": [q.as_json() for q in self.questions],
        }


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {i}" for i in items)


def guide_facts(entry: Entry) -> dict[str, str]:
    """What the guide says for each compared field; limitations are the entry's real limitations in the
    catalog (the same text "How would you improve it?" expects)."""
    return {"problem": entry.problem, "key_idea": entry.key_idea, "method": _bullets(entry.method),
            "results": _bullets(entry.results), "limitations": _bullets(entry.limitations)}  # fmt: skip


def _note_fields(library: Library, entry: Entry) -> dict[str, str]:
    slug = entry.paper or entry.slug
    with library.store.connect() as conn:
        paper_id = guide_rows.entry_paper_ids(conn).get(slug)
        note = note_rows.current_note(conn, paper_id, library.user_id) if paper_id is not None else None
    if note is None:
        return {}
    try:
        doc = parse_note(note.body)
    except PaperpassError:
        return {}
    blocked = {f.field for f in placeholder_findings(doc)}
    return {key: doc.text(key) for key, _ in FIELDS if key not in blocked and doc.text(key)}


def _column(library: Library, entry: Entry) -> Column:
    mine = _note_fields(library, entry)
    facts = guide_facts(entry)
    cells = {}
    for key, _ in FIELDS:
        if mine.get(key):
            cells[key] = Cell(mine[key], "note")
        else:
            cells[key] = Cell(facts[key], "guide" if facts[key] else "none")
    category = next(c.name for c in library.catalog.categories if c.slug == entry.category)
    return Column(entry.short_title, entry.slug, entry.year, category, cells)


def _baseline(baseline: Baseline) -> Column:
    cells = {"problem": Cell(baseline.problem, "guide"), "key_idea": Cell(baseline.key_idea, "guide"),
             "method": Cell(_bullets(baseline.method), "guide"),
             "results": Cell(_bullets(baseline.results), "guide"),
             "limitations": Cell(_bullets(baseline.limitations), "guide")}  # fmt: skip
    return Column(baseline.name, None, None, "baseline", cells)


def linking_questions(catalog: Catalog, slugs: list[str]) -> list[Question]:
    """The bank's questions that compare two or more of ``slugs`` (for one paper: its comparative ones)."""
    wanted = set(slugs)
    found = []
    for q in catalog_questions(catalog):
        shared = wanted & set(q.entries)
        links = len(shared) >= 2 and (q.kind == "comparative" or len(q.entries) > 1)
        about_one = len(wanted) == 1 and bool(shared) and q.kind == "comparative"
        if links or about_one:
            found.append(q)
    return found


def compare(library: Library, keys: list[str] | None = None, *, preset: str | None = None) -> Comparison:
    """Compare entries (slugs, numbers or short names), or a preset.

    Raises:
        InvalidInputError: fewer than two papers, more than six, or the same paper twice.
        NotFoundError: an unknown entry or preset.
    """
    chosen = find_preset(preset) if preset else None
    names = list(chosen.entries) if chosen else list(keys or [])
    entries = [find_entry(library.catalog, k) for k in names]
    slugs = [e.slug for e in entries]
    if len(set(slugs)) != len(slugs):
        raise InvalidInputError("the same paper is named twice")
    if chosen is None and len(entries) < 2:
        raise InvalidInputError("compare needs at least two papers (or --preset)")
    if len(entries) > MAX_PAPERS:
        raise InvalidInputError(f"compare at most {MAX_PAPERS} papers side by side")
    columns = [_column(library, e) for e in entries]
    if chosen and chosen.baseline:
        columns.append(_baseline(chosen.baseline))
    title = chosen.title if chosen else " vs ".join(e.short_title for e in entries)
    return Comparison(title, columns, linking_questions(library.catalog, slugs), chosen)


def to_markdown(comparison: Comparison) -> str:
    """The comparison as a Markdown handout: a facts table, each field paper by paper, the questions."""
    cols = comparison.columns
    lines = [f"# {comparison.title}", "", "| | " + " | ".join(c.name for c in cols) + " |",
             "| --- |" + " --- |" * len(cols),
             "| Year | " + " | ".join(str(c.year or "—") for c in cols) + " |",
             "| Category | " + " | ".join(c.category for c in cols) + " |", ""]  # fmt: skip
    for key, heading in FIELDS:
        lines += [f"## {heading}", ""]
        for c in cols:
            cell = c.cells[key]
            mark = " _(the guide)_" if cell.source == "guide" and c.slug else ""
            text = cell.text or "—"
            if "\n" in text or text.startswith("- "):
                lines += [f"**{c.name}**{mark}", "", text, ""]
            else:
                lines += [f"**{c.name}**{mark}: {text}", ""]
    if comparison.questions:
        lines += ["## Questions to discuss", ""]
        for number, q in enumerate(comparison.questions, start=1):
            lines.append(f"{number}. {q.prompt}")
            lines += [f"   - {p}" for p in q.reference_points]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def drill(library: Library, comparison: Comparison, *, now: datetime | None=None) -> int:  # fmt: skip
    """Put the comparison's questions into today's practice queue (due now); return how many.

    Questions already scheduled keep their FSRS state and only come due now; new ones get a new card.
    """

    if not comparison.questions:
        return 0
    sync_bank(library)
    keys = {q.key for q in comparison.questions}
    at = now or now_utc()
    with library.store.transaction() as conn:
        bank = practice_rows.list_questions(conn, library.user_id)
        ids = [q.id for q in bank if q.key in keys and q.id is not None]
        fresh: dict[int, dict[str, Any]] = {qid: dict(Card(card_id=qid, due=at).to_dict()) for qid in ids}
        plan_rows.make_due(conn, fresh, at, library.user_id)
    return len(ids)
