"""Lazy package exports: a domain package offers its names without importing their modules up front.

Each package's ``__init__`` lists what it offers (name -> (module, name there)) and hands the table to
:func:`exports`, which gives the module-level ``__getattr__`` (PEP 562): a name is imported on first use
and kept in the package's namespace, so a command loads only the modules it needs. The same names are
imported under ``TYPE_CHECKING`` in the package, so type checkers and editors see them statically.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

Exports = Mapping[str, tuple[str, str]]
"""What a package offers: name -> (module, name there)."""


def exports(namespace: dict[str, Any], table: Exports) -> Callable[[str], Any]:
    """The ``__getattr__`` of a package whose globals are ``namespace``, offering ``table``'s names."""
    package = namespace["__name__"]

    def __getattr__(name: str) -> Any:
        """Import an offered name on first use and keep it in the package's namespace."""
        if name not in table:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, attribute = table[name]
        value = getattr(importlib.import_module(module), attribute)
        namespace[name] = value
        return value

    return __getattr__
