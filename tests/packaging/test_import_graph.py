"""No import circle in the command line or the emulator (issue 20).

Two checks: the graph of module-level imports (read from the source: ``if TYPE_CHECKING:`` blocks and
imports inside functions do not run at import time, so they cannot close a circle) has no cycle among
``opstatus.cli`` and ``opstatus.emulator`` modules; and every one of those modules imports on its own,
first thing in a fresh interpreter (a circle that only bites from one entry point shows there).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import opstatus
import pytest

ROOT = Path(opstatus.__file__).resolve().parent
CHECKED = ("opstatus.cli", "opstatus.emulator")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _load_time_imports(path: Path) -> set[str]:
    """The modules ``path`` imports while it loads (a ``from m import name`` also counts ``m.name``)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If):
                if "TYPE_CHECKING" not in ast.unparse(node.test):
                    visit(node.body)
                    visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for handler in node.handlers:
                    visit(handler.body)
                visit(node.orelse)
                visit(node.finalbody)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    target = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    target = node.module or ""
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)

    visit(ast.parse(path.read_text()).body)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {
        _module_name(path): path
        for path in ROOT.rglob("*.py")
        if "_generated" not in path.relative_to(ROOT).parts
    }
    return {
        name: {target for target in _load_time_imports(path) if target in modules and target != name}
        for name, path in modules.items()
    }


def cycles(graph: Mapping[str, set[str]], within: tuple[str, ...]) -> list[list[str]]:
    """Every import circle found by a depth-first walk of the modules under ``within``."""
    found: list[list[str]] = []
    state: dict[str, str] = {}
    path: list[str] = []

    def walk(node: str) -> None:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if not target.startswith(within):
                continue
            if state.get(target) == "open":
                found.append([*path[path.index(target) :], target])
            elif target not in state:
                walk(target)
        path.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node.startswith(within) and node not in state:
            walk(node)
    return found


def test_the_cycle_finder_finds_a_circle() -> None:
    graph = {
        "opstatus.cli.a": {"opstatus.cli.b"},
        "opstatus.cli.b": {"opstatus.cli.a"},
        "opstatus.cli.c": set(),
    }
    assert cycles(graph, CHECKED) == [["opstatus.cli.a", "opstatus.cli.b", "opstatus.cli.a"]]


def test_no_import_circle_in_the_cli_or_the_emulator() -> None:
    graph = _graph()
    assert {name for name in graph if name.startswith(CHECKED)} >= {
        "opstatus.cli._main",
        "opstatus.emulator._arm",
    }
    assert cycles(graph, CHECKED) == []


ENTRY_POINTS = (
    "opstatus.cli",
    "opstatus.cli._main",
    "opstatus.cli._demo",
    "opstatus.emulator",
    "opstatus.emulator._cli",
    "opstatus.emulator._arm",
    "opstatus.emulator._bodies",
)
"""Where a program starts (``opstatus``, ``python -m opstatus.emulator``, the demo) and the modules that
read ARM's trait; the graph test above covers every module, these are imported for real (a subprocess
each is about a second, so not all forty)."""


@pytest.mark.parametrize("module", ENTRY_POINTS)
def test_an_entry_module_imports_first_in_a_fresh_interpreter(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
