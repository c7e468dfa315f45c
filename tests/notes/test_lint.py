"""Note parsing and lint: each rule of the guide's template, findings that name the field."""

from __future__ import annotations

import pytest

from paperpass.errors import InvalidInputError
from paperpass.models import Paper
from paperpass.notes.document import parse_note
from paperpass.notes.lint import count_sentences, lint_note
from paperpass.notes.template import FIELDS, new_note
from support.notes import GOOD_NOTE, without


def fields_of(text: str) -> list[str]:
    return [f.field for f in lint_note(parse_note(text))]


def test_a_complete_note_has_no_findings() -> None:
    assert lint_note(parse_note(GOOD_NOTE)) == []


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One sentence.", 1),
        ("It works, e.g. on WMT. It also scales, i.e. well.", 2),
        ("Vaswani et al. propose it. BLEU rises to 28.4 in 3.5 days!", 2),
        ("No final stop", 1),
        ("Loss $L = a. b$ falls. Then what?", 2),
        ("", 0),
    ],
)
def test_sentence_counting(text: str, sentences: int) -> None:
    assert count_sentences(text) == sentences


def test_problem_must_be_one_sentence() -> None:
    two = GOOD_NOTE.replace("across a sequence.", "across a sequence. That is slow.")
    findings = lint_note(parse_note(two))
    assert [(f.field, "2 sentences" in f.message) for f in findings] == [("problem", True)]
    assert str(findings[0]).startswith("Problem (problem): ")


def test_key_idea_must_be_two_or_three_sentences() -> None:
    one = GOOD_NOTE.replace(" Positions are encoded separately with sinusoids.", "")
    assert fields_of(one) == ["key_idea"]
    four = GOOD_NOTE.replace("with sinusoids.", "with sinusoids. A. B.")
    assert fields_of(four) == ["key_idea"]


def test_method_needs_bullets_results_a_number() -> None:
    no_bullets = GOOD_NOTE.replace("- Scaled", "Scaled").replace("- Multi-head", "Multi-head")
    assert fields_of(no_bullets) == ["method"]
    no_number = GOOD_NOTE.replace("28.4 BLEU on WMT 2014 En-De after 3.5 days on 8 GPUs.", "Better BLEU.")
    assert fields_of(no_number) == ["results"]


@pytest.mark.parametrize(
    ("heading", "key"), [("Limitations", "limitations"), ("Your questions", "questions")]
)
def test_limitations_and_questions_must_not_be_empty(heading: str, key: str) -> None:
    findings = lint_note(parse_note(without(GOOD_NOTE, heading)))
    assert [(f.field, f.message) for f in findings] == [(key, "empty")]


def test_placeholders_must_be_removed() -> None:
    text = GOOD_NOTE.replace("Why sinusoids", "TODO: why sinusoids")
    assert [(f.field, f.message) for f in lint_note(parse_note(text))] == [
        ("questions", "placeholder 'TODO' left")
    ]


def test_a_new_note_fails_lint_on_every_guide_field_but_metadata() -> None:
    paper = Paper(slug="p", title="A Paper", authors=["A. Author"], year=2020, arxiv_id="2001.00001")
    text = new_note(paper)
    assert "- Authors: A. Author" in text and "https://arxiv.org/abs/2001.00001" in text
    failing = set(fields_of(text))
    assert failing == {"problem", "key_idea", "method", "results", "limitations", "questions"}


def test_quotes_and_comments_are_not_the_writers_words() -> None:
    text = GOOD_NOTE.replace("Why sinusoids rather than learned positions?", "> quoted\n<!-- hint -->")
    assert fields_of(text) == ["questions"]


def test_every_field_has_a_heading_in_the_template() -> None:
    doc = parse_note(new_note(Paper(slug="p", title="T")))
    assert set(doc.sections) == {f.key for f in FIELDS}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("## Problm\nx\n", "line 1: unknown section 'Problm'"),
        ("## Problem\nx\n## Problem\ny\n", "line 3: section 'Problem' appears twice"),
        ("stray text\n## Problem\nx\n", "line 1: text before the first"),
    ],
)
def test_unreadable_notes_name_the_line(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        parse_note(text)


def test_headings_in_code_fences_and_case_are_tolerated() -> None:
    doc = parse_note("## key idea\n```\n## not a heading\n```\n## PROBLEM\nx\n")
    assert "## not a heading" in doc.raw("key_idea") and doc.text("problem") == "x"
