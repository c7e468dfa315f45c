"""BibTeX in and out (bibtexparser v2 splits the file), without losing fields.

Reading keeps every field's raw value as written (braces, accents in LaTeX, month macros, ``eprint``
blocks), so that exporting a paper that came from a ``.bib`` file writes the same entry back. Two things
are changed on the way in, so that the export stands alone: ``@string`` macros (and ``#``
concatenations) are expanded, since the export does not carry the file's ``@string`` blocks; and NUL
characters are removed. The paper's metadata (title, authors ...) comes from a decoded copy: delimiters
removed and LaTeX turned into Unicode (:mod:`paperpass.sources.latex`). Fields that are identifiers or
URLs are never LaTeX-decoded, since ``%`` in a URL is not a comment.

Entries that cannot be read, or have no title, are reported one line each in
:attr:`BibtexImport.problems` (the parser's own log is kept quiet).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bibtexparser.entrypoint import parse_string, write_string
from bibtexparser.library import Library
from bibtexparser.model import Block, Entry, Field, ParsingFailedBlock, String

from paperpass.models import Paper
from paperpass.sources.bibtex_names import NameList, bibtex_name, looks_like_organisation, parse_names
from paperpass.sources.identifiers import arxiv_id_from_doi, normalise_doi, parse_arxiv_id
from paperpass.sources.latex import latex_to_text, strip_comment_lines
from paperpass.sources.record import BibtexFields, SourceRecord

VERBATIM_FIELDS = frozenset({"doi", "url", "eprint", "urldate", "file", "isbn", "issn", "arxivid", "biburl"})
"""Identifiers and URLs: read as written, never LaTeX-decoded."""
NAME_FIELDS = frozenset({"author", "editor", "translator"})
_ARXIV_IN_TEXT = re.compile(r"arxiv[:\s/]*(?:abs/)?(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")  # fmt: skip
_ET_AL = re.compile(r"\s+and\s+et\.?\s*al\.?(?=\s*[}\"]?\s*$)", re.IGNORECASE)
_PARSER_LOGGERS = ("bibtexparser", "pylatexenc")


@dataclass(frozen=True)
class BibtexImport:
    """What a ``.bib`` file held: one record per entry with a title, and one line per entry left out."""

    records: list[SourceRecord]
    problems: list[str] = field(default_factory=list)


def _split_concatenation(value: str) -> list[str]:
    """The parts of ``a # "b" # {c}`` (``#`` outside braces and quotes)."""
    parts, depth, quoted, start = [], 0, False, 0
    for n, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(value[start:n])
            start = n + 1
    parts.append(value[start:])
    return [p.strip() for p in parts]


def _part_text(part: str, macros: Mapping[str, str]) -> tuple[str, bool]:
    """One part of a value as text, and whether it was a macro other than a month's."""
    if len(part) >= 2 and part[0] + part[-1] in ("{}", '""'):
        return part[1:-1], False
    name = part.lower()
    if name in macros:
        return macros[name], True
    if name in MONTHS:
        return MONTH_NAMES[MONTHS.index(name)], False
    return part, not part.isdigit()  # an undefined macro: BibTeX would warn; its name is the best guess


def expand_value(value: str, macros: Mapping[str, str] = {}) -> tuple[str, bool]:  # noqa: B006
    """A raw field value's text (delimiters removed, macros and ``#`` expanded), and whether the raw
    value needs rewriting to stand alone (it used a macro other than a month's, or ``#``)."""
    value = value.strip()
    if "#" not in value:
        return _part_text(value, macros)
    parts = _split_concatenation(value)
    texts = [_part_text(p, macros) for p in parts]
    return "".join(t for t, _ in texts), len(parts) > 1 or any(used for _, used in texts)


def _macros(strings: Iterable[String]) -> dict[str, str]:
    macros: dict[str, str] = {}
    for string in strings:
        macros[string.key.lower()] = expand_value(str(string.value), macros)[0]
    return macros


