"""Hatchling build hook: the wheel ships opstatus's code without its contributor notes (wheel budget).

The team's wheel budget is 250 KB (one distribution: clients, CLI and emulator). Measured on the wheel
of 2026-12-07 (290.8 KB), about a third of the compressed size was prose that only someone reading the
source needs: the design notes in private modules' docstrings, the docstrings of private helpers, and
comments. Users meet the public surface through ``help()``, their IDE and tracebacks, so the wheel keeps
exactly that and drops the rest:

* **kept**: every docstring of a public module, class, function or method (a name not starting with
  ``_``, dunders included) outside a private scope, so ``help(opstatus.PollingPolicy)`` and hovers read
  as in the repository; a private module's own docstring where the module reads ``__doc__`` (the CLI
  builds help text from it); ``# type:``, ``# noqa``, ``# pragma`` and ``#!`` comments;
* **blanked**: comments, the docstring of a private module (a path part starting with one ``_``), and
  every docstring and bare string statement (attribute docs) inside a private class or function;
* **line numbers never move**: a removed line becomes an empty line, and a docstring that is its
  block's only statement becomes ``...`` on its first line, so every traceback from an installed wheel
  points at the same line, with the same code, as the repository's file
  (``tests/packaging/test_wheel.py`` checks both, and that public docstrings survive).

The sdist (and so the repository) keeps every file as written; editable installs are untouched. Only
``.py`` files of the ``opstatus`` package are rewritten; the copies live in a temporary folder mapped
over their wheel paths with hatchling's ``force_include`` (a forced file's target is not taken again
from the project).
"""

from __future__ import annotations

import ast
import io
import os
import shutil
import tempfile
import tokenize
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

_PACKAGE = Path("overrides") / "opstatus"
_KEPT_COMMENTS = ("# type:", "# noqa", "# pragma", "#!")


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _string_statement(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _blank_comments(lines: list[str], source: str) -> None:
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT or token.string.startswith(_KEPT_COMMENTS):
            continue
        row, column = token.start
        line = lines[row - 1]
        ending = line[len(line.rstrip("\r\n")) :]
        lines[row - 1] = line[:column].rstrip() + ending


def _blank_statement(lines: list[str], node: ast.stmt, *, only_statement: bool) -> None:
    """Blank the lines of one string statement, unless it shares a line with other code."""
    if node.end_lineno is None or node.end_col_offset is None:
        return
    first, last = lines[node.lineno - 1], lines[node.end_lineno - 1]
    if first[: node.col_offset].strip() or last[node.end_col_offset :].strip():
        return
    for row in range(node.lineno, node.end_lineno + 1):
        line = lines[row - 1]
        lines[row - 1] = line[len(line.rstrip("\r\n")) :] or "\n"
    if only_statement:
        lines[node.lineno - 1] = first[: node.col_offset] + "..." + (first[len(first.rstrip("\r\n")) :])


def _strip_block(lines: list[str], body: list[ast.stmt], *, private: bool, in_function: bool = False) -> None:
    """Blank the string statements of a private block; walk into classes and functions.

    A method keeps its docstring by its own name, whatever its class is called: a private base class's
    public methods are the public surface of the classes built on it (``ArmClient.close``). Everything
    inside a function (closures) is private.
    """
    for node in body:
        if private and _string_statement(node):
            _blank_statement(lines, node, only_statement=len(body) == 1)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            hidden = in_function or _is_private(node.name)
            _strip_block(lines, node.body, private=hidden, in_function=True)
        elif isinstance(node, ast.ClassDef):
            members = node.body
            if (in_function or _is_private(node.name)) and _string_statement(members[0]):
                _blank_statement(lines, members[0], only_statement=len(members) == 1)
                members = members[1:]
            _strip_block(lines, members, private=in_function, in_function=in_function)
        elif isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
            for block in ("body", "orelse", "finalbody"):
                _strip_block(lines, getattr(node, block, []), private=private, in_function=in_function)
            for handler in getattr(node, "handlers", []):
                _strip_block(lines, handler.body, private=private, in_function=in_function)


def shipped_source(source: str, *, private_module: bool) -> str:
    """``source`` as the wheel ships it (see the module docstring); same number of lines."""
    tree = ast.parse(source)
    lines = io.StringIO(source, newline="").readlines()  # the line breaks ast and tokenize count
    _blank_comments(lines, source)
    reads_doc = any(isinstance(node, ast.Name) and node.id == "__doc__" for node in ast.walk(tree))
    body = tree.body
    if body and _string_statement(body[0]):
        if private_module and not reads_doc:
            _blank_statement(lines, body[0], only_statement=len(body) == 1)
        body = body[1:]
    _strip_block(lines, body, private=private_module)
    return "".join(lines)


def is_private_module(relative: Path) -> bool:
    """A module under a private package or named privately (``_client.py``, ``_generated/...``)."""
    parts = [*relative.parts[:-1], relative.stem]
    return any(_is_private(part) for part in parts)


class WheelSourceHook(BuildHookInterface):  # type: ignore[misc]  # hatchling: Any here
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version != "standard":
            return
        self._scratch = tempfile.mkdtemp(prefix="opstatus-wheel-")
        package = Path(self.root) / _PACKAGE
        for folder, _dirs, files in os.walk(package, followlinks=True):
            for name in sorted(files):
                if not name.endswith(".py"):
                    continue
                path = Path(folder) / name
                relative = path.relative_to(package)
                if relative.parts[:2] == ("_generated", "_public"):
                    continue  # also the stub package's files: shipped as they are
                text = path.read_text(encoding="utf-8")
                shipped = shipped_source(text, private_module=is_private_module(relative))
                target = Path(self._scratch) / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(shipped, encoding="utf-8", newline="")
                build_data["force_include"][str(target)] = str(Path("opstatus") / relative)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
