"""Structural checks (rules openapi-version, openapi-ref, openapi-schema).

openapi-spec-validator 0.9.0 is the authority, but its findings are hard to place: its meta-schema pass
runs on jsonschema-rs when that is installed, and its keyword pass reports paths relative to sub-objects
or none at all. So when the validator objects, its meta-schema pass is re-run here with
python-jsonschema (same schema, precise pointers, best-match messages) and every Schema Object is checked
against the JSON Schema 2020-12 meta-schema; if those are clean, the objection came from the keyword
pass (unresolved path parameters, duplicate operationIds, invalid defaults ...) and is placed by its
message where possible.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Final

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from openapi_spec_validator import OpenAPIV31SpecValidator
from openapi_spec_validator.schemas import schema_v31

from generator.speclint_core import (
    Finding,
    PointerError,
    SpecDocument,
    iter_schema_roots,
    join_pointer,
    ref_target_pointer,
    resolve_pointer,
    walk_json,
)

_VERSION_RE: Final = re.compile(r"3\.1\.\d+")
_OPERATION_IN_MESSAGE_RE: Final = re.compile(r"for '(?P<method>[a-z]+)'(?: operation)? in '(?P<path>/[^']*)'")
_META_VALIDATOR: Final = Draft202012Validator(dict(schema_v31))
_SCHEMA_META_VALIDATOR: Final = Draft202012Validator(Draft202012Validator.META_SCHEMA)


def _first_paragraph(message: str) -> str:
    return " ".join(message.split("\n\n", 1)[0].split())


def _error_pointer(base: str, error: ValidationError) -> str:
    return join_pointer(base, *(str(part) for part in error.absolute_path))


def _check_version(doc: SpecDocument) -> Iterator[Finding]:
    version = doc.data.get("openapi")
    if not (isinstance(version, str) and _VERSION_RE.fullmatch(version)):
        yield doc.finding(
            "/openapi", "openapi-version", f"openapi is {version!r}; these specs are OpenAPI 3.1"
        )


def _check_refs(doc: SpecDocument) -> Iterator[Finding]:
    for pointer, node in walk_json(doc.data):
        if not (isinstance(node, Mapping) and isinstance(node.get("$ref"), str)):
            continue
        ref = node["$ref"]
        target = ref_target_pointer(ref)
        where = join_pointer(pointer, "$ref")
        if target is None:
            yield doc.finding(
                where,
                "openapi-ref",
                f"$ref {ref!r} is not local; the generator and the emulator read one self-contained file",
                "copy the referenced definition into components and use '#/components/...'",
            )
            continue
        try:
            resolve_pointer(doc.data, target)
        except PointerError:
            yield doc.finding(where, "openapi-ref", f"$ref {ref!r} points at nothing in this document")


def _check_meta(doc: SpecDocument) -> Iterator[Finding]:
    for error in _META_VALIDATOR.iter_errors(doc.data):
        best = best_match([error])
        yield doc.finding(_error_pointer("", best), "openapi-schema", _first_paragraph(best.message))
    for pointer, schema in iter_schema_roots(doc.data):
        for error in _SCHEMA_META_VALIDATOR.iter_errors(schema):
            best = best_match([error])
            yield doc.finding(
                _error_pointer(pointer, best),
                "openapi-schema",
                f"not a valid JSON Schema 2020-12 schema: {_first_paragraph(best.message)}",
                "see https://json-schema.org/draft/2020-12 for the keyword",
            )


def _keyword_pointer(data: Mapping[str, Any], message: str) -> str:
    """Place a keyword-pass error by the operation its message names; the root when it names none."""
    match = _OPERATION_IN_MESSAGE_RE.search(message)
    if match is not None:
        pointer = join_pointer("/paths", match["path"], match["method"])
        try:
            resolve_pointer(data, pointer)
        except PointerError:
            return ""
        return pointer
    return ""


def _check_with_validator(doc: SpecDocument) -> Iterator[Finding]:
    try:
        errors = list(OpenAPIV31SpecValidator(doc.data).iter_errors())
    except Exception as exc:  # the validator raises plain exceptions on some broken documents
        yield doc.finding("", "openapi-schema", f"openapi-spec-validator failed: {type(exc).__name__}: {exc}")
        return
    for error in errors:
        message = _first_paragraph(str(error.message))
        yield doc.finding(_keyword_pointer(doc.data, message), "openapi-schema", message)


def check_openapi(doc: SpecDocument) -> list[Finding]:
    """Structural findings; later rules only run on a document without any (they assume the structure).

    The validator (fast, jsonschema-rs backed) runs first; only when it objects does the slower
    python-jsonschema pass run, to say precisely where.
    """
    findings = [*_check_version(doc)]
    if findings:
        return findings
    findings = [*_check_refs(doc)]
    if findings:
        return findings
    keyword_findings = list(_check_with_validator(doc))
    if not keyword_findings:
        return []
    return list(_check_meta(doc)) or keyword_findings
