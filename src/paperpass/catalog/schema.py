"""The pydantic schema of the guide catalog (``data/guide.yaml``).

The catalog is the guide in ``shared/seed`` as data: its categories, its 23 entries, the top-15 checklist,
the typical interview questions, the three-pass method, the note template and the resources. Facts and
numbers are the guide's; the sentences are ours. Validation runs at every load, so a broken edit of the
YAML fails loudly instead of showing half a guide.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ARXIV_ID = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Category(_Model):
    """One of the guide's six sections of papers, in the guide's order."""

    slug: str
    name: str
    description: str


class Work(_Model):
    """A paper named inside an entry that is not an entry itself (Jamba, Red Teaming, ...)."""

    slug: str
    title: str
    year: int
    authors: list[str]
    et_al: bool = Field(
        default=False, description="True when `authors` names only the first authors (the paper has more)."
    )
    arxiv: str | None = None
    url: str | None = None
    summary: str = Field(description="What the guide says of it, in our words.")
    facts: list[str] = Field(default_factory=list)

    @field_validator("arxiv")
    @classmethod
    def _arxiv(cls, value: str | None) -> str | None:
        if value is not None and not ARXIV_ID.match(value):
            raise ValueError(f"not an arXiv id: {value!r}")
        return value


class Entry(_Model):
    """One numbered paper of the guide with everything the guide says about it."""

    number: int
    slug: str
    title: str
    short_title: str = Field(description="The name people use in conversation: 'Transformer', 'LoRA'.")
    year: int | None = Field(description="Publication year; None only for an entry grouping several papers.")
    authors: list[str]
    et_al: bool = Field(
        default=False, description="True when `authors` names only the first authors (the paper has more)."
    )
    organization: str | None = None
    category: str
    arxiv: str | None = None
    url: str | None = None
    paper: str | None = Field(
        default=None,
        description="Slug of the library paper this entry covers when it is another entry's paper "
        "(entry 22 covers entry 4's InstructGPT paper).",
    )
    problem: str
    key_idea: str
    method: list[str] = Field(description="Architecture, approach, components or formulation, one item each.")
    results: list[str]
    discussion_points: list[str]
    key_insight: str | None = None
    example: str | None = None
    related: list[str] = Field(default_factory=list, description="Slugs of related entries.")
    see_also: list[int] = Field(default_factory=list, description="Entry numbers this entry refers to.")
    works: list[Work] = Field(default_factory=list)

    @field_validator("slug")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError(f"not a slug: {value!r}")
        return value

    @field_validator("arxiv")
    @classmethod
    def _arxiv(cls, value: str | None) -> str | None:
        if value is not None and not ARXIV_ID.match(value):
            raise ValueError(f"not an arXiv id: {value!r}")
        return value

    @property
    def link(self) -> str | None:
        """The paper's address: its arXiv abstract page, else the guide's URL."""
        if self.arxiv:
            return f"https://arxiv.org/abs/{self.arxiv}"
        return self.url


class ChecklistItem(_Model):
    """One of the top-15 'if time is limited' items; 'Llama 3/4' links two entries."""

    number: int
    label: str
    why: str = Field(description="The guide's reason in parentheses, e.g. 'the foundation of everything'.")
    entries: list[str] = Field(min_length=1)


QuestionKind = Literal["specific", "comparative", "open"]


class InterviewQuestion(_Model):
    """A typical interview question as the guide quotes it."""

    kind: QuestionKind
    text: str
    entries: list[str] = Field(default_factory=list, description="Entries the question is about.")


class ReadingPass(_Model):
    """One pass of the three-pass method."""

    number: int
    name: str
    budget: str = Field(description="The guide's budget as people say it: '5-10 min'.")
    budget_minutes: tuple[int, int] = Field(description="Lower and upper budget in minutes.")
    reads: list[str]
    how: str
    exit_criterion: str
    only_important: bool = False


class NoteField(_Model):
    """A field of the guide's structured note template."""

    key: str
    name: str
    holds: str


class Resource(_Model):
    """Where to read or discuss papers, as the guide lists them."""

    kind: Literal["read", "discuss"]
    name: str
    url: str
    role: str
    status: str | None = Field(default=None, description="E.g. closed, with its successor.")
    successor: str | None = None
    successor_url: str | None = None


class ReadingGroupAdvice(_Model):
    """The guide's advice on reading groups."""

    papers_per_week: int
    discussion_minutes: tuple[int, int]
    advice: str


class Catalog(_Model):
    """The whole guide."""

    title: str
    introduction: list[str]
    expectation: str
    categories: list[Category]
    entries: list[Entry]
    checklist: list[ChecklistItem]
    questions: list[InterviewQuestion]
    passes: list[ReadingPass]
    note_template: list[NoteField]
    resources: list[Resource]
    reading_group: ReadingGroupAdvice

    @model_validator(mode="after")
    def _consistent(self) -> Catalog:
        category_slugs = [c.slug for c in self.categories]
        if len(set(category_slugs)) != len(category_slugs):
            raise ValueError("duplicate category slug")
        slugs = [e.slug for e in self.entries]
        if len(set(slugs)) != len(slugs):
            raise ValueError("duplicate entry slug")
        if [e.number for e in self.entries] != list(range(1, len(self.entries) + 1)):
            raise ValueError("entries must be numbered 1..N in order")
        known = set(slugs)
        numbers = {e.number for e in self.entries}
        for entry in self.entries:
            if entry.category not in category_slugs:
                raise ValueError(f"entry {entry.slug}: unknown category {entry.category!r}")
            if not (entry.arxiv or entry.url or entry.paper):
                raise ValueError(f"entry {entry.slug}: needs an arXiv id, a URL or a paper")
            for ref in entry.related:
                if ref not in known:
                    raise ValueError(f"entry {entry.slug}: unknown related entry {ref!r}")
            for num in entry.see_also:
                if num not in numbers:
                    raise ValueError(f"entry {entry.slug}: unknown see_also entry {num}")
            if entry.paper is not None and entry.paper not in known:
                raise ValueError(f"entry {entry.slug}: unknown paper {entry.paper!r}")
        if [c.number for c in self.checklist] != list(range(1, len(self.checklist) + 1)):
            raise ValueError("checklist must be numbered 1..N in order")
        for item in self.checklist:
            for ref in item.entries:
                if ref not in known:
                    raise ValueError(f"checklist {item.label}: unknown entry {ref!r}")
        for question in self.questions:
            for ref in question.entries:
                if ref not in known:
                    raise ValueError(f"question {question.text!r}: unknown entry {ref!r}")
        if [p.number for p in self.passes] != [1, 2, 3]:
            raise ValueError("the method has exactly three passes, numbered 1-3")
        return self
