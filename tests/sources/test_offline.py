"""Adding offline, and PDFs that say who they are.

Offline: after the first connection failure in a run, each source is not asked again, so adding five PDFs
costs one attempt per source and no backoff; the look-ups are queued with a sentence (not an exception's
name) and ``sources retry`` completes them. A PDF's printed arXiv id or DOI is what it is looked up by.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from paperpass.config import Settings
from paperpass.errors import SourceUnreachableError
from paperpass.library import get_paper
from paperpass.papers.add import add_papers, queued, sync_queue
from paperpass.papers.details import paper_details
from paperpass.sources import Sources, open_sources
from paperpass.store import Store
from support.cli import CliRun
from support.components import CORPUS, missing
from support.library import library_for
from support.pdfs import make_paper_pdf
from support.recorded import RecordedAPI

HEAT = ("Heat-bath random walks with Markov bases", "Caprice Stanley and Tobias Windisch")
HEAT_STAMP = "arXiv:1605.08386v1 [math.CO] 26 May 2016"
QUEUED = "could not be reached (no connection); the look-up is queued: paperpass sources retry"


class Refused:
    """A transport that refuses every connection, counting the attempts per host."""

    def __init__(self) -> None:
        self.attempts: Counter[str] = Counter()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.attempts[request.url.host] += 1
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)


@pytest.fixture
def refused() -> Refused:
    return Refused()


@pytest.fixture
def offline(settings: Settings, refused: Refused, sleeps: list[float]) -> Iterator[Sources]:
    """Every source behind a transport that refuses connections; pauses are recorded, not slept."""
    with open_sources(settings, transport=httpx.MockTransport(refused), sleep=sleeps.append) as opened:
        opened.session.cache = None
        yield opened


def _pdfs(folder: Path, count: int) -> list[str]:
    topics = ["random walks", "sparse routing", "graph colouring", "heat kernels", "token merging"]
    made = [make_paper_pdf(folder / "heat.pdf", *HEAT, stamp=HEAT_STAMP)]
    for n in range(1, count):
        title = f"A Study of {topics[n].title()} in Practice"
        made.append(make_paper_pdf(folder / f"paper{n}.pdf", title, "Ada Lovelace and Alan Turing",
                                   topic=topics[n]))  # fmt: skip
    return [str(p) for p in made]


def test_five_pdfs_offline_ask_each_source_once(
    store: Store, settings: Settings, offline: Sources, refused: Refused, sleeps: list[float], tmp_path: Path
) -> None:
    lib = library_for(store, settings=settings)
    report = add_papers(lib, offline, _pdfs(tmp_path, 5))
    assert [o.action for o in report.outcomes] == ["queued"] * 5
    # one attempt per service in the run: arXiv for the stamped PDF, Semantic Scholar for the first title
    assert refused.attempts == {"export.arxiv.org": 1, "api.semanticscholar.org": 1}
    assert sleeps == []  # no backoff, no rate-limit wait for a service already known to be unreachable
    stamped, *others = report.outcomes
    assert stamped.reason == f"arXiv {QUEUED}"
    assert all(o.reason == f"Semantic Scholar {QUEUED}" for o in others)
    assert "ConnectError" not in " ".join(o.reason for o in report.outcomes)
    assert len(queued(lib)) == 5 and all(o.paper is not None for o in report.outcomes)
    # what the PDF says is kept: the printed arXiv id, its version and the year it implies
    assert stamped.paper is not None and stamped.paper.slug == "stanley2016-heat"
    assert (stamped.paper.arxiv_id, stamped.paper.arxiv_version, stamped.paper.year) == (
        "1605.08386",
        1,
        2016,
    )
    # the paper's page and `show` say it in a sentence
    assert (
        paper_details(lib, "stanley2016-heat").queued_reason == "arXiv could not be reached (no connection)"
    )


def test_a_source_found_unreachable_is_not_asked_again_in_the_run(offline: Sources, refused: Refused) -> None:
    for _ in range(3):
        with pytest.raises(SourceUnreachableError, match=r"^Semantic Scholar could not be reached"):
            offline.semanticscholar.match_title("Attention is all you need")
    assert refused.attempts == {"api.semanticscholar.org": 1}


def test_the_queue_completes_once_online(
    store: Store, settings: Settings, offline: Sources, sources: Sources, api: RecordedAPI, tmp_path: Path
) -> None:
    lib = library_for(store, settings=settings)
    [pdf] = _pdfs(tmp_path, 1)
    add_papers(lib, offline, [pdf])
    api.serve("arxiv/id_list_single_1605.08386.xml", query={"id_list": "1605.08386v1"})
    report = sync_queue(lib, sources)
    assert [(o.action, o.paper.slug if o.paper else None) for o in report.outcomes] == [
        ("merged", "stanley2016-heat")
    ]
    assert queued(lib) == [] and paper_details(lib, "stanley2016-heat").queued_reason is None
    paper = get_paper(lib, "1605.08386")
    assert paper.slug == "stanley2016-heat" and paper.links["pdf"] == "https://arxiv.org/pdf/1605.08386v1"
    assert len(paper_details(lib, paper.slug).files) == 1  # the PDF once, not twice


def test_a_stamped_pdf_is_looked_up_by_its_arxiv_id(
    store: Store, settings: Settings, sources: Sources, api: RecordedAPI, tmp_path: Path
) -> None:
    api.serve("arxiv/id_list_single_1605.08386.xml", query={"id_list": "1605.08386v1"})
    [pdf] = _pdfs(tmp_path, 1)
    [outcome] = add_papers(library_for(store, settings=settings), sources, [pdf]).outcomes
    assert outcome.action == "added" and outcome.paper is not None
    paper = outcome.paper
    assert (paper.slug, paper.year, paper.arxiv_id, paper.arxiv_version) == (
        "stanley2016-heat",
        2016,
        "1605.08386",
        1,
    )
    assert paper.authors[:2] == ["Caprice Stanley", "Tobias Windisch"]
    assert [r.url.host for r in api.requests] == ["export.arxiv.org"]  # no title search: the id says it


def test_a_printed_doi_is_looked_up_at_crossref(
    store: Store, settings: Settings, sources: Sources, api: RecordedAPI, tmp_path: Path
) -> None:
    api.serve("crossref/works_doi_10.1038_s42256-024-00832-8.json")
    pdf = make_paper_pdf(tmp_path / "chem.pdf", "Augmenting large language models with chemistry tools",
                         "Andres M. Bran, Sam Cox and Philippe Schwaller", doi="10.1038/s42256-024-00832-8",
                         topic="chemistry tools")  # fmt: skip
    [outcome] = add_papers(library_for(store, settings=settings), sources, [str(pdf)]).outcomes
    assert outcome.action == "added" and outcome.paper is not None
    assert outcome.paper.doi == "10.1038/s42256-024-00832-8" and outcome.paper.year == 2024
    assert outcome.paper.venue  # the journal, from Crossref


def test_an_arxiv_id_of_another_paper_is_not_taken(
    store: Store, settings: Settings, sources: Sources, api: RecordedAPI, tmp_path: Path
) -> None:
    """An id printed on the first page that arXiv gives to a paper of another title (a cited one) is
    dropped: the PDF is matched by its title instead."""
    api.serve("arxiv/id_list_single_1605.08386.xml", query={"id_list": "1605.08386v1"})
    api.serve("semanticscholar/search_match_not_found_404.json", query={})
    pdf = make_paper_pdf(tmp_path / "other.pdf", "Sparse Routing for Mixtures of Experts",
                         "Ada Lovelace", stamp=HEAT_STAMP, topic="sparse routing")  # fmt: skip
    [outcome] = add_papers(library_for(store, settings=settings), sources, [str(pdf)]).outcomes
    assert outcome.action == "added" and outcome.paper is not None
    assert outcome.paper.title == "Sparse Routing for Mixtures of Experts" and outcome.paper.arxiv_id is None


@pytest.fixture
def ppo_pdf(tmp_path: Path) -> Path:
    source = CORPUS / "pdfs" / "1707.06347.pdf"
    if not source.is_file():
        missing(f"the corpus PDF {source} is not there")
    return Path(shutil.copyfile(source, tmp_path / "ppo.pdf"))


def test_the_ppo_pdf_offline_keeps_its_arxiv_id_year_and_slug(
    store: Store, settings: Settings, offline: Sources, refused: Refused, ppo_pdf: Path
) -> None:
    lib = library_for(store, settings=settings)
    [outcome] = add_papers(lib, offline, [str(ppo_pdf)]).outcomes
    assert outcome.action == "queued" and outcome.paper is not None
    paper = outcome.paper
    assert paper.slug == "schulman2017-proximal" and paper.title == "Proximal Policy Optimization Algorithms"
    assert (paper.arxiv_id, paper.arxiv_version, paper.year) == ("1707.06347", 2, 2017)
    assert refused.attempts == {"export.arxiv.org": 1}


def test_sources_cli_lists_and_retries_the_queue(cli: CliRun, tmp_path: Path, local_port: int) -> None:
    closed = f"http://127.0.0.1:{local_port}"
    env = {"PAPERPASS_ARXIV_API": f"{closed}/api/query", "PAPERPASS_S2_API": closed,
           "PAPERPASS_CROSSREF_API": closed, "PAPERPASS_HF_API": closed}  # fmt: skip
    pdfs = _pdfs(tmp_path, 2)
    added = cli("add", *pdfs, env=env)
    assert added.code == 0 and "2 queued" in added.out and "Traceback" not in added.err
    assert "the look-up is queued: paperpass sources retry" in " ".join(added.out.split())
    listed = cli("sources", env=env)
    assert listed.code == 0 and "2 queued" in listed.out and "heat.pdf" in listed.out
    again = cli("sources", "retry", env=env)
    assert again.code == 0 and "2 queued" in again.out
    assert len(cli("sources", "--json", env=env).out.strip().splitlines()) > 2


@pytest.fixture
def local_port() -> int:
    """A local port nothing listens on (connections to it are refused at once)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("arxiv_id", "slug"),
    [
        ("1506.02438", "schulman2015-high"),
        ("1512.03385", "he2015-deep"),
        ("2305.18290", "rafailov2023-direct"),
    ],
)
def test_corpus_pdfs_offline_take_the_arxiv_id_their_margin_prints(
    store: Store, settings: Settings, offline: Sources, tmp_path: Path, arxiv_id: str, slug: str
) -> None:
    source = CORPUS / "pdfs" / f"{arxiv_id}.pdf"
    if not source.is_file():
        missing(f"the corpus PDF {source} is not there")
    pdf = shutil.copyfile(source, tmp_path / "paper.pdf")
    [outcome] = add_papers(library_for(store, settings=settings), offline, [str(pdf)]).outcomes
    assert outcome.action == "queued" and outcome.paper is not None
    assert (outcome.paper.arxiv_id, outcome.paper.year, outcome.paper.slug) == (
        arxiv_id,
        2000 + int(arxiv_id[:2]),
        slug,
    )


def test_a_guide_papers_pdf_offline_joins_the_guide_paper(
    library_with_guide: Store, settings: Settings, offline: Sources, tmp_path: Path
) -> None:
    """The LoRA PDF added offline is the guide's LoRA (same arXiv id): merged, not a second paper."""
    source = CORPUS / "pdfs" / "2106.09685.pdf"
    if not source.is_file():
        missing(f"the corpus PDF {source} is not there")
    lib = library_for(library_with_guide, settings=settings)
    pdf = shutil.copyfile(source, tmp_path / "lora.pdf")
    [outcome] = add_papers(lib, offline, [str(pdf)]).outcomes
    assert outcome.paper is not None and outcome.paper.slug == "lora"
    assert outcome.action in ("merged", "queued") and get_paper(lib, "2106.09685").slug == "lora"
    assert len(paper_details(lib, "lora").files) == 1
