"""Per-operation rules: operation-id, operation-summary, operation-security, error-responses, api-version.

The error-responses rule is ours, stated in specs/README.md: every operation documents 400 (bad
parameter or api-version), 401 (missing/expired token), 403 (no permission), 404 (unknown id), 429
(throttled, Retry-After) and `default` (any other failure, 5xx included), each with an application/json
schema. Those are the statuses the client maps to distinct errors and that the emulator can return;
schemathesis fails on any status a spec does not document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Final

from generator.speclint_core import Finding, SpecDocument, iter_operations, join_pointer

REQUIRED_ERROR_RESPONSES: Final = ("400", "401", "403", "404", "429", "default")
_OPERATION_ID_RE: Final = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_ERROR_STATUS_RE: Final = re.compile(r"[45](\d\d|XX)|default")


def _check_operation_id(doc: SpecDocument, pointer: str, operation: Mapping[str, Any]) -> Iterator[Finding]:
    operation_id = operation.get("operationId")
    if operation_id is None:
        yield doc.finding(pointer, "operation-id", "the operation has no operationId")
    elif not (isinstance(operation_id, str) and _OPERATION_ID_RE.fullmatch(operation_id)):
        yield doc.finding(
            join_pointer(pointer, "operationId"),
            "operation-id",
            f"operationId {operation_id!r} is not an identifier (letters, digits, underscores)",
        )


def _check_summary(doc: SpecDocument, pointer: str, operation: Mapping[str, Any]) -> Iterator[Finding]:
    summary = operation.get("summary")
    if not (isinstance(summary, str) and summary.strip()):
        yield doc.finding(pointer, "operation-summary", "the operation has no summary")


def _check_security(
    doc: SpecDocument, pointer: str, operation: Mapping[str, Any], scopes: Mapping[str, set[str]]
) -> Iterator[Finding]:
    security = operation.get("security")
    if security == []:  # stated, and empty: the operation takes no credential (clients send none)
        return
    if not isinstance(security, list) or not security:
        yield doc.finding(
            pointer,
            "operation-security",
            "the operation states no security requirement of its own (the generator reads it per operation)",
        )
        return
    for index, requirement in enumerate(security):
        where = join_pointer(pointer, "security", index)
        if not isinstance(requirement, Mapping) or not requirement:
            yield doc.finding(
                where, "operation-security", "an empty requirement makes the operation anonymous"
            )
            continue
        for scheme, wanted in requirement.items():
            if scheme not in scopes:
                yield doc.finding(
                    join_pointer(where, scheme),
                    "operation-security",
                    f"security scheme {scheme!r} is not defined in components.securitySchemes",
                )
                continue
            for scope in wanted if isinstance(wanted, list) else []:
                if scopes[scheme] and scope not in scopes[scheme]:
                    yield doc.finding(
                        join_pointer(where, scheme),
                        "operation-security",
                        f"scope {scope!r} is not listed by any flow of scheme {scheme!r}",
                        f"add {scope!r} to the scopes of a flow of {scheme!r}",
                    )


def _has_json_schema(response: Any) -> bool:
    if not isinstance(response, Mapping):
        return False
    content = response.get("content")
    if not isinstance(content, Mapping):
        return False
    media = content.get("application/json")
    return isinstance(media, Mapping) and "schema" in media


def _check_error_responses(
    doc: SpecDocument, pointer: str, operation: Mapping[str, Any]
) -> Iterator[Finding]:
    responses = operation.get("responses")
    if not isinstance(responses, Mapping):
        return
    where = join_pointer(pointer, "responses")
    missing = [code for code in REQUIRED_ERROR_RESPONSES if code not in responses]
    if missing:
        yield doc.finding(
            where,
            "error-responses",
            f"missing error responses: {', '.join(missing)} "
            f"(required: {', '.join(REQUIRED_ERROR_RESPONSES)})",
        )
    for code, response in responses.items():
        if not _ERROR_STATUS_RE.fullmatch(str(code)):
            continue
        resolved, _ = doc.deref(response, join_pointer(where, code))
        if not _has_json_schema(resolved):
            yield doc.finding(
                join_pointer(where, code),
                "error-responses",
                f"error response {code} has no application/json schema, so its body cannot be parsed",
                "give it `content: {application/json: {schema: {$ref: '#/components/schemas/<Error>'}}}`",
            )


def _check_api_version(
    doc: SpecDocument, pointer: str, operation: Mapping[str, Any], path_item: Mapping[str, Any]
) -> Iterator[tuple[str, Finding | str]]:
    """Yield (parameter pointer, finding) for a broken api-version, (pointer, version) for a good one."""
    listed: list[tuple[str, Any]] = []
    for owner_pointer, owner in ((pointer, operation), (pointer.rsplit("/", 1)[0], path_item)):
        parameters = owner.get("parameters")
        if isinstance(parameters, list):
            listed.extend((join_pointer(owner_pointer, "parameters", i), p) for i, p in enumerate(parameters))
    for raw_pointer, raw in listed:
        parameter, where = doc.deref(raw, raw_pointer)
        if not isinstance(parameter, Mapping) or parameter.get("name") != "api-version":
            continue
        schema, schema_pointer = doc.deref(parameter.get("schema"), join_pointer(where, "schema"))
        schema = schema if isinstance(schema, Mapping) else {}
        const, default = schema.get("const"), schema.get("default")
        if parameter.get("in") != "query" or parameter.get("required") is not True:
            yield where, doc.finding(where, "api-version", "api-version must be a required query parameter")
        elif not isinstance(const, str) or const != default or schema.get("type") != "string":
            yield (
                where,
                doc.finding(
                    schema_pointer,
                    "api-version",
                    f"api-version schema needs type string and const == default (const {const!r}, "
                    f"default {default!r}), so callers never type it and never send another version",
                ),
            )
        else:
            yield where, const


def check_operations(doc: SpecDocument) -> list[Finding]:
    """Findings of the per-operation rules."""
    findings: list[Finding] = []
    scopes = doc.security_scopes()
    versions: dict[str, str] = {}
    paths = doc.data.get("paths")
    for path, _method, pointer, operation in iter_operations(doc.data):
        findings.extend(_check_operation_id(doc, pointer, operation))
        findings.extend(_check_summary(doc, pointer, operation))
        findings.extend(_check_security(doc, pointer, operation, scopes))
        findings.extend(_check_error_responses(doc, pointer, operation))
        path_item = paths[path] if isinstance(paths, Mapping) else {}
        for where, outcome in _check_api_version(doc, pointer, operation, path_item):
            if isinstance(outcome, Finding):
                findings.append(outcome)
            else:
                versions.setdefault(where, outcome)
    if len(set(versions.values())) > 1:
        first = sorted(versions)[0]
        findings.extend(
            doc.finding(
                where,
                "api-version",
                f"api-version {version!r} differs from {versions[first]!r} at {first}; "
                "one document, one version",
            )
            for where, version in sorted(versions.items())
            if version != versions[first]
        )
    return findings
