"""Reading OpenAPI documents the way JSON sees them, and hashing them for the manifest."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml

from generator.errors import GeneratorError


class _JsonLikeLoader(yaml.SafeLoader):
    """A safe YAML loader that keeps unquoted timestamps as strings.

    PyYAML (YAML 1.1) turns ``2017-01-01T13:13:13Z`` into a ``datetime``; JSON bodies never contain one,
    and the generators would otherwise see a different document than a JSON client does.
    """


_JsonLikeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_spec(path: Path) -> dict[str, Any]:
    """Parse one OpenAPI document; a file that is not a YAML mapping is a :class:`GeneratorError`."""
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_JsonLikeLoader)  # noqa: S506
    except (OSError, yaml.YAMLError) as exc:
        raise GeneratorError(f"{path}: cannot read the OpenAPI document: {exc}") from exc
    if not isinstance(document, dict):
        raise GeneratorError(f"{path}: an OpenAPI document must be a mapping, got {type(document).__name__}")
    return document


def sha256_of(path: Path) -> str:
    """Hex sha256 of the file's bytes (what the manifest records per spec)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
