"""SQL both search backends share: the WHERE clauses that apply :class:`SearchFilters` to ``papers p``.

The one difference between the backends here, how a JSON array of tags is read, is passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from paperpass.store.search_model import SearchFilters

PERSONAL_KINDS = ("note", "highlight")
"""Indexed texts that belong to one user (``ref`` is the user id): found by that user's searches only."""

TagsExist = Callable[[str], str]
"""``condition on j.value`` -> an SQL EXISTS over the paper's tags (``json_each`` / ``jsonb``)."""


@dataclass
class SqlParts:
    """WHERE clauses and their bound parameters, built up clause by clause."""

    clauses: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def bind_list(self, prefix: str, values: Iterable[Any]) -> str:
        """Bind each value as ``:prefixN``; the placeholders, comma-separated (``NULL`` for none)."""
        names = []
        for n, value in enumerate(values):
            self.params[f"{prefix}{n}"] = value
            names.append(f":{prefix}{n}")
        return ", ".join(names) or "NULL"

    @property
    def where(self) -> str:
        """The clauses as ``AND ...`` continuations of a WHERE."""
        return "".join(f" AND {c}" for c in self.clauses)


def filter_sql(filters: SearchFilters, tags_exist: TagsExist, *, optional_paper: bool = False) -> SqlParts:
    """The WHERE clauses (over ``papers p``) and parameters that apply ``filters``.

    ``optional_paper`` when ``p`` is outer-joined (the guide's text about an entry with no library paper
    is no discovery record).
    """
    sql = SqlParts(params={"uid": filters.user_id, "no": False})
    if not filters.discovery:
        sql.clauses.append("(p.id IS NULL OR p.discovery = :no)" if optional_paper else "p.discovery = :no")
    if filters.categories:
        conditions = []
        for n, category in enumerate(filters.categories):
            sql.params[f"cat{n}"], sql.params[f"catp{n}"] = category, f"{category}.%"
            conditions.append(f"j.value = :cat{n} OR j.value LIKE :catp{n}")
        sql.clauses.append(tags_exist(" OR ".join(conditions)))
    if filters.tags:
        sql.clauses.append(tags_exist(f"j.value IN ({sql.bind_list('tag', filters.tags)})"))
    if filters.statuses:
        status = (
            "COALESCE((SELECT rs.status FROM reading_status rs"
            " WHERE rs.paper_id = p.id AND rs.user_id = :uid), 'to-read')"
        )
        sql.clauses.append(f"{status} IN ({sql.bind_list('st', filters.statuses)})")
    if filters.year_from is not None:
        sql.clauses.append("p.year >= :year_from")
        sql.params["year_from"] = filters.year_from
    if filters.year_to is not None:
        sql.clauses.append("p.year <= :year_to")
        sql.params["year_to"] = filters.year_to
    if filters.has_notes is not None:
        exists = "EXISTS (SELECT 1 FROM notes n WHERE n.paper_id = p.id AND n.user_id = :uid)"
        sql.clauses.append(exists if filters.has_notes else f"NOT {exists}")
    if filters.paper_ids is not None:
        sql.clauses.append(f"p.id IN ({sql.bind_list('pid', sorted(filters.paper_ids))})")
    return sql


def text_scope(filters: SearchFilters, tags_exist: TagsExist) -> SqlParts:
    """The WHERE continuation over ``search_texts t LEFT JOIN papers p`` for a text search: notes and
    highlights of ``filters.user_id`` only, and with any filter, texts about a paper only."""
    sql = filter_sql(filters, tags_exist, optional_paper=True)
    personal = ", ".join(f"'{kind}'" for kind in PERSONAL_KINDS)
    sql.clauses.insert(0, f"(t.kind NOT IN ({personal}) OR t.ref = :uidtext)")
    sql.params["uidtext"] = str(filters.user_id)
    if filters.active:
        sql.clauses.append("t.paper_id IS NOT NULL")
    return sql
