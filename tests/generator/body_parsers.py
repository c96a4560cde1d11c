"""Parsing a body the way the hand-written clients do: generated models, combined by ``opstatus._parsers``.

The spec says which schema a body has. A ``$ref`` becomes its generated model's ``from_dict``
(``_parsers.model``), an ``anyOf``/``oneOf`` tries its members in the spec's order (``_parsers.one_of``,
openapi-python-client's own union semantics: PATCHES.md C1 and O2), an array parses item by item
(``_parsers.list_of``). So these tests exercise what ships (the models and the parse order), not a
generated call function.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from openapi_python_client.strings import ClassName
from opstatus._parsers import list_of, model, one_of

from tests.generator.spec_examples import resolve


def schema_parser(
    package: str, document: Mapping[str, Any], schema: Mapping[str, Any]
) -> Callable[[Any], Any]:
    """The parser of a body with ``schema`` (a ``$ref``, a union of them, or an array) in ``package``."""
    if schema.get("type") == "array":
        return list_of(schema_parser(package, document, schema["items"]))
    if "$ref" not in schema:
        raise AssertionError(f"body schema without $ref or array: {schema}")
    members = resolve(document, schema).get("anyOf") or resolve(document, schema).get("oneOf")
    if members:
        return one_of(*(schema_parser(package, document, member) for member in members))
    models = importlib.import_module(f"{package}.models")
    return model(getattr(models, ClassName(schema["$ref"].rsplit("/", 1)[1], "")))


def response_parser(
    package: str, document: Mapping[str, Any], operation_id: str, *, status: str = "200"
) -> Callable[[Any], Any]:
    """The parser of the JSON body ``operation_id`` answers with ``status``."""
    for item in document["paths"].values():
        for operation in item.values():
            if isinstance(operation, Mapping) and operation.get("operationId") == operation_id:
                response = resolve(document, operation["responses"][status])
                return schema_parser(package, document, response["content"]["application/json"]["schema"])
    raise AssertionError(f"no operation {operation_id}")


def to_json(parsed: Any) -> Any:
    """What a generated value sends back on the wire (``to_dict``, element-wise for a list)."""
    if isinstance(parsed, list):
        return [item.to_dict() for item in parsed]
    return parsed.to_dict()


def through_the_wire(value: Any) -> Any:
    """``value`` encoded and decoded as JSON, as a body travels."""
    return json.loads(json.dumps(value))


def type_name(parsed: Any) -> str:
    """``Operation`` or ``list[Operation]``, comparable with spec_examples.expected_type."""
    if isinstance(parsed, list):
        return f"list[{type_name(parsed[0])}]" if parsed else "list[]"
    return type(parsed).__name__
