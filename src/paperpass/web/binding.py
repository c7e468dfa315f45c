"""Where the server may listen: single-user mode stays on loopback."""

from __future__ import annotations

import ipaddress

from paperpass.config import Settings
from paperpass.errors import ConfigError


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback name or address (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_binding(host: str, settings: Settings, *, accounts: bool = False) -> None:
    """Refuse to serve the no-login, single-user library on a non-loopback address.

    A library with accounts (``paperpass user add``) is a team server: every page needs a login, so it may
    listen on any address.

    Raises:
        ConfigError: ``host`` is reachable from other machines and accounts are not configured.
    """
    if not accounts and not is_loopback(host):
        raise ConfigError(
            f"refusing to bind {host}: the single-user library has no login, so it only listens on "
            "loopback (127.0.0.1); use --host 127.0.0.1, or make it a team server with accounts first "
            "(paperpass user add NAME --admin)"
        )
