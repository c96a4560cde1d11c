"""Step 5: the pinned ruff, with fixed settings, over the whole emitted tree.

``--isolated`` makes the result independent of where the tree is built (a temp dir in /tmp or next to
generated/ would otherwise pick up different or no pyproject.toml settings), and ``--no-cache`` keeps
``.ruff_cache`` out of it. The check pass mirrors openapi-python-client's own post hook (unused imports
out, imports sorted); the format pass uses the project's line length.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Final

from generator.errors import GeneratorError
from generator.toolchain import ruff_binary

_SETTINGS: Final = ("--isolated", "--no-cache", "--target-version", "py311", "--line-length", "110")


def format_tree(root: Path) -> None:
    """Fix imports, then format every ``.py`` file under ``root`` in place."""
    ruff = str(ruff_binary())
    _run([ruff, "check", *_SETTINGS, "--fix-only", "--select", "F401,F811,I", "--quiet", "."], cwd=root)
    _run([ruff, "format", *_SETTINGS, "--quiet", "."], cwd=root)


def _run(command: list[str], *, cwd: Path) -> None:
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603
    if completed.returncode != 0:
        raise GeneratorError(
            f"`{' '.join(command[1:])}` failed in {cwd} (exit {completed.returncode}):\n"
            f"{completed.stdout}{completed.stderr}"
        )
