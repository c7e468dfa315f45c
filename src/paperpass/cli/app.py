"""The ``paperpass`` command: the Typer app, its command groups, and one place that turns errors into
one-line messages and exit codes."""

from __future__ import annotations

import sys

import typer

from paperpass.cli import guide, server

app = typer.Typer(
    name="paperpass",
    help="Read ML papers the three-pass way and prepare for paper-discussion interviews.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
guide.register(app)
server.register(app)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True),
) -> None:
    """Read ML papers the three-pass way and prepare for paper-discussion interviews."""
    if version:
        from paperpass import __version__

        typer.echo(__version__)
        raise typer.Exit()


def main() -> None:
    """Entry point of the console script: run the app, report known errors in one line."""
    from paperpass.errors import PaperpassError

    try:
        app()
    except PaperpassError as error:
        sys.stderr.write(f"paperpass: error: {error.message}\n")
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("paperpass: interrupted\n")
        sys.exit(130)
