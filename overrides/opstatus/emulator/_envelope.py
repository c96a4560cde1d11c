"""Error bodies in a spec's own flat shape, where its ``x-opstatus-error-envelope`` says where things go.

Azure DevOps answers ``{"$id": "1", "message": ..., "typeName": ..., "typeKey": ..., "errorCode": 0,
"eventId": 3000}``: its spec marks the envelope ``{code: /typeKey, message: /message}`` and requires the
members the service always sends. The emulator puts the code and message (and the request id, if the
envelope names a pointer for it) where the pointers say, gives every other required member a value of its
declared type, and validates the body with the API's generated model - so an emulated error always fits
the spec and never turns into a 500.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import BaseModel

from opstatus._routes import ErrorEnvelope

__all__ = ["fill_required", "listed_code", "pointer_envelope"]


_FORMATTED = {
    "date-time": "1970-01-01T00:00:00Z",
    "date": "1970-01-01",
    "uuid": "00000000-0000-0000-0000-000000000000",
}
"""A value of each string format the generated models check, for a required member nothing else fills."""


def pointer_envelope(
    model: type[BaseModel] | None, envelope: ErrorEnvelope, *, code: str, message: str, request_id: str
) -> dict[str, Any]:
    """The error body ``envelope`` describes (see the module docstring)."""
    body: dict[str, Any] = {}
    _set(body, envelope.message, message)
    _set(body, envelope.code, code)
    if envelope.request_id is not None:
        _set(body, envelope.request_id, request_id)
    if model is None:
        return body
    schema = model.model_json_schema(by_alias=True)
    defs = schema.get("$defs", {})
    members = _enum_at(schema, defs, envelope.code)
    if members and code not in members:  # Azure Speech's codes are an enum: send the nearest member
        _set(body, envelope.code, _nearest(code, members))
    _fill(body, schema, defs, code=code)
    result: dict[str, Any] = model.model_validate(body).model_dump(
        mode="json", by_alias=True, exclude_none=True
    )
    return result


def fill_required(model: type[BaseModel], body: dict[str, Any], *, code: str) -> None:
    """Give every required member ``body`` lacks, at any depth, a value of its declared type.

    For a status body whose error the emulator wrote as ``{code, message}`` where the spec's error
    object requires more (Azure Batch's ``failureInfo.category``), or inside a parent the example did
    not have: the body then fits the model instead of making every failed read a 500.
    """
    schema = model.model_json_schema(by_alias=True)
    _fill(body, schema, schema.get("$defs", {}), code=code)


def listed_code(model: type[BaseModel], pointer: str, code: str) -> Any:
    """``code``, or the nearest member of the enum the model declares at ``pointer`` if it lists no such
    code: an emulated error stays valid for an API whose error codes are an enum (Azure Speech)."""
    members = _listed(model, pointer)
    return _nearest(code, list(members)) if members and code not in members else code


@functools.cache
def _listed(model: type[BaseModel], pointer: str) -> tuple[Any, ...]:
    """The enum at ``pointer`` of ``model``'s schema (once per model: every emulated error asks)."""
    schema = model.model_json_schema(by_alias=True)
    return tuple(_enum_at(schema, schema.get("$defs", {}), pointer))


def _enum_at(schema: dict[str, Any], defs: dict[str, Any], pointer: str) -> list[Any]:
    """The ``enum`` of the member ``pointer`` names (through ``$ref``/``anyOf``), or ``[]``."""
    node: dict[str, Any] | None = schema
    for part in [part.replace("~1", "/").replace("~0", "~") for part in pointer.lstrip("/").split("/")]:
        parent = _object_schema(node or {}, defs)
        node = parent["properties"].get(part) if parent is not None else None
    options = [_deref(node or {}, defs)]
    options += [_deref(option, defs) for option in options[0].get("anyOf", [])]
    return next((list(option["enum"]) for option in options if option.get("enum")), [])


def _nearest(code: str, members: list[Any]) -> Any:
    """The member spelled like ``code`` but for case, else the first: an emulated error code stays one
    the spec's enum lists (the generic ``GatewayError`` is no Speech ``ErrorCode``)."""
    return next((member for member in members if str(member).casefold() == code.casefold()), members[0])


def _set(document: dict[str, Any], pointer: str, value: Any) -> None:
    *parents, last = [part.replace("~1", "/").replace("~0", "~") for part in pointer.lstrip("/").split("/")]
    target = document
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value


def _fill(body: dict[str, Any], schema: dict[str, Any], defs: dict[str, Any], *, code: str) -> None:
    """Give every required member ``body`` lacks a value of its declared type; objects ``body`` holds,
    required or not, are filled the same way."""
    schema = _deref(schema, defs)
    properties = schema.get("properties", {})
    for name in schema.get("required", []):
        if name not in body:
            body[name] = _placeholder(_deref(properties.get(name, {}), defs), defs, code=code)
    for name, value in body.items():
        member = _object_schema(properties.get(name, {}), defs)
        if isinstance(value, dict) and member is not None:
            _fill(value, member, defs, code=code)


def _object_schema(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any] | None:
    """The object schema a member declares (through ``$ref`` and an optional ``anyOf [X, null]``)."""
    schema = _deref(schema, defs)
    if "properties" in schema:
        return schema
    for option in schema.get("anyOf", []):
        found = _object_schema(option, defs)
        if found is not None:
            return found
    return None


def _deref(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return _deref(defs.get(ref.removeprefix("#/$defs/"), {}), defs)
    return schema


def _placeholder(schema: dict[str, Any], defs: dict[str, Any], *, code: str) -> Any:
    for option in schema.get("anyOf", []):
        if _deref(option, defs).get("type") != "null":
            return _placeholder(_deref(option, defs), defs, code=code)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind == "string":
        return _FORMATTED.get(schema.get("format", ""), code)
    if kind in ("integer", "number"):
        return schema.get("minimum", 0)
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    if kind == "object" or "properties" in schema:
        filled: dict[str, Any] = {}
        _fill(filled, schema, defs, code=code)
        return filled
    return None
