"""Shared pieces of the spec linter: the Finding record, the rule catalogue, JSON pointers, and the walks
over an OpenAPI document that several rules need (operations, parameters, media types, schemas).

Rules live in their own modules (speclint_load, speclint_openapi, speclint_operations, speclint_examples,
speclint_discriminator, speclint_extensions, speclint_polling); generator.speclint ties them together.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from typing import Any, Final
from urllib.parse import unquote

HTTP_METHODS: Final = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclasses.dataclass(frozen=True, order=True)
class Finding:
    """One broken rule: where (file + JSON pointer), which rule, what is wrong and how to fix it."""

    file: str
    pointer: str
    rule: str
    message: str
    hint: str
    severity: str = "error"
    """``error`` (lint and generate fail) or ``warning`` (printed, nothing fails: ``lint_specs`` leaves it out
    unless asked with ``warnings=True``)."""


@dataclasses.dataclass(frozen=True)
class Rule:
    """A rule of the catalogue: what it checks, and the hint used when a finding gives none."""

    summary: str
    hint: str


RULES: Final[Mapping[str, Rule]] = {
    "yaml-syntax": Rule(
        "the file reads as one YAML document whose top level is a mapping",
        "fix the YAML syntax at the line/column given",
    ),
    "yaml-duplicate-key": Rule(
        "no mapping repeats a key (YAML loaders silently keep the last one)",
        "remove or rename one of the duplicated keys",
    ),
    "yaml-json-type": Rule(
        "every key is a string and every value is a JSON value (no YAML dates, sets, binary, merge keys)",
        "quote the value or key, e.g. '200' or '2017-01-01T00:00:00Z'",
    ),
    "openapi-version": Rule(
        "the document declares OpenAPI 3.1.x",
        "set `openapi: 3.1.0`",
    ),
    "openapi-ref": Rule(
        "every $ref is local ('#/...') and points at something that exists",
        "point the $ref at an existing '#/components/...' entry",
    ),
    "openapi-schema": Rule(
        "openapi-spec-validator 0.9.0 (OpenAPI 3.1 meta-schema, keyword checks) and the JSON Schema 2020-12 "
        "meta-schema for every Schema Object accept the document",
        "follow the OpenAPI 3.1 specification for this object",
    ),
    "operation-id": Rule(
        "every operation has an operationId that is an identifier (letters, digits, underscores)",
        "add `operationId: Resource_Verb` (it names the generated function)",
    ),
    "operation-summary": Rule(
        "every operation has a non-empty summary",
        "add a one-line `summary:` (it becomes the generated docstring)",
    ),
    "operation-security": Rule(
        "every operation states its own security requirement (`[]`: none), naming defined schemes and scopes",
        "add `security: [{scheme: [scope]}]` with a scheme from components.securitySchemes",
    ),
    "error-responses": Rule(
        "every operation documents 400, 401, 403, 404, 429 and default, each with an application/json schema",
        "add the missing responses, e.g. `'404': {$ref: '#/components/responses/NotFound'}`",
    ),
    "api-version": Rule(
        "an `api-version` parameter is a required query string with const + default set to the same value, "
        "and one document uses one version",
        "write `schema: {type: string, const: V, default: V}` and `required: true`",
    ),
    "example-valid": Rule(
        "every example (media type, parameter, header, component, schema) is inline and validates against "
        "its schema (JSON Schema 2020-12, formats checked)",
        "fix the example value or the schema; say in the summary if the example repairs a docs example",
    ),
    "example-unused": Rule(
        "every component example is referenced somewhere, so a schema checks it",
        "reference it from a media type/parameter/header `examples:` or delete it",
    ),
    "discriminator-pinned": Rule(
        "each union member named by a discriminator requires the discriminator property and pins it to "
        "its mapping value (enum of one, or const); only an anyOf may end with one unpinned fallback",
        "add `required: [prop]` and `properties: {prop: {type: string, enum: ['<mapping value>']}}`",
    ),
    "discriminator-mapping": Rule(
        "a discriminator sits on an anyOf/oneOf and has an explicit mapping whose targets are union members",
        "add `mapping: {'<value>': '#/components/schemas/<Member>'}` for every pinned member",
    ),
    "x-opstatus-api": Rule(
        "info.x-opstatus-api exists: key = file name, default-scope = https URL ending in /.default that a "
        "security scheme lists, optional known `tolerate` entries, no other keys",
        "see specs/README.md, section 'Extensions'",
    ),
    "x-opstatus-polling": Rule(
        "exactly one GET operation carries a well-formed x-opstatus-polling (known keys, booleans) and "
        "returns a 200 application/json schema",
        "see specs/README.md, section 'Extensions'",
    ),
    "polling-states": Rule(
        "x-opstatus-polling.states has exactly succeeded/failed/canceled/not_started/running, each a list "
        "of strings, and no raw value appears twice (case-insensitively)",
        "move the value to the one state it means; comparison ignores case",
    ),
    "emulator-times": Rule(
        "every pointer of info.x-opstatus-api.emulator.times (created, changed, ended) names a declared "
        "date-time member of the status operation's 200 schema",
        "write a pointer like /createdDateTime to a `format: date-time` string member",
    ),
    "polling-pointer": Rule(
        "every x-opstatus-polling pointer is a JSON pointer that resolves through the declared properties "
        "of the 200 response schema (step pointers: relative to one step)",
        "write a pointer like /status that names declared properties",
    ),
    "x-opstatus-read-budget": Rule(
        "info.x-opstatus-read-budget, when present, has a `scope` (`client`, or a path parameter of the "
        "status route that follows a literal segment) and an optional `remaining-header` header name",
        "see specs/README.md, section 'Read budget'",
    ),
    "security-scheme": Rule(
        "every security scheme an operation names is one the clients send: OAuth2, OpenID Connect, HTTP "
        "bearer, or apiKey in a header",
        "use an apiKey scheme `in: header` (clients take api_key=) or an OAuth2 scheme",
    ),
    "parameter-usable": Rule(
        "every parameter is a path string, or a query/header string, integer, number, boolean or array of "
        "strings in the default style (what the clients' typed keywords send)",
        "make it `in: path|query|header` with a scalar `type` (or an array of strings), default style",
    ),
    "response-header": Rule(
        "every response header a GET operation declares is one the generated clients read: a request id "
        "(`*request-id` or x-opstatus-request-id), Retry-After, the read budget's remaining header, and on "
        "the status operation Location, Operation-Location (and Azure-AsyncOperation on ARM)",
        "remove the header, or mark it `x-opstatus-request-id: true` if it carries the request id",
    ),
    "polling-enum": Rule(
        "every raw value x-opstatus-polling.states lists is a member of the status enum (compared "
        "case-insensitively); a member no state lists is a warning",
        "spell the value as the enum does, or add the member to the state it belongs to",
    ),
    "error-envelope": Rule(
        "x-opstatus-error-envelope holds JSON pointers code and message (and optionally target, details, "
        "request-id) naming declared members of its schema; x-opstatus-request-id: true sits on a header",
        "e.g. x-opstatus-error-envelope: {code: /typeKey, message: /message}",
    ),
    "x-opstatus-extension": Rule(
        "only known x-opstatus-* extensions appear, where they belong, with boolean true values",
        "known: x-opstatus-api and x-opstatus-read-budget (info), x-opstatus-polling (operation), "
        "x-opstatus-open-enum (enum schema), x-opstatus-secret (schema), x-opstatus-error-envelope (error "
        "schema), x-opstatus-request-id (response header), x-opstatus-method, x-opstatus-name, "
        "x-opstatus-cli-flag",
    ),
}


def make_finding(
    file: str, pointer: str, rule: str, message: str, hint: str | None = None, *, severity: str = "error"
) -> Finding:
    """Build a finding for a catalogued rule, falling back to the rule's default hint."""
    if rule not in RULES:
        raise KeyError(f"unknown lint rule {rule!r}")
    return Finding(
        file=file,
        pointer=pointer,
        rule=rule,
        message=message,
        hint=hint or RULES[rule].hint,
        severity=severity,
    )


