"""Every example body in a spec, with what it should parse into: the test data for test_examples.py.

An example is found wherever the spec shows a response body (``paths.*.*.responses.*.content.*.examples``
and ``components.responses.*.content.*.examples``, following ``$ref``s into ``components.examples``).
Its expected class comes from the spec, not from the generated code: the referenced schema's name, or for
a discriminated union the member its mapping names (the unpinned fallback member for an unknown value),
or for a union of an object and an array the member matching the body's JSON type.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.registry import REGISTRY, REPO_ROOT
from generator.spec_io import load_spec

_METHODS = ("get", "put", "post", "delete", "patch")


@dataclass(frozen=True)
class Example:
    """One example body and where it sits."""

    api_key: str
    where: str
    operation_id: str | None
    """The operation whose response shows it; None for a components/responses example."""
    status: str
    """The response key: '200', '404', 'default', ... (for components/responses: the response's name)."""
    schema: Mapping[str, Any]
    value: Any

    @property
    def is_success(self) -> bool:
        return self.status.isdigit() and 200 <= int(self.status) <= 299

    def __str__(self) -> str:
        return f"{self.api_key}:{self.where}"


def spec_document(api_key: str) -> dict[str, Any]:
    entry = next(entry for entry in REGISTRY if entry.key == api_key)
    return load_spec(REPO_ROOT / entry.spec)


def examples_in(api_key: str, document: Mapping[str, Any]) -> Iterator[Example]:
    """Every response-body example of the document, operation responses first."""
    for path, item in document.get("paths", {}).items():
        for method in _METHODS:
            operation = item.get(method)
            if not isinstance(operation, Mapping):
                continue
            for status, response in operation.get("responses", {}).items():
                if "$ref" in response:
                    continue  # a components/responses entry: listed once below
                yield from _media_examples(
                    api_key,
                    document,
                    response,
                    where=f"paths/{path}/{method}/responses/{status}",
                    operation_id=operation.get("operationId"),
                    status=str(status),
                )
    for name, response in document.get("components", {}).get("responses", {}).items():
        yield from _media_examples(
            api_key, document, response, where=f"components/responses/{name}", operation_id=None, status=name
        )


def all_examples() -> list[Example]:
    return [example for entry in REGISTRY for example in examples_in(entry.key, spec_document(entry.key))]


def expected_type(document: Mapping[str, Any], schema: Mapping[str, Any], value: Any) -> str:
    """The python type the body must parse into, as a string: ``Operation`` or ``list[Operation]``."""
    if schema.get("type") == "array":
        return f"list[{expected_type(document, schema['items'], value[0] if value else {})}]"
    if "$ref" not in schema:
        raise AssertionError(f"example schema without $ref or array: {schema}")
    name: str = schema["$ref"].rsplit("/", 1)[1]
    target = resolve(document, schema)
    members = target.get("anyOf") or target.get("oneOf")
    if not members:
        return name
    discriminator = target.get("discriminator")
    if discriminator is not None:
        mapping = discriminator["mapping"]
        chosen = mapping.get(value.get(discriminator["propertyName"]))
        if chosen is None:
            (fallback,) = [member for member in members if member["$ref"] not in mapping.values()]
            chosen = fallback["$ref"]
        return str(chosen).rsplit("/", 1)[1]
    json_type = "array" if isinstance(value, list) else "object"
    for member in members:
        resolved = resolve(document, member)
        if resolved.get("type", "object") == json_type:
            return expected_type(document, member, value)
    raise AssertionError(f"no member of {name} takes a JSON {json_type}")


def resolve(document: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node


def _media_examples(
    api_key: str,
    document: Mapping[str, Any],
    response: Mapping[str, Any],
    *,
    where: str,
    operation_id: str | None,
    status: str,
) -> Iterator[Example]:
    for media_type, media in response.get("content", {}).items():
        for name, example in media.get("examples", {}).items():
            resolved = resolve(document, example)
            yield Example(
                api_key=api_key,
                where=f"{where}/content/{media_type}/examples/{name}",
                operation_id=operation_id,
                status=status,
                schema=media["schema"],
                value=resolved["value"],
            )


def spec_path(api_key: str) -> Path:
    return REPO_ROOT / next(entry for entry in REGISTRY if entry.key == api_key).spec
