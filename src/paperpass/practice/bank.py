"""The question bank drawn from the guide: ``data/bank.yaml`` plus questions built from each entry.

Every guide entry gets three core questions (its problem, its key idea and method, its results), one
question per discussion point (written in ``bank.yaml``, in our own words, with reference points taken
from the guide's facts and numbers), a limitations question when none of those asks for them, each
top-15 entry an open "how would you improve it" question (its points: the entry's real limitations), the
hand-written scenario questions filed under it, and the cloze and choice cards of its facts
(:mod:`paperpass.practice.exact`). An entry that only covers another entry's paper (entry 22) gets no core
questions, which would only point elsewhere; its own questions are written in ``bank.yaml``. The guide's
typical questions and our comparative ones come last, linked to every entry they are about.

Keys are stable (``lora/d1``, ``scenario/lora-three-customers``, ``cloze/lora/rank-range``,
``compare/orpo-vs-two-stage``): review history and Anki notes are matched by them. Prompts are unique
across the bank (checked at build time).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from paperpass.catalog import Catalog, Entry, top15_slugs
from paperpass.models import Question
from paperpass.practice.exact import exact_cards


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Discussion(_Model):
    prompt: str
    points: list[str] = Field(min_length=1)
    facet: Literal["discussion", "limitations"] = "discussion"


class _GuideQuestion(_Model):
    text: str
    points: list[str] = Field(min_length=1)


class _Comparative(_Model):
    id: str | None = None
    prompt: str
    entries: list[str] = Field(min_length=2)
    points: list[str] = Field(min_length=1)

    @property
    def key(self) -> str:
        """``compare/<id>``, or ``compare/<entries>`` for the comparisons written before ids."""
        return "compare/" + (self.id or "+".join(self.entries))


class _Written(_Model):
    """A hand-written question on one or more entries, filed under the first."""

    id: str
    entries: list[str] = Field(min_length=1)
    prompt: str
    points: list[str] = Field(min_length=1, max_length=6)
    facet: Literal["discussion", "limitations"] = "discussion"


class _Scenario(_Written):
    points: list[str] = Field(min_length=3, max_length=6)


class BankFile(_Model):
    """The schema of ``data/bank.yaml``."""

    discussion: dict[str, list[_Discussion]]
    specific: list[_Written] = Field(default_factory=list)
    scenario: list[_Scenario] = Field(default_factory=list)
    guide: list[_GuideQuestion]
    comparative: list[_Comparative]

    @model_validator(mode="after")
    def _unique_ids(self) -> BankFile:
        for name, items in (("specific", self.specific), ("scenario", self.scenario)):
            ids = [i.id for i in items]
            if len(set(ids)) != len(ids):
                raise ValueError(f"bank.yaml: duplicate {name} id")
        keys = [c.key for c in self.comparative]
        if len(set(keys)) != len(keys):
            raise ValueError("bank.yaml: two comparisons with the same key (give one an id)")
        return self


@lru_cache(maxsize=1)
def load_bank_file() -> BankFile:
    """Read and validate ``data/bank.yaml`` (cached for the process)."""
    text = resources.files("paperpass.practice").joinpath("data/bank.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return BankFile.model_validate(yaml.load(text, Loader=loader))  # noqa: S506 - a safe loader


def slugify(text: str, limit: int = 60) -> str:
    """A lower-case, dash-separated key fragment of ``text``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].rstrip("-")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]


def core_questions(entry: Entry) -> list[Question]:
    """The three questions every entry gets: its problem, its key idea and method, its results.

    An entry that covers another entry's paper (``paper`` set) gets none: they would repeat that entry's
    cards or only point to it.
    """
    if entry.paper is not None:
        return []
    name = entry.short_title
    verb = "do" if entry.year is None else "does"  # an entry without a year groups several papers
    idea = _sentences(entry.key_idea)
    idea_points = idea + [m for m in entry.method if not _repeats(m, " ".join(idea))]
    asked = [
        ("problem", f"What problem {verb} {name} address?", _sentences(entry.problem)),
        ("key-idea", f"What is the key idea of {name}, and how does it work?", idea_points[:5]),
        ("results", f"What are the key results of {name}?", list(entry.results)),
    ]
    return [
        Question(key=f"{entry.slug}/{facet}", kind="specific", prompt=prompt, reference_points=points,
                 entries=[entry.slug], facet=facet.replace("-", "_"))
        for facet, prompt, points in asked
    ]  # fmt: skip


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _repeats(point: str, said: str, share: float = 0.75) -> bool:
    """Whether most of ``point``'s words were already said (a method item restating the key idea)."""
    words = _words(point)
    return bool(words) and len(words & _words(said)) >= share * len(words)


