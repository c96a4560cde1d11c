"""Local ``$ref`` lookups in a loaded spec, shared by the steps that read schemas and parameters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from generator.errors import GeneratorError
from generator.registry import ApiDescription

SCHEMAS: Final = "#/components/schemas/"


def resolve(api: ApiDescription, node: Any) -> Mapping[str, Any]:
    """``node`` with every local ``$ref`` followed (a cycle or a dangling ref is a GeneratorError)."""
    seen: set[str] = set()
    while isinstance(node, Mapping) and "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/") or ref in seen:
            raise GeneratorError(f"{api.spec_path}: cannot resolve $ref {ref!r}")
        seen.add(ref)
        target: Any = api.document
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node if isinstance(node, Mapping) else {}


def ref_name(schema: Any) -> str | None:
    """The component name a ``{"$ref": "#/components/schemas/X"}`` names, else None."""
    ref = schema.get("$ref") if isinstance(schema, Mapping) else None
    return ref[len(SCHEMAS) :] if isinstance(ref, str) and ref.startswith(SCHEMAS) else None
