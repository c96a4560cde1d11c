"""Hatchling build hook: the wheel ships opstatus's code without its contributor notes (wheel budget).

The team's wheel budget is 250 KB (one distribution: clients, CLI and emulator). Measured on the wheel
of 2026-12-07 (290.8 KB), about a third of the compressed size was prose that only someone reading the
source needs: the design notes in private modules' docstrings, the docstrings of private helpers, and
comments. Users meet the public surface through ``help()``, their IDE and tracebacks, so the wheel keeps
exactly that and drops the rest:

* **kept**: every docstring of a public module, and of every class, function or method users can reach
  (a name not starting with ``_``, dunders included, that a public module or the generated code imports
  or lists in ``__all__``, or a base class of one; a public method of any such class), so
  ``help(opstatus.PollingPolicy)`` and hovers read as in the repository; a private module's own
  docstring where the module reads ``__doc__`` (the CLI builds help text from it); ``# type:``,
  ``# noqa``, ``# pragma`` and ``#!`` comments;
* **blanked**: comments, the docstring of a private module (a path part starting with one ``_``),
  every docstring and bare string statement (attribute docs) inside a private class or function, and
  the docs of a private module's internal names (public-looking, but imported by no public module);
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


def _blank_all(lines: list[str], definition: ast.stmt) -> None:
    """Blank every docstring and bare string statement in a definition (an internal one)."""
    for node in ast.walk(definition):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for index, member in enumerate(node.body):
                if _string_statement(member) and (index == 0 or isinstance(node, ast.ClassDef)):
                    _blank_statement(lines, member, only_statement=len(node.body) == 1)


def shipped_source(source: str, *, private_module: bool, exported: frozenset[str] | None = None) -> str:
    """``source`` as the wheel ships it (see the module docstring); same number of lines.

    ``exported``: the names the package's public modules and its generated code import (and their base
    classes, see :func:`exported_names`); a public-looking name of a private module that is not among
    them is internal, so its docs go too. ``None``: every public-looking name is kept.
    """
    tree = ast.parse(source)
    lines = io.StringIO(source, newline="").readlines()  # the line breaks ast and tokenize count
    _blank_comments(lines, source)
    reads_doc = any(isinstance(node, ast.Name) and node.id == "__doc__" for node in ast.walk(tree))
    body = tree.body
    if body and _string_statement(body[0]):
        if private_module and not reads_doc:
            _blank_statement(lines, body[0], only_statement=len(body) == 1)
        body = body[1:]
    if private_module and exported is not None:
        internal = [
            node
            for node in body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and not _is_private(node.name)
            and node.name not in exported
        ]
        for node in internal:
            _blank_all(lines, node)
        body = [node for node in body if node not in internal]
    _strip_block(lines, body, private=private_module)
    return "".join(lines)


def _all_names(tree: ast.Module) -> set[str]:
    """The strings of ``__all__ = [...]`` / ``__all__ += [...]``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        value: ast.expr | None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets, value = [node.target], node.value
        else:
            continue
        if value is not None and any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            names.update(
                item.value
                for item in ast.walk(value)
                if isinstance(item, ast.Constant) and isinstance(item.value, str)
            )
    return names


def _modules(package: Path) -> list[Path]:
    """Every ``.py`` file of the package, through symlinked folders too (the repository's
    ``overrides/opstatus/_generated`` is a link to ``generated/``; an sdist holds it as files)."""
    return sorted(
        Path(folder) / name
        for folder, _dirs, files in os.walk(package, followlinks=True)
        for name in files
        if name.endswith(".py")
    )


def exported_names(package: Path) -> frozenset[str]:
    """Names users can reach: imported or listed in ``__all__`` by a public module or by generated
    code (whose clients build on the engine's classes), closed over the base classes of those."""
    exported: set[str] = set()
    bases: dict[str, set[str]] = {}
    for path in _modules(package):
        relative = path.relative_to(package)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(
                    base.id if isinstance(base, ast.Name) else base.attr
                    for base in node.bases
                    if isinstance(base, (ast.Name, ast.Attribute))
                )
        if is_private_module(relative) and relative.parts[0] != "_generated":
            continue
        exported |= _all_names(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (
                node.level > 0 or (node.module or "").startswith("opstatus")
            ):
                exported.update(alias.name for alias in node.names)
    pending = list(exported)
    while pending:
        for base in bases.get(pending.pop(), ()):
            if base not in exported:
                exported.add(base)
                pending.append(base)
    return frozenset(exported)


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
        exported = exported_names(package)
        for path in _modules(package):
            relative = path.relative_to(package)
            if relative.parts[:2] == ("_generated", "_public"):
                continue  # also the stub package's files: shipped as they are
            text = path.read_text(encoding="utf-8")
            shipped = shipped_source(text, private_module=is_private_module(relative), exported=exported)
            target = Path(self._scratch) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(shipped, encoding="utf-8", newline="")
            build_data["force_include"][str(target)] = str(Path("opstatus") / relative)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
