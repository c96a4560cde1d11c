"""The emulator's ``times`` block (rule emulator-times).

``info.x-opstatus-api.emulator.times`` tells the emulator which date-time members of the status body say
when an operation was created, last changed and ended (generator/emulation_step.py). A pointer that names
no member would make the emulator send the example's frozen timestamp for ever, so each must reach,
through the declared properties of the status operation's 200 schema, a string of format ``date-time``.

    emulator:
      times: {created: /startTime, ended: /endTime}      # each a pointer or a list of pointers
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Final

from generator.emulation_step import EMULATOR_KEY, TIME_ROLES
from generator.speclint_core import Finding, SpecDocument, is_json_pointer, iter_operations, join_pointer
from generator.speclint_polling import Candidates, expand, follow, items

_WHERE: Final = join_pointer("/info/x-opstatus-api", EMULATOR_KEY, "times")
_RULE: Final = "emulator-times"


def check_times(doc: SpecDocument) -> list[Finding]:
    """Findings of the emulator-times rule (none when the block is absent)."""
    api = (
        doc.data.get("info", {}).get("x-opstatus-api") if isinstance(doc.data.get("info"), Mapping) else None
    )
    block = api.get(EMULATOR_KEY) if isinstance(api, Mapping) else None
    times = block.get("times") if isinstance(block, Mapping) else None
    if times is None:
        return []
    return list(_check(doc, times))


def _check(doc: SpecDocument, times: Any) -> Iterator[Finding]:
    if not isinstance(times, Mapping):
        yield doc.finding(_WHERE, _RULE, "times must be a mapping of created/changed/ended to pointers")
        return
    roots = _status_roots(doc)
    for role, value in times.items():
        where = join_pointer(_WHERE, str(role))
        if role not in TIME_ROLES:
            yield doc.finding(where, _RULE, f"unknown moment {role!r} (known: {', '.join(TIME_ROLES)})")
            continue
        pointers = [value] if isinstance(value, str) else value
        if not isinstance(pointers, list) or not pointers:
            yield doc.finding(where, _RULE, f"{role} must be a JSON pointer or a non-empty list of them")
            continue
        for index, pointer in enumerate(pointers):
            at = where if isinstance(value, str) else join_pointer(where, index)
            yield from _check_pointer(doc, roots, at, pointer)


def _check_pointer(
    doc: SpecDocument, roots: Candidates | None, where: str, pointer: Any
) -> Iterator[Finding]:
    if not is_json_pointer(pointer):
        yield doc.finding(where, _RULE, f"{pointer!r} is not a JSON pointer (like /createdDateTime)")
        return
    if roots is None:  # no status operation with a JSON 200 schema: x-opstatus-polling reports it
        return
    reached = follow(doc, roots, pointer)
    if not reached:
        yield doc.finding(where, _RULE, f"{pointer!r} names no declared member of the status body's schema")
    elif not any(schema.get("format") == "date-time" for _where, schema in reached):
        yield doc.finding(where, _RULE, f"{pointer!r} names a member that is not a date-time string")


def _status_roots(doc: SpecDocument) -> Candidates | None:
    """Every shape the status operation's 200 body may take (one-element arrays unwrapped)."""
    for _path, _method, pointer, operation in iter_operations(doc.data):
        block = operation.get("x-opstatus-polling")
        if not isinstance(block, Mapping):
            continue
        at = join_pointer(pointer, "responses", "200")
        response, where = doc.deref(operation.get("responses", {}).get("200"), at)
        media = (response or {}).get("content", {}).get("application/json")
        if not isinstance(media, Mapping) or "schema" not in media:
            return None
        roots = expand(doc, media["schema"], join_pointer(where, "content", "application/json", "schema"))
        return roots + items(doc, [(w, s) for w, s in roots if "items" in s])
    return None
