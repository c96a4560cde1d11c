"""Part of step 5: what the emulator needs to serve an API, read from its spec (``api.py``'s ``EMULATION``).

The emulator is generic: it serves every API in ``opstatus._generated.API_KEYS`` from this value and the
routes. Most of it is what the spec already says:

* the request-id header: a header the status operation's 200 response declares and marks
  ``x-opstatus-request-id: true``, else one named like ``*request-id`` but not ``*client-request-id``;
  else ``x-ms-request-id`` (generator/access_step.py, which the clients read too);
* the echoed header: a declared ``client-request-id`` or ``x-ms-client-request-id``;
* the error envelope: the schema component most of the status operation's 4xx/5xx/default responses use;
  its ``error`` member (if any) holds code and message, and the ``request-id``/``client-request-id``/
  ``date`` members its ``error.innerError`` declares are filled in;
* ARM: a status path that is an ARM resource id (``/subscriptions/{...}/...``) marks the API's operations
  as ARM operations (``arm_operations``), also served by ARM's generic long-running-operation URLs;
* the discriminator: the member the status body's union dispatches on (``discriminator.propertyName``)
  and, per state, its value in that state's example (Graph: ``@odata.type``);
* bodies: each GET's 200 schema component (the item of an array; the element of a model-or-one-element
  array) and its examples; for the status operation, one example per state (the fullest whose status
  maps to the state; else running's for not_started, failed's for canceled, else the first), and the
  ``id``/``name`` members the schema declares;
* the error object: the members (``code``, ``message``, ``target``, ``details``) the schema at the polling
  table's ``error`` pointer declares, and those one item of its ``details`` declares (``error_members``,
  ``error_detail_members``), so an operation's error is rendered in the API's own shape.

What a spec cannot say lives in the optional ``info.x-opstatus-api.emulator`` block (checked by speclint,
documented in specs/README.md): ``always-sends-client-request-id``, ``case-insensitive-paths``,
``sends-retry-after``, ``auth-challenge``, ``error-codes``, ``times`` (which date-time members of the
status body say when the operation was created, last changed and ended) and ``demo`` (the demos' order
and wording). Every key has a default that fits a new API.

The demos also read ``example_steps``: (id, name) of each step the running state's example shows (all of
them, where ``status_examples`` keeps the first only).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from opstatus._table import PollingTable

from generator.access_step import request_id_headers
from generator.errors import GeneratorError
from generator.polling_step import POLLING_MARK
from generator.registry import ApiDescription
from generator.spec_refs import ref_name as _ref_name
from generator.spec_refs import resolve as _resolve

EMULATOR_KEY: Final = "emulator"
"""The block under ``info.x-opstatus-api``."""

EMULATOR_FLAGS: Final = ("always-sends-client-request-id", "case-insensitive-paths", "sends-retry-after")
EMULATOR_KEYS: Final = frozenset({*EMULATOR_FLAGS, "auth-challenge", "error-codes", "times", "demo"})
DEMO_KEYS: Final = frozenset({"order", "story", "fails", "quickstart"})
"""``demo``: where the API comes in the demos, the line ``opstatus demo`` tells, whether its operation
there fails, and whether the emulator's ``--demo`` starts with its README quickstart operation."""

TIME_ROLES: Final = ("created", "changed", "ended")
"""The moments ``times`` may place: a pointer (or a list of them) into the status body for each."""

ERROR_KINDS: Final = (
    "auth-missing",
    "auth-invalid",
    "api-version-missing",
    "api-version-invalid",
    "bad-parameter",
    "not-found",
    "method-not-allowed",
    "throttled",
    "server-error",
    "unavailable",
    "odd-status",
)
"""The errors the emulator answers with; ``error-codes`` may name a code and message for each."""

ERROR_PLACEHOLDERS: Final = frozenset({"value", "name", "reason", "id", "expected"})
"""What a message template may use: the offending value, the parameter or resource name, why it is
invalid, the id asked for, the expected api-version."""

DEFAULT_REQUEST_ID_HEADER: Final = "x-ms-request-id"
_ECHO_HEADERS: Final = ("client-request-id", "x-ms-client-request-id")
_INNER_ERROR_MEMBERS: Final = ("request-id", "client-request-id", "date")
_ID_MEMBERS: Final = ("id", "name")
_ERROR_MEMBERS: Final = ("code", "message", "target", "details")
_ERROR_STATUS = re.compile(r"^([45]\d\d|default)$")


