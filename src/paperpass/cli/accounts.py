"""``paperpass user add|list|password|logout``: accounts of a team server."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from paperpass.accounts.users import add_user, check_username, end_all_sessions, set_password
from paperpass.accounts.users import list_users as listing
from paperpass.cli import common

user_app = typer.Typer(
    help="Accounts of a team server (with accounts, `serve` requires a login).", no_args_is_help=True
)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@user_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The username (letters, digits, '_', '.', '-').")],
    admin: Annotated[bool, typer.Option(help="May manage every group and account.")] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from the first line of stdin.")
    ] = False,
) -> None:
    """Create an account (the first one makes `paperpass serve` a multi-user team server)."""

    check_username(name)

    user = add_user(common.store(ctx), name, _password(password_stdin), admin=admin)
    role = "admin" if user.is_admin else "user"
    common.console().print(f"Added {role} {user.username} (id {user.id}).", markup=False)


@user_app.command("password")
def password(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The username.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the new password from the first line of stdin.")
    ] = False,
) -> None:
    """Set a new password for an account and log it out everywhere."""

    user = set_password(common.store(ctx), name, _password(password_stdin))
    common.console().print(f"New password set for {user.username}; its sessions were ended.", markup=False)


@user_app.command("logout")
def logout(ctx: typer.Context, name: Annotated[str, typer.Argument(help="The username.")]) -> None:
    """End every session of an account (e.g. a lost laptop): it must log in again everywhere."""

    ended = end_all_sessions(common.store(ctx), name)
    common.console().print(f"Ended {ended} session{'s' * (ended != 1)} of {name}.", markup=False)


@user_app.command("list")
def list_users(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """List the accounts (never their password hashes)."""

    users = listing(common.store(ctx))
    rows = [
        {
            "id": u.id,
            "username": u.username,
            "admin": u.is_admin,
            "created_at": u.created_at.isoformat(),
            "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None,
        }
        for u in users
    ]
    if as_json:
        common.print_json(rows)
        return
    if not rows:
        common.console().print("No accounts: the library runs in local single-user mode.")
    for row in rows:
        common.console().print(f"{row['username']}{' (admin)' if row['admin'] else ''}", markup=False)


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
"""This module's top-level commands (see :mod:`paperpass.cli.registry`)."""
cli.add_typer(user_app, name="user")
