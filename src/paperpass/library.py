"""The library a command or a request works on: one :class:`Library` holding the store, the settings, the
guide's catalog and the viewer (who is asking).

The CLI opens one per command (:func:`open_library`, through ``paperpass.cli.common.library``), the web app
one per request (the ``LibraryDep`` dependency of ``paperpass.web.deps``). Domain functions take it as
their first argument instead of a store with the user, catalog and settings beside it, so no function can
forget whose data it reads: personal data goes through :attr:`Library.user_id`, which refuses when the
viewer owns none.

Opening also initialises the library on first use (created, migrated, the guide's papers seeded), so
``paperpass init`` is an explicit, idempotent call of it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace

from paperpass.catalog import Catalog, Entry, Work, load_catalog
from paperpass.config import Settings
from paperpass.errors import AccountRequiredError, InvalidInputError, NotFoundError
from paperpass.models import LOCAL_VIEWER, OPERATOR, Paper, Viewer
from paperpass.store import Connection, Store
from paperpass.store import accounts as account_rows
from paperpass.store import guide as guide_rows
from paperpass.store import papers as paper_rows

CATALOG_HASH_KEY = "catalog_sha256"


@dataclass(frozen=True)
class Library:
    """The library as one viewer sees it: what every domain function needs, in one object.

    Attributes:
        store: the database.
        settings: the resolved settings.
        catalog: the guide.
        viewer: who is asking (see :class:`paperpass.models.Viewer`).
    """

    store: Store
    settings: Settings
    catalog: Catalog
    viewer: Viewer

    @property
    def user_id(self) -> int:
        """The account whose personal data (notes, practice, reading, plans) is read and written.

        Raises:
            AccountRequiredError: the viewer owns no personal data (the CLI on a team library without
                ``--user``).
        """
        if not self.viewer.personal:
            raise AccountRequiredError(
                "this library has accounts: say whose notes, practice and plans to use with "
                "--user NAME (or the PAPERPASS_USER setting)"
            )
        return self.viewer.user_id

    def acting_as(self, viewer: Viewer) -> Library:
        """The same library seen by another viewer (the web app's per-request library)."""
        return replace(self, viewer=viewer)


def open_store(settings: Settings, *, seed: bool | None = None) -> Store:
    """Open (creating and migrating if needed) the library's database, with the guide seeded.

    Args:
        settings: resolved settings; the database is ``settings.db_url``.
        seed: load the guide's papers; defaults to the ``seed_guide`` setting.
    """
    settings.home.mkdir(parents=True, exist_ok=True)
    store = Store.open(settings.db_url)
    try:
        if settings.seed_guide if seed is None else seed:
            seed_guide(store, load_catalog())
    except BaseException:
        store.close()
        raise
    return store


def resolve_viewer(store: Store, username: str | None) -> Viewer:
    """Who a command acts as: the local user of a single-user library; on a team library (one with
    accounts) the named account, or the operator (no personal data) when no name is given.

    Raises:
        InvalidInputError: a name given for a library without accounts.
        NotFoundError: no account of that name.
    """
    with store.connect() as conn:
        team = account_rows.count_users(conn) > 0
        user = account_rows.find_user(conn, username) if team and username else None
    if not team:
        if username:
            raise InvalidInputError(
                f"--user {username}: this library has no accounts (it is a single-user library; "
                "`paperpass user add` makes it a team library)"
            )
        return LOCAL_VIEWER
    if not username:
        return OPERATOR
    if user is None:
        raise NotFoundError(f"no account {username!r} (see `paperpass user list`)")
    return Viewer(user_id=user.id, username=user.username, is_admin=user.is_admin)


def open_library(settings: Settings, *, username: str | None, seed: bool | None = None) -> Library:
    """Open the library (see :func:`open_store`) as the viewer :func:`resolve_viewer` names.

    Args:
        username: the account to act as on a team library (``--user``); None for the local user or,
            on a team library, the operator.
        seed: load the guide's papers; defaults to the ``seed_guide`` setting.
    """
    store = open_store(settings, seed=seed)
    try:
        viewer = resolve_viewer(store, username)
    except BaseException:
        store.close()
        raise
    return Library(store=store, settings=settings, catalog=load_catalog(), viewer=viewer)


def catalog_digest(catalog: Catalog) -> str:
    """A fingerprint of the catalog, to re-seed only when the bundled guide changed."""
    return hashlib.sha256(json.dumps(catalog.model_dump(mode="json"), sort_keys=True).encode()).hexdigest()


def _entry_paper(entry: Entry) -> Paper:
    links = {"abs": entry.link} if entry.link else {}
    if entry.arxiv:
        links["pdf"] = f"https://arxiv.org/pdf/{entry.arxiv}"
    return Paper(
        slug=entry.slug,
        title=entry.title,
        authors=list(entry.authors),
        year=entry.year,
        arxiv_id=entry.arxiv,
        links=links,
        tags=[entry.category],
        guide=True,
    )


def _work_paper(work: Work, category: str) -> Paper:
    link = f"https://arxiv.org/abs/{work.arxiv}" if work.arxiv else work.url
    links = {"abs": link} if link else {}
    return Paper(
        slug=work.slug,
        title=work.title,
        authors=list(work.authors),
        year=work.year,
        arxiv_id=work.arxiv,
        links=links,
        tags=[category],
        guide=True,
    )


def _ensure_paper(store_conn: Connection, wanted: Paper) -> int:
    """The guide paper's id: stored now, or the library paper it already is (marked a guide paper), or
    the discovery record it was (made a library paper under the guide's slug)."""
    existing = paper_rows.find_paper(store_conn, wanted.arxiv_id, discovery=True) if wanted.arxiv_id else None
    existing = existing or paper_rows.find_paper(store_conn, wanted.slug)
    if existing is None:
        stored = paper_rows.insert_paper(store_conn, wanted)
    elif existing.discovery:
        stored = paper_rows.update_paper(store_conn, existing.with_changes(guide=True))
        stored = paper_rows.promote(store_conn, stored, paper_rows.unique_slug(store_conn, wanted.slug))
    elif not existing.guide:
        stored = paper_rows.update_paper(store_conn, existing.with_changes(guide=True))
    else:
        stored = existing
    assert stored.id is not None
    return stored.id


def seed_guide(store: Store, catalog: Catalog, *, force: bool = False) -> bool:
    """Make every guide paper a library paper and record which entry covers which paper.

    Idempotent and cheap when nothing changed (a digest of the catalog is kept in the store). Papers the
    user already has (added from arXiv, say) are marked as guide papers, not duplicated or overwritten.

    Returns:
        True when the library was (re)seeded.
    """
    digest = catalog_digest(catalog)
    with store.transaction() as conn:
        if not force and paper_rows.get_meta(conn, CATALOG_HASH_KEY) == digest:
            return False
        by_slug: dict[str, int] = {}
        for entry in catalog.entries:
            if entry.paper is None and (entry.arxiv or entry.url) and entry.year is not None:
                by_slug[entry.slug] = _ensure_paper(conn, _entry_paper(entry))
        for entry in catalog.entries:
            paper_id = by_slug.get(entry.paper or entry.slug)
            guide_rows.upsert_guide_entry(conn, entry.slug, entry.number, entry.category, paper_id)
            work_ids = [_ensure_paper(conn, _work_paper(w, entry.category)) for w in entry.works]
            guide_rows.set_entry_works(conn, entry.slug, work_ids)
        guide_rows.remove_entries_except(conn, [e.slug for e in catalog.entries])
        paper_rows.set_meta(conn, CATALOG_HASH_KEY, digest)
    return True


def get_paper(library: Library, key: str | int) -> Paper:
    """A library paper by id, slug, arXiv id, DOI or Semantic Scholar id.

    Raises:
        NotFoundError: with the closest slugs as suggestions.
    """
    with library.store.connect() as conn:
        return paper_rows.get_paper(conn, key)


def list_papers(library: Library, *, guide: bool | None = None) -> list[Paper]:
    """The library's papers, newest first (never the discovery index's records)."""
    with library.store.connect() as conn:
        return paper_rows.list_papers(conn, guide=guide)


@dataclass(frozen=True)
class PaperPage:
    """One page of the library's papers, newest first, and where it is among all of them."""

    papers: list[Paper]
    page: int
    per_page: int
    total: int

    @property
    def first(self) -> int:
        """The position of the page's first paper (1-based)."""
        return (self.page - 1) * self.per_page + 1

    @property
    def pages(self) -> int:
        """How many pages there are (at least one)."""
        return max(1, -(-self.total // self.per_page))

    @property
    def more(self) -> bool:
        """Whether a page follows."""
        return self.page < self.pages


MAX_PER_PAGE = 200


def papers_page(library: Library, *, page: int, per_page: int) -> PaperPage:
    """A page of the library's papers (discovery records are not listed), with the library's size.

    Raises:
        InvalidInputError: ``page`` below 1, or ``per_page`` outside 1-200.
    """
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise InvalidInputError(f"page must be 1 or more and per_page 1-{MAX_PER_PAGE}")
    with library.store.connect() as conn:
        total = paper_rows.count_papers(conn)
        papers = paper_rows.page_of_papers(conn, offset=(page - 1) * per_page, limit=per_page)
    return PaperPage(papers, page, per_page, total)


def paper_entries(library: Library, paper: Paper) -> list[Entry]:
    """The guide entries that cover or name a paper, in guide order."""
    if paper.id is None:
        return []
    with library.store.connect() as conn:
        slugs = guide_rows.entries_for_paper(conn, paper.id)
    by_slug = {e.slug: e for e in library.catalog.entries}
    return [by_slug[s] for s in slugs if s in by_slug]


def paper_status(library: Library, paper: Paper) -> str:
    """A paper's stage for the viewer, as stored by :mod:`paperpass.papers.stage` (which defines it; its
    ``stage`` and ``stages`` are what the views call)."""
    if paper.id is None:
        return "to-read"
    with library.store.connect() as conn:
        return paper_rows.statuses(conn, [paper.id], user_id=library.user_id).get(paper.id, "to-read")
