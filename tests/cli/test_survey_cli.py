"""`paperpass survey`: Rich, Markdown and JSON sheets, several files, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from paperpass.cli.app import app
from support.pdfs import make_pdf

runner = CliRunner()


def test_json_has_the_documented_keys(tmp_path: Path) -> None:
    result = runner.invoke(app, ["survey", "--json", str(make_pdf(tmp_path / "a.pdf"))])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("title", "authors", "abstract", "intro_last_paragraph", "sections", "conclusion", "figures",
                "tables", "pages", "warnings"):  # fmt: skip
        assert key in data
    assert data["title"] == "A Study of Caching Survey Sheets"
    assert data["pages"] == 1


def test_several_files_give_a_json_list(tmp_path: Path) -> None:
    paths = [str(make_pdf(tmp_path / f"{n}.pdf", f"Paper Number {n} On Things")) for n in range(2)]
    result = runner.invoke(app, ["survey", "--json", *paths])
    assert result.exit_code == 0
    assert [s["title"] for s in json.loads(result.stdout)] == [
        "Paper Number 0 On Things",
        "Paper Number 1 On Things",
    ]


def test_rich_and_markdown_sheets(tmp_path: Path) -> None:
    pdf = str(make_pdf(tmp_path / "a.pdf"))
    rich = runner.invoke(app, ["survey", pdf])
    assert (
        rich.exit_code == 0 and "A Study of Caching Survey Sheets" in rich.stdout and "Outline" in rich.stdout
    )
    md = runner.invoke(app, ["survey", "--markdown", pdf])
    assert md.exit_code == 0 and md.stdout.startswith("# A Study of Caching Survey Sheets")


def test_not_a_pdf_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.pdf"
    bogus.write_text("just text")
    result = runner.invoke(app, ["survey", str(bogus)])
    assert result.exit_code == 2
    assert result.stderr.startswith("paperpass: error:") and result.stderr.count("\n") == 1


def test_missing_file_and_bad_timeout(tmp_path: Path) -> None:
    assert runner.invoke(app, ["survey", str(tmp_path / "nope.pdf")]).exit_code == 2
    assert runner.invoke(app, ["survey", "--timeout", "0", str(make_pdf(tmp_path / "a.pdf"))]).exit_code == 2
