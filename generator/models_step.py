"""Step 2b: an API's models in one module, ``models.py``, instead of upstream's package of one file each.

openapi-python-client writes ``models/<model>.py`` per schema plus a ``models/__init__.py`` that
re-exports them. In a wheel every file costs its own zip entry and loses the shared compression context
(the models repeat the same imports and method shapes), so the models of the three APIs took twice the
bytes of one stream each. AutoRest ships them as one ``_models.py`` for the same reason. The import path
is unchanged: ``from opstatus._generated.<key>.models import X`` names a module now instead of a package.

This step runs on upstream's output before formatting and works on any spec (a fourth API included):

* a model module's own imports are merged into one import block (ruff sorts it later); an import that
  module never uses is left out, and one of a sibling model (``from ..models.x import X``, at the top,
  under ``if TYPE_CHECKING:`` or inside a function, where upstream breaks import cycles) is dropped,
  since every model is now a module global;
* other relative imports move up one package (``..types`` becomes ``.types``);
* the definitions are ordered so that a name is defined before the first definition that uses it,
  except inside a reference cycle; a name used while the module loads (a base class, a decorator, a
  class attribute's value; annotations are lazy) must come first, or the step fails;
* only the models the routes' 200 bodies reach are kept (:func:`bundle_models`, ``used``): the error
  envelopes, read by ``opstatus._http`` as plain JSON, are not generated;
* a helper several models define alike (``_redacted``) is kept once; two different definitions of one
  name, or a model named like something the models import, fail the step instead of shadowing.
"""

from __future__ import annotations

import ast
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final, TypeGuard

import attrs

from generator.errors import GeneratorError

MODELS: Final = "models"
_TYPE_CHECKING: Final = "TYPE_CHECKING"


@attrs.frozen
class _Unit:
    """One upstream model module: its imports, the source of its definitions and what they reference."""

    name: str
    imports: tuple[ast.stmt, ...]
    checking_imports: tuple[ast.stmt, ...]
    definitions: tuple[tuple[str, str], ...]
    """(defined name, source) per top-level definition, in file order."""
    uses: frozenset[str]
    load_uses: frozenset[str]
    """The names evaluated while the module loads (not inside functions or annotations)."""


def bundle_models(package: Path, *, used: Iterable[str] | None = None) -> list[str]:
    """Replace ``package/models/`` with ``package/models.py``; return the names it exports.

    Only the models ``used`` names (what the routes' 200 bodies parse to: the clients' imports) and
    those they reference are kept: a model nothing reaches (an error envelope, which the HTTP layer reads
    as plain JSON) is not generated at all. ``None`` keeps every model.
    """
    folder = package / MODELS
    init = ast.parse((folder / "__init__.py").read_text())
    units = [_read_unit(path) for path in sorted(folder.glob("*.py")) if path.name != "__init__.py"]
    if used is not None:
        units = _reachable(units, roots=frozenset(used))
    kept = {name for unit in units for name, _ in unit.definitions}
    exported = [name for name in _exported_names(init) if name in kept]
    text = _render(ast.get_docstring(init, clean=False), units, exported)
    shutil.rmtree(folder)
    (package / f"{MODELS}.py").write_text(text)
    return exported


def _reachable(units: list[_Unit], *, roots: frozenset[str]) -> list[_Unit]:
    """The units defining a name in ``roots`` or one they reference, transitively (file order kept)."""
    defines = {name: unit for unit in units for name, _ in unit.definitions}
    unknown = sorted(roots - set(defines))
    if unknown:
        raise GeneratorError(f"models: {', '.join(unknown)} used by the routes but not generated")
    wanted: set[str] = set()
    pending = [defines[name] for name in sorted(roots)]
    while pending:
        unit = pending.pop()
        if unit.name in wanted:
            continue
        wanted.add(unit.name)
        pending.extend(defines[name] for name in unit.uses if name in defines)
    return [unit for unit in units if unit.name in wanted]


def _exported_names(init: ast.Module) -> list[str]:
    for node in init.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
        ):
            return [str(name) for name in ast.literal_eval(node.value)]
    return []


def _read_unit(path: Path) -> _Unit:
    source = path.read_text()
    tree = ast.parse(source)
    lines = source.splitlines()
    dropped = {line for node in _sibling_imports_in_functions(tree) for line in _lines(node)}
    imports: list[ast.stmt] = []
    checking: list[ast.stmt] = []
    definitions: list[tuple[str, str]] = []
    kept_nodes: list[ast.stmt] = []
    for index, node in enumerate(tree.body):
        if isinstance(node, ast.Import | ast.ImportFrom):
            imports.append(node)
        elif _is_type_checking_block(node):
            checking.extend(node.body)
        elif index == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # upstream writes no module docstring in a model file; one would not fit here
        else:
            kept = [lines[line - 1] for line in _lines(node) if line not in dropped]
            definitions.append((_defined_name(node, path), "\n".join(kept)))
            kept_nodes.append(node)
    return _Unit(
        name=path.stem,
        imports=tuple(imports),
        checking_imports=tuple(checking),
        definitions=tuple(definitions),
        uses=frozenset(_names(kept_nodes)),
        load_uses=frozenset(_names(_evaluated_at_load(kept_nodes))),
    )


