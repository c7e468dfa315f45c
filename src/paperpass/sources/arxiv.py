"""arXiv API client (Atom feed): metadata for one or many ids, and the PDF URL of a version.

arXiv's terms ask for at most one request every three seconds on a single connection, and for ``id_list``
batches rather than one request per paper; :class:`ArxivClient` does both. Both Atom layouts that exist
(the current one and the 'classic' one with per-element namespaces) are parsed by namespace.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from paperpass.errors import InvalidInputError, NotFoundError, SourceError
from paperpass.models import Paper
from paperpass.sources.http import PoliteSession
from paperpass.sources.identifiers import ACCEPTED_FORMS, normalise_doi, parse_arxiv_id
from paperpass.sources.record import SourceRecord

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
SERVICE = "arXiv"
POLITE_DELAY = 3.0
"""Seconds between two arXiv requests (arXiv API terms of use)."""
BATCH_SIZE = 50
"""Ids per ``id_list`` request: several papers per request, small enough for a quick answer."""

_ABS_ID = re.compile(r"/abs/(?P<id>.+?)(?:v(?P<version>\d+))?$")


def _text(element: ET.Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def _entry_record(entry: ET.Element) -> SourceRecord | None:
    match = _ABS_ID.search(_text(entry.find(f"{ATOM}id")))
    if match is None:
        return None
    arxiv_id = match.group("id")
    version = int(match.group("version")) if match.group("version") else None
    published = _text(entry.find(f"{ATOM}published"))
    doi = normalise_doi(_text(entry.find(f"{ARXIV}doi")))
    versioned = f"{arxiv_id}v{version}" if version else arxiv_id
    pdf_url = next(
        (link.get("href") for link in entry.findall(f"{ATOM}link") if link.get("title") == "pdf"), None
    )
    paper = Paper(
        slug="",
        title=_text(entry.find(f"{ATOM}title")),
        authors=[_text(a.find(f"{ATOM}name")) for a in entry.findall(f"{ATOM}author")],
        year=int(published[:4]) if published[:4].isdigit() else None,
        venue=_text(entry.find(f"{ARXIV}journal_ref")) or None,
        abstract=_text(entry.find(f"{ATOM}summary")) or None,
        arxiv_id=arxiv_id,
        arxiv_version=version,
        doi=doi,
        links={"abs": f"https://arxiv.org/abs/{arxiv_id}", "pdf": f"https://arxiv.org/pdf/{versioned}"},
        tags=[],
    )
    return SourceRecord(SERVICE.lower(), paper, pdf_url, _text(entry.find(f"{ARXIV}comment")) or None)


@dataclass(frozen=True)
class ArxivFeed:
    """A parsed answer: the records by bare id, and the error arXiv reported, if any."""

    records: dict[str, SourceRecord]
    error: str | None = None


def parse_feed(xml_text: str) -> ArxivFeed:
    """Parse an arXiv Atom feed into records keyed by arXiv id (without version).

    Raises:
        SourceError: the text is not an Atom feed.
    """
    try:
        root = ET.fromstring(xml_text)
    except ET.ParseError as exc:
        raise SourceError(f"arXiv answered something that is not an Atom feed: {exc}") from None
    records: dict[str, SourceRecord] = {}
    for entry in root.findall(f"{ATOM}entry"):
        if "/api/errors" in _text(entry.find(f"{ATOM}id")):
            return ArxivFeed({}, _text(entry.find(f"{ATOM}summary")) or "error")
        record = _entry_record(entry)
        if record is not None and record.paper.arxiv_id:
            records[record.paper.arxiv_id] = record
    return ArxivFeed(records)


class ArxivClient:
    """Looks papers up on the arXiv API, ``BATCH_SIZE`` ids per request, ``delay`` seconds apart."""

    def __init__(
        self, session: PoliteSession, api_url: str, pdf_url: str = "https://arxiv.org/pdf",
        *, delay: float = POLITE_DELAY, batch_size: int = BATCH_SIZE,
    ) -> None:  # fmt: skip
        self.session = session
        self.api_url = api_url
        self.pdf_base = pdf_url.rstrip("/")
        self.delay = delay
        self.batch_size = batch_size

    def pdf_url(self, arxiv_id: str, version: int | None = None) -> str:
        """Where the PDF of ``arxiv_id`` (a given version, or the latest) is downloaded from."""
        return f"{self.pdf_base}/{arxiv_id}" + (f"v{version}" if version else "")

    def lookup(self, wanted: Iterable[tuple[str, int | None]]) -> dict[str, SourceRecord]:
        """Metadata for many ``(id, version)`` pairs, batched; ids arXiv does not know are left out.

        Raises:
            InvalidInputError: an id is malformed (checked locally, or rejected by arXiv).
            SourceError: arXiv could not be reached.
        """
        pairs = list(dict.fromkeys(wanted))
        for arxiv_id, _ in pairs:
            if parse_arxiv_id(arxiv_id) is None:
                raise InvalidInputError(f"not an arXiv id: {arxiv_id!r}; accepted: {ACCEPTED_FORMS}")
        found: dict[str, SourceRecord] = {}
        for start in range(0, len(pairs), self.batch_size):
            found.update(self._batch(pairs[start : start + self.batch_size]))
        return found

    def get(self, arxiv_id: str, version: int | None = None) -> SourceRecord:
        """One paper's metadata.

        Raises:
            NotFoundError: arXiv has no such paper.
        """
        record = self.lookup([(arxiv_id, version)]).get(arxiv_id)
        if record is None:
            label = f"{arxiv_id}v{version}" if version else arxiv_id
            raise NotFoundError(f"arXiv has no paper {label}")
        return record

    def _batch(self, pairs: Sequence[tuple[str, int | None]]) -> dict[str, SourceRecord]:
        id_list = ",".join(f"{i}v{v}" if v else i for i, v in pairs)
        params = {"id_list": id_list, "start": 0, "max_results": len(pairs)}
        fetched = self.session.get(SERVICE, self.api_url, interval=self.delay, params=params)
        if fetched.status not in (200, 400):
            raise SourceError(f"arXiv answered HTTP {fetched.status} for id_list={id_list}")
        feed = parse_feed(fetched.text)
        if feed.error is not None:
            if len(pairs) > 1:  # one bad id spoils the batch: ask one by one to keep the good ones
                return {k: v for pair in pairs for k, v in self._single_or_empty(pair).items()}
            raise InvalidInputError(
                f"arXiv rejected id {id_list!r} ({feed.error}); accepted: {ACCEPTED_FORMS}"
            )
        wanted = {i for i, _ in pairs}
        return {k: v for k, v in feed.records.items() if k in wanted}

    def _single_or_empty(self, pair: tuple[str, int | None]) -> dict[str, SourceRecord]:
        try:
            return self._batch([pair])
        except InvalidInputError:
            return {}
