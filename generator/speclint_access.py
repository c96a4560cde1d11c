"""Rules that keep a spec from declaring what the generated code would ignore (and two extensions).

* ``security-scheme``: every scheme an operation's ``security`` names is one the clients send - OAuth2,
  OpenID Connect or HTTP bearer (a token) or an ``apiKey`` in a header (``api_key=``). An ``apiKey`` in a
  query or a cookie, HTTP basic and the like would be silently ignored, so they are refused.
* ``parameter-usable``: every parameter is a path string, or a query or header string, integer,
  number, boolean or array of strings in its location's default style (``form``, ``simple``) - what the
  clients' typed keywords send; a cookie parameter, an object, ``deepObject`` and the like would be
  ignored or fail generation.
* ``polling-enum``: every raw value ``x-opstatus-polling.states`` lists is a member of the status enum,
  when the status has one (``canceled`` vs the enum's ``cancelled`` would read UNKNOWN until the wait's
  timeout); an enum member no state lists is a **warning** naming the state it probably belongs to.
* ``error-envelope``: ``x-opstatus-error-envelope`` (on an error response's schema) holds JSON pointers
  ``code`` and ``message`` (required) and optionally ``target``, ``details``, ``request-id``, each naming a
  declared member of that schema; ``x-opstatus-request-id`` sits on a response header, with ``true``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any, Final

from generator.speclint_core import (
    Finding,
    SpecDocument,
    is_json_pointer,
    iter_all_schemas,
    iter_operations,
    join_pointer,
    mapping_at,
    pointer_tokens,
    walk_json,
)
from generator.speclint_polling import STATES, _expand, _follow

ENVELOPE_MARK: Final = "x-opstatus-error-envelope"
REQUEST_ID_MARK: Final = "x-opstatus-request-id"
ENVELOPE_KEYS: Final = ("code", "message", "target", "details", "request-id")
_BEARER_TYPES: Final = frozenset({"oauth2", "openIdConnect"})
_STATE_WORDS: Final = {
    "succeeded": ("succeeded", "success", "successful", "completed", "complete", "done", "finished"),
    "failed": ("failed", "failure", "error", "errored", "broken", "faulted"),
    "canceled": ("canceled", "cancelled", "aborted", "cancel", "cancelling", "canceling", "terminated"),
    "not_started": ("notstarted", "notset", "queued", "pending", "accepted", "waiting", "scheduled", "new"),
    "running": (
        "running",
        "inprogress",
        "started",
        "processing",
        "active",
        "working",
        "paused",
        "suspended",
        "blocked",
        "creating",
        "updating",
        "deleting",
        "provisioning",
        "validating",
    ),
}
"""Words for each state in the status values of Microsoft APIs, to guess where an unlisted member belongs."""


def check_access(doc: SpecDocument) -> list[Finding]:
    """Findings of security-scheme, parameter-usable, polling-enum and error-envelope."""
    return [*_schemes(doc), *_parameters(doc), *_polling_enum(doc), *_envelopes(doc), *_request_ids(doc)]


def usable_scheme(scheme: Mapping[str, Any]) -> bool:
    kind = scheme.get("type")
    if kind in _BEARER_TYPES:
        return True
    if kind == "http":
        return str(scheme.get("scheme", "")).lower() == "bearer"
    return kind == "apiKey" and scheme.get("in") == "header"


def _schemes(doc: SpecDocument) -> Iterator[Finding]:
    schemes = mapping_at(doc.data, "components", "securitySchemes")
    used = {
        str(name)
        for _path, _method, _pointer, operation in iter_operations(doc.data)
        for requirement in (operation.get("security") or doc.data.get("security") or [])
        if isinstance(requirement, Mapping)
        for name in requirement
    }
    for name in sorted(used & set(schemes)):
        scheme, _where = doc.deref(schemes[name], join_pointer("/components/securitySchemes", name))
        if isinstance(scheme, Mapping) and not usable_scheme(scheme):
            where = f" in {scheme.get('in')!r}" if scheme.get("type") == "apiKey" else ""
            yield doc.finding(
                join_pointer("/components/securitySchemes", name),
                "security-scheme",
                f"scheme {name!r} ({scheme.get('type')!r}{where}) is not one the clients send",
            )


def _parameters(doc: SpecDocument) -> Iterator[Finding]:
    for path, _method, pointer, operation in iter_operations(doc.data):
        item = mapping_at(doc.data, "paths", path)
        listed = [
            *(
                (join_pointer("/paths", path, "parameters", i), p)
                for i, p in enumerate(item.get("parameters") or [])
            ),
            *(
                (join_pointer(pointer, "parameters", i), p)
                for i, p in enumerate(operation.get("parameters") or [])
            ),
        ]
        for where, raw in listed:
            parameter, _ = doc.deref(raw, where)
            if not isinstance(parameter, Mapping):
                continue
            if parameter.get("in") == "cookie":
                yield doc.finding(
                    where, "parameter-usable", f"cookie parameter {parameter.get('name')!r} would not be sent"
                )
                continue
            yield from _parameter_shape(doc, where, parameter)


_SCALARS: Final = ("string", "integer", "number", "boolean")
_STYLES: Final = {"query": "form", "header": "simple", "path": "simple"}
"""The one serialization style per location the clients send (OpenAPI's default for each)."""


def _parameter_shape(doc: SpecDocument, where: str, parameter: Mapping[str, Any]) -> Iterator[Finding]:
    """A path parameter is a string; a query or header one a string, integer, number, boolean or an
    array of strings, in its location's default style (objects, deepObject and the like are refused)."""
    name, location = parameter.get("name"), parameter.get("in")
    style = parameter.get("style", _STYLES.get(str(location)))
    if location in _STYLES and style != _STYLES[str(location)]:
        yield doc.finding(
            join_pointer(where, "style"),
            "parameter-usable",
            f"parameter {name!r} has style {style!r}; the clients send {location} parameters "
            f"in style {_STYLES[str(location)]!r} only",
        )
    schema, _ = doc.deref(parameter.get("schema", {}), join_pointer(where, "schema"))
    if not isinstance(schema, Mapping):
        return
    kind = schema.get("type", "string")
    allowed = ("string",) if location == "path" else (*_SCALARS, "array")
    if kind not in allowed:
        yield doc.finding(
            join_pointer(where, "schema", "type"),
            "parameter-usable",
            f"{location} parameter {name!r} has type {kind!r}; the clients' keywords take "
            f"{', '.join(allowed)}{' (of strings)' if 'array' in allowed else ''}",
        )
        return
    if kind == "array":
        items, _ = doc.deref(schema.get("items", {}), join_pointer(where, "schema", "items"))
        if isinstance(items, Mapping) and items.get("type", "string") != "string":
            yield doc.finding(
                join_pointer(where, "schema", "items"),
                "parameter-usable",
                f"array parameter {name!r} has items of type {items.get('type')!r}; "
                "the clients take a list of strings",
            )


def _polling_enum(doc: SpecDocument) -> Iterator[Finding]:
    for _path, _method, pointer, operation in iter_operations(doc.data):
        block = operation.get("x-opstatus-polling")
        if not isinstance(block, Mapping) or not isinstance(block.get("states"), Mapping):
            continue
        media = mapping_at(operation, "responses", "200", "content", "application/json")
        if "schema" not in media:
            continue
        roots = _expand(doc, media["schema"], join_pointer(pointer, "responses", "200"))
        roots += [(w, s) for w, s in roots for w, s in _expand(doc, s.get("items"), w) if "items" in s]
        status = block.get("status")
        if not isinstance(status, str):
            continue
        members = _enum_members(doc, _follow(doc, roots, status))
        if members is None:
            continue
        yield from _compare_states(doc, join_pointer(pointer, "x-opstatus-polling", "states"), block, members)


def _enum_members(doc: SpecDocument, candidates: list[tuple[str, Mapping[str, Any]]]) -> list[str] | None:
    """The status schema's string enum members, or None when any shape of it is an open string (or an
    enum marked ``x-opstatus-open-enum``, whose unknown values the clients keep: Graph's ``completed``)."""
    members: list[str] = []
    for _where, schema in candidates:
        if schema.get("x-opstatus-open-enum") is True:
            return None
        if isinstance(schema.get("enum"), list):
            members += [value for value in schema["enum"] if isinstance(value, str) and value not in members]
        elif schema.get("type") == "string" or (
            isinstance(schema.get("type"), list) and "string" in schema["type"]
        ):
            return None
    return members or None


def _compare_states(
    doc: SpecDocument, where: str, block: Mapping[str, Any], members: list[str]
) -> Iterator[Finding]:
    known = {member.casefold() for member in members}
    listed: set[str] = set()
    for state, values in block["states"].items():
        for index, value in enumerate(values if isinstance(values, list) else []):
            if not isinstance(value, str):
                continue
            listed.add(value.casefold())
            if value.casefold() not in known:
                close = difflib.get_close_matches(value, members, n=1)
                yield doc.finding(
                    join_pointer(where, state, index),
                    "polling-enum",
                    f"{state} lists {value!r}, which the status enum does not have",
                    f"did you mean {close[0]!r}?" if close else f"the enum has {', '.join(members)}",
                )
    for member in members:
        if member.casefold() not in listed:
            yield doc.warning(
                where,
                "polling-enum",
                f"enum member {member!r} is listed by no state (it reads UNKNOWN)",
                f"it probably belongs to {_likely_state(member)}",
            )


def _likely_state(member: str) -> str:
    word = member.replace("_", "").replace("-", "").replace(" ", "").casefold()
    for state in STATES:
        if word in _STATE_WORDS[state]:
            return state
    best, score = "running", 0.0
    for state in STATES:
        for candidate in _STATE_WORDS[state]:
            ratio = difflib.SequenceMatcher(None, word, candidate).ratio()
            if ratio > score:
                best, score = state, ratio
    return best


def _envelopes(doc: SpecDocument) -> Iterator[Finding]:
    for pointer, schema in iter_all_schemas(doc.data):
        if ENVELOPE_MARK not in schema:
            continue
        where = join_pointer(pointer, ENVELOPE_MARK)
        block = schema[ENVELOPE_MARK]
        if not isinstance(block, Mapping):
            yield doc.finding(where, "error-envelope", "must be a mapping of JSON pointers (code, message)")
            continue
        for key in ("code", "message"):
            if key not in block:
                yield doc.finding(where, "error-envelope", f"no {key!r} pointer")
        for key, value in block.items():
            if key not in ENVELOPE_KEYS:
                yield doc.finding(
                    join_pointer(where, key),
                    "error-envelope",
                    f"unknown key {key!r} (known: {', '.join(ENVELOPE_KEYS)})",
                )
            elif not (isinstance(value, str) and value and is_json_pointer(value)):
                yield doc.finding(
                    join_pointer(where, key), "error-envelope", f"{value!r} is not a JSON pointer"
                )
            elif not _follow(doc, _expand(doc, schema, pointer), value):
                yield doc.finding(
                    join_pointer(where, key),
                    "error-envelope",
                    f"{key} pointer {value!r} names no declared member of this schema "
                    f"({_missing_token(doc, schema, pointer, value)!r} is not one)",
                )


def _missing_token(doc: SpecDocument, schema: Mapping[str, Any], pointer: str, value: str) -> str:
    tokens = pointer_tokens(value)
    for count in range(1, len(tokens) + 1):
        prefix = "".join("/" + token.replace("~", "~0").replace("/", "~1") for token in tokens[:count])
        if not _follow(doc, _expand(doc, schema, pointer), prefix):
            return tokens[count - 1]
    return value


def _request_ids(doc: SpecDocument) -> Iterator[Finding]:
    for pointer, node in walk_json(doc.data):
        if not isinstance(node, Mapping) or REQUEST_ID_MARK not in node:
            continue
        parent = pointer.rsplit("/", 2)[-2] if pointer.count("/") >= 2 else ""
        if parent != "headers":
            yield doc.finding(
                join_pointer(pointer, REQUEST_ID_MARK),
                "error-envelope",
                f"{REQUEST_ID_MARK} belongs on a response header",
            )
        elif node[REQUEST_ID_MARK] is not True:
            yield doc.finding(
                join_pointer(pointer, REQUEST_ID_MARK), "error-envelope", f"{REQUEST_ID_MARK} must be `true`"
            )
