"""Step 6: ``generated/MANIFEST.json``: which specs and which tool versions produced the tree.

No timestamp and no absolute path, so two runs give the same bytes; ``check`` compares it like any file,
which makes a spec edited without regenerating (its sha256 changes) or a tool upgraded without
regenerating show up as drift.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from generator.spec_io import sha256_of
from generator.toolchain import PINS

MANIFEST_NAME = "MANIFEST.json"


def render_manifest(specs: Sequence[tuple[str, str, Path]]) -> str:
    """``specs`` holds (key, spec file as recorded, path to hash) per API, in registry order."""
    manifest = {
        "generator": "python -m generator generate",
        "tools": dict(sorted(PINS.items())),
        "apis": [
            {"key": key, "spec": spec_file, "sha256": sha256_of(path)} for key, spec_file, path in specs
        ],
    }
    return json.dumps(manifest, indent=2, sort_keys=False) + "\n"
