"""The arXiv client against recorded Atom feeds: single and batch look-ups, versions, errors, politeness."""

from __future__ import annotations

import pytest

from paperpass.errors import InvalidInputError, NotFoundError
from paperpass.sources import Sources
from paperpass.sources.arxiv import parse_feed
from paperpass.sources.identifiers import parse_arxiv_id
from support.recorded import RecordedAPI

API = "/api/query"


def test_single_lookup_without_version_gets_the_latest(api: RecordedAPI, sources: Sources) -> None:
    api.serve("arxiv/id_list_single_1605.08386.xml", query={"id_list": "1605.08386"})
    record = sources.arxiv.get("1605.08386")
    paper = record.paper
    assert paper.title == "Heat-bath random walks with Markov bases"
    assert paper.authors == ["Caprice Stanley", "Tobias Windisch"]
    assert (paper.arxiv_id, paper.arxiv_version, paper.year) == ("1605.08386", 1, 2016)
    assert paper.links["pdf"] == "https://arxiv.org/pdf/1605.08386v1"
    assert record.comment == "20 pages, 3 figures"
    assert record.pdf_url == "https://arxiv.org/pdf/1605.08386v1"


def test_explicit_version_is_asked_for_and_kept(api: RecordedAPI, sources: Sources) -> None:
    api.serve("arxiv/id_list_versioned_2104.12255v1.xml", query={"id_list": "2104.12255v1"})
    paper = sources.arxiv.get("2104.12255", 1).paper
    assert (paper.title, paper.arxiv_version) == ("0", 1)


@pytest.mark.parametrize(
    ("name", "wanted", "title_start"),
    [
        (
            "arxiv/id_list_old_style_astro-ph_0601001.xml",
            ("astro-ph/0601001", None),
            "Frequency of Hot Jupiters",
        ),
        (
            "arxiv/id_list_old_style_versioned_quant-ph_0201082v1.xml",
            ("quant-ph/0201082", 1),
            "Quantum Computers",
        ),
    ],
)
def test_old_style_ids(api: RecordedAPI, sources: Sources, name: str, wanted: tuple[str, int | None],
                       title_start: str) -> None:  # fmt: skip
    id_list = wanted[0] + (f"v{wanted[1]}" if wanted[1] else "")
    api.serve(name, query={"id_list": id_list})
    assert sources.arxiv.get(*wanted).paper.title.startswith(title_start)


def test_batch_matches_answers_to_the_ids_asked_and_drops_unknown(api: RecordedAPI, sources: Sources) -> None:
    api.serve(
        "arxiv/id_list_multiple_one_unknown_0808.05394_1707.08567.xml",
        query={"id_list": "0808.05394,1707.08567", "max_results": "2"},
    )
    found = sources.arxiv.lookup([("0808.05394", None), ("1707.08567", None)])
    assert list(found) == ["1707.08567"]
    assert len(found["1707.08567"].paper.authors) == 34
    assert len(api.requests) == 1


def test_batches_are_three_seconds_apart(api: RecordedAPI, sources: Sources, sleeps: list[float]) -> None:
    api.serve("arxiv/id_list_single_1605.08386.xml", query={"id_list": "1605.08386"})
    api.serve("arxiv/id_list_versioned_2104.12255v1.xml", query={"id_list": "2104.12255v1"})
    sources.arxiv.batch_size = 1
    sources.arxiv.lookup([("1605.08386", None), ("2104.12255", 1)])
    assert len(api.requests) == 2
    assert sleeps == [3.0]


def test_unknown_id_is_not_found_at_arxiv(api: RecordedAPI, sources: Sources) -> None:
    api.serve("arxiv/id_list_empty_result_0000.0000.xml", query={"id_list": "0000.0000"})
    with pytest.raises(NotFoundError, match="arXiv has no paper 0000.0000"):
        sources.arxiv.get("0000.0000")


def test_malformed_id_is_refused_before_any_request(api: RecordedAPI, sources: Sources) -> None:
    with pytest.raises(InvalidInputError, match="accepted: arXiv ids"):
        sources.arxiv.lookup([("abc", None)])
    assert api.requests == []


def test_id_arxiv_rejects_is_an_input_error(api: RecordedAPI, sources: Sources) -> None:
    # The recorded 400 answers id_list=abc; a locally well-formed id gets the same treatment.
    api.serve("arxiv/error_malformed_id_abc_400.xml", query={"id_list": "9999.99999"})
    with pytest.raises(InvalidInputError, match="arXiv rejected id '9999.99999'.*incorrect id format"):
        sources.arxiv.get("9999.99999")


def test_one_rejected_id_in_a_batch_keeps_the_others(api: RecordedAPI, sources: Sources) -> None:
    api.serve("arxiv/error_malformed_id_abc_400.xml", query={"id_list": "1605.08386,9999.99999"})
    api.serve("arxiv/classic_format_2019_error_invalid_id.xml", query={"id_list": "9999.99999"})
    api.serve("arxiv/id_list_single_1605.08386.xml", query={"id_list": "1605.08386"})
    found = sources.arxiv.lookup([("1605.08386", None), ("9999.99999", None)])
    assert list(found) == ["1605.08386"]


def test_classic_layout_parses_by_namespace(fixtures_dir: object) -> None:
    from support.recorded import load

    feed = parse_feed(load("arxiv/classic_format_2019_id_list_astro-ph_9812133.xml").body.decode())
    paper = feed.records["astro-ph/9812133"].paper
    assert paper.doi == "10.1086/307221" and paper.venue == "Astrophys.J.517:565-586,1999"
    assert paper.authors[0] == "S. Perlmutter" and paper.year == 1998
    assert paper.abstract is not None and "\n" not in paper.abstract


def test_search_feed_entries_all_parse(fixtures_dir: object) -> None:
    from support.recorded import load

    feed = parse_feed(load("arxiv/search_query_all_testing_start0_max10.xml").body.decode())
    assert len(feed.records) == 10
    assert all(parse_arxiv_id(key) for key in feed.records)
