"""Code links from Hugging Face Papers (which took over Papers With Code's role in 2025).

The papers search answers paper objects carrying ``githubRepo`` and ``projectPage`` when known; a hit only
counts when its arXiv id is the paper's own, since a title search also returns neighbours.
"""

from __future__ import annotations

from typing import Any

from paperpass.errors import SourceError
from paperpass.sources.http import PoliteSession
from paperpass.sources.record import CodeLink

SERVICE = "Hugging Face"
POLITE_DELAY = 1.0
"""Seconds between two Hugging Face API requests (no published limit; one per second is gentle)."""


def code_links_from_search(results: Any, arxiv_id: str) -> list[CodeLink]:
    """Code and project links of the search hit whose arXiv id is ``arxiv_id``."""
    if not isinstance(results, list):
        raise SourceError("Hugging Face answered an unexpected document to a papers search")
    for hit in results:
        paper = (hit or {}).get("paper") or {}
        if str(paper.get("id", "")).lower() != arxiv_id.lower():
            continue
        links = []
        if paper.get("githubRepo"):
            links.append(CodeLink(str(paper["githubRepo"]), "huggingface", "code"))
        if paper.get("projectPage"):
            links.append(CodeLink(str(paper["projectPage"]), "huggingface", "project"))
        return links
    return []


class HuggingFaceClient:
    """Looks a paper up on Hugging Face Papers by title and keeps the hit with the same arXiv id."""

    def __init__(self, session: PoliteSession, base_url: str, *, delay: float = POLITE_DELAY) -> None:
        self.session = session
        self.base = base_url.rstrip("/")
        self.delay = delay

    def code_links(self, arxiv_id: str, title: str) -> list[CodeLink]:
        """The repository and project page Hugging Face Papers lists for the paper.

        Raises:
            SourceError: the API failed.
        """
        fetched = self.session.get(
            SERVICE, f"{self.base}/papers/search", interval=self.delay, params={"q": title}
        )
        if fetched.status != 200:
            raise SourceError(f"Hugging Face answered HTTP {fetched.status} to a papers search")
        return code_links_from_search(fetched.json(), arxiv_id)
