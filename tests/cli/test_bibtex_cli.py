"""``paperpass import FILE.bib`` and ``paperpass export``: what a user sees for bad files, and one answer per
paper in ``show``, CSL-JSON and BibTeX (read back by pybtex in strict mode)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pybtex import errors as pybtex_errors
from pybtex.database import BibliographyData, parse_string

from support.cli import run
from support.recorded import load


@pytest.fixture(autouse=True)
def empty_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """A library without the guide's papers: what is exported is what was imported."""
    monkeypatch.setenv("PAPERPASS_SEED_GUIDE", "0")


def strict_bibtex(text: str) -> BibliographyData:
    pybtex_errors.set_strict_mode(True)
    return parse_string(text, "bibtex")


def _bib(tmp_path: Path, text: str, name: str = "refs.bib") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_two_entries_for_one_paper_give_one_answer_everywhere(tmp_path: Path) -> None:
    bib = _bib(tmp_path, load("bibtex/duplicate_keys_latex_umlaut.bib").body.decode("utf-8"))
    code, out, _ = run("import", bib)
    assert code == 0 and "1 added, 1 merged" in out
    shown = json.loads(run("show", "10.1002/andp.19053221004", "--json")[1])
    [item] = json.loads(run("export", "--csl-json")[1])
    [entry] = strict_bibtex(run("export", "--bibtex")[1]).entries.values()
    title = entry.fields["title"].replace('\\"{o}', "ö").strip()
    assert shown["title"] == item["title"] == title == "Zur Elektrodynamik bewegter Körper"
    assert shown["authors"] == ["A. Einstein"] and item["author"] == [{"family": "Einstein", "given": "A."}]
    assert [str(p) for p in entry.persons["author"]] == ["Einstein, A."]


def test_every_imported_file_exports_as_strict_bibtex(tmp_path: Path) -> None:
    names = ["bibtex/ml_overleaf_mixed_exporters.bib", "bibtex/ml_sample_google_scholar_arxiv_accents.bib",
             "bibtex/zotero_export_tabs_urldate.bib", "bibtex/crossref_bibtex_2018_cyrillic_macros.bib",
             "bibtex/comments_inside_fields.bib", "bibtex/dblp_export.bib"]  # fmt: skip
    for n, name in enumerate(names):
        assert run("import", _bib(tmp_path, load(name).body.decode("utf-8-sig"), f"f{n}.bib"))[0] == 0
    listed = json.loads(run("list", "--json")[1])
    parsed = strict_bibtex(run("export", "--bibtex")[1])
    assert len(parsed.entries) == len(listed) > 150
    items = json.loads(run("export", "--csl-json")[1])
    shi = next(i for i in items if i["title"].startswith("Room-Temperature Implementation"))
    assert shi["author"][0] == {
        "family": "Shi",
        "given": "Fazhan",
    }  # the '%' line inside the field is a comment


def test_a_percent_sign_in_braces_is_text(tmp_path: Path) -> None:
    bib = _bib(tmp_path, "@article{k, title={Reaching 100% Accuracy on {GSM8K} with 5% of the Data},"
                         " author={Doe, Jane}, year={2024}, journal={TMLR}}\n")  # fmt: skip
    assert run("import", bib)[0] == 0
    assert (
        json.loads(run("list", "--json")[1])[0]["title"]
        == "Reaching 100% Accuracy on GSM8K with 5% of the Data"
    )


def test_string_macros_are_expanded_and_the_export_stands_alone(tmp_path: Path) -> None:
    bib = _bib(tmp_path, '@String{NeurIPS = "Advances in Neural Information Processing Systems"}\n'
                         "@string{vol = {35}}\n"
                         '@inproceedings{k, title={Scaling}, author={Doe, Jane},'
                         ' booktitle=neurips # " " # vol,'
                         " year=2022, month=dec}\n")  # fmt: skip
    assert run("import", bib)[0] == 0
    [paper] = json.loads(run("list", "--json")[1])
    assert paper["venue"] == "Advances in Neural Information Processing Systems 35"
    [entry] = strict_bibtex(run("export", "--bibtex")[1]).entries.values()  # no undefined macro
    assert entry.fields["booktitle"] == "Advances in Neural Information Processing Systems 35"
    assert entry.fields["month"] == "December"  # the standard month macro, left as written


def test_entries_left_out_are_named_one_line_each(tmp_path: Path) -> None:
    bib = _bib(tmp_path, "@article{good, title={Good}, author={A, B}, year=2020}\n"
                         "@article{untitled, author={No Title}, year=2021}\n"
                         "@article{broken, title = {Broken, year=2021\n"
                         "@article{fine, title={Fine}, author={C, D}, year=2020}\n")  # fmt: skip
    code, out, err = run("import", bib)
    assert code == 1 and "2 added, 2 failed" in out
    assert "line 2: @article{untitled} has no title; skipped" in out
    assert "line 3: cannot read '@article{broken, title = {Broken" in out
    assert "Parsing of" not in out + err and "We will try" not in out + err  # no parser log
    assert len([line for line in out.splitlines() if line.startswith("failed")]) == 2


def test_a_file_that_cannot_be_read_is_a_one_line_error_with_status_2(tmp_path: Path) -> None:
    latin = tmp_path / "latin.bib"
    latin.write_bytes(b"@article{k, title={Caf\xe9}, year=2020}\n")
    code, out, err = run("import", str(latin))
    assert code == 2 and out == "" and err.count("\n") == 1 and "not UTF-8" in err
    folder = tmp_path / "folder.bib"
    folder.mkdir()
    code, _, err = run("import", str(folder))
    assert code == 2 and err.count("\n") == 1 and "folder.bib" in err


def test_a_large_file_shows_a_progress_bar_on_a_terminal_and_a_short_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = "@article{{k{n}, title={{Paper number {n} on routing}}, author={{Doe{n}, J.}}, year=2020}}\n"
    entries = "".join(entry.format(n=n) for n in range(60))
    bib = _bib(tmp_path, entries + "@article{bad, author={X, Y}}\n")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # Rich draws live output as on a terminal
    code, out, err = run("import", bib)
    assert code == 1 and "━" in err and "refs.bib" in err  # the bar, labelled with the entry being stored
    assert "60 added, 1 failed" in out and "60 more not listed" in out
    listed = [line for line in out.splitlines() if "refs.bib" in line]
    assert (
        len(listed) == 1 and "line 61: @article{bad} has no title" in listed[0]
    )  # only what needs attention
