"""Agendas: timeboxes add up, the entry's points and members' shared open questions, Markdown."""

from __future__ import annotations

from datetime import date

import pytest

from paperpass.accounts.users import add_user, viewer_for
from paperpass.catalog import load_catalog
from paperpass.errors import InvalidInputError
from paperpass.groups import manage
from paperpass.groups.agenda import PARTS, agenda_markdown, build_agenda, timeboxes
from paperpass.groups.schedule import load_schedule
from paperpass.library import get_paper
from paperpass.models import OPERATOR
from paperpass.store import Store
from paperpass.store import notes as note_rows
from support.library import join, library_for

START = date(2026, 10, 1)
NOTE = """# Attention

## Problem
Sequential RNNs.

## Your questions
- Why sqrt(d_k) and not d_k?
- Does it work for {who}'s images?

## Limitations
O(n^2) memory.
"""


@pytest.mark.parametrize("minutes", range(30, 61))
def test_timeboxes_always_add_up_to_the_meeting(minutes: int) -> None:
    boxes = timeboxes(minutes)
    assert sum(m for _, _, m in boxes) == minutes
    assert [k for k, _, _ in boxes] == [k for k, _, _ in PARTS]
    assert all(m >= 1 for _, _, m in boxes)
    assert max(boxes, key=lambda b: b[2])[0] == "discussion"


def _save_note(store: Store, slug: str, body: str, user_id: int) -> None:
    paper = get_paper(library_for(store), slug)
    with store.transaction() as conn:
        note_rows.save_note(conn, paper.id or 0, body, 0, user_id=user_id)


@pytest.mark.parametrize("minutes", [30, 45, 60])
def test_agenda_has_every_part_in_order_and_the_entry_points(library_with_guide: Store, minutes: int) -> None:
    group = manage.create_group(
        library_for(library_with_guide), "Club", "thu", "17:00", "UTC", starts_on=START
    )
    manage.add_member(library_for(library_with_guide), group.slug, "Ana")
    manage.add_member(library_for(library_with_guide), group.slug, "Ben")
    schedule = load_schedule(library_for(library_with_guide, catalog=load_catalog()), group.slug)
    agenda = build_agenda(library_for(library_with_guide, catalog=load_catalog()), schedule, START, minutes)
    assert sum(i.minutes for i in agenda.items) == minutes
    assert [i.starts for i in agenda.items] == [sum(j.minutes for j in agenda.items[:n]) for n in range(6)]
    entry = load_catalog().entries[0]
    parts = {i.key: i for i in agenda.items}
    assert parts["recap"].points == [f"Problem: {entry.problem}", f"Key idea: {entry.key_idea}"]
    assert parts["method"].points == list(entry.method)
    assert all(r in parts["results"].points for r in entry.results)
    assert parts["discussion"].points == list(entry.discussion_points)
    assert parts["next"].points == [f"Thu 08 Oct 2026: {load_catalog().entries[1].title}, presented by Ben"]
    text = agenda_markdown(agenda)
    assert text.startswith(f"# Club: {entry.title}\n")
    assert f"{minutes} minutes · presenter: Ana" in text
    assert text.count("\n## ") == 6


def test_local_questions_come_from_the_local_users_note(library_with_guide: Store) -> None:
    _save_note(library_with_guide, "attention-is-all-you-need", NOTE.format(who="me"), 0)
    group = manage.create_group(
        library_for(library_with_guide), "Club", "thu", "17:00", "UTC", starts_on=START
    )
    schedule = load_schedule(library_for(library_with_guide, catalog=load_catalog()), group.slug)
    agenda = build_agenda(library_for(library_with_guide, catalog=load_catalog()), schedule, START, 30)
    questions = next(i for i in agenda.items if i.key == "questions")
    assert questions.points == ["you: Why sqrt(d_k) and not d_k?", "you: Does it work for me's images?"]