# --------------------------------------------------------------------------------------------- pointers

_POINTER_RE: Final = re.compile(r"(/([^~/]|~[01])*)*")


class PointerError(LookupError):
    """A JSON pointer that does not resolve in the document."""


def escape_token(token: str | int) -> str:
    """Escape one reference token (RFC 6901: '~' -> '~0', '/' -> '~1')."""
    return str(token).replace("~", "~0").replace("/", "~1")


def join_pointer(pointer: str, *tokens: str | int) -> str:
    """Append reference tokens to a pointer, escaping each."""
    return pointer + "".join("/" + escape_token(token) for token in tokens)


def is_json_pointer(value: object) -> bool:
    """True for a syntactically valid RFC 6901 pointer ('' or '/a/b', with only ~0/~1 escapes)."""
    return isinstance(value, str) and _POINTER_RE.fullmatch(value) is not None


def pointer_tokens(pointer: str) -> list[str]:
    """The unescaped reference tokens of a valid pointer."""
    if not is_json_pointer(pointer):
        raise PointerError(f"{pointer!r} is not a JSON pointer")
    if pointer == "":
        return []
    return [token.replace("~1", "/").replace("~0", "~") for token in pointer[1:].split("/")]


def resolve_pointer(data: Any, pointer: str) -> Any:
    """The value a pointer designates inside `data`; PointerError if it designates nothing."""
    node = data
    for token in pointer_tokens(pointer):
        if isinstance(node, Mapping) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise PointerError(f"{pointer!r} does not resolve (no {token!r})")
    return node


