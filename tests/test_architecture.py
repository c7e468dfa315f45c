"""The import graph: layers point down, nothing imports in a circle, adapters use the domain's packages.

Layers, top to bottom: ``cli`` -> ``web`` -> the domain packages -> ``library`` (the per-viewer context)
-> ``store``, ``catalog``, ``sources``, ``pdf``, ``embeddings`` -> ``models``, ``config``, ``errors``,
``ids``, ``lazy``.
Every import in ``src/paperpass`` counts, at the top of a module or inside a function (an import inside a
function hides a cycle from Python, not from this test).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "paperpass"
DOMAIN = ("reading", "practice", "groups", "notes", "search", "plan", "papers", "accounts")
LAYERS = {
    "__main__": 6,
    "cli": 5,
    "web": 4,
    **dict.fromkeys(DOMAIN, 3),
    "library": 2,
    **dict.fromkeys(("store", "catalog", "sources", "pdf", "embeddings"), 1),
    **dict.fromkeys(("models", "config", "errors", "ids", "lazy", "__init__"), 0),
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


@cache
def _imports() -> dict[str, set[str]]:
    """Module -> the paperpass modules it imports (``from pkg import module`` counts as the module)."""
    modules = _modules()
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        edges[name]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [
                    f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules else node.module
                    for a in node.names
                ]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target.startswith("paperpass") and target != name:
                    edges[name].add(target)
    return edges


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def test_every_package_has_a_layer() -> None:
    assert {_package(m) for m in _imports()} - set(LAYERS) == set()


def test_no_import_points_up_a_layer() -> None:
    upward = [
        f"{a} -> {b}"
        for a, targets in _imports().items()
        for b in sorted(targets)
        if LAYERS[_package(b)] > LAYERS[_package(a)]
    ]
    assert upward == []


def test_no_module_imports_in_a_circle() -> None:
    assert _cycles(_imports()) == []


def test_no_package_imports_in_a_circle() -> None:
    packages: dict[str, set[str]] = defaultdict(set)
    for a, targets in _imports().items():
        packages[_package(a)] |= {_package(b) for b in targets} - {_package(a)}
    assert _cycles(packages) == []


def test_the_adapters_use_the_domains_packages_not_their_modules() -> None:
    """cli and web import ``paperpass.notes``, never ``paperpass.notes.history``: each domain package's
    ``__init__`` says what it offers."""
    reaching_in = [
        f"{a} -> {b}"
        for a, targets in _imports().items()
        if _package(a) in ("cli", "web")
        for b in sorted(targets)
        if _package(b) in DOMAIN and b != f"paperpass.{_package(b)}"
    ]
    assert reaching_in == []


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
