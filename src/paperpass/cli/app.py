"""The ``paperpass`` command: the Typer app, its command groups, and one place that turns errors into
one-line messages and exit codes."""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from paperpass.cli import accounts, guide, maintenance, practice, server, survey
from paperpass.cli import groups as group_commands
from paperpass.cli import notes as note_commands
from paperpass.cli import papers as paper_commands
from paperpass.cli import plan as plan_commands
from paperpass.cli import reading as reading_commands
from paperpass.cli import search as search_commands


class _ReportingGroup(TyperGroup):
    """The root command group: a paperpass error becomes one line on stderr and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        from paperpass.errors import PaperpassError

        try:
            return super().invoke(ctx)
        except PaperpassError as error:
            typer.echo(f"paperpass: error: {error.message}", err=True)
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    cls=_ReportingGroup,
    name="paperpass",
    help="Read ML papers the three-pass way and prepare for paper-discussion interviews.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
guide.register(app)
server.register(app)
survey.register(app)
group_commands.register(app)
accounts.register(app)
maintenance.register(app)
paper_commands.register(app)
reading_commands.register(app)
note_commands.register(app)
search_commands.register(app)
practice.register(app)
plan_commands.register(app)


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
    from paperpass.cli.common import CommandContext

    ctx.obj = CommandContext(user=user)
    ctx.call_on_close(ctx.obj.close)
    if version:
        from paperpass import __version__

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