def field_text(key: str, text: str) -> str:
    """A field's text (delimiters already removed) as plain text: LaTeX decoded, except identifiers."""
    if key.lower() in VERBATIM_FIELDS:
        return " ".join(text.split())
    return latex_to_text(text)


def decoded_fields(fields: Mapping[str, str]) -> dict[str, str]:
    """Every field of a stored entry (raw values) as plain text, keys in lower case; names as written."""
    out = {}
    for key, raw in fields.items():
        text = expand_value(raw)[0]
        out[key.lower()] = strip_comment_lines(text) if key.lower() in NAME_FIELDS else field_text(key, text)
    return out


def entry_names(fields: Mapping[str, str], key: str = "author") -> NameList:
    """The names of a stored entry's ``author`` (or ``editor``) field."""
    raw = next((v for k, v in fields.items() if k.lower() == key), "")
    return parse_names(strip_comment_lines(expand_value(raw)[0])) if raw else NameList([])


def _arxiv_id(values: Mapping[str, str]) -> str | None:
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


METADATA_FIELDS = frozenset({"title", "journal", "booktitle", "abstract"})


def _entry_record(entry: Entry, macros: Mapping[str, str]) -> SourceRecord:
    raw: dict[str, str] = {}
    values: dict[str, str] = {}
    authors = NameList([])
    for f in entry.fields:
        key = f.key.lower()
        text, rewrite = expand_value(str(f.value), macros)
        raw[f.key] = "{" + text + "}" if rewrite else str(f.value)
        if key == "author":
            authors = parse_names(strip_comment_lines(text))
        elif key in METADATA_FIELDS:
            values[key] = latex_to_text(text)
        else:
            values[key] = " ".join(text.split())
    year_match = re.search(r"\d{4}", values.get("year") or values.get("date") or "")
    venue = values.get("journal") or values.get("booktitle") or None
    doi = normalise_doi(values.get("doi", ""))
    arxiv = _arxiv_id(values)
    links = {"url": values["url"]} if values.get("url", "").startswith("http") else {}
    paper = Paper(
        slug="",
        title=values.get("title", ""),
        authors=authors.display,
        year=int(year_match.group(0)) if year_match else None,
        venue=None if venue and venue.lower().startswith("arxiv") else venue,
        abstract=values.get("abstract") or None,
        arxiv_id=arxiv,
        doi=None if doi and arxiv_id_from_doi(doi) else doi,
        links=links,
    )
    return SourceRecord("bibtex", paper, bibtex=BibtexFields(entry.entry_type.lower(), entry.key, raw))


def _line(block: Block) -> int:
    return (block.start_line or 0) + 1


def _failure(block: ParsingFailedBlock) -> str:
    error = block.error
    reason = str(getattr(error, "abort_reason", "") or error or "unreadable").strip().splitlines()
    head = " ".join((block.raw or "").split())[:40]
    return f"line {_line(block)}: cannot read {head!r}: {reason[0] if reason else 'unreadable'}"


def _parse(text: str) -> Library:
    """The file split into blocks, the parser's log quiet (each bad block is reported once, by us)."""
    for name in _PARSER_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return parse_string(text, parse_stack=[])


def read_bibtex(text: str) -> BibtexImport:
    """Every entry of a BibTeX file, in file order (a second entry with a key already used is kept too).

    Lines that are not BibTeX (stray text between entries) are ignored, as BibTeX itself does. Entries
    that cannot be parsed and entries without a title are left out, each named in ``problems``.
    """
    library = _parse(text.lstrip("\ufeff").replace("\x00", ""))
    macros = _macros(library.strings)
    records: list[SourceRecord] = []
    problems: list[str] = []
    for block in library.blocks:
        if isinstance(block, ParsingFailedBlock) and isinstance(block.ignore_error_block, Entry):
            block = block.ignore_error_block  # a repeated key or field: the entry is still read
        if isinstance(block, ParsingFailedBlock):
            problems.append(_failure(block))
        elif isinstance(block, Entry):
            record = _entry_record(block, macros)
            if record.paper.title:
                records.append(record)
            else:
                problems.append(
                    f"line {_line(block)}: @{block.entry_type}{{{block.key}}} has no title; skipped"
                )
    return BibtexImport(records, problems)


