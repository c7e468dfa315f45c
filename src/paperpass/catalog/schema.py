"""The pydantic schema of the guide catalog (``data/guide.yaml``).

The catalog is the guide in ``shared/seed`` as data: its categories, its 23 entries, the top-15 checklist,
the typical interview questions, the three-pass method, the note template and the resources. Facts and
numbers are the guide's; the sentences are ours. Validation runs at every load, so a broken edit of the
YAML fails loudly instead of showing half a guide.

Each entry also carries its real limitations (what ``compare`` shows and what "how would you improve it"
expects) and structured :class:`Fact` items, one blank each, from which practice builds its exactly
gradable cloze and choice cards.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from paperpass.catalog.answers import QuantityError, fold_formula, fold_words, parse_quantity

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


AnswerType = Literal["number", "name", "term", "formula"]
BLANK = re.compile(r"\[\[([^\[\]]+)\]\]")


class Fact(_Model):
    """One fact of an entry as a sentence with one blank: ``text`` marks the answer as ``[[...]]``.

    ``id`` is stable forever: the cards built from it are ``cloze/<entry>/<id>`` and ``choice/<entry>/<id>``.
    ``answer_type`` says how a typed answer is compared (a number with its unit, a name or term with a small
    typo allowed, a formula exactly); ``accept`` lists other correct forms; ``rounded`` lets a number be
    rounded (the card then says so). A choice card is built when ``choice`` is set; its wrong options are
    the answers of other entries' facts in the same ``slot``, and ``inverse`` (the fact inverted) when given.
    """

    id: str
    text: str
    answer_type: AnswerType
    accept: list[str] = Field(default_factory=list)
    rounded: bool = False
    slot: str | None = None
    inverse: str | None = None
    cloze: bool = True
    choice: bool = False

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError(f"not a slug: {value!r}")
        return value

    @model_validator(mode="after")
    def _one_blank(self) -> Fact:
        blanks = BLANK.findall(self.text)
        if len(blanks) != 1 or self.text.count("[[") != 1:
            raise ValueError(f"fact {self.id}: the text needs exactly one [[answer]], not {len(blanks)}")
        if not (self.cloze or self.choice):
            raise ValueError(f"fact {self.id}: makes neither a cloze nor a choice card")
        if self.rounded and self.answer_type != "number":
            raise ValueError(f"fact {self.id}: only a number can be rounded")
        if self.choice and not (self.slot or self.inverse):
            raise ValueError(f"fact {self.id}: a choice card needs a slot or an inverse (its wrong options)")
        if self.answer_type == "number":
            for form in [self.answer, *self.accept, *([self.inverse] if self.inverse else [])]:
                try:
                    parse_quantity(form)
                except QuantityError as error:
                    raise ValueError(f"fact {self.id}: {error}") from None
        if self.inverse is not None and self.folded(self.inverse) in {self.folded(a) for a in self.answers}:
            raise ValueError(f"fact {self.id}: the inverse is one of the accepted answers")
        return self

    @property
    def answer(self) -> str:
        """The answer as the catalog writes it (the text between the brackets)."""
        return str(BLANK.findall(self.text)[0]).strip()

    @property
    def answers(self) -> list[str]:
        """The answer and every other accepted form."""
        return [self.answer, *self.accept]

    @property
    def sentence(self) -> str:
        """The fact as a plain sentence, the answer in place."""
        return BLANK.sub(lambda m: m.group(1), self.text)

    def folded(self, text: str) -> str:
        """``text`` in the comparable form of this fact's answer type."""
        return fold_formula(text) if self.answer_type == "formula" else fold_words(text)


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
    limitations: list[str] = Field(
        default_factory=list,
        description="Real limitations, one short claim each: what fails, what it assumes, where it does not "
        "apply. Shown by compare; expected by 'How would you improve it?'.",
    )
    facts: list[Fact] = Field(default_factory=list, description="Facts with one blank, for exact cards.")

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
            if not entry.limitations:
                raise ValueError(f"entry {entry.slug}: lists no limitations")
            fact_ids = [f.id for f in entry.facts]
            if len(set(fact_ids)) != len(fact_ids):
                raise ValueError(f"entry {entry.slug}: duplicate fact id")
        _check_choice_facts(self.entries)
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


def slot_answers(entries: list[Entry], slot: str, besides: str) -> list[tuple[str, Fact]]:
    """``(entry slug, fact)`` for each fact in ``slot`` of the entries other than ``besides``."""
    return [(e.slug, f) for e in entries if e.slug != besides for f in e.facts if f.slot == slot]


def _check_choice_facts(entries: list[Entry]) -> None:
    """Every choice fact has a wrong option that is not one of its accepted answers (an inverted fact gives a
    two-option card; a slot shared with other entries gives up to three wrong options)."""
    for entry in entries:
        for fact in entry.facts:
            if not fact.choice:
                continue
            accepted = {fact.folded(a) for a in fact.answers}
            wrong = {fact.folded(fact.inverse)} if fact.inverse else set()
            if fact.slot:
                wrong |= {fact.folded(f.answer) for _, f in slot_answers(entries, fact.slot, entry.slug)}
            if not wrong - accepted:
                raise ValueError(
                    f"fact {entry.slug}/{fact.id}: a choice card needs a wrong option "
                    f"(other entries' facts in slot {fact.slot!r}, or an inverse)"
                )
