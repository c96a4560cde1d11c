"""Error bodies in a spec's own flat shape, where its ``x-opstatus-error-envelope`` says where things go.

Azure DevOps answers ``{"$id": "1", "message": ..., "typeName": ..., "typeKey": ..., "errorCode": 0,
"eventId": 3000}``: its spec marks the envelope ``{code: /typeKey, message: /message}`` and requires the
members the service always sends. The emulator puts the code and message (and the request id, if the
envelope names a pointer for it) where the pointers say, gives every other required member a value of its
declared type, and validates the body with the API's generated model - so an emulated error always fits
the spec and never turns into a 500.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from opstatus._routes import ErrorEnvelope

__all__ = ["pointer_envelope"]


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
    _fill(body, schema, schema.get("$defs", {}), code=code)
    result: dict[str, Any] = model.model_validate(body).model_dump(
        mode="json", by_alias=True, exclude_none=True
    )
    return result


def _set(document: dict[str, Any], pointer: str, value: Any) -> None:
    *parents, last = [part.replace("~1", "/").replace("~0", "~") for part in pointer.lstrip("/").split("/")]
    target = document
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value


def _fill(body: dict[str, Any], schema: dict[str, Any], defs: dict[str, Any], *, code: str) -> None:
    """Give every required member ``body`` lacks a value of its declared type (nested objects too)."""
    schema = _deref(schema, defs)
    properties = schema.get("properties", {})
    for name in schema.get("required", []):
        member = _deref(properties.get(name, {}), defs)
        if name not in body:
            body[name] = _placeholder(member, defs, code=code)
        if isinstance(body[name], dict) and "properties" in member:
            _fill(body[name], member, defs, code=code)


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
        return code
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
