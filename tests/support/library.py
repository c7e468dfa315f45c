"""Libraries for tests: a store seen by the local user of a single-user library, or by an account."""

from __future__ import annotations

from paperpass.catalog import Catalog, load_catalog
from paperpass.config import Settings, load_settings
from paperpass.library import Library
from paperpass.models import LOCAL_VIEWER, Viewer
from paperpass.store import Store


def library_for(
    store: Store,
    *,
    settings: Settings | None = None,
    catalog: Catalog | None = None,
    user: int | None = None,
    viewer: Viewer | None = None,
) -> Library:
    """``store`` as a :class:`Library`: seen by ``viewer``, or the account ``user``, or (neither given, or
    user 0) the local user; settings default to the test's isolated environment."""
    if viewer is None:
        viewer = LOCAL_VIEWER if not user else Viewer(user_id=user, username=f"user{user}")
    return Library(
        store=store,
        settings=settings if settings is not None else load_settings(),
        catalog=catalog if catalog is not None else load_catalog(),
        viewer=viewer,
    )


def join(
    store: Store,
    slug: str,
    member: Viewer,
    *,
    name: str | None = None,
    role: str = "member",
    inviter: Viewer = LOCAL_VIEWER,
) -> None:
    """Invite the account ``member`` to a group (as ``inviter``: an organizer, an admin, the operator) and
    accept as the member: the only way an account joins a group."""
    from paperpass.groups import invitations

    invitations.invite(library_for(store, viewer=inviter), slug, member.username, name=name, role=role)
    invitations.answer(library_for(store, viewer=member), slug, True)
