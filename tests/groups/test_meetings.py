"""After the meeting: notes and decisions (a stale save is a conflict with both texts), attendance, roles."""

from __future__ import annotations

from datetime import date

import pytest

from paperpass.accounts import Viewer
from paperpass.accounts.users import add_user
from paperpass.catalog import load_catalog
from paperpass.errors import ConflictError, ForbiddenError, InvalidInputError, NotFoundError
from paperpass.groups import invitations, manage
from paperpass.groups.meetings import open_meeting, record_attendance, record_minutes
from paperpass.store import Store
from support.library import join, library_for

START = date(2026, 10, 1)


@pytest.fixture
def slug(library_with_guide: Store) -> str:
    group = manage.create_group(
        library_for(library_with_guide), "Club", "thu", "17:00", "UTC", starts_on=START
    )
    for name in ("Ana", "Ben"):
        manage.add_member(library_for(library_with_guide), group.slug, name)
    return group.slug


def test_minutes_are_versioned_and_a_stale_save_keeps_both_texts(
    library_with_guide: Store, slug: str
) -> None:
    catalog = load_catalog()
    first = record_minutes(
        library_for(library_with_guide, catalog=catalog),
        slug,
        START,
        "first",
        ["read LoRA"],
        expected_version=0,
    )
    assert (first.version, first.notes, first.decisions) == (1, "first", ["read LoRA"])
    with pytest.raises(ConflictError, match="saved by someone else") as caught:
        record_minutes(
            library_for(library_with_guide, catalog=catalog),
            slug,
            START,
            "my stale edit",
            [],
            expected_version=0,
        )
    assert (caught.value.mine, caught.value.theirs) == ("my stale edit", "first")
    view = open_meeting(library_for(library_with_guide, catalog=catalog), slug, START)
    assert view.record and view.record.notes == "first" and view.version == 1
    second = record_minutes(
        library_for(library_with_guide, catalog=catalog),
        slug,
        START,
        "second",
        ["a", " ", "b"],
        expected_version=1,
    )
    assert (second.version, second.decisions) == (2, ["a", "b"])


def test_attendance_by_name(library_with_guide: Store, slug: str) -> None:
    catalog = load_catalog()
    assert record_attendance(
        library_for(library_with_guide, catalog=catalog), slug, START, ["ana"], ["Ben"]
    ) == {
        "Ana": True,
        "Ben": False,
    }
    assert record_attendance(library_for(library_with_guide, catalog=catalog), slug, START, ["Ben"]) == {
        "Ana": True,
        "Ben": True,
    }
    with pytest.raises(NotFoundError, match="no member 'Zed'"):
        record_attendance(library_for(library_with_guide, catalog=catalog), slug, START, ["Zed"])
    with pytest.raises(InvalidInputError, match="both present and absent"):
        record_attendance(library_for(library_with_guide, catalog=catalog), slug, START, ["Ana"], ["ana"])
    with pytest.raises(InvalidInputError, match="no meeting"):
        record_attendance(library_for(library_with_guide, catalog=catalog), slug, date(2026, 10, 2), ["Ana"])


def test_roles_on_a_team_server(library_with_guide: Store) -> None:
    catalog = load_catalog()
    org, mem, out = (add_user(library_with_guide, n, "password-" + n) for n in ("org", "mem", "out"))
    admin = Viewer(99, "root", is_admin=True)
    as_org, as_mem, as_out = (Viewer(u.id, u.username) for u in (org, mem, out))
    group = manage.create_group(
        library_for(library_with_guide, viewer=as_org), "Team", "thu", "17:00", "UTC", starts_on=START
    )
    members = manage.open_group(library_for(library_with_guide, viewer=as_org), group.slug)[1]
    assert [(m.name, m.role, m.user_id) for m in members] == [("org", "organizer", org.id)]
    assert group.slug == "team-org"  # a team account's group is named in its own space
    join(library_with_guide, group.slug, as_mem, name="Mem", inviter=as_org)
    with pytest.raises(ForbiddenError):
        manage.add_member(library_for(library_with_guide, viewer=as_mem), group.slug, "X")
    with pytest.raises(ForbiddenError):
        record_minutes(
            library_for(library_with_guide, catalog=catalog, viewer=as_mem), group.slug, START, "x", []
        )
    with pytest.raises(NotFoundError):
        manage.open_group(library_for(library_with_guide, viewer=as_out), group.slug)
    with pytest.raises(NotFoundError):
        open_meeting(library_for(library_with_guide, catalog=catalog, viewer=as_out), group.slug, START)
    assert (
        open_meeting(
            library_for(library_with_guide, catalog=catalog, viewer=as_mem), group.slug, START
        ).meeting.day
        == START
    )
    assert [g.slug for g in manage.visible_groups(library_for(library_with_guide, viewer=as_out))] == []
    assert [g.slug for g in manage.visible_groups(library_for(library_with_guide, viewer=as_mem))] == [
        "team-org"
    ]
    assert [g.slug for g in manage.visible_groups(library_for(library_with_guide, viewer=admin))] == [
        "team-org"
    ]
    assert manage.share_questions(
        library_for(library_with_guide, viewer=as_mem), group.slug, True
    ).share_questions
    with pytest.raises(NotFoundError):
        manage.share_questions(library_for(library_with_guide, viewer=as_out), group.slug, True)
    nobody = invitations.invite(library_for(library_with_guide, viewer=as_org), group.slug, "nobody")
    assert nobody.username == "nobody"  # an unknown name is invited like a known one: nothing revealed
