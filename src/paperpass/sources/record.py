"""What a source answers about one paper: a :class:`~paperpass.models.Paper` plus what only sources know."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paperpass.models import Paper

GITHUB_URL = re.compile(r"https?://(?:www\.)?github\.com/[\w.-]+/[\w.-]+", re.IGNORECASE)


@dataclass(frozen=True)
class SourceRecord:
    """One source's metadata for one paper, before it is stored (``paper.slug`` is empty).

    Attributes:
        source: ``arxiv``, ``semanticscholar``, ``crossref``, ``bibtex`` or ``pdf``.
        paper: the metadata as a paper.
        pdf_url: where the full text can be downloaded, if the source says.
        comment: the author's comment (arXiv), where code links often hide.
        bibtex: the entry's type, key and every field, for a lossless BibTeX round trip.
    """

    source: str
    paper: Paper
    pdf_url: str | None = None
    comment: str | None = None
    bibtex: BibtexFields | None = None


@dataclass(frozen=True)
class BibtexFields:
    """A BibTeX entry as read: type, citation key and every field in file order (values decoded)."""

    entry_type: str
    key: str
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CodeLink:
    """A link to a paper's code or project page.

    Attributes:
        url: the repository or page.
        source: who said so: ``huggingface``, ``abstract``, ``comment``, ``links``.
        kind: ``code`` or ``project``.
    """

    url: str
    source: str
    kind: str = "code"


def github_links(text: str | None) -> list[str]:
    """GitHub repository URLs mentioned in free text, in order, without trailing punctuation."""
    found: list[str] = []
    for match in GITHUB_URL.finditer(text or ""):
        url = match.group(0).rstrip(".,;)")
        url = url.removesuffix(".git")
        if url not in found:
            found.append(url)
    return found
