"""Python names for things the OpenAPI tools name badly, decided once for every generated layer.

openapi-python-client drops the ``@`` of an OData instance annotation and glues the words together
(``resourceLocation@odata.navigationLink`` -> ``resource_locationodata_navigation_link``; upstream issue
#1284, fix PR #1285 still open). The rule here keeps the property it annotates and the annotation's own
name, and drops the ``odata.`` namespace: ``resource_location_navigation_link``. The wire name never
changes. Names that *start* with ``@`` (``@odata.type``) already come out fine (``odata_type``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^0-9a-zA-Z]+")
_NOT_SCHEMAS = frozenset({"example", "examples"})
"""Keys whose values are bodies, not schemas: a body key named ``properties`` is not a property list."""


def snake(words: str) -> str:
    """``resourceLocation`` -> ``resource_location``; any non-alphanumeric run becomes one underscore."""
    spaced = _CAMEL_BOUNDARY.sub("_", words)
    return _NON_WORD.sub("_", spaced).strip("_").lower()


def annotation_python_name(wire_name: str) -> str | None:
    """The python name for ``<property>@<namespace>.<annotation>``, or None if the default name is fine."""
    prop, at, annotation = wire_name.partition("@")
    if not at or not prop:
        return None
    annotation = annotation.split(".", 1)[1] if "." in annotation else annotation
    return f"{snake(prop)}_{snake(annotation)}"


def annotated_wire_names(document: Mapping[str, Any]) -> dict[str, str]:
    """Every property name in the document that :func:`annotation_python_name` renames, with its new name."""
    return {
        name: python_name
        for name in sorted(set(_property_names(document)))
        if (python_name := annotation_python_name(name)) is not None
    }


def _property_names(node: object) -> Iterator[str]:
    if isinstance(node, Mapping):
        properties = node.get("properties")
        if isinstance(properties, Mapping):
            yield from (name for name in properties if isinstance(name, str))
        for key, value in node.items():
            if key not in _NOT_SCHEMAS:
                yield from _property_names(value)
    elif isinstance(node, list):
        for item in node:
            yield from _property_names(item)
