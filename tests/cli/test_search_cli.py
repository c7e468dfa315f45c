"""``paperpass search``, ``reindex`` and ``import --arxiv-metadata`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from support.cli import run


def test_search_prints_ranked_highlighted_results() -> None:
    code, out, _ = run("search", "low-rank", "adaptation", "-n", "3")
    assert code == 0 and "LoRA" in out and "lexical" in out


def test_search_json_with_filters() -> None:
    code, out, _ = run("search", "attention", "--year", "2017", "-c", "foundational", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["mode"] == "lexical" and data["hits"][0]["slug"] == "attention-is-all-you-need"
    assert all(h["year"] == 2017 for h in data["hits"] if h["slug"])
    assert {"snippet", "highlights", "page", "kind"} <= set(data["hits"][0]["matches"][0])


def test_empty_search_lists_recent_papers() -> None:
    code, out, _ = run("search", "--json", "--top15")
    assert code == 0 and json.loads(out)["mode"] == "recent" and json.loads(out)["hits"]


def test_hostile_query_is_fine_and_bad_filters_are_one_line() -> None:
    assert run("search", '"unbalanced (', "col:", "-", "NEAR/3", "*")[0] == 0
    code, _, err = run("search", "x", "--year", "soon")
    assert code == 2 and err.count("\n") == 1 and "not a year" in err
    code, _, err = run("search", "x", "--status", "reading")
    assert code == 2 and "unknown status" in err


def test_semantic_without_vectors_says_so_once() -> None:
    code, _, err = run("search", "cheap finetuning", "--semantic")
    assert code == 0 and err.count("semantic search") == 1


def test_reindex_and_arxiv_import(tmp_path: Path) -> None:
    code, out, _ = run("reindex", "--no-embed", "--json")
    assert code == 0 and json.loads(out)["indexed"]["guide"] == 23
    dump = tmp_path / "snapshot.jsonl"
    record = {"id": "2402.00001", "title": "Hypernetwork zeppelins", "authors": "Z. Eppelin",
              "abstract": "Floating ideas.", "categories": "cs.LG", "versions": []}  # fmt: skip
    dump.write_text(json.dumps(record) + "\n")
    code, out, _ = run("import", "--arxiv-metadata", str(dump))
    assert code == 0 and "1 added" in out
    code, out, _ = run("search", "zeppelins", "--json")
    assert code == 0 and json.loads(out)["hits"] == []  # the discovery index is not the library
    code, out, _ = run("search", "zeppelins", "--discover", "--json")
    assert json.loads(out)["hits"][0]["arxiv_id"] == "2402.00001"
    code, out, _ = run("list", "--json")
    assert code == 0 and "2402.00001" not in out
    code, _, err = run("import")
    assert code == 2 and "--arxiv-metadata" in err


def test_a_word_written_with_a_minus_is_excluded_not_an_option() -> None:
    code, out, err = run("search", "-lora", "--json")
    assert code == 0 and err == "" and json.loads(out)["mode"] == "recent"
    assert "lora" not in [h["slug"] for h in json.loads(out)["hits"]]
    code, out, _ = run("search", "low-rank", "-adaptation", "--json", "-n5")
    assert code == 0 and "lora" not in [h["slug"] for h in json.loads(out)["hits"]]
    code, out, _ = run("search", "adaptation", "-transformers", "-n", "3", "--json")
    assert code == 0 and json.loads(out)["per_page"] == 3


def test_without_a_full_match_the_cli_shows_partial_matches() -> None:
    code, out, err = run("search", "low-rank", "adaptation", "zeppelins")
    assert code == 0 and "no result has every word" in err and "LoRA" in out and "without: zeppelins" in out


def test_results_come_a_page_at_a_time() -> None:
    code, out, _ = run("search", "--json", "-n", "5", "--page", "2")
    data = json.loads(out)
    assert code == 0 and (data["page"], len(data["hits"]), data["more"]) == (2, 5, True)
    code, out, _ = run("search", "attention", "-n", "2")
    assert code == 0 and "results 1-2 of" in out and "next: --page 2" in out