def ref_target_pointer(ref: object) -> str | None:
    """The document pointer of a local $ref ('#/a/b' -> '/a/b'); None for anything else."""
    if isinstance(ref, str) and ref.startswith("#"):
        return unquote(ref[1:])
    return None


# --------------------------------------------------------------------------------------------- document


@dataclasses.dataclass(frozen=True)
class SpecDocument:
    """A loaded spec: the name findings use, the file stem (the API key) and the parsed data."""

    file: str
    stem: str
    data: Mapping[str, Any]

    def finding(self, pointer: str, rule: str, message: str, hint: str | None = None) -> Finding:
        return make_finding(self.file, pointer, rule, message, hint)

    def warning(self, pointer: str, rule: str, message: str, hint: str | None = None) -> Finding:
        return make_finding(self.file, pointer, rule, message, hint, severity="warning")

    def deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follow local `$ref`s from `node` (found at `pointer`); returns the target and its pointer.

        An unresolvable or cyclic chain yields (None, pointer): the openapi-ref rule reports it.
        """
        seen: set[str] = set()
        while isinstance(node, Mapping) and "$ref" in node:
            target = ref_target_pointer(node["$ref"])
            if target is None or target in seen:
                return None, pointer
            seen.add(target)
            try:
                node = resolve_pointer(self.data, target)
            except PointerError:
                return None, pointer
            pointer = target
        return node, pointer

    def security_scopes(self) -> dict[str, set[str]]:
        """Scheme name -> every scope its OAuth2 flows list (empty set for non-OAuth2 schemes)."""
        schemes = mapping_at(self.data, "components", "securitySchemes")
        scopes: dict[str, set[str]] = {}
        for name, scheme in schemes.items():
            found: set[str] = set()
            if isinstance(scheme, Mapping):
                flows = scheme.get("flows")
                if isinstance(flows, Mapping):
                    for flow in flows.values():
                        if isinstance(flow, Mapping) and isinstance(flow.get("scopes"), Mapping):
                            found.update(str(scope) for scope in flow["scopes"])
            scopes[str(name)] = found
        return scopes


def mapping_at(data: Any, *keys: str) -> Mapping[str, Any]:
    """The mapping found by walking `keys`, or an empty mapping when anything on the way is missing."""
    node = data
    for key in keys:
        if not isinstance(node, Mapping):
            return {}
        node = node.get(key)
    return node if isinstance(node, Mapping) else {}


def iter_operations(data: Mapping[str, Any]) -> Iterator[tuple[str, str, str, Mapping[str, Any]]]:
    """(path template, method, pointer, operation) for every operation under /paths."""
    for path, item in mapping_at(data, "paths").items():
        if not isinstance(item, Mapping):
            continue
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, Mapping):
                yield str(path), method, join_pointer("/paths", path, method), operation


def _inline_entries(container: Any, pointer: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Entries of a mapping or list that are objects and not `$ref`s (those are checked at their target)."""
    items: list[tuple[str | int, Any]]
    if isinstance(container, Mapping):
        items = list(container.items())
    elif isinstance(container, list):
        items = list(enumerate(container))
    else:
        return
    for key, value in items:
        if isinstance(value, Mapping) and "$ref" not in value:
            yield join_pointer(pointer, key), value


