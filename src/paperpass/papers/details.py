"""One paper with everything sources added: files, code links, where it is discussed, its queue state,
and the viewer's stage of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from urllib.parse import quote_plus

from paperpass.errors import SourceError
from paperpass.library import Library
from paperpass.models import Paper, ReadingStatus
from paperpass.papers.stage import stage
from paperpass.sources import Sources
from paperpass.sources.record import github_links
from paperpass.store import papers as paper_rows
from paperpass.store import sources as source_rows
from paperpass.store.sources import PaperFile, StoredCodeLink


@dataclass(frozen=True)
class DiscussionLink:
    """A search for where a paper is discussed."""

    name: str
    url: str


@dataclass(frozen=True)
class PaperDetails:
    """What ``paperpass show`` and the paper page display."""

    paper: Paper
    files: list[PaperFile] = field(default_factory=list)
    code_links: list[StoredCodeLink] = field(default_factory=list)
    discussions: list[DiscussionLink] = field(default_factory=list)
    queued_reason: str | None = None
    status: ReadingStatus = "to-read"
    """The viewer's stage of the paper (:mod:`paperpass.papers.stage`, the one definition)."""

    def as_json(self, *, paths: bool = False) -> dict[str, Any]:
        """The extra data as JSON (the paper itself is added by the caller's paper serialiser).

        A file is named, not located, unless ``paths`` (the command line, on the machine that keeps the
        files): the web API answers other machines, and where the server keeps its PDFs (its home
        directory, a user name in the path) is none of their business.
        """
        files: list[dict[str, Any]] = []
        for f in self.files:
            entry = {"name": PurePath(f.path).name, "kind": f.kind, "sha256": f.sha256, "size": f.size,
                     "arxiv_version": f.arxiv_version, "source_url": f.source_url}  # fmt: skip
            files.append({"path": f.path, **entry} if paths else entry)
        return {
            "files": files,
            "code_links": [{"url": c.url, "source": c.source, "kind": c.kind} for c in self.code_links],
            "discussions": [{"name": d.name, "url": d.url} for d in self.discussions],
            "queued": self.queued_reason,
            "status": self.status,
        }


def discussion_links(paper: Paper) -> list[DiscussionLink]:
    """Searches for the paper's title on r/MachineLearning, YouTube and X."""
    title = quote_plus(f'"{paper.title}"')
    return [
        DiscussionLink(
            "r/MachineLearning", f"https://www.reddit.com/r/MachineLearning/search/?q={title}&restrict_sr=1"
        ),
        DiscussionLink("YouTube", f"https://www.youtube.com/results?search_query={title}"),
        DiscussionLink("X", f"https://x.com/search?q={title}&f=live"),
    ]


def paper_details(library: Library, key: str | int) -> PaperDetails:
    """A library paper by any identifier or slug, with its files, code links and discussion searches.

    Raises:
        NotFoundError: no such paper (with the closest slugs).
    """
    with library.store.connect() as conn:
        paper = paper_rows.get_paper(conn, key)
        assert paper.id is not None
        files = source_rows.files_for(conn, paper.id)
        links = source_rows.code_links_for(conn, paper.id)
        reason = next((q.reason for q in source_rows.queued_inputs(conn) if q.paper_id == paper.id), None)
    return PaperDetails(paper, files, links, discussion_links(paper), reason, stage(library, paper))


def refresh_code_links(library: Library, sources: Sources, key: str | int) -> PaperDetails:
    """Look up code links (Hugging Face Papers; GitHub links in the abstract) and store the new ones.

    Raises:
        NotFoundError: no such paper.
        SourceError: Hugging Face could not be reached (links found in the text are still stored).
    """
    details = paper_details(library, key)
    paper = details.paper
    assert paper.id is not None
    found = [StoredCodeLink(url, "abstract", "code") for url in github_links(paper.abstract)]
    problem = None
    if paper.arxiv_id:
        try:
            remote = sources.huggingface.code_links(paper.arxiv_id, paper.title)
            found += [StoredCodeLink(link.url, link.source, link.kind) for link in remote]
        except SourceError as error:
            problem = error
    with library.store.transaction() as conn:
        source_rows.add_code_links(conn, paper.id, found)
    if problem is not None:
        raise problem
    return paper_details(library, paper.id)
