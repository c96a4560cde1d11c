"""Comparing a committed tree with a fresh one, as a unified diff a reviewer can read."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Final

IGNORED_PARTS: Final = frozenset({"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache"})
"""Caches an import or a tool run leaves behind; git ignores them, so does the comparison."""


def diff_trees(committed: Path, fresh: Path, *, label: str) -> list[str]:
    """Unified diff lines from ``committed`` to ``fresh``; empty when the trees hold the same bytes."""
    committed_files = set(_files(committed))
    fresh_files = set(_files(fresh))
    lines: list[str] = []
    for relative in sorted(committed_files | fresh_files):
        old = _read(committed / relative) if relative in committed_files else None
        new = _read(fresh / relative) if relative in fresh_files else None
        if old == new:
            continue
        lines.extend(
            difflib.unified_diff(
                _lines(old),
                _lines(new),
                fromfile=f"a/{label}/{relative}" if old is not None else "/dev/null",
                tofile=f"b/{label}/{relative}" if new is not None else "/dev/null",
            )
        )
    return lines


def _files(root: Path) -> Iterator[str]:
    if not root.is_dir():
        return
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if path.is_file() and not IGNORED_PARTS.intersection(relative.parts) and path.suffix != ".pyc":
            yield relative.as_posix()


def _read(path: Path) -> bytes:
    return path.read_bytes()


def _lines(content: bytes | None) -> list[str]:
    if content is None:
        return []
    text = content.decode("utf-8", errors="replace")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines
