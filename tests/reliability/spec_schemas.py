"""The specs' component schemas as standalone JSON Schemas that hypothesis-jsonschema can generate from.

hypothesis-jsonschema 0.23.1 resolves no recursive ``$ref`` (python-jsonschema/hypothesis-jsonschema
issue #33), and ARM's error is recursive (``details`` holds errors). So every ``$ref`` is inlined, and
a schema already open ``depth`` times on the way down is replaced by the unsatisfiable ``{"not": {}}``:
an optional member with that schema is left out, an array of it stays empty. OpenAPI-only keywords
(``discriminator``, ``example``, ``x-*``) are dropped; the rest is JSON Schema 2020-12 as OpenAPI 3.1
writes it.
"""

from __future__ import annotations

import functools
import pathlib
from collections.abc import Mapping
from typing import Any, Final

import yaml

__all__ = ["SPECS", "component_names", "spec", "standalone", "status_response_schema"]

SPECS: Final = pathlib.Path(__file__).resolve().parents[2] / "specs"
_OPENAPI_ONLY: Final = frozenset({"discriminator", "example", "examples", "externalDocs", "xml"})
_NOTHING: Final[dict[str, Any]] = {"not": {}}


@functools.cache
def spec(api: str) -> Mapping[str, Any]:
    with (SPECS / f"{api}.yaml").open(encoding="utf-8") as handle:
        document: Mapping[str, Any] = yaml.safe_load(handle)
    return document


def component_names(api: str) -> tuple[str, ...]:
    return tuple(spec(api)["components"]["schemas"])


def standalone(api: str, name: str, *, depth: int = 3) -> dict[str, Any]:
    """Component ``name`` of ``api``'s spec with every reference inlined (recursion cut at ``depth``)."""
    inlined: dict[str, Any] = _inline({"$ref": f"#/components/schemas/{name}"}, api, (), depth)
    return inlined


def status_response_schema(api: str, status_operation_id: str, *, depth: int = 3) -> dict[str, Any]:
    """The 200 body schema of the operation ``status_operation_id`` (the polling table names it)."""
    for path_item in spec(api)["paths"].values():
        for operation in path_item.values():
            if isinstance(operation, Mapping) and operation.get("operationId") == status_operation_id:
                schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
                inlined: dict[str, Any] = _inline(schema, api, (), depth)
                return inlined
    raise LookupError(f"{api}: no operation {status_operation_id!r}")


def _inline(node: Any, api: str, open_refs: tuple[str, ...], depth: int) -> Any:
    if isinstance(node, list):
        return [_inline(item, api, open_refs, depth) for item in node]
    if not isinstance(node, Mapping):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        if open_refs.count(name) >= depth:
            return dict(_NOTHING)
        return _inline(spec(api)["components"]["schemas"][name], api, (*open_refs, name), depth)
    return {
        key: _inline(value, api, open_refs, depth)
        for key, value in node.items()
        if key not in _OPENAPI_ONLY and not key.startswith("x-")
    }
