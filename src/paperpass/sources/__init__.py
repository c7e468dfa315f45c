"""Remote sources of paper metadata and files: arXiv, Semantic Scholar, Crossref, Hugging Face Papers,
BibTeX files and PDF downloads.

Every client takes a :class:`~paperpass.sources.http.PoliteSession` (one ``httpx.Client`` with rate limits,
retries and a cache) and returns the package's own models. :func:`open_sources` builds them all from the
settings; tests pass a ``transport`` and a no-op ``sleep``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from paperpass.config import Settings
from paperpass.sources import arxiv, crossref, huggingface, semanticscholar
from paperpass.sources.arxiv import ArxivClient
from paperpass.sources.crossref import CrossrefClient
from paperpass.sources.http import PoliteSession, open_session
from paperpass.sources.huggingface import HuggingFaceClient
from paperpass.sources.semanticscholar import SemanticScholarClient

__all__ = ["Sources", "open_sources"]


@dataclass
class Sources:
    """Every source client over one polite session."""

    session: PoliteSession
    arxiv: ArxivClient
    semanticscholar: SemanticScholarClient
    crossref: CrossrefClient
    huggingface: HuggingFaceClient

    def close(self) -> None:
        """Close the HTTP client."""
        self.session.close()

    def __enter__(self) -> Sources:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_sources(
    settings: Settings,
    *,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Sources:
    """Source clients configured from the settings (base URLs, API key, mailto, timeout, cache).

    Args:
        settings: resolved settings.
        transport: replaces the network (tests).
        sleep: how to wait between requests (tests pass a no-op or a recorder).
    """
    session = open_session(
        timeout=settings.http_timeout,
        mailto=settings.crossref_mailto,
        cache_dir=settings.home / "cache" / "http",
        cache_ttl=settings.http_cache_days * 86400.0,
        transport=transport,
        sleep=sleep,
    )
    scale = max(0.0, settings.http_delay_scale)
    session.backoff *= scale
    return Sources(
        session=session,
        arxiv=ArxivClient(session, settings.arxiv_api, settings.arxiv_pdf, delay=arxiv.POLITE_DELAY * scale),
        semanticscholar=SemanticScholarClient(
            session,
            settings.s2_api,
            settings.s2_api_key,
            delay=semanticscholar.POLITE_DELAY * scale,
        ),
        crossref=CrossrefClient(
            session,
            settings.crossref_api,
            settings.crossref_mailto,
            delay=crossref.POLITE_DELAY * scale,
        ),
        huggingface=HuggingFaceClient(session, settings.hf_api, delay=huggingface.POLITE_DELAY * scale),
    )