def test_only_members_who_share_have_their_questions_read(library_with_guide: Store) -> None:
    ana = add_user(library_with_guide, "ana", "correct horse")
    bob = add_user(library_with_guide, "bob", "battery staple")
    add_user(library_with_guide, "eve", "not a member")
    for user in (ana, bob):
        _save_note(library_with_guide, "attention-is-all-you-need", NOTE.format(who=user.username), user.id)
    _save_note(library_with_guide, "attention-is-all-you-need", NOTE.format(who="eve"), 3)
    group = manage.create_group(
        library_for(library_with_guide), "Club", "thu", "17:00", "UTC", starts_on=START
    )
    join(library_with_guide, group.slug, viewer_for(ana), name="Ana")
    manage.share_questions(library_for(library_with_guide, viewer=viewer_for(ana)), group.slug, True)
    join(library_with_guide, group.slug, viewer_for(bob), name="Bob")
    schedule = load_schedule(library_for(library_with_guide, catalog=load_catalog()), group.slug)
    agenda = build_agenda(library_for(library_with_guide, viewer=OPERATOR), schedule, START, 45)
    assert [(q.asked_by, q.text) for q in agenda.questions] == [
        ("Ana", "Why sqrt(d_k) and not d_k?"),
        ("Ana", "Does it work for ana's images?"),
    ]


def test_agenda_for_a_day_without_a_meeting_or_a_bad_length(library_with_guide: Store) -> None:
    group = manage.create_group(
        library_for(library_with_guide), "Club", "thu", "17:00", "UTC", starts_on=START
    )
    manage.skip_date(library_for(library_with_guide), group.slug, START)
    schedule = load_schedule(library_for(library_with_guide, catalog=load_catalog()), group.slug)
    with pytest.raises(InvalidInputError, match="skipped"):
        build_agenda(library_for(library_with_guide, catalog=load_catalog()), schedule, START)
    with pytest.raises(InvalidInputError, match="no meeting on 2026-10-02"):
        build_agenda(library_for(library_with_guide, catalog=load_catalog()), schedule, date(2026, 10, 2))
    with pytest.raises(InvalidInputError, match="30-60"):
        build_agenda(library_for(library_with_guide, catalog=load_catalog()), schedule, date(2026, 10, 8), 90)


def test_a_library_paper_outside_the_guide_gets_generic_prompts(library_with_guide: Store) -> None:
    from paperpass.models import Paper
    from paperpass.store import papers as paper_rows

    with library_with_guide.transaction() as conn:
        paper_rows.insert_paper(conn, Paper(slug="my-paper", title="My Paper", abstract="We do X."))
    group = manage.create_group(
        library_for(library_with_guide),
        "Own",
        "thu",
        "17:00",
        "UTC",
        starts_on=START,
        source="custom",
        papers=["my-paper"],
    )
    schedule = load_schedule(library_for(library_with_guide, catalog=load_catalog()), group.slug)
    agenda = build_agenda(library_for(library_with_guide, catalog=load_catalog()), schedule, START, 30)
    parts = {i.key: i.points for i in agenda.items}
    assert parts["recap"][0] == "We do X."
    assert parts["next"] == ["This was the last paper on the list: choose what to read next."]


def test_the_agenda_never_prints_an_unfilled_note(library_with_guide: Store) -> None:
    """A note just created from the template (its questions still 'TODO: ...'), or with only the prompt
    left or a comment, gives the agenda no question; what the reader wrote beside them still shows."""
    from paperpass.notes.template import new_note

    paper = get_paper(library_for(library_with_guide), "attention-is-all-you-need")
    _save_note(library_with_guide, paper.slug, new_note(paper), 0)
    group = manage.create_group(
        library_for(library_with_guide), "Club", "thu", "17:00", "UTC", starts_on=START
    )
    schedule = load_schedule(library_for(library_with_guide, catalog=load_catalog()), group.slug)
    agenda = build_agenda(library_for(library_with_guide, catalog=load_catalog()), schedule, START, 30)
    text = agenda_markdown(agenda)
    assert "TODO" not in text and "What is still unclear" not in text
    assert agenda.questions == []
    assert "No shared questions in members' notes yet" in text
    partly = new_note(paper).replace(
        "TODO: What is still unclear; ideas for improvement.",
        "- What is still unclear; ideas for improvement.\n- <!-- later -->\n- Why not relative positions?",
    )
    with library_with_guide.transaction() as conn:
        note_rows.save_note(conn, paper.id or 0, partly, 1, user_id=0)
    agenda = build_agenda(library_for(library_with_guide, catalog=load_catalog()), schedule, START, 30)
    assert [q.text for q in agenda.questions] == ["Why not relative positions?"]
