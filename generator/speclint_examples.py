"""Every example validates against its schema (rules example-valid, example-unused).

Validation is JSON Schema Draft 2020-12 (OpenAPI 3.1's dialect) with `$ref`s resolved against the whole
document and OpenAPI's `discriminator` applied (a mapped value selects its member). Formats are checked
by the functions below, not by jsonschema's optional extras, so the result does not depend on which
format packages happen to be installed:

- date-time: RFC 3339 with a zone offset (`Z` or `+hh:mm`), any number of fraction digits. When
  info.x-opstatus-api.tolerate lists `naive-date-time`, a zone-less ISO date-time is accepted too
  (Graph's docs example sends one; see DECISION G2 in specs/README.md).
- date (RFC 3339 full-date), int32/int64 (ranges), uri (absolute: scheme + rest), uuid (8-4-4-4-12).
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterator, Mapping
from typing import Any, Final, NamedTuple
from urllib.parse import quote, urlsplit

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from generator.speclint_core import (
    Finding,
    SpecDocument,
    iter_all_schemas,
    iter_media_types,
    iter_parameters_and_headers,
    join_pointer,
    mapping_at,
)

NAIVE_DATE_TIME: Final = "naive-date-time"
_DOCUMENT_URI: Final = "urn:opstatus:spec"
_DATE_TIME_RE: Final = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[Tt](?P<h>\d{2}):(?P<m>\d{2}):(?P<s>\d{2})(?:\.\d+)?"
    r"(?P<offset>[Zz]|[+-](?P<oh>\d{2}):(?P<om>\d{2}))?"
)
_DATE_RE: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_UUID_RE: Final = re.compile(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_SCHEME_RE: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_INT_RANGES: Final = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


def _check_date(value: str) -> None:
    match = _DATE_RE.fullmatch(value)
    if match is None:
        raise ValueError("expected YYYY-MM-DD")
    datetime.date(int(match[1]), int(match[2]), int(match[3]))


def check_date_time(value: str, *, allow_naive: bool) -> None:
    """Raise ValueError unless `value` is an RFC 3339 date-time (or a zone-less one, when allowed)."""
    match = _DATE_TIME_RE.fullmatch(value)
    if match is None:
        raise ValueError("expected YYYY-MM-DDTHH:MM:SS[.fraction](Z|+hh:mm)")
    _check_date(match["date"])
    if int(match["h"]) > 23 or int(match["m"]) > 59 or int(match["s"]) > 60:
        raise ValueError("time of day out of range")
    if match["offset"] is None and not allow_naive:
        raise ValueError("no zone offset; RFC 3339 needs Z or +hh:mm")
    if match["oh"] is not None and (int(match["oh"]) > 23 or int(match["om"]) > 59):
        raise ValueError("zone offset out of range")


def _check_uri(value: str) -> None:
    parts = urlsplit(value)
    if not _SCHEME_RE.fullmatch(parts.scheme) or not (parts.netloc or parts.path) or " " in value:
        raise ValueError("expected an absolute URI (scheme:rest, no spaces)")


def _check_uuid(value: str) -> None:
    if _UUID_RE.fullmatch(value) is None:
        raise ValueError("expected 8-4-4-4-12 hex digits")
    uuid.UUID(value)


def format_checker(*, allow_naive_date_time: bool) -> FormatChecker:
    """The formats examples are held to (formats apply to their own JSON type only)."""
    checker = FormatChecker(formats=())

    def on_strings(check: Any) -> Any:
        def wrapped(instance: object) -> bool:
            if isinstance(instance, str):
                check(instance)
            return True

        return wrapped

    def in_range(low: int, high: int) -> Any:
        def wrapped(instance: object) -> bool:
            if isinstance(instance, int) and not isinstance(instance, bool) and not low <= instance <= high:
                raise ValueError(f"outside {low}..{high}")
            return True

        return wrapped

    checker.checks("date-time", raises=ValueError)(
        on_strings(lambda value: check_date_time(value, allow_naive=allow_naive_date_time))
    )
    checker.checks("date", raises=ValueError)(on_strings(_check_date))
    checker.checks("uri", raises=ValueError)(on_strings(_check_uri))
    checker.checks("uuid", raises=ValueError)(on_strings(_check_uuid))
    for name, (low, high) in _INT_RANGES.items():
        checker.checks(name, raises=ValueError)(in_range(low, high))
    return checker


def _discriminator(
    validator: Draft202012Validator, discriminator: Any, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    """OpenAPI's `discriminator` as a JSON Schema keyword: a body whose discriminator value the mapping
    lists must be valid against that member. Plain JSON Schema ignores the keyword, so with an anyOf that
    ends in an unpinned fallback, a broken known subtype (a failedOperation whose error is malformed)
    would still pass as the base."""
    if not (isinstance(discriminator, Mapping) and isinstance(instance, Mapping)):
        return
    mapping = discriminator.get("mapping")
    value = instance.get(discriminator.get("propertyName"))
    target = mapping.get(value) if isinstance(mapping, Mapping) and isinstance(value, str) else None
    if not isinstance(target, str):
        return
    ref = target if target.startswith("#") else f"#/components/schemas/{target}"
    members = [*schema.get("anyOf", []), *schema.get("oneOf", [])]
    if any(isinstance(member, Mapping) and member.get("$ref") == ref for member in members):
        # a target outside the union is the discriminator-mapping rule's finding, not a reason to crash here
        yield from validator.descend(instance, {"$ref": ref}, schema_path=value)


# jsonschema's stubs leave `extend` untyped; the result is the Draft 2020-12 validator plus one keyword.
_extend: Any = validators.extend
_ExampleValidator: Final[type[Draft202012Validator]] = _extend(
    Draft202012Validator, {"discriminator": _discriminator}
)


class _Example(NamedTuple):
    value_pointer: str
    value: Any
    schema_pointer: str


def tolerates_naive_date_time(data: Mapping[str, Any]) -> bool:
    tolerate = mapping_at(data, "info", "x-opstatus-api").get("tolerate")
    return isinstance(tolerate, list) and NAIVE_DATE_TIME in tolerate


class _Collector:
    """Gathers the examples of a document and the findings about examples that cannot be checked."""

    def __init__(self, doc: SpecDocument) -> None:
        self.doc = doc
        self.examples: list[_Example] = []
        self.findings: list[Finding] = []
        self.used_components: set[str] = set()

    def holder(self, pointer: str, holder: Mapping[str, Any]) -> None:
        """A media type, parameter or header: its `example` and `examples` against its `schema`."""
        values: list[tuple[str, Any]] = []
        if "example" in holder:
            values.append((join_pointer(pointer, "example"), holder["example"]))
        examples = holder.get("examples")
        if isinstance(examples, Mapping):
            for name, example in examples.items():
                values.extend(self._example_object(join_pointer(pointer, "examples", name), example))
        if not values:
            return
        if "schema" not in holder:
            if "content" not in holder:
                self.findings.append(
                    self.doc.finding(pointer, "example-valid", "examples given but no schema to check them")
                )
            return
        schema_pointer = join_pointer(pointer, "schema")
        self.examples.extend(_Example(where, value, schema_pointer) for where, value in values)

    def _example_object(self, pointer: str, example: Any) -> Iterator[tuple[str, Any]]:
        resolved, where = self.doc.deref(example, pointer)
        if where != pointer:
            self.used_components.add(where)
        if not isinstance(resolved, Mapping):
            return
        if "value" in resolved:
            yield join_pointer(where, "value"), resolved["value"]
        elif "externalValue" in resolved:
            self.findings.append(
                self.doc.finding(
                    where,
                    "example-valid",
                    "externalValue examples cannot be checked",
                    "inline it as `value:`",
                )
            )
        else:
            self.findings.append(self.doc.finding(where, "example-valid", "the example has no value"))

    def schema(self, pointer: str, schema: Mapping[str, Any]) -> None:
        """Schema-level `examples` (a list) and the deprecated `example`, against the schema itself."""
        if isinstance(schema.get("examples"), list):
            self.examples.extend(
                _Example(join_pointer(pointer, "examples", i), value, pointer)
                for i, value in enumerate(schema["examples"])
            )
        if "example" in schema:
            self.examples.append(_Example(join_pointer(pointer, "example"), schema["example"], pointer))


def _discriminated_branch(error: ValidationError) -> int | None:
    """For a failed anyOf/oneOf that carries a discriminator: the member the instance's value selects
    (the last member of an anyOf, the fallback, for an unknown value); None otherwise."""
    schema, instance = error.schema, error.instance
    if error.validator not in ("anyOf", "oneOf") or not isinstance(schema, Mapping):
        return None
    discriminator = schema.get("discriminator")
    members = schema.get(str(error.validator))
    if not isinstance(discriminator, Mapping) or not isinstance(members, list):
        return None
    if not isinstance(instance, Mapping):
        return None
    mapping = discriminator.get("mapping")
    value = instance.get(discriminator.get("propertyName"))
    target = mapping.get(value) if isinstance(mapping, Mapping) and isinstance(value, str) else None
    refs = [member.get("$ref") if isinstance(member, Mapping) else None for member in members]
    if target in refs:
        return refs.index(target)
    return len(members) - 1 if error.validator == "anyOf" and members else None


def _most_relevant(error: ValidationError) -> ValidationError:
    """jsonschema's best match, except that a discriminated union is explained by the member the
    discriminator selects, where best_match would stop at "not valid under any of the given schemas"."""
    best: ValidationError = best_match([error])
    while best.context:
        branch = _discriminated_branch(best)
        within = [e for e in best.context if e.relative_schema_path and e.relative_schema_path[0] == branch]
        if branch is None or not within:
            break
        best = best_match(within)
    return best


def _describe(error: ValidationError) -> str:
    message = " ".join(error.message.split())
    if error.validator == "format" and error.cause is not None:
        message = f"{message}: {error.cause}"
    return message


def _hint(error: ValidationError, allow_naive: bool) -> str | None:
    if error.validator == "format" and error.validator_value == "date-time" and not allow_naive:
        return (
            "add Z or an offset; if the service really sends zone-less times, list 'naive-date-time' in "
            "info.x-opstatus-api.tolerate and say so in specs/README.md"
        )
    return None


def check_examples(doc: SpecDocument) -> list[Finding]:
    """Findings of the example rules."""
    collector = _Collector(doc)
    for pointer, holder in [*iter_media_types(doc.data), *iter_parameters_and_headers(doc.data)]:
        collector.holder(pointer, holder)
    for pointer, schema in iter_all_schemas(doc.data):
        collector.schema(pointer, schema)

    allow_naive = tolerates_naive_date_time(doc.data)
    registry: Registry[Any] = Registry().with_resource(_DOCUMENT_URI, DRAFT202012.create_resource(doc.data))
    checker = format_checker(allow_naive_date_time=allow_naive)
    findings = collector.findings
    for example in collector.examples:
        schema_ref = {"$ref": f"{_DOCUMENT_URI}#{quote(example.schema_pointer, safe='/~')}"}
        validator = _ExampleValidator(schema_ref, registry=registry, format_checker=checker)
        for error in validator.iter_errors(example.value):
            best = _most_relevant(error)
            findings.append(
                doc.finding(
                    join_pointer(example.value_pointer, *(str(part) for part in best.absolute_path)),
                    "example-valid",
                    f"example does not match the schema at {example.schema_pointer}: {_describe(best)}",
                    _hint(best, allow_naive),
                )
            )

    for name in mapping_at(doc.data, "components", "examples"):
        pointer = join_pointer("/components/examples", name)
        if pointer not in collector.used_components:
            findings.append(
                doc.finding(pointer, "example-unused", "no media type, parameter or header uses this example")
            )
    return findings
