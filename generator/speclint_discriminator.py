"""Polymorphic unions are unambiguous (rules discriminator-pinned, discriminator-mapping).

openapi-python-client 0.29.1 ignores `discriminator`: it tries the union members in order and keeps the
first that parses. schemathesis and hypothesis-jsonschema read the union as plain JSON Schema, where an
overlapping oneOf rejects correct bodies. Both only work when every member named by the discriminator
requires the property and pins it to its one mapping value (`enum: [v]`; `const` only when no allOf part
also types the property, or the generator cannot merge str with Literal and silently drops the model).
An anyOf may end with one unpinned member: the fallback for values a newer service sends
(TOOLCHAIN-NOTES §1).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from generator.speclint_core import Finding, SpecDocument, iter_all_schemas, join_pointer


class _PropertySchema(NamedTuple):
    pointer: str
    schema: Mapping[str, Any]


def _property_schemas(
    doc: SpecDocument, schema: Any, pointer: str, prop: str, depth: int = 0
) -> list[_PropertySchema]:
    """Every declaration of `prop` in the schema and (recursively) its allOf parts."""
    if not isinstance(schema, Mapping) or depth > 20:
        return []
    found: list[_PropertySchema] = []
    properties = schema.get("properties")
    if isinstance(properties, Mapping) and prop in properties:
        resolved, where = doc.deref(properties[prop], join_pointer(pointer, "properties", prop))
        if isinstance(resolved, Mapping):
            found.append(_PropertySchema(where, resolved))
    parts = schema.get("allOf")
    for index, part in enumerate(parts if isinstance(parts, list) else []):
        resolved, where = doc.deref(part, join_pointer(pointer, "allOf", index))
        found.extend(_property_schemas(doc, resolved, where, prop, depth + 1))
    return found


def _requires(doc: SpecDocument, schema: Any, pointer: str, prop: str, depth: int = 0) -> bool:
    if not isinstance(schema, Mapping) or depth > 20:
        return False
    required = schema.get("required")
    if isinstance(required, list) and prop in required:
        return True
    parts = schema.get("allOf")
    for index, part in enumerate(parts if isinstance(parts, list) else []):
        resolved, where = doc.deref(part, join_pointer(pointer, "allOf", index))
        if _requires(doc, resolved, where, prop, depth + 1):
            return True
    return False


def _allowed_values(declaration: Mapping[str, Any]) -> set[Any] | None:
    """The values a declaration allows, or None when it does not restrict values."""
    if "const" in declaration:
        return {declaration["const"]}
    enum = declaration.get("enum")
    if isinstance(enum, list):
        return {value for value in enum if isinstance(value, str | int | float | bool) or value is None}
    return None


def _normalise_target(target: object) -> str | None:
    if not isinstance(target, str):
        return None
    return target if target.startswith("#") else f"#/components/schemas/{target}"


class _Union:
    """One schema with a discriminator, checked member by member."""

    def __init__(self, doc: SpecDocument, pointer: str, schema: Mapping[str, Any], prop: str) -> None:
        self.doc = doc
        self.pointer = pointer
        self.schema = schema
        self.prop = prop
        self.keyword = "oneOf" if "oneOf" in schema else "anyOf"
        self.discriminator_pointer = join_pointer(pointer, "discriminator")

    def check(self, mapping: Mapping[str, Any]) -> Iterator[Finding]:
        members = self.schema.get(self.keyword)
        members = members if isinstance(members, list) else []
        refs = [m.get("$ref") if isinstance(m, Mapping) else None for m in members]
        by_target: dict[str, list[str]] = {}
        for value, target in mapping.items():
            normalised = _normalise_target(target)
            if normalised is None or normalised not in refs:
                yield self.doc.finding(
                    join_pointer(self.discriminator_pointer, "mapping", value),
                    "discriminator-mapping",
                    f"mapping target {target!r} is not a $ref member of the {self.keyword}",
                )
                continue
            by_target.setdefault(normalised, []).append(str(value))
        for index, member in enumerate(members):
            keys = by_target.get(refs[index] or "", [])
            yield from self._member(index, member, keys, mapping, last=index == len(members) - 1)

    def _member(
        self, index: int, member: Any, keys: list[str], mapping: Mapping[str, Any], *, last: bool
    ) -> Iterator[Finding]:
        member_pointer = join_pointer(self.pointer, self.keyword, index)
        resolved, where = self.doc.deref(member, member_pointer)
        if resolved is None:
            return
        declarations = _property_schemas(self.doc, resolved, where, self.prop)
        restricted = [(d, values) for d in declarations if (values := _allowed_values(d.schema)) is not None]
        allowed: set[Any] | None = None
        for _declaration, values in restricted:
            allowed = values if allowed is None else allowed & values
        name = where.rsplit("/", 1)[-1]

        if len(keys) > 1:
            yield self.doc.finding(
                member_pointer,
                "discriminator-mapping",
                f"mapping values {keys} all name {name}; one member, one value",
            )
            return
        if not keys:
            if allowed is not None and len(allowed) == 1:
                if next(iter(allowed)) in mapping:
                    return  # the mapping lists the value with a broken target: reported there
                yield self.doc.finding(
                    member_pointer,
                    "discriminator-mapping",
                    f"{name} pins {self.prop!r} to {next(iter(allowed))!r} but the mapping does not list it",
                )
            elif not (self.keyword == "anyOf" and last):
                yield self.doc.finding(
                    where,
                    "discriminator-pinned",
                    f"{name} is not in the discriminator mapping and does not pin {self.prop!r}; "
                    "only the last member of an anyOf may be an unpinned fallback",
                )
            return

        expected = keys[0]
        if allowed is None:
            yield self.doc.finding(
                where,
                "discriminator-pinned",
                f"{name} does not pin {self.prop!r} to {expected!r}: bodies of other members match it too",
                f"add to {name}: properties: {{'{self.prop}': {{type: string, enum: ['{expected}']}}}}",
            )
        elif allowed != {expected}:
            yield self.doc.finding(
                restricted[-1][0].pointer,
                "discriminator-pinned",
                f"{name} allows {self.prop!r} = {sorted(map(str, allowed))} "
                f"but the mapping names it {expected!r}",
                f"pin it with enum: ['{expected}']",
            )
        if not _requires(self.doc, resolved, where, self.prop):
            yield self.doc.finding(
                where,
                "discriminator-pinned",
                f"{name} does not require {self.prop!r}: a body without it matches {name} and the others",
                f"add required: ['{self.prop}']",
            )
        typed = any("type" in d.schema for d in declarations if "const" not in d.schema)
        for declaration in declarations:
            if "const" in declaration.schema and typed:
                yield self.doc.finding(
                    join_pointer(declaration.pointer, "const"),
                    "discriminator-pinned",
                    f"const pin while an allOf part also types {self.prop!r}: openapi-python-client 0.29.1 "
                    "cannot merge str with Literal and silently drops the model",
                    f"use enum: ['{expected}'] instead of const",
                )


def check_discriminators(doc: SpecDocument) -> list[Finding]:
    """Findings of the discriminator rules."""
    findings: list[Finding] = []
    for pointer, schema in iter_all_schemas(doc.data):
        discriminator = schema.get("discriminator")
        if discriminator is None:
            continue
        where = join_pointer(pointer, "discriminator")
        prop = discriminator.get("propertyName") if isinstance(discriminator, Mapping) else None
        if not isinstance(prop, str):
            findings.append(
                doc.finding(where, "discriminator-mapping", "the discriminator has no propertyName")
            )
            continue
        if "oneOf" not in schema and "anyOf" not in schema:
            findings.append(
                doc.finding(
                    where,
                    "discriminator-mapping",
                    "a discriminator outside an anyOf/oneOf is ignored by openapi-python-client 0.29.1; "
                    "list the subtypes in an anyOf (base last) and put the discriminator there",
                )
            )
            continue
        mapping = discriminator.get("mapping") if isinstance(discriminator, Mapping) else None
        if not isinstance(mapping, Mapping) or not mapping:
            findings.append(
                doc.finding(
                    where,
                    "discriminator-mapping",
                    "no explicit mapping: wire values (e.g. '#microsoft.graph...') are not schema names",
                )
            )
            mapping = {}
        findings.extend(_Union(doc, pointer, schema, prop).check(mapping))
    return findings
