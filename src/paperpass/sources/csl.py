"""Papers as CSL-JSON items (what Zotero, Pandoc and citeproc read), every BibTeX field CSL has mapped.

A paper imported from a ``.bib`` file keeps its entry, so its item says what the entry says: the type
(``@inproceedings`` is a ``paper-conference``, ``@techreport`` a ``report`` ...), volume, issue, pages,
publisher, editors, ISBN, series and the rest. Title, authors, year, venue and identifiers come from the
paper itself, the one merged record that ``show`` and the BibTeX export give too.

Names: organisations are ``literal`` names (``{Mistral AI}`` in BibTeX, ``Meta AI`` in the guide), and a
list cut short ends in ``{"literal": "others"}`` (as Pandoc writes BibTeX's ``and others``).

arXiv: a preprint is an ``article`` published by arXiv, with arXiv's DOI and abstract page (APA's form:
"Title. arXiv. https://doi.org/10.48550/arXiv.ID"); a published paper keeps its venue's numbers and names
its arXiv copy only in ``archive`` / ``archive_location`` (and ``URL`` when it has no other).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from paperpass.models import Paper
from paperpass.sources.bibtex import MONTHS, decoded_fields, entry_names
from paperpass.sources.bibtex_names import Name, NameList, name_from_display
from paperpass.sources.record import BibtexFields

CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "manual": "report",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "thesis": "thesis",
    "proceedings": "book",
    "techreport": "report",
    "report": "report",
    "unpublished": "manuscript",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "dataset": "dataset",
    "software": "software",
    "patent": "patent",
    "misc": "article",
}
"""BibTeX entry types and the CSL type of each (``misc`` is refined by :func:`_csl_type`)."""
PLAIN_FIELDS = {
    "volume": "volume",
    "issue": "issue",
    "pages": "page",
    "numpages": "number-of-pages",
    "pagetotal": "number-of-pages",
    "edition": "edition",
    "note": "note",
    "isbn": "ISBN",
    "issn": "ISSN",
    "series": "collection-title",
    "chapter": "chapter-number",
    "address": "publisher-place",
    "location": "publisher-place",
    "language": "language",
    "keywords": "keyword",
    "abstract": "abstract",
    "howpublished": "medium",
    "eventtitle": "event-title",
    "venue": "event-place",
    "version": "version",
}
"""BibTeX fields copied as they are into the CSL variable of the same meaning."""
PUBLISHER_FIELDS = ("publisher", "institution", "school", "organization")
"""Who published it, in order of preference (a report's institution, a thesis's school)."""
_THESIS_GENRE = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
_URL_IN_TEXT = re.compile(r"https?://\S+")
OTHERS = {"literal": "others"}


def _name(name: Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    return {"family": name.family, "given": name.given} if name.given else {"family": name.family}


def csl_names(names: NameList) -> list[dict[str, str]]:
    """CSL names for a list, ending in ``{"literal": "others"}`` when it is cut short."""
    return [_name(n) for n in names.names] + ([OTHERS] if names.truncated else [])


def _authors(paper: Paper, stored: NameList | None, truncated: bool) -> NameList:
    """The entry's own names when they are the paper's; otherwise the paper's (the merged record)."""
    if stored is not None and stored.display == paper.authors:
        return stored
    return NameList([name_from_display(a) for a in paper.authors], truncated)


def _month(text: str) -> int | None:
    word = text.strip().lower()[:3]
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return int(word) if word.isascii() and word.isdigit() and 1 <= int(word) <= 12 else None


def _issued(paper: Paper, fields: Mapping[str, str]) -> dict[str, Any] | None:
    if not paper.year:
        return None
    parts = [paper.year]
    month = _month(fields.get("month", ""))
    if month:
        parts.append(month)
        day = fields.get("day", "").strip()
        if day.isascii() and day.isdigit() and 1 <= int(day) <= 31:
            parts.append(int(day))
    return {"date-parts": [parts]}


def _csl_type(entry_type: str, paper: Paper, fields: Mapping[str, str], venue: str | None) -> str:
    kind = CSL_TYPES.get(entry_type, "article")
    if kind == "article-journal" and not venue:
        return "article"  # an @article with no journal (or "arXiv preprint") is a preprint
    if entry_type == "misc":
        located = any(fields.get(k) for k in ("volume", "pages", "number", "issue"))
        if not paper.arxiv_id and not located and (fields.get("url") or fields.get("howpublished")):
            return "webpage"  # how Zotero and others write a web page
        if venue:
            return "article-journal"
    return kind


