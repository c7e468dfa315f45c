"""``paperpass grade``: the JSON contract (single and batch), the table, and one-line errors with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from support.cli import run

POINT = "Switch Transformer uses top-1 routing"


def test_points_and_answer_give_one_verdict_per_point_with_evidence_from_the_answer() -> None:
    answer = "Switch Transformer uses top-1 routing. Llama 4 Maverick has 16 experts."
    code, out, _ = run(
        "grade",
        "--point",
        POINT,
        "--point",
        "Llama 4 Maverick has 128 experts, Scout 16 experts",
        "--point",
        "it hallucinates",
        "--answer",
        answer,
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["points"]
    assert [list(p) for p in data["points"]] == [["point", "verdict", "evidence"]] * 3
    assert [p["verdict"] for p in data["points"]] == ["covered", "missed", "unsure"]
    assert data["points"][0]["point"] == POINT
    assert all(p["evidence"] in answer for p in data["points"])


def test_batch_prints_one_object_per_line_in_order(tmp_path: Path) -> None:
    pairs = [
        {"point": POINT, "answer": "Switch routes each token with top-2 routing."},
        {"point": POINT, "answer": "Switch Transformer routes with top-1 routing."},
        {"point": "paired data is expensive to collect", "answer": "It is hard to say."},
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(json.dumps(p) for p in pairs) + "\n\n", encoding="utf-8")
    code, out, _ = run("grade", "--batch", str(path), "--json")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["verdict"] for line in lines] == ["missed", "covered", "unsure"]
    for pair, line in zip(pairs, lines, strict=True):
        assert line["points"][0]["point"] == pair["point"] and line["points"][0]["verdict"] == line["verdict"]
        assert line["points"][0]["evidence"] in pair["answer"]


def test_batch_reads_standard_input() -> None:
    line = json.dumps({"point": POINT, "answer": "Switch Transformer uses top-1 routing."})
    code, out, _ = run("grade", "--batch", "-", "--json", stdin=line + "\n")
    assert code == 0 and json.loads(out)["verdict"] == "covered"


def test_without_json_a_readable_table() -> None:
    code, out, _ = run("grade", "--point", POINT, "--answer", "Switch routes each token with top-2 routing.")
    assert code == 0
    assert "missed" in out and "top-2" in out and "{" not in out


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad_json = tmp_path / "bad.jsonl"
    bad_json.write_text(json.dumps({"point": POINT, "answer": "x"}) + "\n{not json\n", encoding="utf-8")
    no_point = tmp_path / "no_point.jsonl"
    no_point.write_text(json.dumps({"answer": "x"}) + "\n", encoding="utf-8")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    cases = [
        (("grade", "--batch", str(tmp_path / "missing.jsonl"), "--json"), "no such file"),
        (("grade", "--batch", str(bad_json), "--json"), "bad.jsonl:2: not valid JSON"),
        (("grade", "--batch", str(no_point), "--json"), '"point"'),
        (("grade", "--batch", str(empty), "--json"), "no pairs"),
        (("grade", "--answer", "some answer", "--json"), "no reference point"),
        (("grade", "--point", POINT, "--json"), "no answer"),
        (("grade", "--point", POINT, "--answer", "x", "--judge", "oracle"), "--judge"),
    ]
    for args, message in cases:
        code, out, err = run(*args)
        assert code == 2, args
        assert out == "", args  # nothing half-written: a bad line stops the batch before any grade
        assert message in err and len(err.strip().splitlines()) == 1, (args, err)


def test_judge_option_picks_another_grader() -> None:
    code, out, _ = run(
        "grade", "--point", POINT, "--answer", "It uses top-2 routing.", "--judge", "lexical", "--json"
    )
    assert code == 0 and json.loads(out)["points"][0]["verdict"] in {"covered", "missed"}
