"""The pipeline: specs -> lint -> client -> models bundle -> emulator models -> polling -> ruff -> manifest.

:func:`build_tree` writes a complete tree into an empty directory. :func:`generate` builds next to the
output directory and swaps the result in only once every step has succeeded, so a failed run leaves the
previous ``generated/`` untouched. :func:`check` builds into a temporary directory and diffs. Nothing
here ever writes outside the output directory (overrides/ in particular).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator.budget_step import budget_values, render_budget_module
from generator.client_step import generate_client
from generator.drift import IGNORED_PARTS, diff_trees
from generator.emulator_step import render_emulator_models
from generator.errors import GeneratorError
from generator.format_step import format_tree
from generator.lint_step import lint
from generator.manifest_step import MANIFEST_NAME, render_manifest
from generator.models_step import bundle_models
from generator.polling_step import polling_table, render_polling_module
from generator.public_step import PUBLIC_DIR, write_public_modules
from generator.registry import ApiDescription, ApiEntry, describe
from generator.rendering import render
from generator.surface_step import (
    build_surface,
    render_api_module,
    render_clients_module,
    render_package_init,
)
from generator.toolchain import require_pinned


class SpecFindings(GeneratorError):
    """The specs have lint findings; nothing was generated."""

    def __init__(self, findings: Sequence[str]) -> None:
        super().__init__("\n".join(findings))
        self.findings = tuple(findings)


def describe_all(entries: Sequence[ApiEntry], *, root: Path) -> list[ApiDescription]:
    """Load every entry's spec; two entries with one key are an error."""
    keys = [entry.key for entry in entries]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise GeneratorError(f"registry: duplicate keys {duplicates}")
    return [describe(entry, root=root) for entry in entries]


def lint_all(entries: Sequence[ApiEntry], *, root: Path) -> list[str]:
    """The lint findings for the entries' specs (empty when they are fine)."""
    return lint([root / entry.spec for entry in entries])


def build_tree(entries: Sequence[ApiEntry], *, root: Path, dest: Path) -> None:
    """Write the whole generated tree for ``entries`` into the empty directory ``dest``."""
    require_pinned()
    apis = describe_all(entries, root=root)
    (dest / "__init__.py").write_text(render("package_init.py.jinja", apis=apis))
    for api in apis:
        spec_file = api.entry.spec.as_posix()
        package = dest / api.package_name
        generate_client(api, dest=package)
        surface = build_surface(api, spec_file=spec_file)
        model_names = bundle_models(package, used=surface.models)
        (package / "api.py").write_text(render_api_module(surface))
        (package / "clients.py").write_text(render_clients_module(surface))
        (package / "__init__.py").write_text(render_package_init(surface, model_names=model_names))
        (package / "emulator_models.py").write_text(render_emulator_models(api, spec_file=spec_file))
        (package / "polling.py").write_text(render_polling_module(polling_table(api), spec_file=spec_file))
        (package / "budget.py").write_text(render_budget_module(budget_values(api, spec_file=spec_file)))
    write_public_modules(dest / PUBLIC_DIR, [(api.key, api.title) for api in apis])
    format_tree(dest)
    manifest = render_manifest([(api.key, api.entry.spec.as_posix(), api.spec_path) for api in apis])
    (dest / MANIFEST_NAME).write_text(manifest)
    _remove_caches(dest)


def generate(entries: Sequence[ApiEntry], *, root: Path, output: Path) -> None:
    """Lint, then replace ``output`` with a freshly built tree (all or nothing)."""
    findings = lint_all(entries, root=root)
    if findings:
        raise SpecFindings(findings)
    output = output.resolve()
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        build_tree(entries, root=root, dest=staging)
        staging.chmod(0o755)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    retired = output.parent / f".{output.name}.old-{os.getpid()}"
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired, ignore_errors=True)


def check(entries: Sequence[ApiEntry], *, root: Path, output: Path) -> list[str]:
    """The unified diff from ``output`` to what the specs produce now (empty: no drift)."""
    with tempfile.TemporaryDirectory(prefix="opstatus-check-") as scratch:
        fresh = Path(scratch) / output.name
        fresh.mkdir()
        build_tree(entries, root=root, dest=fresh)
        return diff_trees(output, fresh, label=output.name)


def _remove_caches(root: Path) -> None:
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_dir() and path.name in IGNORED_PARTS:
            shutil.rmtree(path)