def _render(docstring: str | None, units: list[_Unit], exported: list[str]) -> str:
    defined = {name: unit.name for unit in units for name, _ in unit.definitions}
    imports, checking = _merged_imports(units, defined=defined)
    parts = [f'"""{docstring.strip()}"""' if docstring else "", *imports]
    if checking:
        parts.append("if TYPE_CHECKING:\n" + "\n".join(f"    {line}" for line in checking))
    seen: dict[str, str] = {}
    for unit in _ordered(units, defined=defined):
        for name, source in unit.definitions:
            if name in seen:
                if seen[name] != source:
                    raise GeneratorError(f"models: two different definitions of {name!r} ({unit.name}.py)")
                continue
            seen[name] = source
            parts.append(source)
    parts.append("__all__ = (" + "".join(f"{name!r}, " for name in exported) + ")")
    return "\n\n\n".join(part for part in parts if part) + "\n"


def _merged_imports(units: list[_Unit], *, defined: dict[str, str]) -> tuple[list[str], list[str]]:
    """The import lines of the merged module and those it needs only under ``TYPE_CHECKING``."""
    # Always lazy annotations: upstream's model files ask for them, and the load-time order relies on it.
    merged: dict[str, list[str]] = {"top": ["from __future__ import annotations"], "checking": []}
    for unit in units:
        for where, nodes in (("top", unit.imports), ("checking", unit.checking_imports)):
            for node in nodes:
                moved = _moved_up(node)
                if moved is None:
                    continue
                names = [alias for alias in moved.names if _bound(alias) in unit.uses]
                clash = sorted(_bound(alias) for alias in names if _bound(alias) in defined)
                if clash:
                    raise GeneratorError(
                        f"models: {clash[0]} is both a model ({defined[clash[0]]}.py) and a name "
                        f"{unit.name}.py imports; rename the schema"
                    )
                if names:
                    moved.names = names
                    line = ast.unparse(moved)
                    if line not in merged[where]:
                        merged[where].append(line)
    if merged["checking"] and "from typing import TYPE_CHECKING" not in merged["top"]:
        merged["top"].append("from typing import TYPE_CHECKING")
    return merged["top"], merged["checking"]


def _moved_up(node: ast.stmt) -> ast.Import | ast.ImportFrom | None:
    """``node`` as the merged module (one package level up) needs it; None for a sibling model."""
    if isinstance(node, ast.Import):
        return ast.Import(names=list(node.names))
    assert isinstance(node, ast.ImportFrom)
    if _is_sibling(node):
        return None
    return ast.ImportFrom(module=node.module, names=list(node.names), level=max(node.level - 1, 0))


def _is_sibling(node: ast.ImportFrom) -> bool:
    """An import of another model module: ``from .x import X`` or ``from ..models[.x] import X``."""
    module = node.module or ""
    if node.level == 1:
        return True
    return node.level == 2 and (module == MODELS or module.startswith(f"{MODELS}."))


def _bound(alias: ast.alias) -> str:
    return alias.asname or alias.name.split(".")[0]


def _is_type_checking_block(node: ast.stmt) -> TypeGuard[ast.If]:
    return (
        isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == _TYPE_CHECKING
        and not node.orelse
        and all(isinstance(child, ast.Import | ast.ImportFrom) for child in node.body)
    )


def _sibling_imports_in_functions(tree: ast.Module) -> Iterator[ast.ImportFrom]:
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and _is_sibling(node):
                    if function.body == [node]:
                        raise GeneratorError(f"models: {function.name}() holds nothing but an import")
                    yield node


def _lines(node: ast.stmt) -> range:
    decorators = getattr(node, "decorator_list", [])
    first = min([node.lineno, *(decorator.lineno for decorator in decorators)])
    return range(first, (node.end_lineno or node.lineno) + 1)


def _defined_name(node: ast.stmt, path: Path) -> str:
    if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
        return node.name
    targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
    if len(targets) == 1 and isinstance(targets[0], ast.Name):
        return targets[0].id
    raise GeneratorError(f"models: {path.name}: cannot merge the statement {ast.unparse(node)[:60]!r}")


def _names(nodes: Iterable[ast.AST]) -> Iterator[str]:
    for root in nodes:
        for node in ast.walk(root):
            if isinstance(node, ast.Name):
                yield node.id


def _evaluated_at_load(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """The parts of module-level definitions that run on import (``from __future__ import annotations``)."""
    for node in body:
        if isinstance(node, ast.ClassDef):
            yield from node.decorator_list
            yield from node.bases
            yield from node.keywords
            yield from _evaluated_at_load(node.body)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from node.decorator_list
            yield from (default for default in [*node.args.defaults, *node.args.kw_defaults] if default)
        elif isinstance(node, ast.AnnAssign):
            if node.value is not None:
                yield node.value
        elif not isinstance(node, ast.Import | ast.ImportFrom):
            yield node


def _ordered(units: list[_Unit], *, defined: dict[str, str]) -> list[_Unit]:
    """Definitions before use (depth first, by file name), then every load-time use made to hold."""
    by_name = {unit.name: unit for unit in units}

    def needs(unit: _Unit, names: frozenset[str]) -> list[str]:
        own = {name for name, _ in unit.definitions}
        return sorted({defined[name] for name in names - own if name in defined})

    order: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in order or name in visiting:
            return
        visiting.add(name)
        for other in needs(by_name[name], by_name[name].uses):
            visit(other)
        visiting.discard(name)
        order.append(name)

    for unit in units:
        visit(unit.name)
    placed: list[str] = []
    pending = list(order)
    while pending:
        ready = next(
            (name for name in pending if set(needs(by_name[name], by_name[name].load_uses)) <= set(placed)),
            None,
        )
        if ready is None:
            raise GeneratorError(f"models: {', '.join(pending)} use each other while the module loads")
        placed.append(ready)
        pending.remove(ready)
    return [by_name[name] for name in placed]
