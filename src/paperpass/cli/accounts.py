"""``paperpass user ...``: accounts of a team server: add, list, set a password, log out everywhere,
disable, enable, demote, promote, remove, and change one's own password."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from paperpass.accounts import (
    add_user,
    change_own_password,
    check_username,
    end_all_sessions,
    remove_account,
    set_admin,
    set_disabled,
    set_password,
)
from paperpass.accounts import list_users as listing
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
            "disabled": u.disabled,
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
        marks = [m for m, on in (("admin", row["admin"]), ("disabled", row["disabled"])) if on]
        shown = f"{row['username']} ({', '.join(marks)})" if marks else str(row["username"])
        common.console().print(shown, markup=False)


NameArg = Annotated[str, typer.Argument(help="The username.")]


@user_app.command("disable")
def disable(ctx: typer.Context, name: NameArg) -> None:
    """Disable an account: it cannot log in, and its sessions end at once (admins)."""
    user = set_disabled(common.library(ctx), name, True)
    common.console().print(f"Disabled {user.username}; its sessions were ended.", markup=False)


@user_app.command("enable")
def enable(ctx: typer.Context, name: NameArg) -> None:
    """Enable a disabled account again (admins)."""
    user = set_disabled(common.library(ctx), name, False)
    common.console().print(f"Enabled {user.username}.", markup=False)


@user_app.command("demote")
def demote(ctx: typer.Context, name: NameArg) -> None:
    """Make an admin an ordinary account (admins; the last active admin stays)."""
    user = set_admin(common.library(ctx), name, False)
    common.console().print(f"{user.username} is no longer an admin.", markup=False)


@user_app.command("promote")
def promote(ctx: typer.Context, name: NameArg) -> None:
    """Make an account an admin (admins)."""
    user = set_admin(common.library(ctx), name, True)
    common.console().print(f"{user.username} is now an admin.", markup=False)


@user_app.command("remove")
def remove(
    ctx: typer.Context,
    name: NameArg,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete an account and its personal data (notes, practice, reading history, plans); its group
    memberships stay as names (admins)."""
    if not yes and not typer.confirm(f"Delete the account {name} and all its notes and practice?"):
        raise typer.Exit(1)
    removed = remove_account(common.library(ctx), name)
    rows = sum(removed.rows.values())
    common.console().print(f"Removed {removed.username} and {rows} rows of its data.", markup=False)


@user_app.command("change-password")
def change_password(
    ctx: typer.Context,
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin", help="Read the current password, then the new one, from stdin lines."
        ),
    ] = False,
) -> None:
    """Change your own password (with --user NAME), given the current one; your sessions end."""
    if password_stdin:
        current, new = sys.stdin.readline().rstrip("\r\n"), sys.stdin.readline().rstrip("\r\n")
    else:
        current = str(typer.prompt("Current password", hide_input=True))
        new = str(typer.prompt("New password", hide_input=True, confirmation_prompt=True))
    user = change_own_password(common.library(ctx), current, new)
    common.console().print(f"New password set for {user.username}; its sessions were ended.", markup=False)


cli = typer.Typer(rich_markup_mode=None, add_completion=False)
"""This module's top-level commands (see :mod:`paperpass.cli.registry`)."""
cli.add_typer(user_app, name="user")
