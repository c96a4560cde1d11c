"""The exact tool versions that shape generated/, checked before anything is written.

Custom templates are a beta surface of openapi-python-client (upstream issue #921) and the other tools
change their output between releases, so a different version is refused instead of silently producing a
different tree. The pins mirror ``[dependency-groups].dev`` in pyproject.toml (a test keeps them equal).
"""

from __future__ import annotations

import shutil
import sysconfig
from importlib import metadata
from pathlib import Path
from typing import Final

from generator.errors import GeneratorError

PINS: Final[dict[str, str]] = {
    "openapi-python-client": "0.29.1",
    "datamodel-code-generator": "0.89.0",
    "ruff": "0.17.6",
}


def installed_versions() -> dict[str, str]:
    """Installed version of every pinned tool (a missing tool is reported by :func:`require_pinned`)."""
    versions: dict[str, str] = {}
    for name in PINS:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def require_pinned() -> None:
    """Refuse to generate with any tool at another version than its pin."""
    wrong = [
        f"{name} {found} (pinned {PINS[name]})"
        for name, found in installed_versions().items()
        if found != PINS[name]
    ]
    if wrong:
        raise GeneratorError(f"wrong generator toolchain: {', '.join(wrong)}; run `make env`")


def ruff_binary() -> Path:
    """The ruff executable installed with this interpreter (the pinned one, not whatever is on PATH)."""
    found = shutil.which("ruff", path=sysconfig.get_path("scripts"))
    if found is None:
        raise GeneratorError(f"ruff is not installed in {sysconfig.get_path('scripts')}; run `make env`")
    return Path(found)
