"""Semantic Scholar Graph API client: papers by any id, batches, references, citations, recommendations.

Semantic Scholar asks for at most one request per second (with or without a key; a key, sent as
``x-api-key``, makes that rate dependable), and for the batch endpoint when many papers are wanted.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from paperpass.errors import NotFoundError, SourceError
from paperpass.models import Paper
from paperpass.sources.http import Fetched, PoliteSession
from paperpass.sources.identifiers import arxiv_id_from_doi, normalise_doi
from paperpass.sources.record import SourceRecord

SERVICE = "Semantic Scholar"
POLITE_DELAY = 1.0
"""Seconds between two Semantic Scholar requests (its API license: 1 request per second)."""
BATCH_SIZE = 500
"""Ids per ``/paper/batch`` request (the API's maximum)."""
PAPER_FIELDS = "paperId,externalIds,title,abstract,venue,year,authors,openAccessPdf,url"
LINK_FIELDS = "paperId,externalIds,title,year,authors"


def s2_key(kind: str, value: str) -> str:
    """The id Semantic Scholar understands for an identifier: ``ARXIV:1706.03762``, ``DOI:10.x/y`` ..."""
    if kind == "arxiv":
        return f"ARXIV:{value}"
    if kind == "doi":
        return f"DOI:{value}"
    return value


def paper_from_json(data: dict[str, Any]) -> Paper:
    """A Semantic Scholar paper object as a :class:`Paper` (slug empty)."""
    ids = data.get("externalIds") or {}
    doi = normalise_doi(str(ids["DOI"])) if ids.get("DOI") else None
    arxiv = ids.get("ArXiv") or (arxiv_id_from_doi(doi) if doi else None)
    if doi and arxiv_id_from_doi(doi):
        doi = None  # arXiv's DataCite DOI names the same paper as the arXiv id; keep one identifier
    links = {"semanticscholar": str(data["url"])} if data.get("url") else {}
    if arxiv:
        links["abs"] = f"https://arxiv.org/abs/{arxiv}"
    return Paper(
        slug="",
        title=" ".join(str(data.get("title") or "").split()),
        authors=[str(a.get("name")) for a in data.get("authors") or [] if a.get("name")],
        year=int(data["year"]) if data.get("year") else None,
        venue=str(data.get("venue") or "") or None,
        abstract=str(data.get("abstract") or "") or None,
        arxiv_id=str(arxiv).lower() if arxiv else None,
        doi=doi,
        s2_id=str(data["paperId"]) if data.get("paperId") else None,
        links=links,
    )


def _record(data: dict[str, Any]) -> SourceRecord:
    pdf = (data.get("openAccessPdf") or {}).get("url") or None
    return SourceRecord("semanticscholar", paper_from_json(data), pdf_url=pdf)


class SemanticScholarClient:
    """Semantic Scholar look-ups, ``delay`` seconds apart, with the API key when one is set."""

    def __init__(
        self, session: PoliteSession, base_url: str, api_key: str = "", *, delay: float = POLITE_DELAY,
        page_size: int = 100,
    ) -> None:  # fmt: skip
        self.session = session
        self.base = base_url.rstrip("/")
        self.headers = {"x-api-key": api_key} if api_key else {}
        self.delay = delay
        self.page_size = page_size

    def _get(self, path: str, params: dict[str, Any]) -> Fetched:
        return self.session.get(
            SERVICE, self.base + path, interval=self.delay, params=params, headers=self.headers
        )

    def _check(self, fetched: Fetched, what: str) -> Any:
        if fetched.status == 404:
            raise NotFoundError(f"Semantic Scholar has no paper {what}")
        if fetched.status in (401, 403):
            raise SourceError(
                f"Semantic Scholar refused the request (HTTP {fetched.status}); check PAPERPASS_S2_API_KEY"
            )
        if fetched.status != 200:
            raise SourceError(f"Semantic Scholar answered HTTP {fetched.status} for {what}")
        return fetched.json()

    def paper(self, key: str) -> SourceRecord:
        """One paper by any id Semantic Scholar accepts (``ARXIV:…``, ``DOI:…``, ``CorpusId:…``, paperId).

        Raises:
            NotFoundError: Semantic Scholar does not know the id.
            SourceError: the API failed or refused the key.
        """
        return _record(self._check(self._get(f"/graph/v1/paper/{key}", {"fields": PAPER_FIELDS}), key))

    def batch(self, keys: Sequence[str]) -> list[SourceRecord | None]:
        """Many papers with one request per ``BATCH_SIZE`` ids; None where an id is unknown."""
        out: list[SourceRecord | None] = []
        for start in range(0, len(keys), BATCH_SIZE):
            chunk = list(keys[start : start + BATCH_SIZE])
            fetched = self.session.request(
                SERVICE, "POST", f"{self.base}/graph/v1/paper/batch", interval=self.delay,
                params={"fields": PAPER_FIELDS}, json_body={"ids": chunk}, headers=self.headers,
            )  # fmt: skip
            data = self._check(fetched, f"batch of {len(chunk)}")
            out.extend(_record(item) if item else None for item in data)
        return out

    def reference_lists(self, keys: Sequence[str]) -> dict[str, list[Paper]]:
        """Each paper's own references (paperId and title), for co-citation and coupling counts.

        One batch request per ``BATCH_SIZE`` ids; unknown ids and papers without references are left out.
        """
        out: dict[str, list[Paper]] = {}
        for start in range(0, len(keys), BATCH_SIZE):
            chunk = list(keys[start : start + BATCH_SIZE])
            fetched = self.session.request(
                SERVICE, "POST", f"{self.base}/graph/v1/paper/batch", interval=self.delay,
                params={"fields": "paperId,title,references"}, json_body={"ids": chunk}, headers=self.headers,
            )  # fmt: skip
            for item in self._check(fetched, f"batch of {len(chunk)}"):
                if item and item.get("paperId") and isinstance(item.get("references"), list):
                    out[str(item["paperId"])] = [paper_from_json(r) for r in item["references"] if r]
        return out

    def match_title(self, title: str) -> SourceRecord | None:
        """The paper whose title best matches ``title``, or None when Semantic Scholar finds none."""
        fetched = self._get("/graph/v1/paper/search/match", {"query": title, "fields": PAPER_FIELDS})
        if fetched.status == 404:
            return None
        data = self._check(fetched, f"titled {title!r}").get("data") or []
        return _record(data[0]) if data else None

    def _pages(self, path: str, item_key: str, limit: int) -> Iterator[Paper]:
        offset, seen = 0, 0
        while seen < limit:
            page = min(self.page_size, limit - seen)
            params = {"fields": LINK_FIELDS, "offset": offset, "limit": page}
            data = self._check(self._get(path, params), path.split("/")[3])
            items = data.get("data") or []
            for item in items[: limit - seen]:
                linked = item.get(item_key) or {}
                if linked.get("title"):
                    seen += 1
                    yield paper_from_json(linked)
            if "next" not in data or not items or int(data["next"]) <= offset:
                return
            offset = int(data["next"])

    def references(self, key: str, limit: int = 1000) -> list[Paper]:
        """The papers ``key`` cites (following ``next`` across pages, at most ``limit``)."""
        return list(self._pages(f"/graph/v1/paper/{key}/references", "citedPaper", limit))

    def citations(self, key: str, limit: int = 1000) -> list[Paper]:
        """The papers that cite ``key`` (following ``next`` across pages, at most ``limit``)."""
        return list(self._pages(f"/graph/v1/paper/{key}/citations", "citingPaper", limit))

    def recommendations(self, key: str, limit: int = 100) -> list[Paper]:
        """Semantic Scholar's recommended papers for ``key`` (its 'all-cs' pool)."""
        params = {"fields": LINK_FIELDS, "limit": limit, "from": "all-cs"}
        fetched = self._get(f"/recommendations/v1/papers/forpaper/{key}", params)
        data = self._check(fetched, key)
        return [paper_from_json(p) for p in data.get("recommendedPapers") or [] if p.get("title")]