def iter_responses(data: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every inline Response Object: in operations and in components/responses."""
    for _path, _method, pointer, operation in iter_operations(data):
        yield from _inline_entries(operation.get("responses"), join_pointer(pointer, "responses"))
    yield from _inline_entries(mapping_at(data, "components", "responses"), "/components/responses")


def iter_parameters_and_headers(data: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every inline Parameter and Header Object (they share schema/example/examples/content)."""
    for path, item in mapping_at(data, "paths").items():
        if isinstance(item, Mapping):
            yield from _inline_entries(item.get("parameters"), join_pointer("/paths", path, "parameters"))
    for _path, _method, pointer, operation in iter_operations(data):
        yield from _inline_entries(operation.get("parameters"), join_pointer(pointer, "parameters"))
    yield from _inline_entries(mapping_at(data, "components", "parameters"), "/components/parameters")
    yield from _inline_entries(mapping_at(data, "components", "headers"), "/components/headers")
    for pointer, response in iter_responses(data):
        yield from _inline_entries(response.get("headers"), join_pointer(pointer, "headers"))


def iter_media_types(data: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every Media Type Object: response and request bodies, and parameters/headers using `content`."""
    bodies: list[tuple[str, Mapping[str, Any]]] = list(iter_responses(data))
    for _path, _method, pointer, operation in iter_operations(data):
        body = operation.get("requestBody")
        if isinstance(body, Mapping) and "$ref" not in body:
            bodies.append((join_pointer(pointer, "requestBody"), body))
    bodies.extend(
        _inline_entries(mapping_at(data, "components", "requestBodies"), "/components/requestBodies")
    )
    bodies.extend(iter_parameters_and_headers(data))
    for pointer, body in bodies:
        content = body.get("content")
        if isinstance(content, Mapping):
            for media_type, media in content.items():
                if isinstance(media, Mapping):
                    yield join_pointer(pointer, "content", media_type), media


def iter_schema_roots(data: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every place that holds a Schema Object directly: component schemas, parameter/header/media schemas."""
    for name, schema in mapping_at(data, "components", "schemas").items():
        yield join_pointer("/components/schemas", name), schema
    for pointer, holder in [*iter_parameters_and_headers(data), *iter_media_types(data)]:
        if "schema" in holder:
            yield join_pointer(pointer, "schema"), holder["schema"]


_SUBSCHEMA_SINGLE: Final = (
    "items",
    "not",
    "additionalProperties",
    "contains",
    "if",
    "then",
    "else",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
)
_SUBSCHEMA_LIST: Final = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMA_MAP: Final = ("properties", "patternProperties", "$defs", "dependentSchemas")


def iter_subschemas(schema: Any, pointer: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """The schema itself and every schema nested in it (without following $ref), with pointers."""
    if not isinstance(schema, Mapping):
        return
    yield pointer, schema
    for keyword in _SUBSCHEMA_SINGLE:
        if keyword in schema:
            yield from iter_subschemas(schema[keyword], join_pointer(pointer, keyword))
    for keyword in _SUBSCHEMA_LIST:
        if isinstance(schema.get(keyword), list):
            for index, member in enumerate(schema[keyword]):
                yield from iter_subschemas(member, join_pointer(pointer, keyword, index))
    for keyword in _SUBSCHEMA_MAP:
        if isinstance(schema.get(keyword), Mapping):
            for name, member in schema[keyword].items():
                yield from iter_subschemas(member, join_pointer(pointer, keyword, name))


def iter_all_schemas(data: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every Schema Object in the document, nested ones included."""
    for pointer, schema in iter_schema_roots(data):
        yield from iter_subschemas(schema, pointer)


def walk_json(node: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Every value of a JSON-like tree with its pointer (parents before children)."""
    yield pointer, node
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from walk_json(value, join_pointer(pointer, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk_json(value, join_pointer(pointer, index))
