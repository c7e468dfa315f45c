"""Running the command line in-process: the one runner every test uses (``run`` here, or the ``cli``
fixture, which is the same runner)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from typer.testing import CliRunner

from paperpass.cli.app import app


class CliResult(NamedTuple):
    """What one command did: its exit code, and what it wrote to stdout and stderr (kept apart)."""

    code: int
    out: str
    err: str


class CliRun:
    """Calls ``paperpass ARGS...`` with optional stdin and extra environment variables."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(
        self, *args: str, stdin: str | None = None, env: Mapping[str, str] | None = None
    ) -> CliResult:
        result = self.runner.invoke(app, list(args), input=stdin, env=dict(env or {}))
        return CliResult(result.exit_code, result.stdout, result.stderr)


run = CliRun()
"""``code, out, err = run("guide", "--json")``."""