def _ascii_word(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def citation_key(paper: Paper) -> str:
    """``<first author's last name><year><first significant title word>``, e.g. ``vaswani2017attention``
    (an organisation's whole name: ``metaai2025llama``)."""
    first = paper.authors[0] if paper.authors else ""
    last = _ascii_word(first if looks_like_organisation(first) else first.split()[-1]) if first else "anon"
    words = [_ascii_word(w) for w in paper.title.split()]
    word = next((w for w in words if len(w) > 3 and w not in {"with", "from", "that", "this"}), "")
    return f"{last}{paper.year or ''}{word}" or "paper"


def _escaped(text: str) -> str:
    return re.sub(r"(?<!\\)([&%#_$])", r"\\\1", text)


def _braced(text: str) -> str:
    return "{" + _escaped(text) + "}"


def author_field(authors: Iterable[str], *, truncated: bool = False) -> str:
    """A BibTeX ``author`` value for display names: organisations braced, ``and others`` when cut short."""
    names = [_escaped(bibtex_name(a)) for a in authors] + (["others"] if truncated else [])
    return "{" + " and ".join(names) + "}"


def paper_entry(paper: Paper, *, authors_truncated: bool = False) -> BibtexFields:
    """A BibTeX entry made from a paper's metadata (``@article`` with a venue, ``@misc`` for preprints).

    Args:
        authors_truncated: the paper's author list names only the first authors (``and others`` follows).
    """
    values: dict[str, str] = {"title": "{" + _braced(paper.title) + "}"}
    if paper.authors:
        values["author"] = author_field(paper.authors, truncated=authors_truncated)
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


def _field_key(fields: Mapping[str, str], name: str) -> str:
    """The key under which ``fields`` holds ``name`` (keys keep the case they were written in)."""
    return next((k for k in fields if k.lower() == name), name)


def merge_entries(existing: BibtexFields | None, incoming: BibtexFields) -> BibtexFields:
    """The entry a paper keeps when another entry for it is imported: the first one, with the fields it
    lacked filled in from the newer one (as :func:`~paperpass.papers.matching.merge_papers` does)."""
    if existing is None:
        return incoming
    have = {k.lower() for k in existing.fields}
    extra = {k: v for k, v in incoming.fields.items() if k.lower() not in have}
    return BibtexFields(existing.entry_type, existing.key, {**existing.fields, **extra})


def bibtex_entry(paper: Paper, kept: BibtexFields | None, *, authors_truncated: bool = False) -> BibtexFields:
    """The entry to export for a paper: the imported one as it was read, or one made from the metadata.

    The paper is the merged record that ``show`` and CSL-JSON give: where its title, authors, year or
    DOI differ from the imported entry's (another source filled them in), the paper's are written.
    """
    if kept is None:
        return paper_entry(paper, authors_truncated=authors_truncated)
    fields = dict(kept.fields)
    decoded = decoded_fields(fields)
    if paper.title and decoded.get("title") != paper.title:
        fields[_field_key(fields, "title")] = "{" + _braced(paper.title) + "}"
    names = entry_names(fields)
    author_key = _field_key(fields, "author")
    if paper.authors and names.display != paper.authors:
        fields[author_key] = author_field(paper.authors, truncated=authors_truncated)
    elif names.truncated:  # "and et al." is a name to BibTeX: "and others" is what it reads as et al.
        fields[author_key] = _ET_AL.sub(" and others", fields[author_key])
    year = re.search(r"\d{4}", decoded.get("year", ""))
    if paper.year and "date" not in decoded and (year is None or int(year.group(0)) != paper.year):
        fields[_field_key(fields, "year")] = str(paper.year)
    if paper.doi and not decoded.get("doi"):
        fields["doi"] = "{" + paper.doi + "}"
    return BibtexFields(kept.entry_type, kept.key, fields)


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
