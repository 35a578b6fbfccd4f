"""No import circles among the modules that understand and answer a message (imports inside
functions count too: they only hide a circle)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("actions", "bot/understanding", "bot/safety", "bot/chat", "bot/search", "bot/offer")


def import_graph() -> dict[str, set[str]]:
    modules = {
        str(path.relative_to(ROOT).with_suffix("")).replace("/", "."): path
        for package in PACKAGES
        for path in (ROOT / package).glob("*.py")
    }
    return {
        name: {t for t in imported(path) if t in modules and t != name}
        for name, path in modules.items()
    }


def imported(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside functions ("from a import b" gives
    both "a" and "a.b": b may be a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_circles():
    graph = import_graph()
    assert "actions.replies" in graph and "bot.understanding.reading" in graph
    assert circles(graph) == []


def test_the_check_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_bot_never_imports_the_actions():
    """The actions (the Rasa action server's package) build on bot/, never the reverse: who is
    writing, danger, the arrangement and the needs are read in bot/understanding/ and bot/safety/,
    and the action server loads the actions package by name (bot/actions_server/router.py)."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "bot").rglob("*.py")
        if any(name == "actions" or name.startswith("actions.") for name in imported(path))
    ]
    assert offenders == []
