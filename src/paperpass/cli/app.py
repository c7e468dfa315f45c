"""The ``paperpass`` command: the root group, which loads each command's module only when it runs, and one
place that turns errors into one-line messages and exit codes."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import typer
import typer.main
from typer.core import TyperGroup

from paperpass import __version__
from paperpass.cli.registry import BY_NAME, COMMANDS
from paperpass.errors import PaperpassError


class LazyCommands(TyperGroup):
    """The root command group (Click's lazy-group pattern).

    Its commands are the names in :mod:`paperpass.cli.registry`; a command's module is imported when the
    command runs (or its own ``--help`` is asked for), and ``paperpass --help`` lists the registry without
    importing any. A paperpass error becomes one line on stderr and its exit code.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._loaded: dict[str, Any] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return [entry.name for entry in COMMANDS]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        entry = BY_NAME.get(cmd_name)
        if entry is None:
            return None
        if entry.module not in self._loaded:
            module = importlib.import_module(entry.module_path)
            self._loaded[entry.module] = typer.main.get_command(module.cli)
        loaded = self._loaded[entry.module]
        commands = getattr(loaded, "commands", None)
        return commands.get(cmd_name) if commands is not None else loaded

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        limit = formatter.width - 6 - max(len(entry.name) for entry in COMMANDS)
        rows = [(entry.name, _short(entry.help, limit)) for entry in COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PaperpassError as error:
            typer.echo(f"paperpass: error: {error.message}", err=True)
            raise typer.Exit(error.exit_code) from None


def _short(text: str, limit: int) -> str:
    """A command's help as Click lists it: up to the first full stop, cut at a word to ``limit``
    characters with "..." (what ``Command.get_short_help_str`` does with the loaded command)."""
    words = text.split()
    length = 0
    for i, word in enumerate(words):
        length += len(word) + (i > 0)
        if length > limit:
            break
        if word.endswith("."):
            return " ".join(words[: i + 1])
        if length == limit and i != len(words) - 1:
            break
    else:
        return " ".join(words)
    length += 3
    while i > 0:
        length -= len(words[i]) + (i > 0)
        if length <= limit:
            break
        i -= 1
    return " ".join(words[:i]) + "..."


app = typer.Typer(
    cls=LazyCommands,
    name="paperpass",
    help="Read ML papers the three-pass way and prepare for paper-discussion interviews.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
    user: str | None = typer.Option(
        None,
        "--user",
        metavar="NAME",
        help="On a team library: the account whose notes, practice and plans to use (default: the "
        "`user` setting, PAPERPASS_USER).",
    ),
) -> None:
    """Read ML papers the three-pass way and prepare for paper-discussion interviews."""
    if version:
        typer.echo(__version__)
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


def main() -> None:
    """Entry point of the console script."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("paperpass: interrupted\n")
        sys.exit(130)
