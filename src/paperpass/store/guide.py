"""Which library papers the guide's entries cover (the catalog itself is static data)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, select, update

from paperpass.store.tables import guide_entries, guide_entry_works


def upsert_guide_entry(conn: Connection, slug: str, number: int, category: str, paper_id: int | None) -> None:
    """Record an entry and the paper it covers."""
    values = {"number": number, "category": category, "paper_id": paper_id}
    exists = conn.execute(select(guide_entries.c.slug).where(guide_entries.c.slug == slug)).first()
    if exists:
        conn.execute(update(guide_entries).where(guide_entries.c.slug == slug).values(**values))
    else:
        conn.execute(insert(guide_entries).values(slug=slug, **values))


def set_entry_works(conn: Connection, slug: str, paper_ids: Iterable[int]) -> None:
    """Replace the papers an entry names besides its own (Jamba and Zamba for Mamba-2, ...)."""
    conn.execute(delete(guide_entry_works).where(guide_entry_works.c.entry_slug == slug))
    rows = [{"entry_slug": slug, "paper_id": pid} for pid in dict.fromkeys(paper_ids)]
    if rows:
        conn.execute(insert(guide_entry_works), rows)


def remove_entries_except(conn: Connection, slugs: Iterable[str]) -> None:
    """Forget entries a newer catalog no longer has."""
    conn.execute(delete(guide_entries).where(guide_entries.c.slug.not_in(list(slugs))))


def entry_paper_ids(conn: Connection) -> dict[str, int | None]:
    """Entry slug -> id of the paper it covers."""
    rows = conn.execute(select(guide_entries.c.slug, guide_entries.c.paper_id))
    return {slug: pid for slug, pid in rows}


def entry_work_ids(conn: Connection) -> dict[str, list[int]]:
    """Entry slug -> ids of the other papers it names."""
    result: dict[str, list[int]] = {}
    for slug, pid in conn.execute(select(guide_entry_works.c.entry_slug, guide_entry_works.c.paper_id)):
        result.setdefault(slug, []).append(pid)
    return result


def entries_for_paper(conn: Connection, paper_id: int) -> list[str]:
    """Slugs of the entries that cover or name a paper, in guide order."""
    own = select(guide_entries.c.slug, guide_entries.c.number).where(guide_entries.c.paper_id == paper_id)
    named = (
        select(guide_entries.c.slug, guide_entries.c.number)
        .join(guide_entry_works, guide_entry_works.c.entry_slug == guide_entries.c.slug)
        .where(guide_entry_works.c.paper_id == paper_id)
    )
    rows = conn.execute(own.union(named))
    return [slug for slug, _ in sorted(rows, key=lambda r: r[1])]
