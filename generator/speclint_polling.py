"""The x-opstatus-polling extension (rules x-opstatus-polling, polling-states, polling-pointer).

It is the single source of the generated polling tables (generated/<key>/polling.py), so it is checked
for shape and for meaning: every pointer must name declared properties of the 200 response schema (a
typo would otherwise make the poller read nothing, forever), and every raw status must mean one state.

    x-opstatus-polling:
      status: /status                      # required, JSON pointer to a string
      states: {succeeded: [..], failed: [..], canceled: [..], not_started: [..], running: [..]}
      error: /error                        # optional pointers
      message: /error/message
      result-link: /resourceLocation@odata.navigationLink
      progress: {percent: /percentComplete, steps: /steps,       # steps: an array;
                 step-percent: /progressPercentage, step-status: /status, step-name: /stepName}  # per step
      unwrap-single-item-array: true       # optional booleans
      retry-after: true
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Final

from generator.speclint_core import (
    Finding,
    SpecDocument,
    is_json_pointer,
    iter_operations,
    join_pointer,
    pointer_tokens,
)

POLLING_KEYS: Final = frozenset(
    {
        "status",
        "states",
        "error",
        "message",
        "result-link",
        "result-operation",
        "progress",
        "unwrap-single-item-array",
        "retry-after",
    }
)
PROGRESS_KEYS: Final = frozenset(
    {"percent", "steps", "step-percent", "step-status", "step-name", "step-messages", "step-message-text"}
)
STATES: Final = ("succeeded", "failed", "canceled", "not_started", "running")
_BOOLEAN_KEYS: Final = ("unwrap-single-item-array", "retry-after")
_TOP_POINTERS: Final = {"status": {"string"}, "error": None, "message": {"string"}, "result-link": {"string"}}
_STEP_POINTERS: Final = {
    "step-percent": {"integer", "number"},
    "step-status": {"string"},
    "step-name": {"string"},
    "step-messages": {"array"},
}
_NUMBERS: Final = {"integer", "number"}

_Candidates = list[tuple[str, Mapping[str, Any]]]


def _expand(doc: SpecDocument, schema: Any, pointer: str, depth: int = 0) -> _Candidates:
    """The schema and every allOf/anyOf/oneOf part of it, refs followed: all shapes a value may have."""
    resolved, where = doc.deref(schema, pointer)
    if not isinstance(resolved, Mapping) or depth > 30:
        return []
    found: _Candidates = [(where, resolved)]
    for keyword in ("allOf", "anyOf", "oneOf"):
        parts = resolved.get(keyword)
        for index, part in enumerate(parts if isinstance(parts, list) else []):
            found.extend(_expand(doc, part, join_pointer(where, keyword, index), depth + 1))
    return found


def _items(doc: SpecDocument, candidates: _Candidates) -> _Candidates:
    found: _Candidates = []
    for where, schema in candidates:
        if "items" in schema:
            found.extend(_expand(doc, schema["items"], join_pointer(where, "items")))
    return found


def _follow(doc: SpecDocument, candidates: _Candidates, pointer: str) -> _Candidates:
    """The schemas a pointer reaches through declared properties (and array items for numeric tokens)."""
    for token in pointer_tokens(pointer):
        reached: _Candidates = []
        for where, schema in candidates:
            properties = schema.get("properties")
            if isinstance(properties, Mapping) and token in properties:
                reached.extend(_expand(doc, properties[token], join_pointer(where, "properties", token)))
            elif token.isdigit() and "items" in schema:
                reached.extend(_expand(doc, schema["items"], join_pointer(where, "items")))
        candidates = reached
    return candidates


def _admits(candidates: _Candidates, types: set[str]) -> bool:
    for _where, schema in candidates:
        declared = schema.get("type")
        declared_types = set(declared) if isinstance(declared, list) else {declared}
        if declared_types & types:
            return True
        values = schema["enum"] if isinstance(schema.get("enum"), list) else []
        if "string" in types and any(isinstance(value, str) for value in [*values, schema.get("const")]):
            return True
    return False


Candidates = _Candidates
"""Every (pointer, schema) shape a value may have (for speclint_times)."""
expand = _expand
follow = _follow
items = _items


class _PollingCheck:
    """One x-opstatus-polling block, on the operation at `operation_pointer`."""

    def __init__(self, doc: SpecDocument, operation_pointer: str, method: str, operation: Mapping[str, Any]):
        self.doc = doc
        self.method = method
        self.operation = operation
        self.operation_pointer = operation_pointer
        self.pointer = join_pointer(operation_pointer, "x-opstatus-polling")
        self.block: Mapping[str, Any] = operation["x-opstatus-polling"]

    def run(self) -> Iterator[Finding]:
        if not isinstance(self.block, Mapping):
            yield self.doc.finding(self.pointer, "x-opstatus-polling", "x-opstatus-polling must be a mapping")
            return
        yield from self._shape()
        yield from self._states()
        roots = self._response_roots()
        if roots is None:
            yield self.doc.finding(
                self.pointer,
                "x-opstatus-polling",
                "the status operation has no 200 response with an application/json schema to poll",
            )
            return
        yield from self._pointers(roots)

    def _result_operation(self) -> Iterator[Finding]:
        """``result-operation`` names another GET of the spec, and needs ``result-link`` to follow."""
        if "result-operation" not in self.block:
            return
        target = self.block["result-operation"]
        where = join_pointer(self.pointer, "result-operation")
        others = {
            operation.get("operationId")
            for _path, method, pointer, operation in iter_operations(self.doc.data)
            if method == "get" and pointer != self.pointer
        }
        if not isinstance(target, str) or target not in others:
            yield self.doc.finding(
                where,
                "x-opstatus-polling",
                f"result-operation {target!r} names no other GET operation of this spec",
                "the operationId of the GET that reads what the result link points to",
            )
        elif "result-link" not in self.block:
            yield self.doc.finding(
                where, "x-opstatus-polling", "result-operation needs result-link (the link it follows)"
            )

    def _shape(self) -> Iterator[Finding]:
        if self.method != "get":
            yield self.doc.finding(
                self.pointer,
                "x-opstatus-polling",
                f"polling reads status with GET; this operation is {self.method}",
            )
        for unknown in sorted(set(self.block) - POLLING_KEYS):
            yield self.doc.finding(
                join_pointer(self.pointer, unknown),
                "x-opstatus-polling",
                f"unknown key {unknown!r} (known: {', '.join(sorted(POLLING_KEYS))})",
            )
        for required in ("status", "states"):
            if required not in self.block:
                yield self.doc.finding(self.pointer, "x-opstatus-polling", f"no `{required}`")
        yield from self._result_operation()
        for key in _BOOLEAN_KEYS:
            if key in self.block and not isinstance(self.block[key], bool):
                yield self.doc.finding(
                    join_pointer(self.pointer, key),
                    "x-opstatus-polling",
                    f"{key} must be true or false, not {self.block[key]!r}",
                )
        progress = self.block.get("progress", {})
        if not isinstance(progress, Mapping):
            yield self.doc.finding(
                join_pointer(self.pointer, "progress"), "x-opstatus-polling", "must be a mapping"
            )
            return
        for unknown in sorted(set(progress) - PROGRESS_KEYS):
            yield self.doc.finding(
                join_pointer(self.pointer, "progress", unknown),
                "x-opstatus-polling",
                f"unknown progress key {unknown!r} (known: {', '.join(sorted(PROGRESS_KEYS))})",
            )
        if any(key in progress for key in _STEP_POINTERS) and "steps" not in progress:
            yield self.doc.finding(
                join_pointer(self.pointer, "progress"),
                "x-opstatus-polling",
                "step-* pointers are relative to a step, but no `steps` pointer says where the steps are",
            )

    def _states(self) -> Iterator[Finding]:
        if "states" not in self.block:
            return
        where = join_pointer(self.pointer, "states")
        states = self.block["states"]
        if not isinstance(states, Mapping):
            yield self.doc.finding(
                where, "polling-states", "states must map each state to a list of raw values"
            )
            return
        missing = [state for state in STATES if state not in states]
        if missing:
            yield self.doc.finding(where, "polling-states", f"missing states: {', '.join(missing)}")
        for extra in sorted(set(states) - set(STATES)):
            yield self.doc.finding(
                join_pointer(where, extra),
                "polling-states",
                f"unknown state {extra!r} (the five states: {', '.join(STATES)})",
            )
        seen: dict[str, tuple[str, str]] = {}
        for state in STATES:
            values = states.get(state, [])
            state_pointer = join_pointer(where, state)
            if not isinstance(values, list):
                yield self.doc.finding(state_pointer, "polling-states", f"{state} must be a list of strings")
                continue
            if state in ("succeeded", "failed") and not values:
                yield self.doc.finding(state_pointer, "polling-states", f"{state} lists no value")
            for index, value in enumerate(values):
                value_pointer = join_pointer(state_pointer, index)
                if not isinstance(value, str) or not value.strip() or value != value.strip():
                    yield self.doc.finding(
                        value_pointer,
                        "polling-states",
                        f"{value!r} is not a non-empty string without padding",
                    )
                    continue
                folded = value.casefold()
                if folded in seen:
                    first_state, first_value = seen[folded]
                    yield self.doc.finding(
                        value_pointer,
                        "polling-states",
                        f"{value!r} is already listed under {first_state} as {first_value!r}; raw statuses "
                        "compare case-insensitively, so each may appear once",
                    )
                else:
                    seen[folded] = (state, value)

    def _response_roots(self) -> _Candidates | None:
        responses = self.operation.get("responses")
        response = responses.get("200") if isinstance(responses, Mapping) else None
        resolved, where = self.doc.deref(response, join_pointer(self.operation_pointer, "responses", "200"))
        content = resolved.get("content") if isinstance(resolved, Mapping) else None
        media = content.get("application/json") if isinstance(content, Mapping) else None
        if not isinstance(media, Mapping) or "schema" not in media:
            return None
        roots = _expand(
            self.doc, media["schema"], join_pointer(where, "content", "application/json", "schema")
        )
        if self.block.get("unwrap-single-item-array") is True:
            roots = roots + _items(self.doc, [(w, s) for w, s in roots if "items" in s])
        return roots

    def _pointer(
        self, candidates: _Candidates, key_path: tuple[str, ...], types: set[str] | None, relative_to: str
    ) -> tuple[list[Finding], _Candidates]:
        """Check the pointer at `key_path` in the block; return its findings and the schemas it reaches."""
        value: Any = self.block
        for key in key_path:
            value = value.get(key) if isinstance(value, Mapping) else None
        where = join_pointer(self.pointer, *key_path)
        if not is_json_pointer(value):
            return [
                self.doc.finding(where, "polling-pointer", f"{value!r} is not a JSON pointer (like /status)")
            ], []
        reached = _follow(self.doc, candidates, value)
        if not reached:
            message = f"{value!r} names no declared property of {relative_to}"
            return [self.doc.finding(where, "polling-pointer", message)], []
        if types is not None and not _admits(reached, types):
            message = f"{value!r} reaches a schema that admits no {' or '.join(sorted(types))}"
            return [self.doc.finding(where, "polling-pointer", message)], reached
        return [], reached

    def _pointers(self, roots: _Candidates) -> Iterator[Finding]:
        response = "the 200 response schema"
        for key, types in _TOP_POINTERS.items():
            if key in self.block:
                yield from self._pointer(roots, (key,), types, response)[0]
        progress = self.block.get("progress")
        if not isinstance(progress, Mapping):
            return
        if "percent" in progress:
            yield from self._pointer(roots, ("progress", "percent"), _NUMBERS, response)[0]
        if "steps" not in progress:
            return
        findings, reached = self._pointer(roots, ("progress", "steps"), None, response)
        yield from findings
        steps = _items(self.doc, reached)
        if reached and not steps:
            yield self.doc.finding(
                join_pointer(self.pointer, "progress", "steps"),
                "polling-pointer",
                "steps must reach an array (its items are the steps)",
            )
        if not steps:
            return
        reached_by: dict[str, _Candidates] = {}
        for key, types in _STEP_POINTERS.items():
            if key in progress:
                findings, reached_by[key] = self._pointer(
                    steps, ("progress", key), types, "one step (the items of steps)"
                )
                yield from findings
        yield from self._message_text_pointer(progress, reached_by.get("step-messages", []))

    def _message_text_pointer(self, progress: Mapping[str, Any], messages: _Candidates) -> Iterator[Finding]:
        """step-message-text is relative to one element of the step-messages array."""
        if "step-message-text" not in progress:
            return
        where = join_pointer(self.pointer, "progress", "step-message-text")
        entries = _items(self.doc, messages)
        if not entries:
            yield self.doc.finding(where, "polling-pointer", "step-message-text needs a step-messages array")
            return
        relative_to = "one message (the items of step-messages)"
        yield from self._pointer(entries, ("progress", "step-message-text"), {"string"}, relative_to)[0]


def check_polling(doc: SpecDocument) -> list[Finding]:
    """Findings of the polling rules: exactly one carrier per API, and a well-formed block on each."""
    carriers = [
        (pointer, method, operation)
        for _path, method, pointer, operation in iter_operations(doc.data)
        if "x-opstatus-polling" in operation
    ]
    if not carriers:
        return [
            doc.finding(
                "/paths",
                "x-opstatus-polling",
                "no operation carries x-opstatus-polling; the status operation of each API must",
            )
        ]
    findings: list[Finding] = []
    first = carriers[0][0]
    for pointer, _method, _operation in carriers[1:]:
        findings.append(
            doc.finding(
                join_pointer(pointer, "x-opstatus-polling"),
                "x-opstatus-polling",
                f"x-opstatus-polling is also on {first}; exactly one operation per API carries it",
            )
        )
    for pointer, method, operation in carriers:
        findings.extend(_PollingCheck(doc, pointer, method, operation).run())
    return findings
