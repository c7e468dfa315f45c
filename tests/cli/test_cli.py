"""The command line: guide, guide show, checklist, init, serve's refusal, errors and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.main import get_command

from paperpass.cli.app import app
from paperpass.cli.registry import COMMANDS
from support.cli import run


def test_guide_json_is_the_full_catalog() -> None:
    code, out, _ = run("guide", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["entries"]) == 23 and len(data["categories"]) == 6 and len(data["checklist"]) == 15
    first = data["entries"][0]
    for key in ("number", "slug", "title", "category", "year", "arxiv", "url", "top15", "problem", "key_idea",
                "results", "discussion_points"):  # fmt: skip
        assert key in first
    assert first["arxiv"] == "1706.03762" and first["top15"] is True
    assert sum(e["top15"] for e in data["entries"]) == 17  # "Llama 3/4" and "KTO/ORPO" are two entries each


def test_guide_table_lists_every_entry_by_category_with_status() -> None:
    code, out, _ = run("guide")
    assert code == 0
    for text in (
        "Foundational",
        "Efficiency & Scaling",
        "Safety & Alignment",
        "Attention Is All You",
        "to-read",
    ):
        assert text in out


def test_guide_show_prints_discussion_points() -> None:
    code, out, _ = run("guide", "show", "flash-attention")
    assert code == 0
    assert "Discussion points" in out and "16K" in out and "2-4x" in out


def test_guide_show_json_by_arxiv_id() -> None:
    code, out, _ = run("guide", "show", "2106.09685", "--json")
    assert code == 0 and json.loads(out)["slug"] == "lora"


def test_unknown_slug_is_one_line_with_suggestions_and_exit_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "paperpass", "guide", "show", "mamba3"],
        capture_output=True, text=True, env={**os.environ}, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no guide entry 'mamba3'" in result.stderr and "mamba" in result.stderr
    assert "Traceback" not in result.stderr


def test_checklist_has_fifteen_items_and_progress() -> None:
    code, out, _ = run("checklist", "--json")
    items = json.loads(out)
    assert code == 0 and len(items) == 15
    assert {tuple(i["entries"]) for i in items} >= {("llama-3", "llama-4"), ("kto", "orpo")}
    assert all(i["status"] == "to-read" and not i["done"] and i["goal_pass"] == 2 for i in items)
    code, out, _ = run("checklist")
    assert code == 0 and "0/15 done" in out
    assert "Done = interview-ready: each paper read to pass 2" in " ".join(out.split())  # said in words


def test_init_is_idempotent(isolated_env: Path) -> None:
    first = run("init")
    second = run("init")
    assert first[0] == second[0] == 0
    assert "25 papers" in first[1] and "25 papers" in second[1]
    assert (isolated_env / "library.db").exists()


def test_serve_refuses_a_public_address_without_accounts() -> None:
    code, _, err = run("serve", "--host", "0.0.0.0", "--port", "1")
    assert code == 2
    assert "refusing to bind 0.0.0.0" in err


def test_bad_config_is_reported_without_traceback(isolated_env: Path) -> None:
    isolated_env.mkdir(parents=True)
    (isolated_env / "config.toml").write_text("port = [")
    result = subprocess.run([sys.executable, "-m", "paperpass", "guide"], capture_output=True, text=True,
                            check=False)  # fmt: skip
    assert result.returncode == 2 and "not valid TOML" in result.stderr and "Traceback" not in result.stderr


def _commands() -> dict[str, Any]:
    """Every top-level command, loaded through the root group."""
    root = get_command(app)
    ctx = typer.Context(root)
    return {name: root.get_command(ctx, name) for name in root.list_commands(ctx)}  # type: ignore[attr-defined]


def test_every_command_is_documented() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    names = []
    for name, command in _commands().items():
        names.append(name)
        names += [f"{name} {sub}" for sub in getattr(command, "commands", {})]
    assert [n for n in names if f"paperpass {n}" not in docs] == []


def test_the_registry_lists_each_command_with_its_own_help() -> None:
    """``paperpass --help`` shows the registry's line; it must be the command's own."""
    loaded = _commands()
    assert all(loaded.values()) and list(loaded) == [e.name for e in COMMANDS]
    for entry in COMMANDS:
        assert loaded[entry.name].get_short_help_str(limit=1000) == entry.help, entry.name
    root = run("--help")[1]
    assert all(f"  {entry.name} " in root for entry in COMMANDS)
    assert "  no-such-command " not in root and run("no-such-command")[0] == 2


def test_help_imports_no_command_module() -> None:
    """The root help is read from the registry: no command module, no database or console library."""
    probe = (
        "import sys; sys.argv = ['paperpass', '--help']\n"
        "from paperpass.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in sys.modules if m.startswith(('paperpass.', 'sqlalchemy', 'rich'))]\n"
        "print(' '.join(sorted(loaded)), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "Commands:" in result.stdout
    assert result.stderr.split() == [
        "paperpass.cli",
        "paperpass.cli.app",
        "paperpass.cli.registry",
        "paperpass.errors",
    ]


@pytest.mark.parametrize(
    ("args", "not_loaded"),
    [
        (["guide", "show", "lora"], ("sqlalchemy",)),  # the bundled guide: no database opened
        (["init"], ("fastapi", "uvicorn")),  # the library (made by the fixture): no web server
    ],
)
@pytest.mark.usefixtures("sqlite_library")
def test_a_command_loads_only_what_it_runs(args: list[str], not_loaded: tuple[str, ...]) -> None:
    probe = (
        f"import sys; sys.argv = ['paperpass', *{args!r}]\n"
        "from paperpass.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit as end:\n    assert not end.code, end.code\n"
        f"print(' '.join(m for m in {not_loaded!r} if m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip()
    assert result.stderr.split() == []


@pytest.mark.parametrize("args", [["--help"], ["guide", "--help"], ["--version"]])
def test_help_and_version(args: list[str]) -> None:
    assert run(*args)[0] == 0