@dataclass(frozen=True, kw_only=True)
class EmulationView:
    """The values of ``EMULATION`` in ``api.py``."""

    request_id_header: str
    client_request_id_header: str | None
    always_sends_client_request_id: bool
    case_insensitive_paths: bool
    sends_retry_after: bool
    auth_challenge: str | None
    error_envelope: str | None
    envelope_member: str | None
    envelope_inner_error: tuple[str, ...]
    error_codes: tuple[tuple[str, tuple[str, str]], ...]
    models: tuple[tuple[str, str], ...]
    examples: tuple[tuple[str, Any], ...]
    status_id_members: tuple[str, ...]
    status_examples: tuple[tuple[str, Any], ...]
    state_examples: tuple[tuple[str, str], ...]
    spellings: tuple[tuple[str, str], ...]
    arm_operations: bool
    discriminator: str | None
    discriminator_values: tuple[tuple[str, str], ...]
    times: tuple[tuple[str, tuple[str, ...]], ...]
    error_members: tuple[str, ...]
    error_detail_members: tuple[str, ...]
    example_steps: tuple[tuple[str, str], ...]
    demo_order: int | None
    demo_story: str | None
    demo_fails: bool
    demo_quickstart: bool


def build_emulation(api: ApiDescription, table: PollingTable) -> EmulationView:
    """Read the emulation hints of ``api`` (whose polling table is ``table``)."""
    block = _extension(api)
    operations = _get_operations(api)
    status_op = next(op for op in operations if POLLING_MARK in op)
    headers = _declared_headers(api, status_op)
    envelope, member, inner = _envelope_shape(api, status_op)
    status_examples, state_examples = _status_examples(api, status_op, table)
    error_members, error_detail_members = _error_members(api, _body_schema(api, status_op, table), table)
    demo = block.get("demo") or {}
    return EmulationView(
        request_id_header=next(iter(request_id_headers(api, status_op)), DEFAULT_REQUEST_ID_HEADER),
        client_request_id_header=next((h for h in headers if h.lower() in _ECHO_HEADERS), None),
        always_sends_client_request_id=bool(block.get("always-sends-client-request-id", False)),
        case_insensitive_paths=bool(block.get("case-insensitive-paths", False)),
        sends_retry_after=bool(block.get("sends-retry-after", False)),
        auth_challenge=block.get("auth-challenge"),
        error_envelope=envelope,
        envelope_member=member,
        envelope_inner_error=inner,
        error_codes=_error_codes(block),
        models=tuple((str(op["operationId"]), _body_model(api, op, table)) for op in operations),
        examples=tuple(
            (str(op["operationId"]), examples[0])
            for op in operations
            if POLLING_MARK not in op and (examples := [v for _n, v in _examples(api, op, unwrap=True)])
        ),
        status_id_members=tuple(
            m for m in _ID_MEMBERS if m in _properties(api, _body_schema(api, status_op, table))
        ),
        status_examples=status_examples,
        state_examples=state_examples,
        spellings=_spellings(status_op),
        arm_operations=_is_arm(api),
        discriminator=(member := _discriminator(api, status_op, table)),
        discriminator_values=_discriminator_values(member, status_examples, state_examples),
        times=_times(block),
        error_members=error_members,
        error_detail_members=error_detail_members,
        example_steps=_example_steps(api, status_op, table, dict(state_examples).get("running")),
        demo_order=demo.get("order"),
        demo_story=demo.get("story"),
        demo_fails=bool(demo.get("fails", False)),
        demo_quickstart=bool(demo.get("quickstart", False)),
    )


def _example_steps(
    api: ApiDescription, operation: Mapping[str, Any], table: PollingTable, running: str | None
) -> tuple[tuple[str, str], ...]:
    """(id, name) of every step the running state's example shows, uncut (the demos' step plans)."""
    if table.steps_pointer is None or running is None:
        return ()
    media = operation["responses"]["200"]["content"]["application/json"]
    example = _resolve(api, (media.get("examples") or {}).get(running, {})).get("value")
    if isinstance(example, list) and example:
        example = example[0]
    steps = _at_pointer(example, table.steps_pointer)
    found: list[tuple[str, str]] = []
    for index, step in enumerate(steps if isinstance(steps, list) else [], start=1):
        if isinstance(step, Mapping):
            step_id = str(step.get("id") or f"step-{index}")
            name = _at_pointer(step, table.step_name_pointer) if table.step_name_pointer else None
            found.append((step_id, str(name or step_id)))
    return tuple(found)


