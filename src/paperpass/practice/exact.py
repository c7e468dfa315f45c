"""Exactly gradable cards: cloze and choice cards built from the catalog's facts, graded and scheduled
without the user rating themselves.

Every :class:`~paperpass.catalog.Fact` with ``cloze`` set gives a cloze card (``cloze/<entry>/<fact id>``):
the fact's sentence with its answer blanked, graded by :mod:`paperpass.practice.cloze`. Every fact with
``choice`` set gives a choice card (``choice/<entry>/<fact id>``): the same blank with two to four options,
the right one, the fact inverted (``inverse``) when given, and the answers of other entries' facts in the
same ``slot`` (real facts, never a made-up number). Which distractors and which order are decided by hashes
of the card's key, so the deck is the same on every run and every machine; keys never change, so an Anki
re-export updates the notes instead of duplicating them.

The rating comes from correctness and time: a wrong answer is Again; a right one is Easy when quick, Good at
an ordinary pace, Hard when slow (see :data:`PACE`); a right answer that needed tolerance (a typo, an
assumed unit, a rounding) is at most Good. No time known (a script, no JavaScript) counts as ordinary.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from fsrs import Rating

from paperpass.catalog import Catalog, Entry, Fact
from paperpass.catalog.answers import QuantityError, fold_words, parse_quantity
from paperpass.catalog.schema import slot_answers
from paperpass.errors import InvalidInputError, NotFoundError
from paperpass.library import Library
from paperpass.models import Question
from paperpass.practice.cloze import Verdict, compare_quantities, grade_text
from paperpass.practice.scheduling import review
from paperpass.store import practice as rows

ExactKind = Literal["cloze", "choice"]
BLANK_MARK = "___"
ROUNDED_NOTE = " (a rounded answer is fine)"
CHOICE_LEAD = "Which fills the blank? "
MAX_OPTIONS = 4
# Seconds within which a right answer is Easy, and beyond which it is Hard, per kind of card.
PACE: dict[ExactKind, tuple[float, float]] = {"cloze": (15.0, 45.0), "choice": (8.0, 25.0)}


@dataclass(frozen=True)
class Option:
    """One option of a choice card and where it comes from: ``answer``, ``inverse`` or ``<entry>/<fact>``."""

    text: str
    source: str


@dataclass(frozen=True)
class ExactCard:
    """A cloze or choice card built from one fact of one entry."""

    key: str
    kind: ExactKind
    entry: Entry
    fact: Fact
    prompt: str
    options: tuple[Option, ...] = ()

    @property
    def correct_option(self) -> int:
        """The 1-based number of the right option (choice cards)."""
        return next(n for n, o in enumerate(self.options, start=1) if o.source == "answer")

    def question(self) -> Question:
        """The card as a bank question: its one reference point is the whole fact, answer in place."""
        return Question(key=self.key, kind=self.kind, prompt=self.prompt,
                        reference_points=[self.fact.sentence], entries=[self.entry.slug],
                        facet="fact")  # fmt: skip

    def as_json(self) -> dict[str, object]:
        """What a client needs to show and check the card: the answer, its accepted forms, the options."""
        data: dict[str, object] = {"answer": self.fact.answer, "answer_type": self.fact.answer_type}
        if self.kind == "cloze":
            data["accepted"] = list(self.fact.answers)
            data["rounded_ok"] = self.fact.rounded
        else:
            data["options"] = [o.text for o in self.options]
            data["correct_option"] = self.correct_option
            data["option_sources"] = [o.source for o in self.options]
        return data


def _blanked(fact: Fact) -> str:
    start = fact.text.index("[[")
    end = fact.text.index("]]", start) + 2
    return " ".join((fact.text[:start] + BLANK_MARK + fact.text[end:]).split())


def _rank(key: str, text: str) -> str:
    return hashlib.sha256(f"{key}\x1f{text}".encode()).hexdigest()


def same_answer(fact: Fact, a: str, b: str) -> bool:
    """Whether two answers to ``fact``'s blank say the same thing (same value, or same folded words)."""
    if fact.answer_type == "number":
        try:
            return compare_quantities(parse_quantity(a), parse_quantity(b)) == "exact"
        except QuantityError:
            return False
    return fact.folded(a) == fact.folded(b)


