"""Papers in the library and records of the discovery index: insert, update, look up by any identifier,
list a page, find duplicate candidates, promote a record to the library, remove.

Discovery records (``papers.discovery``, written by ``paperpass import --arxiv-metadata``) share the table
and its unique identifiers with library papers, so a paper is never stored twice; but every listing,
count and look-up here sees the library only unless it says otherwise (``discovery=True``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, false, func, insert, or_, select, true, update
from sqlalchemy.exc import IntegrityError

from paperpass.errors import ConflictError, InvalidInputError, NotFoundError
from paperpass.ids import in_range, parse_id
from paperpass.models import READING_STATUSES, Paper, ReadingStatus, title_key
from paperpass.store.db import Store
from paperpass.store.tables import meta, papers, reading_status, utcnow

_ARXIV_VERSION = re.compile(
    r"^(?:arxiv:)?(?P<id>\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?/\d{7})(?:v(?P<v>\d+))?$", re.I
)
_FIELDS = (
    "slug", "title", "authors", "year", "venue", "abstract", "arxiv_id", "arxiv_version",
    "doi", "s2_id", "links", "tags", "guide", "discovery",
)  # fmt: skip
DUPLICATE_CANDIDATES = 200
"""Papers sharing a title key compared with a new paper at most (see :func:`title_candidates`)."""


def _to_paper(row: RowMapping) -> Paper:
    return Paper(
        id=row["id"],
        slug=row["slug"],
        title=row["title"],
        authors=list(row["authors"] or []),
        year=row["year"],
        venue=row["venue"],
        abstract=row["abstract"],
        arxiv_id=row["arxiv_id"],
        arxiv_version=row["arxiv_version"],
        doi=row["doi"],
        s2_id=row["s2_id"],
        links=dict(row["links"] or {}),
        tags=list(row["tags"] or []),
        guide=bool(row["guide"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        discovery=bool(row["discovery"]),
    )


def _values(paper: Paper) -> dict[str, Any]:
    values = {name: getattr(paper, name) for name in _FIELDS}
    if values["doi"]:
        values["doi"] = values["doi"].lower()
    values["title_key"] = title_key(paper.title)
    return values


def _integrity_message(exc: IntegrityError, paper: Paper) -> str:
    text = str(exc.orig).lower()
    for column in ("slug", "arxiv_id", "doi", "s2_id"):
        if column in text:
            return f"another paper already has {column} {getattr(paper, column)!r}"
    return f"cannot store paper {paper.slug!r}: {exc.orig}"


def insert_paper(conn: Connection, paper: Paper) -> Paper:
    """Insert a new paper in the caller's transaction and return it with its id.

    Raises:
        ConflictError: another paper has the same slug or identifier.
    """
    now = utcnow()
    try:
        with conn.begin_nested():
            new_id = conn.execute(
                insert(papers).values(**_values(paper), created_at=now, updated_at=now).returning(papers.c.id)
            ).scalar_one()
    except IntegrityError as exc:
        raise ConflictError(_integrity_message(exc, paper)) from None
    return paper.with_changes(id=new_id, created_at=now, updated_at=now)


def insert_papers(conn: Connection, new: list[Paper]) -> list[Paper]:
    """Insert many new papers in one statement (a large import's); returned with their ids, in order.

    Raises:
        ConflictError: one of them has a slug or identifier already taken (none is inserted).
    """
    if not new:
        return []
    now = utcnow()
    rows = [{**_values(p), "created_at": now, "updated_at": now} for p in new]
    try:
        with conn.begin_nested():
            result = conn.execute(insert(papers).returning(papers.c.id, sort_by_parameter_order=True), rows)
            ids = list(result.scalars())
    except IntegrityError as exc:
        raise ConflictError(f"cannot store {len(new)} papers at once: {exc.orig}") from None
    return [p.with_changes(id=n, created_at=now, updated_at=now) for p, n in zip(new, ids, strict=True)]


def taken_slugs(conn: Connection, slugs: Iterable[str]) -> set[str]:
    """Which of these slugs papers already have (looked up by the slug index, 500 at a time)."""
    wanted, taken = list(dict.fromkeys(slugs)), set[str]()
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        taken.update(conn.execute(select(papers.c.slug).where(papers.c.slug.in_(part))).scalars())
    return taken


def update_paper(conn: Connection, paper: Paper) -> Paper:
    """Write every field of a stored paper.

    Raises:
        NotFoundError: the paper has no id or no longer exists.
        ConflictError: the change collides with another paper's slug or identifier.
    """
    if paper.id is None:
        raise NotFoundError(f"paper {paper.slug!r} is not stored yet")
    now = utcnow()
    try:
        with conn.begin_nested():
            result = conn.execute(
                update(papers).where(papers.c.id == paper.id).values(**_values(paper), updated_at=now)
            )
    except IntegrityError as exc:
        raise ConflictError(_integrity_message(exc, paper)) from None
    if result.rowcount == 0:
        raise NotFoundError(f"paper {paper.slug!r} no longer exists")
    return paper.with_changes(updated_at=now)


def split_arxiv_id(text: str) -> tuple[str, int | None] | None:
    """``'arXiv:1706.03762v7'`` -> ``('1706.03762', 7)``; None when ``text`` is not an arXiv id."""
    match = _ARXIV_VERSION.match(text.strip())
    if not match:
        return None
    version = match.group("v")
    return match.group("id"), int(version) if version else None


def _identified_by(key: str) -> list[Any]:
    text = key.strip()
    conditions = [papers.c.slug == text.lower(), papers.c.s2_id == text, papers.c.doi == text.lower()]
    arxiv = split_arxiv_id(text)
    if arxiv:
        conditions.append(papers.c.arxiv_id == arxiv[0])
    return conditions


def find_paper(conn: Connection, key: str | int, *, discovery: bool = False) -> Paper | None:
    """The library paper whose id, slug, arXiv id (any version), DOI or Semantic Scholar id is ``key``;
    with ``discovery``, a record of the discovery index as well."""
    if isinstance(key, int) and not in_range(key):
        return None  # beyond any id column: nothing to look up
    row_id = key if isinstance(key, int) else parse_id(key.strip())
    if row_id is not None:
        query = select(papers).where(papers.c.id == row_id)
    else:
        query = select(papers).where(or_(*_identified_by(str(key))))
    if not discovery:
        query = query.where(papers.c.discovery == false())
    row = conn.execute(query.limit(1)).mappings().first()
    return _to_paper(row) if row else None


def get_paper(conn: Connection, key: str | int) -> Paper:
    """Like :func:`find_paper` (library papers only), but raises NotFoundError with the closest slugs as
    suggestions, or saying that the paper is in the discovery index and how to add it."""
    paper = find_paper(conn, key)
    if paper is not None:
        return paper
    record = find_paper(conn, key, discovery=True)
    if record is not None:
        handle = record.arxiv_id or record.doi or record.slug
        raise NotFoundError(
            f"{key!r} is in the discovery index, not in your library: add it with `paperpass add {handle}`"
        )
    slugs = list(conn.execute(select(papers.c.slug).where(papers.c.discovery == false())).scalars())
    suggestions = difflib.get_close_matches(str(key).lower(), slugs, n=3, cutoff=0.5)
    raise NotFoundError(f"no paper {key!r} in the library", suggestions)


def list_papers(conn: Connection, *, guide: bool | None = None) -> list[Paper]:
    """Every library paper, newest first; ``guide`` filters on guide papers."""
    query = select(papers).where(papers.c.discovery == false())
    query = query.order_by(papers.c.created_at.desc(), papers.c.id.desc())
    if guide is not None:
        query = query.where(papers.c.guide == guide)
    return [_to_paper(row) for row in conn.execute(query).mappings()]


def page_of_papers(conn: Connection, *, offset: int, limit: int) -> list[Paper]:
    """Library papers ``offset`` to ``offset + limit``, newest first (the order of :func:`list_papers`)."""
    query = (
        select(papers)
        .where(papers.c.discovery == false())
        .order_by(papers.c.created_at.desc(), papers.c.id.desc())
        .offset(max(0, offset))
        .limit(max(0, limit))
    )
    return [_to_paper(row) for row in conn.execute(query).mappings()]


def count_papers(conn: Connection, *, discovery: bool = False) -> int:
    """How many papers the library holds (with ``discovery``: how many records the discovery index)."""
    wanted = papers.c.discovery == (true() if discovery else false())
    query = select(func.count()).select_from(papers).where(wanted)
    return int(conn.execute(query).scalar_one())


def has_discovery_records(conn: Connection) -> bool:
    """Whether the discovery index holds any record."""
    return conn.execute(select(papers.c.id).where(papers.c.discovery == true()).limit(1)).first() is not None


def identifier_matches(
    conn: Connection, *, arxiv_id: str | None, doi: str | None, s2_id: str | None
) -> list[Paper]:
    """Papers (library or discovery) sharing any of these identifiers: unique, indexed look-ups."""
    conditions = []
    if arxiv_id:
        conditions.append(papers.c.arxiv_id == arxiv_id)
    if doi:
        conditions.append(papers.c.doi == doi.lower())
    if s2_id:
        conditions.append(papers.c.s2_id == s2_id)
    if not conditions:
        return []
    return [_to_paper(r) for r in conn.execute(select(papers).where(or_(*conditions))).mappings()]


def title_candidates(
    conn: Connection, title: str, year: int | None, *, discovery_only: bool = False
) -> list[Paper]:
    """Papers (library or discovery; with ``discovery_only``, records of the discovery index only) that
    may be ``title`` under another spelling: those sharing its :func:`~paperpass.models.title_key`, from
    ``year`` ± 1 or of no known year (any year when ``year`` is None); an indexed look-up, at most
    :data:`DUPLICATE_CANDIDATES`, library papers first."""
    key = title_key(title)
    if not key:
        return []
    query = select(papers).where(papers.c.title_key == key)
    if year is not None:
        query = query.where(or_(papers.c.year.between(year - 1, year + 1), papers.c.year.is_(None)))
    if discovery_only:
        query = query.where(papers.c.discovery == true())
    query = query.order_by(papers.c.discovery, papers.c.id).limit(DUPLICATE_CANDIDATES)
    return [_to_paper(r) for r in conn.execute(query).mappings()]


def promote(conn: Connection, paper: Paper, slug: str) -> Paper:
    """Make a discovery record a library paper, under a new ``slug`` (its metadata is kept as it is).

    Raises:
        NotFoundError: the record no longer exists.
    """
    if paper.id is None:
        raise NotFoundError(f"paper {paper.slug!r} is not stored yet")
    now = utcnow()
    result = conn.execute(
        update(papers).where(papers.c.id == paper.id).values(discovery=False, slug=slug, created_at=now,
                                                             updated_at=now)
    )  # fmt: skip
    if result.rowcount == 0:
        raise NotFoundError(f"paper {paper.slug!r} no longer exists")
    return paper.with_changes(discovery=False, slug=slug, created_at=now, updated_at=now)


def delete_paper(conn: Connection, paper_id: int) -> None:
    """Remove a paper (its reading status goes with it)."""
    conn.execute(delete(papers).where(papers.c.id == paper_id))


def unique_slug(conn: Connection, base: str) -> str:
    """``base`` or ``base-2``, ``base-3`` ... whichever is free (looked up by the slug index, 20 at a time:
    a ``LIKE`` would read every slug, and a large import make thousands)."""
    start = 1
    while True:
        wanted = [base if n == 1 else f"{base}-{n}" for n in range(start, start + 20)]
        taken = set(conn.execute(select(papers.c.slug).where(papers.c.slug.in_(wanted))).scalars())
        free = next((slug for slug in wanted if slug not in taken), None)
        if free is not None:
            return free
        start += 20


def statuses(conn: Connection, paper_ids: Iterable[int] | None = None, *, user_id: int) -> dict[int, str]:
    """Reading status per paper id for a user (papers without a row are 'to-read')."""
    query = select(reading_status.c.paper_id, reading_status.c.status).where(
        reading_status.c.user_id == user_id
    )
    if paper_ids is not None:
        query = query.where(reading_status.c.paper_id.in_(list(paper_ids)))
    return {pid: status for pid, status in conn.execute(query)}


def set_status(conn: Connection, paper_id: int, status: ReadingStatus, user_id: int) -> None:
    """Set a paper's reading status for a user.

    Raises:
        InvalidInputError: ``status`` is not one of the known statuses.
    """
    if status not in READING_STATUSES:
        raise InvalidInputError(f"unknown status {status!r}; use one of {', '.join(READING_STATUSES)}")
    where = (reading_status.c.paper_id == paper_id) & (reading_status.c.user_id == user_id)
    result = conn.execute(update(reading_status).where(where).values(status=status, updated_at=utcnow()))
    if result.rowcount == 0:
        conn.execute(
            insert(reading_status).values(
                paper_id=paper_id, user_id=user_id, status=status, updated_at=utcnow()
            )
        )


def get_meta(conn: Connection, key: str) -> str | None:
    """A value from the key-value meta table."""
    return conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar_one_or_none()


def set_meta(conn: Connection, key: str, value: str) -> None:
    """Store a value in the key-value meta table."""
    if conn.execute(update(meta).where(meta.c.key == key).values(value=value)).rowcount == 0:
        conn.execute(insert(meta).values(key=key, value=value))


def papers_by_ids(conn: Connection, ids: Iterable[int]) -> Mapping[int, Paper]:
    """Papers keyed by id."""
    rows = conn.execute(select(papers).where(papers.c.id.in_(list(ids)))).mappings()
    return {row["id"]: _to_paper(row) for row in rows}


__all__ = [
    "Store",
    "count_papers",
    "delete_paper",
    "find_paper",
    "get_meta",
    "get_paper",
    "identifier_matches",
    "insert_paper",
    "list_papers",
    "page_of_papers",
    "papers_by_ids",
    "promote",
    "set_meta",
    "set_status",
    "split_arxiv_id",
    "statuses",
    "title_candidates",
    "unique_slug",
    "update_paper",
]
