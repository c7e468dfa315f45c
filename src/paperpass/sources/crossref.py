"""Crossref REST API client: metadata for a DOI.

Crossref's etiquette: identify yourself with a ``mailto`` (query parameter and User-Agent) to be served
from the polite pool; its public pool allows 5 requests per second with one at a time, so one request
every 0.2 s on our single connection stays within it.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote

from paperpass.errors import NotFoundError, SourceError
from paperpass.models import Paper
from paperpass.sources.http import PoliteSession
from paperpass.sources.identifiers import arxiv_id_from_doi
from paperpass.sources.record import SourceRecord

SERVICE = "Crossref"
POLITE_DELAY = 0.2
"""Seconds between two Crossref requests (public pool: 5 per second, 1 concurrent)."""

_TAG = re.compile(r"<[^>]+>")


def _jats_text(text: str) -> str:
    """Plain text from a JATS abstract (``<jats:p>`` ...), without the leading 'Abstract' title."""
    text = re.sub(r"<jats:title>.*?</jats:title>", " ", text, flags=re.DOTALL)
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def _year(message: dict[str, Any]) -> int | None:
    for key in ("issued", "published", "published-print", "published-online", "created"):
        parts = (message.get(key) or {}).get("date-parts") or [[None]]
        if parts and parts[0] and parts[0][0]:
            return int(parts[0][0])
    return None


def _author(person: dict[str, Any]) -> str:
    if person.get("name"):
        return str(person["name"])
    return " ".join(p for p in (person.get("given"), person.get("family")) if p)


def work_record(message: dict[str, Any]) -> SourceRecord:
    """A Crossref ``work`` message as a record."""
    doi = str(message.get("DOI", "")).lower() or None
    titles = message.get("title") or [""]
    venues = message.get("container-title") or []
    pdf = next(
        (
            str(link["URL"])
            for link in message.get("link") or []
            if link.get("content-type") == "application/pdf"
        ),
        None,
    )
    paper = Paper(
        slug="",
        title=" ".join(str(titles[0]).split()),
        authors=[a for a in (_author(p) for p in message.get("author") or []) if a],
        year=_year(message),
        venue=str(venues[0]) if venues else None,
        abstract=_jats_text(str(message["abstract"])) if message.get("abstract") else None,
        arxiv_id=arxiv_id_from_doi(doi) if doi else None,
        doi=doi,
        links={"doi": f"https://doi.org/{doi}"} if doi else {},
    )
    return SourceRecord("crossref", paper, pdf_url=pdf)


class CrossrefClient:
    """DOI look-ups on Crossref, with ``mailto`` for the polite pool."""

    def __init__(
        self, session: PoliteSession, base_url: str, mailto: str = "", *, delay: float = POLITE_DELAY
    ):
        self.session = session
        self.base = base_url.rstrip("/")
        self.mailto = mailto
        self.delay = delay

    def work(self, doi: str) -> SourceRecord:
        """Metadata for one DOI.

        Raises:
            NotFoundError: Crossref does not know the DOI (arXiv's DataCite DOIs among them).
            SourceError: Crossref failed.
        """
        params = {"mailto": self.mailto} if self.mailto else None
        url = f"{self.base}/works/{quote(doi, safe='')}"
        fetched = self.session.get(SERVICE, url, interval=self.delay, params=params)
        if fetched.status == 404:
            raise NotFoundError(f"Crossref has no DOI {doi}")
        if fetched.status != 200:
            raise SourceError(f"Crossref answered HTTP {fetched.status} for DOI {doi}")
        data = fetched.json()
        if not isinstance(data, dict) or not isinstance(data.get("message"), dict):
            raise SourceError(f"Crossref answered an unexpected document for DOI {doi}")
        return work_record(data["message"])