def _options(catalog: Catalog, entry: Entry, fact: Fact, key: str) -> tuple[Option, ...]:
    chosen = [Option(fact.answer, "answer")]
    if fact.inverse:
        chosen.append(Option(fact.inverse, "inverse"))
    candidates = [
        Option(other.answer, f"{slug}/{other.id}")
        for slug, other in slot_answers(catalog.entries, fact.slot, entry.slug)
    ] if fact.slot else []  # fmt: skip
    for candidate in sorted(candidates, key=lambda o: _rank(key, o.text)):
        if len(chosen) >= MAX_OPTIONS:
            break
        taken = [o.text for o in chosen] + list(fact.accept)
        if not any(same_answer(fact, candidate.text, t) for t in taken):
            chosen.append(candidate)
    return tuple(sorted(chosen, key=lambda o: _rank(key, o.text)))


def exact_cards(catalog: Catalog, entry: Entry | None = None) -> list[ExactCard]:
    """The cloze and choice cards of every entry's facts (or one entry's), in catalog order."""
    cards = []
    for current in [entry] if entry else catalog.entries:
        for fact in current.facts:
            blank = _blanked(fact)
            if fact.cloze:
                prompt = blank + (ROUNDED_NOTE if fact.rounded else "")
                cards.append(ExactCard(f"cloze/{current.slug}/{fact.id}", "cloze", current, fact, prompt))
            if fact.choice:
                key = f"choice/{current.slug}/{fact.id}"
                options = _options(catalog, current, fact, key)
                cards.append(ExactCard(key, "choice", current, fact, CHOICE_LEAD + blank, options))
    return cards


def exact_card(catalog: Catalog, key: str) -> ExactCard | None:
    """The card with this key, or None (not an exact card, or its fact is gone)."""
    kind, _, rest = key.partition("/")
    slug, _, fact_id = rest.partition("/")
    if kind not in {"cloze", "choice"}:
        return None
    entry = next((e for e in catalog.entries if e.slug == slug), None)
    if entry is None:
        return None
    return next((c for c in exact_cards(catalog, entry) if c.key == key), None)


def questions_json(catalog: Catalog, questions: list[Question]) -> list[dict[str, object]]:
    """Questions as JSON data; a cloze card adds its answer and accepted forms, a choice card its options
    (see :meth:`ExactCard.as_json`)."""
    cards = {c.key: c for c in exact_cards(catalog)}
    result = []
    for q in questions:
        data = q.as_json()
        card = cards.get(q.key) if q.kind in {"cloze", "choice"} else None
        if card is not None:
            data.update(card.as_json())
        result.append(data)
    return result


def confusables(catalog: Catalog, fact: Fact) -> set[str]:
    """Folded names a learner could give instead of ``fact``'s answer: every other fact's answers and
    inverses, and the entries' short titles (never one of ``fact``'s own accepted forms)."""
    names = {fold_words(e.short_title) for e in catalog.entries}
    for entry in catalog.entries:
        for other in entry.facts:
            if other.answer_type in {"name", "term"}:
                names |= {fold_words(a) for a in other.answers}
            if other.inverse:
                names.add(fold_words(other.inverse))
    if fact.inverse:
        names.add(fold_words(fact.inverse))
    return names - {fold_words(a) for a in fact.answers}


def grade(catalog: Catalog, card: ExactCard, response: str) -> Verdict:
    """Grade a response: typed text for a cloze card, an option's number (or its text) for a choice card.

    Raises:
        InvalidInputError: a choice response that names no option.
    """
    if card.kind == "cloze":
        return grade_text(card.fact, response, confusables(catalog, card.fact))
    picked = choice_number(card, response)
    correct = picked == card.correct_option
    return Verdict(correct, "exact" if correct else "wrong", card.fact.answer, card.options[picked - 1].text)