def _metadata_type(paper: Paper) -> str:
    if paper.venue:
        return "article-journal"
    if paper.arxiv_id or paper.doi:
        return "article"
    return "webpage" if paper.links else "article"


def _copy_fields(item: dict[str, Any], entry_type: str, fields: Mapping[str, str]) -> None:
    for key, variable in PLAIN_FIELDS.items():
        if fields.get(key):
            item.setdefault(variable, fields[key])
    number = fields.get("number")
    if number:  # an article's issue; a report's or patent's own number; a book's number in its series
        if entry_type == "article":
            item.setdefault("issue", number)
        elif entry_type in ("techreport", "report", "patent", "manual", "misc", "unpublished"):
            item["number"] = number
        else:
            item["collection-number"] = number
    publisher = next((fields[k] for k in PUBLISHER_FIELDS if fields.get(k)), None)
    if publisher:
        item["publisher"] = publisher
    genre = fields.get("type") or _THESIS_GENRE.get(entry_type)
    if genre and entry_type in ("phdthesis", "mastersthesis", "thesis", "techreport", "report", "patent"):
        item["genre"] = genre
    if "medium" in item:  # howpublished: often \url{...}, which is the item's URL
        url = _URL_IN_TEXT.search(item["medium"])
        if url:
            item.setdefault("URL", url.group(0).rstrip("}"))
            del item["medium"]
    accessed = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2}).*", fields.get("urldate", ""))
    if accessed:
        item["accessed"] = {"date-parts": [[int(p) for p in accessed.groups()]]}


def _arxiv(item: dict[str, Any], paper: Paper) -> None:
    """Where styles look for an arXiv copy (see the module docstring)."""
    if not paper.arxiv_id:
        return
    label = f"arXiv:{paper.arxiv_id}"
    abs_url = f"https://arxiv.org/abs/{paper.arxiv_id}"
    if item["type"] == "article":
        item.setdefault("publisher", "arXiv")
        item.setdefault("DOI", f"10.48550/arXiv.{paper.arxiv_id}")
        item.setdefault("URL", abs_url)
    else:
        item["archive"] = "arXiv"
        item["archive_location"] = label
        if "DOI" not in item:
            item.setdefault("URL", abs_url)


def csl_json(
    paper: Paper, bibtex: BibtexFields | None = None, *, authors_truncated: bool = False
) -> dict[str, Any]:
    """A paper as a CSL-JSON item.

    Args:
        paper: the merged record (title, authors, year, venue and identifiers come from it).
        bibtex: the entry the paper was imported from, if any: type and every other field come from it.
        authors_truncated: the paper's author list names only the first authors.
    """
    fields = decoded_fields(bibtex.fields) if bibtex else {}
    entry_type = bibtex.entry_type.lower() if bibtex else ""
    authors = _authors(paper, entry_names(bibtex.fields) if bibtex else None, authors_truncated)
    venue = fields.get("journal") or fields.get("booktitle") or paper.venue
    if venue and venue.lower().startswith("arxiv"):
        venue = None
    item: dict[str, Any] = {
        "id": paper.slug or (bibtex.key if bibtex else "paper"),
        "type": _csl_type(entry_type, paper, fields, venue) if bibtex else _metadata_type(paper),
        "title": paper.title,
    }
    if paper.authors:
        item["author"] = csl_names(authors)
    if bibtex:
        for role in ("editor", "translator"):
            names = entry_names(bibtex.fields, role)
            if names.names:
                item[role] = csl_names(names)
    issued = _issued(paper, fields)
    if issued:
        item["issued"] = issued
    if venue:
        item["container-title"] = venue
    _copy_fields(item, entry_type, fields)
    if paper.abstract:
        item["abstract"] = paper.abstract
    if paper.doi:
        item["DOI"] = paper.doi
    url = paper.links.get("abs") or paper.links.get("url") or fields.get("url")
    if url and not item.get("URL"):
        item["URL"] = url
    _arxiv(item, paper)
    return item
