"""The question bank drawn from the guide: ``data/bank.yaml`` plus questions built from each entry.

Every guide entry gets three core questions (its problem, its key idea and method, its results), one
question per discussion point (written in ``bank.yaml``, in our own words, with reference points taken
from the guide's facts and numbers), and each top-15 entry an open "how would you improve it" question.
The guide's typical questions and our comparative ones are linked to every entry they are about.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from paperpass.catalog import Catalog, Entry, top15_slugs
from paperpass.models import Question


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
    prompt: str
    entries: list[str] = Field(min_length=2)
    points: list[str] = Field(min_length=1)


class BankFile(_Model):
    """The schema of ``data/bank.yaml``."""

    discussion: dict[str, list[_Discussion]]
    guide: list[_GuideQuestion]
    comparative: list[_Comparative]


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
    """The three questions every entry gets: its problem, its key idea and method, its results."""
    name = entry.short_title
    verb = "do" if entry.year is None else "does"  # an entry without a year groups several papers
    idea_points = _sentences(entry.key_idea) + [m for m in entry.method if not m.startswith("See entry")]
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


def _improve_question(entry: Entry, limitations: list[str]) -> Question:
    return Question(
        key=f"{entry.slug}/improve",
        kind="open",
        prompt=f"How would you improve {entry.short_title}?",
        reference_points=[
            *limitations[:2],
            "a specific change that addresses it",
            "an experiment that would show the change works",
        ],  # fmt: skip
        entries=[entry.slug],
        facet="improve",
    )


def catalog_questions(catalog: Catalog) -> list[Question]:
    """Every question the bank draws from the guide, in guide order.

    Raises:
        ValueError: ``bank.yaml`` does not match the catalog (an unknown entry, a discussion point
            without its question).
    """
    bank = load_bank_file()
    known = {e.slug for e in catalog.entries}
    unknown = (set(bank.discussion) - known) | {s for c in bank.comparative for s in c.entries} - known
    if unknown:
        raise ValueError(f"bank.yaml names unknown entries: {sorted(unknown)}")
    top = top15_slugs(catalog)
    result: list[Question] = []
    for entry in catalog.entries:
        written = bank.discussion.get(entry.slug, [])
        if len(written) != len(entry.discussion_points):
            raise ValueError(
                f"bank.yaml has {len(written)} discussion questions for {entry.slug}, "
                f"the guide {len(entry.discussion_points)} discussion points"
            )
        result += core_questions(entry)
        for number, item in enumerate(written, start=1):
            result.append(Question(key=f"{entry.slug}/d{number}", kind="specific", prompt=item.prompt,
                                   reference_points=list(item.points), entries=[entry.slug],
                                   facet=item.facet))  # fmt: skip
        if entry.slug in top:
            limits = [p for item in written if item.facet == "limitations" for p in item.points]
            result.append(_improve_question(entry, limits))
    result += _guide_questions(catalog)
    for compared in bank.comparative:
        result.append(Question(key="compare/" + "+".join(compared.entries), kind="comparative",
                               prompt=compared.prompt, reference_points=list(compared.points),
                               entries=list(compared.entries), facet="comparative"))  # fmt: skip
    return result


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
