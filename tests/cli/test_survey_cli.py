"""`paperpass survey`: Rich, Markdown and JSON sheets, several files, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from support.cli import run
from support.components import CORPUS, missing
from support.pdfs import make_pdf


def test_json_has_the_documented_keys(tmp_path: Path) -> None:
    result = run("survey", "--json", str(make_pdf(tmp_path / "a.pdf")))
    assert result.code == 0, result.err
    data = json.loads(result.out)
    for key in ("title", "authors", "abstract", "intro_last_paragraph", "sections", "conclusion", "figures",
                "tables", "pages", "warnings"):  # fmt: skip
        assert key in data
    assert data["title"] == "A Study of Caching Survey Sheets"
    assert data["pages"] == 1


def test_several_files_give_a_json_list(tmp_path: Path) -> None:
    paths = [str(make_pdf(tmp_path / f"{n}.pdf", f"Paper Number {n} On Things")) for n in range(2)]
    result = run("survey", "--json", *paths)
    assert result.code == 0
    assert [s["title"] for s in json.loads(result.out)] == [
        "Paper Number 0 On Things",
        "Paper Number 1 On Things",
    ]


def test_rich_and_markdown_sheets(tmp_path: Path) -> None:
    pdf = str(make_pdf(tmp_path / "a.pdf"))
    rich = run("survey", pdf)
    assert rich.code == 0 and "A Study of Caching Survey Sheets" in rich.out and "Outline" in rich.out
    md = run("survey", "--markdown", pdf)
    assert md.code == 0 and md.out.startswith("# A Study of Caching Survey Sheets")


def test_not_a_pdf_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.pdf"
    bogus.write_text("just text")
    result = run("survey", str(bogus))
    assert result.code == 2
    assert result.err.startswith("paperpass: error:") and result.err.count("\n") == 1


def test_missing_file_and_bad_timeout(tmp_path: Path) -> None:
    assert run("survey", str(tmp_path / "nope.pdf")).code == 2
    assert run("survey", "--timeout", "0", str(make_pdf(tmp_path / "a.pdf"))).code == 2


def _corpus(name: str) -> Path:
    path = CORPUS / "pdfs" / name
    if not path.is_file():
        missing(f"the corpus PDF {path} is not there")
    return path


def test_the_appendix_is_folded_in_the_terminal_and_in_markdown() -> None:
    cot = str(_corpus("2201.11903.pdf"))  # Chain-of-Thought: 33 of 41 figures and tables are in the appendix
    folded = run("survey", "--no-cache", cot, env={"COLUMNS": "200"})
    assert folded.code == 0
    main, _, appendix = folded.out.partition("Appendix (3 figures, 30 tables and 23 sections, pp. 16-43)")
    assert appendix and "--appendix lists it" in appendix
    assert main.count("Figure ") >= 8 and "Table 1:" not in folded.out  # Tables 1-30 are all appendix
    assert "· 8 figures · 0 tables" in main and "pass 2 ≈ 46 min (main body)" in main
    listed = run("survey", "--no-cache", "--appendix", cot, env={"COLUMNS": "200"})
    assert "Table 1:" in listed.out.partition("Appendix (")[2]
    md = run("survey", "--no-cache", "--markdown", cot).out
    body, _, tail = md.partition("## Appendix")
    assert "Figure 8:" in body and "Figure 9:" not in body and "Table 1:" not in body
    assert "<details>" in tail and "</details>" in tail and "Table 30:" in tail


def test_json_flags_the_appendix_and_estimates_the_main_body() -> None:
    data = json.loads(run("survey", "--no-cache", "--json", str(_corpus("2106.09685.pdf"))).out)
    captions = data["figures"] + data["tables"]
    assert sum(c["appendix"] for c in captions) == 15 and len(captions) == 26  # LoRA: 15 of 26
    assert 30 <= data["estimated_pass2_minutes"] <= 60