def choice_number(card: ExactCard, response: str) -> int:
    """The 1-based option a response picks: its number, or its exact text.

    Raises:
        InvalidInputError: neither.
    """
    text = response.strip()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= len(card.options):  # '³'.isdigit()
        return int(text)
    for number, option in enumerate(card.options, start=1):
        if text and fold_words(text) == fold_words(option.text):
            return number
    raise InvalidInputError(f"pick an option from 1 to {len(card.options)}")


def rating_for(kind: ExactKind, verdict: Verdict, duration_ms: int | None) -> Rating:
    """The FSRS rating of a graded answer, from correctness and the time taken (see the module doc)."""
    if not verdict.correct:
        return Rating.Again
    if duration_ms is None:
        return Rating.Good
    fast, slow = PACE[kind]
    seconds = duration_ms / 1000
    rating = Rating.Easy if seconds <= fast else Rating.Good if seconds <= slow else Rating.Hard
    if verdict.approximate and rating == Rating.Easy:
        return Rating.Good
    return rating


@dataclass(frozen=True)
class ExactResult:
    """A graded and scheduled answer to a cloze or choice card."""

    question: Question
    card: ExactCard
    verdict: Verdict
    rating: Rating
    duration_ms: int | None
    due: datetime
    reviewed_at: datetime

    @property
    def interval_days(self) -> float:
        """Days until the card is due again."""
        return (self.due - self.reviewed_at).total_seconds() / 86400


def card_for_question(catalog: Catalog, question: Question) -> ExactCard:
    """The exact card behind a stored question.

    Raises:
        InvalidInputError: the question is not a cloze or choice card of the current catalog.
    """
    card = exact_card(catalog, question.key) if question.kind in {"cloze", "choice"} else None
    if card is None:
        raise InvalidInputError(f"question {question.id} is not a cloze or choice card")
    return card


def answer_exact(
    library: Library, question_id: int, response: str, *, duration_ms: int | None, now: datetime | None = None
) -> ExactResult:
    """Grade the viewer's answer to a cloze or choice card and log the review with the rating it earned
    (one commit).

    Raises:
        NotFoundError: no such question for this viewer.
        InvalidInputError: not an exact card, or a choice response that names no option.
    """
    with library.store.connect() as conn:
        question = rows.get_question(conn, question_id, library.user_id)
    card = card_for_question(library.catalog, question)
    verdict = grade(library.catalog, card, response)
    duration = duration_ms if duration_ms is not None and duration_ms >= 0 else None
    rating = rating_for(card.kind, verdict, duration)
    outcome = review(library, question_id, rating, answer=verdict.given, covered=[verdict.correct],
                     duration_ms=duration, now=now)  # fmt: skip
    return ExactResult(question, card, verdict, rating, duration, outcome.due, outcome.reviewed_at)


def last_exact_result(library: Library, question_id: int) -> ExactResult:
    """The viewer's latest graded answer to an exact card, as it was graded (the page after the answer).

    Raises:
        NotFoundError: no such question, or it has no review yet.
        InvalidInputError: not an exact card.
    """
    with library.store.connect() as conn:
        question = rows.get_question(conn, question_id, library.user_id)
        logged = rows.reviews(conn, library.user_id, question_id)
    if not logged:
        raise NotFoundError(f"question {question_id} has no answer yet")
    catalog = library.catalog
    card = card_for_question(catalog, question)
    last = logged[-1]
    right = bool(last.covered and last.covered[0])
    try:
        verdict = grade(catalog, card, _response_of(card, last.answer))
    except InvalidInputError:  # the card's options changed since: keep the logged outcome
        verdict = Verdict(right, "exact" if right else "wrong", card.fact.answer, last.answer)
    if verdict.correct != right:  # graded under another version of the fact: the log is what counted
        verdict = Verdict(right, "exact" if right else "wrong", card.fact.answer, last.answer)
    return ExactResult(question, card, verdict, Rating(last.rating), last.duration_ms, last.due_after,
                       last.reviewed_at)  # fmt: skip


def _response_of(card: ExactCard, logged: str) -> str:
    """The logged answer as a response: a choice review logs the picked option's text."""
    if card.kind == "choice":
        numbers = [n for n, o in enumerate(card.options, start=1) if o.text == logged]
        return str(numbers[0]) if numbers else logged
    return logged
