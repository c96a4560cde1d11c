"""The spec as openapi-python-client is given it: plain OpenAPI it would otherwise drop, rewritten.

A model written as ``allOf`` plus properties of its own (Azure DevOps' ``Operation``: ``allOf:
[OperationReference]`` beside ``properties: {detailedMessage, ...}``) is valid OpenAPI, but
openapi-python-client 0.29.1 drops such a model without a word, and the generated package then fails to
import (overrides/PATCHES.md, C15). The same model with its own part moved into the ``allOf`` (an inline
object schema holding ``properties``, ``required`` and ``additionalProperties``) means the same thing in
JSON Schema and is generated as one merged class.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, Final

_OWN_KEYS: Final = ("properties", "required", "additionalProperties")


def prepared(document: Mapping[str, Any]) -> dict[str, Any]:
    """A deep copy of ``document`` with every ``allOf``-plus-own-properties component folded (see module)."""
    result = copy.deepcopy(dict(document))
    schemas = result.get("components", {}).get("schemas", {})
    for name, schema in list(schemas.items()) if isinstance(schemas, dict) else []:
        schemas[name] = fold_all_of(schema)
    return result


def fold_all_of(schema: Any) -> Any:
    """``schema`` with its own properties moved into its ``allOf`` (unchanged if it has no such mix)."""
    if not isinstance(schema, dict) or not isinstance(schema.get("allOf"), list):
        return schema
    own = {key: schema[key] for key in _OWN_KEYS if key in schema}
    if "properties" not in own:
        return schema
    folded = {key: value for key, value in schema.items() if key not in _OWN_KEYS}
    folded["allOf"] = [*schema["allOf"], {"type": "object", **own}]
    return folded