def _limitations_question(entry: Entry) -> Question:
    prompt = f"What are the limitations of {entry.short_title}?"
    return Question(key=f"{entry.slug}/limitations", kind="specific", prompt=prompt,
                    reference_points=list(entry.limitations), entries=[entry.slug],
                    facet="limitations")  # fmt: skip


def _improve_question(entry: Entry) -> Question:
    return Question(
        key=f"{entry.slug}/improve",
        kind="open",
        prompt=f"How would you improve {entry.short_title}?",
        reference_points=[
            *entry.limitations[:2],
            "a specific change that addresses one of these limitations",
            "an experiment that would show the change works",
        ],  # fmt: skip
        entries=[entry.slug],
        facet="improve",
    )


def _written(item: _Written, kind: Literal["specific", "scenario"]) -> Question:
    facet = "scenario" if kind == "scenario" else item.facet
    return Question(key=f"{kind}/{item.id}", kind=kind, prompt=item.prompt,
                    reference_points=list(item.points), entries=list(item.entries), facet=facet)  # fmt: skip


def _entry_questions(catalog: Catalog, entry: Entry, bank: BankFile, top: set[str]) -> list[Question]:
    written = bank.discussion.get(entry.slug, [])
    if len(written) != len(entry.discussion_points):
        raise ValueError(
            f"bank.yaml has {len(written)} discussion questions for {entry.slug}, "
            f"the guide {len(entry.discussion_points)} discussion points"
        )
    result = core_questions(entry)
    for number, item in enumerate(written, start=1):
        result.append(Question(key=f"{entry.slug}/d{number}", kind="specific", prompt=item.prompt,
                               reference_points=list(item.points), entries=[entry.slug],
                               facet=item.facet))  # fmt: skip
    own = [_written(i, "specific") for i in bank.specific if i.entries[0] == entry.slug]
    result += own
    asks_limits = any(q.facet == "limitations" for q in result)
    if not asks_limits and entry.paper is None:
        result.append(_limitations_question(entry))
    if entry.slug in top:
        result.append(_improve_question(entry))
    result += [_written(i, "scenario") for i in bank.scenario if i.entries[0] == entry.slug]
    result += [card.question() for card in exact_cards(catalog, entry)]
    return result


def catalog_questions(catalog: Catalog) -> list[Question]:
    """Every question the bank draws from the guide, entry by entry, then the guide's and comparisons.

    Raises:
        ValueError: ``bank.yaml`` does not match the catalog (an unknown entry, a discussion point
            without its question), or two questions share a key or a prompt.
    """
    bank = load_bank_file()
    known = {e.slug for e in catalog.entries}
    named = {s for c in bank.comparative for s in c.entries}
    named |= {s for q in [*bank.specific, *bank.scenario] for s in q.entries}
    unknown = (set(bank.discussion) - known) | (named - known)
    if unknown:
        raise ValueError(f"bank.yaml names unknown entries: {sorted(unknown)}")
    top = top15_slugs(catalog)
    result: list[Question] = []
    for entry in catalog.entries:
        result += _entry_questions(catalog, entry, bank, top)
    result += _guide_questions(catalog)
    for compared in bank.comparative:
        result.append(Question(key=compared.key, kind="comparative", prompt=compared.prompt,
                               reference_points=list(compared.points), entries=list(compared.entries),
                               facet="comparative"))  # fmt: skip
    _check_unique(result)
    return result


def asked_facets(questions: list[Question]) -> set[tuple[str, str]]:
    """``(entry slug, facet)`` for every facet the bank asks about one entry (its problem, key idea, results,
    limitations), so note cards can leave those out."""
    return {(q.entries[0], q.facet) for q in questions if q.kind == "specific" and len(q.entries) == 1}


def prompt_fingerprint(prompt: str) -> str:
    """A prompt in the form used to find duplicates: lower case, words only."""
    return " ".join(re.findall(r"[a-z0-9]+", prompt.lower()))


def _check_unique(questions: list[Question]) -> None:
    keys: set[str] = set()
    prompts: dict[str, str] = {}
    for q in questions:
        if q.key in keys:
            raise ValueError(f"two questions have the key {q.key!r}")
        keys.add(q.key)
        seen = prompts.setdefault(prompt_fingerprint(q.prompt), q.key)
        if seen != q.key:
            raise ValueError(f"questions {seen} and {q.key} ask the same: {q.prompt!r}")


def _guide_questions(catalog: Catalog) -> list[Question]:
    points = {q.text: q.points for q in load_bank_file().guide}
    result = []
    for asked in catalog.questions:
        if asked.text not in points:
            raise ValueError(f"bank.yaml has no reference points for the guide's question {asked.text!r}")
        result.append(Question(key=f"guide/{slugify(asked.text)}", kind=asked.kind, prompt=asked.text,
                               reference_points=list(points[asked.text]), entries=list(asked.entries),
                               facet="guide"))  # fmt: skip
    return result
