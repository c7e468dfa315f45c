"""Running the command line in-process, as the tests' ``cli`` fixture does."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from typer.testing import CliRunner

from paperpass.cli.app import app


@dataclass(frozen=True)
class CliResult:
    """What one command did: its exit code, and what it wrote to stdout and stderr."""

    code: int
    out: str
    err: str


class CliRun:
    """Calls ``paperpass`` with arguments (and optional stdin and extra environment)."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(
        self, *args: str, stdin: str | None = None, env: Mapping[str, str] | None = None
    ) -> CliResult:
        result = self.runner.invoke(app, list(args), input=stdin, env=dict(env or {}))
        return CliResult(result.exit_code, result.stdout, result.stderr)
