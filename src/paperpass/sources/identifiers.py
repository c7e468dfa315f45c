"""What the user typed for ``paperpass add``: an arXiv id, a DOI, a Semantic Scholar id, a URL or a file.

:func:`parse_identifier` turns one argument into an :class:`Identifier` or raises
:class:`~paperpass.errors.InvalidInputError` naming the accepted forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlparse

from paperpass.errors import InvalidInputError

IdentifierKind = Literal["arxiv", "doi", "s2", "pdf", "bib"]

ACCEPTED_FORMS = (
    "arXiv ids (1706.03762, 1706.03762v7, arXiv:1706.03762, cs/0112017), arxiv.org abs/pdf URLs, "
    "DOIs (10.1038/...) and doi.org URLs, Semantic Scholar URLs and ids (40 hex characters, "
    "CorpusId:123), OpenReview URLs, .pdf and .bib files"
)

# New-style ids are YYMM.NNNN (2007-2014) or YYMM.NNNNN (2015-); old-style are archive[.subject]/YYMMNNN.
_NEW_ARXIV = r"\d{4}\.\d{4,5}"
_OLD_ARXIV = r"[a-z][a-z-]*(?:\.[a-z]{2})?/\d{7}"
ARXIV_PATTERN = re.compile(
    rf"^(?:arxiv:\s*)?(?P<id>{_NEW_ARXIV}|{_OLD_ARXIV})(?:v(?P<version>\d+))?$", re.IGNORECASE
)
DOI_PATTERN = re.compile(r"^(?:doi:\s*)?(?P<doi>10\.\d{4,9}/\S+)$", re.IGNORECASE)
_S2_HEX = re.compile(r"^[0-9a-f]{40}$")
_S2_PREFIXED = re.compile(r"^(?:corpusid|s2):\s*(?P<id>\d+|[0-9a-f]{40})$", re.IGNORECASE)
_ARXIV_DOI = re.compile(rf"^10\.48550/arxiv\.(?P<id>{_NEW_ARXIV})$", re.IGNORECASE)


@dataclass(frozen=True)
class Identifier:
    """A parsed ``add`` argument.

    Attributes:
        kind: which source resolves it.
        value: the normalised id (arXiv id without version, lower-case DOI, S2 id such as
            ``CorpusId:123`` or a paperId), or the file path.
        version: the arXiv version asked for, if any.
        text: what the user typed.
    """

    kind: IdentifierKind
    value: str
    version: int | None = None
    text: str = ""

    @property
    def label(self) -> str:
        """How to name the identifier in messages: ``arXiv:1706.03762v7``, ``DOI 10.1/x`` ..."""
        if self.kind == "arxiv":
            return f"arXiv:{self.value}" + (f"v{self.version}" if self.version else "")
        if self.kind == "doi":
            return f"DOI {self.value}"
        if self.kind == "s2":
            return f"Semantic Scholar {self.value}"
        return self.value


def parse_arxiv_id(text: str) -> tuple[str, int | None] | None:
    """``'arXiv:1706.03762v7'`` -> ``('1706.03762', 7)``; None when ``text`` is not an arXiv id."""
    match = ARXIV_PATTERN.match(text.strip())
    if match is None:
        return None
    version = match.group("version")
    return match.group("id").lower(), int(version) if version else None


def normalise_doi(text: str) -> str | None:
    """A DOI in lower case without prefix or trailing punctuation; None when ``text`` is not one."""
    match = DOI_PATTERN.match(text.strip())
    return match.group("doi").rstrip(".,;").lower() if match else None


def arxiv_id_from_doi(doi: str) -> str | None:
    """The arXiv id inside an arXiv DataCite DOI (``10.48550/arXiv.2312.07559``), else None."""
    match = _ARXIV_DOI.match(doi.strip())
    return match.group("id") if match else None


def _from_arxiv_url(path: str) -> Identifier | None:
    match = re.match(r"^/(?:abs|pdf|html)/(?P<rest>.+?)(?:\.pdf)?/?$", path)
    if match is None:
        return None
    parsed = parse_arxiv_id(match.group("rest"))
    return Identifier("arxiv", parsed[0], parsed[1]) if parsed else None


def _from_s2_url(path: str) -> Identifier | None:
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if _S2_HEX.match(last.lower()):
        return Identifier("s2", last.lower())
    match = re.match(r"^/arxiv/(?P<id>.+)$", path)
    if match:
        parsed = parse_arxiv_id(match.group("id"))
        return Identifier("arxiv", parsed[0], parsed[1]) if parsed else None
    return None


def _from_url(text: str) -> Identifier | None:
    url = urlparse(text)
    host = (url.hostname or "").lower().removeprefix("www.")
    path = unquote(url.path)
    if host in {"arxiv.org", "export.arxiv.org"}:
        return _from_arxiv_url(path)
    if host in {"doi.org", "dx.doi.org"}:
        doi = normalise_doi(path.lstrip("/"))
        return Identifier("doi", doi) if doi else None
    if host in {"semanticscholar.org", "api.semanticscholar.org"}:
        return _from_s2_url(path)
    return None


def _from_file(text: str) -> Identifier | None:
    suffix = Path(text).suffix.lower()
    if suffix not in {".pdf", ".bib"}:
        return None
    path = Path(text).expanduser()
    if not path.is_file():
        raise InvalidInputError(f"{text}: no such file")
    return Identifier("pdf" if suffix == ".pdf" else "bib", str(path))


def parse_identifier(text: str) -> Identifier:
    """Understand one ``add`` argument.

    OpenReview URLs carry no arXiv id or DOI of their own, so they are rejected with a hint to use the
    paper's arXiv id or DOI (the OpenReview forum page links it) instead of guessing from the title.

    Raises:
        InvalidInputError: not any of :data:`ACCEPTED_FORMS`, or a file that does not exist.
    """
    raw = text.strip()
    found: Identifier | None
    if re.match(r"^https?://", raw, re.IGNORECASE):
        if "openreview.net" in raw.lower():
            raise InvalidInputError(
                f"{raw}: an OpenReview page has no arXiv id or DOI of its own; "
                "add the arXiv id or DOI its page links to"
            )
        found = _from_url(raw)
    else:
        found = _from_file(raw) or _from_plain(raw)
    if found is None:
        raise InvalidInputError(f"not a paper identifier: {raw!r}; accepted: {ACCEPTED_FORMS}")
    return Identifier(found.kind, found.value, found.version, raw)


def _from_plain(raw: str) -> Identifier | None:
    arxiv = parse_arxiv_id(raw)
    if arxiv:
        return Identifier("arxiv", arxiv[0], arxiv[1])
    doi = normalise_doi(raw)
    if doi:
        inner = arxiv_id_from_doi(doi)
        return Identifier("arxiv", inner) if inner else Identifier("doi", doi)
    if _S2_HEX.match(raw.lower()):
        return Identifier("s2", raw.lower())
    match = _S2_PREFIXED.match(raw)
    if match:
        value = match.group("id")
        return Identifier("s2", f"CorpusId:{value}" if value.isdigit() else value.lower())
    return None