def _times(block: Mapping[str, Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``times``: role -> the status body's pointers that carry that moment (a string is one pointer)."""
    times = block.get("times") or {}
    return tuple(
        (role, (value,) if isinstance(value, str) else tuple(str(v) for v in value))
        for role in TIME_ROLES
        if (value := times.get(role))
    )


def _error_members(
    api: ApiDescription, body: Mapping[str, Any], table: PollingTable
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The error members the schema at the ``error`` pointer declares, and those of one of its details."""
    if table.error_pointer is None:
        return (), ()
    schema: Any = body
    for token in table.error_pointer.lstrip("/").split("/"):
        schema = _properties(api, schema).get(token.replace("~1", "/").replace("~0", "~"), {})
    error = _properties(api, schema)
    details = _resolve(api, error.get("details", {}))
    detail = _properties(api, details.get("items", {})) if isinstance(details, Mapping) else {}
    return (
        tuple(name for name in _ERROR_MEMBERS if name in error),
        tuple(name for name in _ERROR_MEMBERS if name in detail),
    )


def _discriminator(api: ApiDescription, operation: Mapping[str, Any], table: PollingTable) -> str | None:
    """The member the status body's union dispatches on (its ``discriminator.propertyName``), if any."""
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    if isinstance(schema, Mapping) and schema.get("type") == "array":
        schema = schema.get("items", {})
    union = _resolve(api, schema)
    found = union.get("discriminator") if isinstance(union, Mapping) else None
    name = found.get("propertyName") if isinstance(found, Mapping) else None
    return str(name) if name else None


def _discriminator_values(
    member: str | None,
    status_examples: tuple[tuple[str, Any], ...],
    state_examples: tuple[tuple[str, str], ...],
) -> tuple[tuple[str, str], ...]:
    """Per state, the discriminator's value in that state's example (the union member it is)."""
    if member is None:
        return ()
    bodies = dict(status_examples)
    values = ((state, bodies.get(name, {}).get(member)) for state, name in state_examples)
    return tuple((state, value) for state, value in values if isinstance(value, str))


def _is_arm(api: ApiDescription) -> bool:
    """An Azure Resource Manager API: its status path is an ARM resource id (``/subscriptions/{...}/``).

    Its operations are ARM operations, so the emulator also serves them by ARM's own
    ``Azure-AsyncOperation`` and ``Location`` URLs (``opstatus.emulator._arm``).
    """
    for path, item in (api.document.get("paths") or {}).items():
        get = item.get("get") if isinstance(item, Mapping) else None
        if isinstance(get, Mapping) and POLLING_MARK in get:
            return str(path).casefold().startswith("/subscriptions/{")
    return False


def _spellings(operation: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """Per state, the first raw value the polling table lists; a state with none reads as failed's."""
    states = operation[POLLING_MARK]["states"]
    first = {state: str(values[0]) for state, values in states.items() if values}
    return tuple((state, first.get(state) or first["failed"]) for state in _STATES)


def _extension(api: ApiDescription) -> Mapping[str, Any]:
    block = api.document.get("info", {}).get("x-opstatus-api", {}).get(EMULATOR_KEY, {})
    if not isinstance(block, Mapping) or set(block) - EMULATOR_KEYS:
        raise GeneratorError(f"{api.spec_path}: info.x-opstatus-api.{EMULATOR_KEY} is invalid (run lint)")
    return block


def _error_codes(block: Mapping[str, Any]) -> tuple[tuple[str, tuple[str, str]], ...]:
    codes = block.get("error-codes", {})
    return tuple(
        (kind.replace("-", "_"), (str(codes[kind]["code"]), str(codes[kind]["message"])))
        for kind in ERROR_KINDS
        if kind in codes
    )


def _get_operations(api: ApiDescription) -> list[Mapping[str, Any]]:
    return [
        item["get"]
        for item in (api.document.get("paths") or {}).values()
        if isinstance(item, Mapping) and isinstance(item.get("get"), Mapping)
    ]


def _declared_headers(api: ApiDescription, operation: Mapping[str, Any]) -> list[str]:
    response = _resolve(api, operation.get("responses", {}).get("200", {}))
    return [str(name) for name in response.get("headers") or {}]


def _envelope_shape(
    api: ApiDescription, operation: Mapping[str, Any]
) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(envelope component, the member holding code and message, the innerError members it declares)."""
    envelope = _envelope(api, operation)
    members = _properties(api, _schema_ref(envelope)) if envelope else {}
    member = "error" if "error" in members else None
    inner = _properties(api, _properties(api, members.get("error", {})).get("innerError", {}))
    return envelope, member, tuple(name for name in _INNER_ERROR_MEMBERS if name in inner)


def _envelope(api: ApiDescription, operation: Mapping[str, Any]) -> str | None:
    """The component most error responses of ``operation`` use (ties: the first listed)."""
    names: Counter[str] = Counter()
    for status, response in (operation.get("responses") or {}).items():
        if _ERROR_STATUS.match(str(status)):
            schema = _resolve(api, response).get("content", {}).get("application/json", {}).get("schema")
            name = _ref_name(schema)
            if name is not None:
                names[name] += 1
    return names.most_common(1)[0][0] if names else None


def _body_schema(api: ApiDescription, operation: Mapping[str, Any], table: PollingTable) -> Mapping[str, Any]:
    return _resolve(api, _schema_ref(_body_model(api, operation, table)))


def _body_model(api: ApiDescription, operation: Mapping[str, Any], table: PollingTable) -> str:
    """The component one 200 body (one list item; one element of a one-element array) validates against."""
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    if isinstance(schema, Mapping) and schema.get("type") == "array":
        schema = schema.get("items", {})
    name = _ref_name(schema)
    if name is None:
        raise GeneratorError(
            f"{api.spec_path}: {operation['operationId']}: the 200 schema names no component"
        )
    component = _resolve(api, _schema_ref(name))
    members = component.get("anyOf") or component.get("oneOf")
    if POLLING_MARK in operation and table.unwrap_single_item_array and isinstance(members, list):
        single = next((_ref_name(m) for m in members if _ref_name(m) is not None), None)
        name = single or name
    return name


def _examples(api: ApiDescription, operation: Mapping[str, Any], *, unwrap: bool) -> list[tuple[str, Any]]:
    """The 200 examples of ``operation`` in spec order; a list example stands for its first item."""
    media = operation["responses"]["200"]["content"]["application/json"]
    found: list[tuple[str, Any]] = []
    for name, example in (media.get("examples") or {}).items():
        found.append((str(name), _resolve(api, example).get("value")))
    if "example" in media:
        found.append(("example", media["example"]))
    return [
        (name, _first_items(value[0] if unwrap and isinstance(value, list) and value else value))
        for name, value in found
        if isinstance(value, Mapping) or (isinstance(value, list) and value and isinstance(value[0], Mapping))
    ]


def _first_items(value: Any) -> Any:
    """``value`` with every nested array cut to its first item: enough to start a valid body from, and it
    keeps the examples (CPP's six steps) from weighing on the wheel."""
    if isinstance(value, Mapping):
        return {key: _first_items(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_first_items(item) for item in value[:1]]
    return value


def _status_examples(
    api: ApiDescription, operation: Mapping[str, Any], table: PollingTable
) -> tuple[tuple[tuple[str, Any], ...], tuple[tuple[str, str], ...]]:
    """The examples the emulator starts each state's body from, and state -> example name.

    Per state, the fullest example whose status maps to it (most members; ties: the first in spec order),
    so a spec can add an example "as the service sends it" beside the docs' trimmed ones.
    """
    examples = _examples(api, operation, unwrap=True)
    if not examples:
        return (), ()
    states = dict(table.states)
    by_state: dict[str, tuple[int, str]] = {}
    for name, value in examples:
        raw = _at_pointer(value, table.status_pointer)
        state = states.get(raw.casefold()) if isinstance(raw, str) else None
        if state is not None and len(value) > by_state.get(state, (-1, ""))[0]:
            by_state[state] = (len(value), name)
    chosen_by_state = {state: name for state, (_size, name) in by_state.items()}
    # A state no example shows starts from its neighbour's: not_started from running's, canceled from
    # failed's (an API without a canceled state reports a canceled operation as failed); else the first.
    first = examples[0][0]
    fallback = {state: first for state in _STATES}
    fallback["not_started"] = chosen_by_state.get("running", first)
    fallback["canceled"] = chosen_by_state.get("failed", first)
    chosen = {state: chosen_by_state.get(state, fallback[state]) for state in _STATES}
    used = set(chosen.values())
    return (
        tuple((name, value) for name, value in examples if name in used),
        tuple(sorted(chosen.items())),
    )


_STATES: Final = ("not_started", "running", "succeeded", "failed", "canceled")


def _at_pointer(document: Any, pointer: str) -> Any:
    target = document
    for part in pointer.lstrip("/").split("/"):
        key = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(target, Mapping) or key not in target:
            return None
        target = target[key]
    return target


def _properties(api: ApiDescription, schema: Any) -> Mapping[str, Any]:
    """Declared properties of ``schema``, its ``allOf`` parts included."""
    resolved = _resolve(api, schema)
    found: dict[str, Any] = {}
    for part in [
        *(resolved.get("anyOf") or []),
        *(resolved.get("oneOf") or []),
        *(resolved.get("allOf") or []),
    ]:
        found.update(_properties(api, part))
    found.update(resolved.get("properties") or {})
    return found


def _schema_ref(name: str | None) -> Mapping[str, str]:
    return {"$ref": f"#/components/schemas/{name}"} if name else {}
