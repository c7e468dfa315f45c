"""``paperpass add/list/show/remove/related/code/export/import/sync`` end to end: the base-URL settings point
at a local HTTP server on 127.0.0.1 that answers with the recorded responses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from paperpass.config import load_settings
from paperpass.library import open_library
from paperpass.search.graph import citation_graph
from support.cli import run
from support.recorded import LocalServer, RecordedAPI, fixtures_root, recorded_fixtures_api, serving_sources

PDF = b"%PDF-1.4\n" + b"2" * 3000 + b"\n%%EOF\n"


@pytest.fixture
def api() -> Iterator[RecordedAPI]:
    yield from recorded_fixtures_api()


@pytest.fixture
def server(api: RecordedAPI, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    """A local server; every source's base URL points at it; no pauses between requests."""
    with serving_sources(api, monkeypatch) as local:
        yield local


def _serve_heat_bath(api: RecordedAPI) -> None:
    api.serve("arxiv/id_list_single_1605.08386.xml", query={"id_list": "1605.08386"})
    api.answer("/pdf/1605.08386v1", 200, PDF, headers={"content-type": "application/pdf"})


def test_add_show_list_export_remove(server: LocalServer, api: RecordedAPI) -> None:
    _serve_heat_bath(api)
    code, out, _ = run("add", "https://arxiv.org/abs/1605.08386")
    assert code == 0 and "added" in out and "stanley2016-heat" in out and "1 added" in out
    code, out, _ = run("show", "arXiv:1605.08386", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["slug"] == "stanley2016-heat" and shown["arxiv_version"] == 1
    assert shown["files"][0]["arxiv_version"] == 1 and len(shown["files"][0]["sha256"]) == 64
    assert [d["name"] for d in shown["discussions"]] == ["r/MachineLearning", "YouTube", "X"]
    code, out, _ = run("show", "stanley2016-heat")
    assert code == 0 and "Heat-bath random walks" in out and "YouTube" in out and "sha256" in out
    code, out, _ = run("list", "--json")
    assert code == 0 and "stanley2016-heat" in {p["slug"] for p in json.loads(out)}
    code, out, _ = run("list")
    assert code == 0 and "stanley2016-heat" in out
    code, out, _ = run("export", "--bibtex", "stanley2016-heat")
    assert code == 0 and out.startswith("@misc{stanley2016heatbath,") and "eprint = {1605.08386}" in out
    code, out, _ = run("export", "--csl-json", "stanley2016-heat")
    assert code == 0 and json.loads(out)[0]["title"] == "Heat-bath random walks with Markov bases"
    code, out, _ = run("remove", "stanley2016-heat", stdin="n\n")
    assert code == 1 and "kept" in out
    code, out, _ = run("remove", "stanley2016-heat", stdin="y\n")
    assert code == 0 and "removed stanley2016-heat" in out
    assert run("show", "stanley2016-heat")[0] == 2


def test_malformed_and_unknown_ids_are_one_line_errors(server: LocalServer, api: RecordedAPI) -> None:
    code, _, err = run("add", "17063762")
    assert code == 2 and err.count("\n") == 1 and "accepted: arXiv ids" in err
    api.serve("arxiv/id_list_empty_result_0000.0000.xml", query={"id_list": "0000.0000"})
    code, _, err = run("add", "0000.0000")
    assert code == 2 and err.strip() == "paperpass: error: not found at arXiv: arXiv:0000.0000"


def test_half_failed_batch_lists_what_failed(server: LocalServer, api: RecordedAPI) -> None:
    api.serve("arxiv/id_list_multiple_one_unknown_0808.05394_1707.08567.xml",
              query={"id_list": "0808.05394,1707.08567"})  # fmt: skip
    code, out, _ = run(
        "add", "--no-pdf", "0808.05394", "1707.08567", "abc", "--json", "10.1/x"
    )  # 4: a progress bar
    outcomes = {o["input"]: o for o in json.loads(out)}
    assert code == 1 and list(outcomes) == ["0808.05394", "1707.08567", "abc", "10.1/x"]
    assert outcomes["abc"]["action"] == "failed" and "accepted:" in outcomes["abc"]["reason"]
    assert outcomes["1707.08567"]["action"] == "added"
    assert outcomes["0808.05394"] == {"input": "0808.05394", "action": "failed", "paper": None,
                                      "reason": "not found at arXiv: arXiv:0808.05394"}  # fmt: skip


def test_offline_add_is_queued_and_sync_completes_it(
    server: LocalServer, api: RecordedAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    monkeypatch.setenv("PAPERPASS_ARXIV_API", f"http://127.0.0.1:{port}/api/query")
    code, out, _ = run("add", "1605.08386")
    assert code == 0 and "queued" in out and "arXiv could not be reached" in out
    code, out, _ = run("list")
    assert "1 queued" in out
    monkeypatch.setenv("PAPERPASS_ARXIV_API", f"{server.url}/api/query")
    _serve_heat_bath(api)
    code, out, _ = run("sync")
    assert code == 0 and "added" in out
    assert "queued" not in run("list")[1]


def test_import_and_export_round_trip(server: LocalServer, tmp_path: Path) -> None:
    source = fixtures_root() / "http" / "bibtex" / "ml_sample_google_scholar_arxiv_accents.bib"
    local = tmp_path / "refs.bib"
    local.write_bytes(source.read_bytes())
    code, out, _ = run("import", str(local))
    assert code == 0 and "added" in out
    code, out, _ = run("export", "--bibtex", "-o", str(tmp_path / "out.bib"))
    written = (tmp_path / "out.bib").read_text()
    assert code == 0 and "Del{\\'e}tang" in written and "@article{ruoss2024grandmaster," in written
    code, _, err = run("import", str(tmp_path / "missing.txt"))
    assert code == 2 and "not a .bib file" in err


def test_related_and_code(server: LocalServer, api: RecordedAPI) -> None:
    _serve_heat_bath(api)
    assert run("add", "1605.08386")[0] == 0
    base = "/graph/v1/paper/ARXIV:1605.08386"
    api.serve(
        "semanticscholar/paper_references_offset0_limit50.json",
        path=f"{base}/references",
        query={"offset": "0"},
    )
    api.serve("semanticscholar/paper_references_offset50_last_page.json", path=f"{base}/references",
              query={"offset": "50"})  # fmt: skip
    api.serve("semanticscholar/paper_citations_offset0_limit100.json", path=f"{base}/citations", times=2)
    api.serve(
        "semanticscholar/recommendations_for_paper.json",
        path="/recommendations/v1/papers/forpaper/ARXIV:1605.08386",
    )
    api.serve("semanticscholar/paper_batch_post_with_null.json")
    code, out, _ = run("related", "stanley2016-heat", "--limit", "5", "--json")
    data = json.loads(out)
    assert code == 0 and len(data["ranking"]) == 5 and data["ranking"][0]["reasons"][0] == "recommended"
    code, out, _ = run("related", "stanley2016-heat", "--limit", "3")
    assert code == 0 and "Score" in out
    opened = open_library(load_settings(), username=None)
    graph = citation_graph(opened)
    opened.store.close()
    cites = [e for e in graph.edges if e.kind == "cites"]
    assert cites and any(not n.in_library for n in graph.nodes)  # the graph shows them as suggestions
    api.serve("huggingface/papers_search_kazakh.json", path="/api/papers/search")
    code, out, _ = run("code", "stanley2016-heat")
    assert code == 0 and "no code links known for stanley2016-heat" in out


def test_add_without_arguments_says_what_it_accepts(server: LocalServer) -> None:
    code, _, err = run("add")
    assert code == 2 and "nothing to add" in err
