"""BibTeX in and out (bibtexparser v2), without losing fields.

Reading keeps every field's raw value exactly as written (braces, accents in LaTeX, month macros,
``eprint`` blocks), so that exporting a paper that came from a ``.bib`` file writes the same entry back.
The paper's metadata (title, authors ...) comes from a decoded copy: enclosing braces removed and LaTeX
turned into Unicode with :class:`~bibtexparser.middlewares.LatexDecodingMiddleware`. Fields that are
identifiers or URLs are never LaTeX-decoded, since ``%`` in a URL would be read as a comment.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from bibtexparser.entrypoint import parse_string, write_string
from bibtexparser.library import Library
from bibtexparser.middlewares import (
    LatexDecodingMiddleware,
    RemoveEnclosingMiddleware,
    ResolveStringReferencesMiddleware,
)
from bibtexparser.model import Block, DuplicateBlockKeyBlock, Entry, Field

from paperpass.models import Paper
from paperpass.sources.identifiers import arxiv_id_from_doi, normalise_doi, parse_arxiv_id
from paperpass.sources.record import BibtexFields, SourceRecord

DECODED_FIELDS = frozenset({"title", "author", "journal", "booktitle", "abstract"})
"""Fields the metadata is read from, hence LaTeX-decoded; the rest are written back raw anyway."""
VERBATIM_FIELDS = frozenset({"doi", "url", "eprint", "urldate", "file", "isbn", "issn", "arxivid", "biburl"})
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_ARXIV_IN_TEXT = re.compile(r"arxiv[:\s/]*(?:abs/)?(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class BibtexImport:
    """What a ``.bib`` file held: one record per entry, and the blocks that could not be read."""

    records: list[SourceRecord]
    problems: list[str] = field(default_factory=list)


def _strip_enclosing(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] + value[-1] in ("{}", '""'):
        value = value[1:-1]
    return " ".join(value.split())


def _needs_latex(value: str) -> bool:
    return any(mark in value for mark in ("\\", "{", "~", "$", "--"))


def _decoded(entries: Sequence[Entry], strings: Sequence[Any]) -> list[dict[str, str]]:
    """Each entry's fields with @string macros resolved, enclosing braces removed and LaTeX decoded.

    Works on copies renamed ``0``, ``1`` ... (keys may repeat in a file; the copies' may not). Only the
    fields the metadata uses are LaTeX-decoded, and only when they hold LaTeX: decoding costs ~5 ms a value.
    """
    copies = [Entry(e.entry_type, str(n), deepcopy(e.fields)) for n, e in enumerate(entries)]
    library = Library([*deepcopy(list(strings)), *copies])
    for middleware in (ResolveStringReferencesMiddleware(), RemoveEnclosingMiddleware()):
        library = middleware.transform(library)
    plain = {e.key: {f.key.lower(): str(f.value) for f in e.fields} for e in library.entries}
    latex = [
        Entry(
            "misc", key, [Field(k, v) for k, v in fields.items() if k in DECODED_FIELDS and _needs_latex(v)]
        )
        for key, fields in plain.items()
    ]
    for entry in LatexDecodingMiddleware().transform(Library(list(latex))).entries:
        plain[entry.key].update({f.key: str(f.value) for f in entry.fields})
    out = []
    for n, entry in enumerate(entries):
        decoded = {k: " ".join(v.split()) for k, v in plain[str(n)].items()}
        for f in entry.fields:
            if f.key.lower() in VERBATIM_FIELDS:
                decoded[f.key.lower()] = _strip_enclosing(f.value)
        out.append(decoded)
    return out


def split_authors(text: str) -> list[str]:
    """BibTeX ``author`` text -> display names ('Last, First' becomes 'First Last'; 'others' dropped)."""
    names = []
    for part in _AND.split(text.strip()):
        part = part.strip().strip(",")
        if not part or part.lower() in {"others", "et al.", "et al"}:
            continue
        pieces = [p.strip() for p in part.split(",")]
        if len(pieces) == 2:
            part = f"{pieces[1]} {pieces[0]}"
        elif len(pieces) == 3:  # Last, Jr, First
            part = f"{pieces[2]} {pieces[0]} {pieces[1]}"
        names.append(" ".join(part.split()))
    return names


def _arxiv_id(values: dict[str, str]) -> str | None:
    eprint = values.get("eprint", "")
    prefix = (values.get("archiveprefix") or values.get("eprinttype") or "").lower()
    if eprint and (prefix in ("arxiv", "") and parse_arxiv_id(eprint)):
        return parse_arxiv_id(eprint)[0]  # type: ignore[index]
    for key in ("doi", "journal", "number", "url", "note", "howpublished", "volume"):
        text = values.get(key, "")
        inner = arxiv_id_from_doi(text) if key == "doi" else None
        match = _ARXIV_IN_TEXT.search(text)
        if inner or match:
            return inner or (match.group(1) if match else None)
    return None


def _entry_record(entry: Entry, values: dict[str, str]) -> SourceRecord:
    year_match = re.search(r"\d{4}", values.get("year") or values.get("date") or "")
    venue = values.get("journal") or values.get("booktitle") or None
    doi = normalise_doi(values.get("doi", ""))
    arxiv = _arxiv_id(values)
    links = {"url": values["url"]} if values.get("url", "").startswith("http") else {}
    paper = Paper(
        slug="",
        title=values.get("title", ""),
        authors=split_authors(values.get("author", "")),
        year=int(year_match.group(0)) if year_match else None,
        venue=None if venue and venue.lower().startswith("arxiv") else venue,
        abstract=values.get("abstract") or None,
        arxiv_id=arxiv,
        doi=None if doi and arxiv_id_from_doi(doi) else doi,
        links=links,
    )
    raw = BibtexFields(entry.entry_type.lower(), entry.key, {f.key: f.value for f in entry.fields})
    return SourceRecord("bibtex", paper, bibtex=raw)


def read_bibtex(text: str) -> BibtexImport:
    """Every entry of a BibTeX file (a second entry with a key already used is kept too).

    Lines that are not BibTeX (stray text between entries) are ignored, as BibTeX itself does.
    """
    library = parse_string(text.lstrip("\ufeff"), parse_stack=[])
    entries: list[Entry] = list(library.entries)
    problems = []
    for block in library.failed_blocks:
        if isinstance(block, DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, Entry):
            entries.append(block.ignore_error_block)
        else:
            problems.append(f"line {(block.start_line or 0) + 1}: {getattr(block, 'error', 'unreadable')}")
    records = [_entry_record(e, v) for e, v in zip(entries, _decoded(entries, library.strings), strict=True)]
    return BibtexImport([r for r in records if r.paper.title], problems)


def _ascii_word(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def citation_key(paper: Paper) -> str:
    """``<first author's last name><year><first significant title word>``, e.g. ``vaswani2017attention``."""
    last = _ascii_word(paper.authors[0].split()[-1]) if paper.authors else "anon"
    words = [_ascii_word(w) for w in paper.title.split()]
    word = next((w for w in words if len(w) > 3 and w not in {"with", "from", "that", "this"}), "")
    return f"{last}{paper.year or ''}{word}" or "paper"


def _braced(text: str) -> str:
    return "{" + re.sub(r"(?<!\\)([&%#_$])", r"\\\1", text) + "}"


def paper_entry(paper: Paper) -> BibtexFields:
    """A BibTeX entry made from a paper's metadata (``@article`` with a venue, ``@misc`` for preprints)."""
    values: dict[str, str] = {"title": "{" + _braced(paper.title) + "}"}
    if paper.authors:
        values["author"] = _braced(" and ".join(paper.authors))
    if paper.year:
        values["year"] = str(paper.year)
    if paper.venue:
        values["journal"] = _braced(paper.venue)
    if paper.doi:
        values["doi"] = "{" + paper.doi + "}"
    if paper.arxiv_id:
        values["eprint"] = "{" + paper.arxiv_id + "}"
        values["archiveprefix"] = "{arXiv}"
    url = (
        paper.links.get("abs")
        or paper.links.get("url")
        or (f"https://doi.org/{paper.doi}" if paper.doi else "")
    )
    if url:
        values["url"] = "{" + url + "}"
    return BibtexFields("article" if paper.venue else "misc", citation_key(paper), values)


def write_bibtex(entries: Iterable[BibtexFields]) -> str:
    """BibTeX text for entries, every value written exactly as stored; repeated keys get a, b, c ..."""
    seen: dict[str, int] = {}
    blocks: list[Block] = []
    for entry in entries:
        key = entry.key
        if key in seen:
            seen[key] += 1
            key = f"{key}{chr(ord('a') + seen[key] - 1)}"
        else:
            seen[key] = 1
        blocks.append(Entry(entry.entry_type, key, [Field(k, v) for k, v in entry.fields.items()]))
    return write_string(Library(list(blocks)), unparse_stack=[])


def csl_json(paper: Paper) -> dict[str, Any]:
    """A paper as a CSL-JSON item (what Zotero, Pandoc and citeproc read)."""
    item: dict[str, Any] = {
        "id": paper.slug or citation_key(paper),
        "type": "article-journal" if paper.venue else "article",
        "title": paper.title,
        "author": [_csl_name(a) for a in paper.authors],
    }
    if paper.year:
        item["issued"] = {"date-parts": [[paper.year]]}
    if paper.venue:
        item["container-title"] = paper.venue
    if paper.doi:
        item["DOI"] = paper.doi
    if paper.abstract:
        item["abstract"] = paper.abstract
    url = paper.links.get("abs") or paper.links.get("url")
    if url:
        item["URL"] = url
    if paper.arxiv_id:
        item["number"] = f"arXiv:{paper.arxiv_id}"
        item["publisher"] = "arXiv"
    return item


def _csl_name(name: str) -> dict[str, str]:
    parts = name.rsplit(" ", 1)
    return {"given": parts[0], "family": parts[1]} if len(parts) == 2 else {"literal": name}
