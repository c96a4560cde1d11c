"""Response bodies of every API, from its description alone; validated by its generated pydantic models.

Each body is first written as a wire-shaped dict, then passed through the API's generated model
(``model_validate`` on the wire names, ``model_dump(by_alias=True, exclude_none=True)``): a spec change
that the emulator does not follow fails loudly here instead of drifting silently. Only the raw status
spelling is written after validation, because its point is to send values the spec's enum may not know.

No API is known by name. A body starts from the spec's own 200 example (:mod:`._examples`: links onto
the emulator, scope members, times), and the description says what the lifecycle changes in it:

* **status** (:func:`status_body`): the fullest example of the snapshot's state
  (``EMULATION.state_examples``); the operation id in ``id``/``name`` and wherever a top-level string
  repeats the example's id (a self link such as Azure DevOps' ``url``; an ARM operation's ``id`` is its
  status path, the resource id ARM sends, literal segments spelled as the example spells them); then,
  where the polling table points: the status, the percent, the steps (each rendered from the example's
  first step item through the step pointers; a :class:`StepView` field without a pointer goes to the
  member of its camelCase name, ``estimated_time_frame`` -> ``estimatedTimeFrame``), the error (the
  lifecycle's raw error body; a plain message where the table reads the message outside the error
  object; else ``code``, ``message`` and whichever of ``target``/``details`` the error schema declares,
  ``EMULATION.error_members``) and the result link once succeeded;
* **list items** (:func:`list_body`): the list route's example, its ``id`` the operation's, its status
  where the example carries the status pointer, else in the members whose example value is a raw status
  (CPP's ``submissionState``);
* **result** (:func:`manifest_body`): the result route's example, its ``id`` the result's (also where a
  top-level string repeats the example's id: a storage path named after it); each field of
  ``Lifecycle.manifest`` sets the member of its camelCase name where the result's schema declares it
  (``sas_token`` -> ``sasToken``; ``blobs`` -> ``blobs``, and ``blobCount`` to their number: a
  ``<name>Count`` member counts the array ``<name>s`` beside it). A result is created when its operation
  ends, so its date-times read as the operation's last change;
* **errors** (:func:`error_envelope`): the API's envelope, ``x-opstatus-error-envelope`` where declared.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from ._apis import ApiProfile, RouteSpec
from ._clock import Clock
from ._envelope import fill_required, listed_code, pointer_envelope
from ._examples import (
    Moments,
    at_pointer,
    camel,
    drop_pointer,
    naive_members,
    set_pointer,
    stamp_times,
    start_from,
)
from ._lifecycle import ErrorSpec, Snapshot
from ._records import EmulatedOperation
from ._steps import render_steps

__all__ = [
    "error_envelope",
    "list_body",
    "manifest_body",
    "manifest_id_for",
    "status_body",
]

_DEFAULT_ERRORS = {
    "failed": ErrorSpec(code="OperationFailed", message="The operation failed."),
    "canceled": ErrorSpec(code="OperationCanceled", message="The operation was canceled."),
}


def _wire(model: type[BaseModel], data: Any) -> dict[str, Any]:
    result: dict[str, Any] = model.model_validate(data).model_dump(
        mode="json", by_alias=True, exclude_none=True
    )
    return result


def manifest_id_for(operation_id: str) -> str:
    """A result id that differs from the operation id, as on the real service, yet is reproducible."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"opstatus-emulator/manifest/{operation_id}"))


def _moments(snap: Snapshot, clock: Clock) -> Moments:
    return {
        "created": clock.datetime_at(snap.created_at),
        "changed": clock.datetime_at(snap.changed_at),
        "ended": clock.datetime_at(snap.ended_at) if snap.ended_at is not None else None,
    }


def _scope(profile: ApiProfile, op: EmulatedOperation) -> dict[str, str]:
    return {name: op.params[name] for name in profile.scope_params if name in op.params}


def _start(profile: ApiProfile, example: Any, op: EmulatedOperation, origin: str | None) -> dict[str, Any]:
    return start_from(
        example if isinstance(example, dict) else {},
        server_url=profile.polling.default_base_url,
        origin=None if origin is None else origin + profile.base_path,
        scope=_scope(profile, op),
    )


# --- status ------------------------------------------------------------------------------------------


def status_body(
    profile: ApiProfile, op: EmulatedOperation, snap: Snapshot, *, clock: Clock, origin: str
) -> Any:
    """The 200 body of a status read of ``op`` as it is at ``snap``."""
    canonical = profile.spellings[snap.state]
    body = _status(profile, op, snap, canonical, clock, origin)
    if snap.status is not None and snap.status != canonical:
        set_pointer(body, profile.status_pointer, snap.status)
    if profile.wraps_in_array and op.lifecycle.array_body:
        return [body]
    return body


def _status(
    profile: ApiProfile, op: EmulatedOperation, snap: Snapshot, status: str, clock: Clock, origin: str
) -> dict[str, Any]:
    emulation, table = profile.emulation, profile.polling
    example = emulation.status_examples.get(emulation.state_examples.get(snap.state, ""), {})
    body = _start(profile, _with_id(example, op.id, emulation.status_id_members), op, origin)
    if emulation.arm_operations and "id" in emulation.status_id_members:
        body["id"] = _arm_resource_id(profile, op, example.get("id"))
    set_pointer(body, profile.status_pointer, status)
    shown = at_pointer(body, table.error_pointer) if table.error_pointer is not None else None
    for pointer in (table.percent_pointer, table.error_pointer, table.result_link_pointer):
        if pointer is not None:
            drop_pointer(body, pointer)
    if table.steps_pointer is not None:
        set_pointer(body, table.steps_pointer, render_steps(profile, snap.steps or (), example))
    naive = (
        naive_members(emulation.status_examples.values()) if op.lifecycle.zone_less_created else frozenset()
    )
    stamp_times(body, _moments(snap, clock), roles=emulation.times, naive=naive, forced=True)
    if table.percent_pointer is not None and snap.percent is not None:
        set_pointer(body, table.percent_pointer, snap.percent)
    if table.error_pointer is not None:
        error = _error(profile, snap)
        given = snap.outcome is not None and snap.outcome.error_body is not None  # the caller's, verbatim
        if isinstance(error, dict) and isinstance(shown, dict) and not given:
            error = {**shown, **error}  # the example's error: its other members stay
        if error is not None:
            set_pointer(body, table.error_pointer, error)
            # what the schema requires beyond code and message (Azure Batch's failureInfo.category),
            # also in a parent the example did not have
            code = str(error.get("code") or snap.state) if isinstance(error, dict) else snap.state
            fill_required(profile.body_model(profile.status_route), body, code=code)
    path = op.manifest_path()
    if table.result_link_pointer is not None and snap.state == "succeeded" and path is not None:
        set_pointer(body, table.result_link_pointer, f"{origin}{path}")
    return _wire(profile.body_model(profile.status_route), body)


def _arm_resource_id(profile: ApiProfile, op: EmulatedOperation, example_id: Any) -> str:
    """The operation's status path with its values: the resource id ARM sends in ``id``. Literal segments
    are spelled as the example's id spells them (``Microsoft.Insights`` where the route says
    ``microsoft.insights``: ARM paths compare case-insensitively)."""
    template = profile.status_route.route.path.strip("/").split("/")
    spelled = example_id.strip("/").split("/") if isinstance(example_id, str) else []
    if len(spelled) != len(template):
        spelled = template
    segments = [
        op.params[segment[1:-1]]
        if segment.startswith("{") and segment.endswith("}")
        else (written if written.casefold() == segment.casefold() else segment)
        for segment, written in zip(template, spelled, strict=True)
    ]
    return "/" + "/".join(segments)


def _error(profile: ApiProfile, snap: Snapshot) -> dict[str, Any] | str | None:
    """What the status body carries at the error pointer at ``snap`` (``None``: no error)."""
    outcome = snap.outcome
    if outcome is None or outcome.state == "succeeded":
        return None
    if outcome.error_body is not None:
        return outcome.error_body
    spec = outcome.error or _DEFAULT_ERRORS[outcome.state]
    table = profile.polling
    # A plain-string error: the message is read at the error itself, or somewhere else entirely
    # (Azure DevOps: error /resultMessage, message /detailedMessage); else an error object.
    message_at, error_at = table.message_pointer, table.error_pointer
    if message_at is not None and error_at is not None and not message_at.startswith(error_at + "/"):
        return spec.message
    emulation = profile.emulation
    return _error_object(spec, emulation.error_members or ("code", "message"), emulation.error_detail_members)


def _error_object(error: ErrorSpec, members: Sequence[str], detail_members: Sequence[str]) -> dict[str, Any]:
    """``code`` and ``message``, and of ``target``/``details`` what the error schema declares."""
    body: dict[str, Any] = {"code": error.code, "message": error.message}
    if "target" in members:
        body["target"] = error.target
    if "details" in members:
        body["details"] = [_detail_object(detail, detail_members) for detail in error.details]
    return body


def _detail_object(error: ErrorSpec, members: Sequence[str]) -> dict[str, Any]:
    """One item of ``details``: only the members its schema declares (Azure Batch's ``{key, value}``
    items declare no code or message, and get none)."""
    body = _error_object(error, members, members)
    return {name: value for name, value in body.items() if name in members}


# --- lists and results --------------------------------------------------------------------------------


def list_body(
    profile: ApiProfile,
    route: RouteSpec,
    items: Sequence[tuple[EmulatedOperation, Snapshot, str]],
    *,
    clock: Clock,
    origin: str | None = None,
) -> list[dict[str, Any]]:
    """A list route's body: one item per operation of the scope."""
    return [_list_item(profile, route, op, snap, status, clock, origin) for op, snap, status in items]


def _list_item(
    profile: ApiProfile,
    route: RouteSpec,
    op: EmulatedOperation,
    snap: Snapshot,
    status: str,
    clock: Clock,
    origin: str | None,
) -> dict[str, Any]:
    example = profile.emulation.examples.get(route.route.operation_id, {})
    body = _start(profile, example, op, origin)
    body["id"] = op.id
    for pointer in _status_members(profile, example):
        set_pointer(body, pointer, status)
    naive = naive_members([example]) if op.lifecycle.zone_less_created else frozenset()
    roles = profile.emulation.times
    stamp_times(body, _moments(snap, clock), roles=roles, naive=naive, forced=False)
    return _wire(profile.body_model(route), body)


def _status_members(profile: ApiProfile, example: Any) -> list[str]:
    """Where a list item carries the status: the status pointer if its example has it, else its members
    whose example value is a raw status (CPP's list sends ``submissionState``); else the pointer."""
    pointer = profile.status_pointer
    if not isinstance(example, dict) or at_pointer(example, pointer) is not None:
        return [pointer]
    states = profile.polling.states
    found = [
        "/" + name.replace("~", "~0").replace("/", "~1")
        for name, value in example.items()
        if isinstance(value, str) and value.casefold() in states
    ]
    return found or [pointer]


def manifest_body(
    profile: ApiProfile, op: EmulatedOperation, snap: Snapshot, *, clock: Clock, origin: str
) -> dict[str, Any]:
    """The result resource (Graph's manifest) a succeeded operation links to."""
    route = profile.result_route
    if route is None:
        raise LookupError(f"{profile.key} has no result route")
    example = profile.emulation.examples.get(route.route.operation_id, {})
    result_id = op.manifest_id or manifest_id_for(op.id)
    body = _start(profile, _with_id(example, result_id), op, origin)
    model = profile.body_model(route)
    declared = {field.alias or name for name, field in model.model_fields.items()}
    given = op.lifecycle.manifest.model_dump(mode="json", exclude={"id"}, exclude_none=True)
    for field, value in given.items():
        member = camel(field)
        if member in declared:
            body[member] = _camel_keys(value)
            count = member.removesuffix("s") + "Count"
            if isinstance(value, list) and member.endswith("s") and count in declared:
                body[count] = len(value)
    ended = clock.datetime_at(snap.changed_at)
    naive = naive_members([example]) if op.lifecycle.zone_less_created else frozenset()
    stamp_times(body, {"changed": ended}, roles={}, naive=naive, forced=False)
    return _wire(model, body)


def _with_id(example: Any, new_id: str, members: tuple[str, ...] = ("id",)) -> dict[str, Any]:
    """``example`` as the resource ``new_id``: in its id ``members``, and wherever a top-level string
    repeats the example's id (a self link, a storage path named after it)."""
    body: dict[str, Any] = dict(example) if isinstance(example, dict) else {}
    for old in {body.get(member) for member in members}:
        if isinstance(old, str) and old:
            body = {key: v.replace(old, new_id) if isinstance(v, str) else v for key, v in body.items()}
    for member in members:
        body[member] = new_id
    return body


def _camel_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {camel(key): _camel_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_camel_keys(item) for item in value]
    return value


# --- errors -------------------------------------------------------------------------------------------


def error_envelope(
    profile: ApiProfile,
    *,
    code: str,
    message: str,
    request_id: str,
    client_request_id: str | None,
    date: datetime,
) -> dict[str, Any]:
    """The API's own error envelope: ``{"error": {code, message}}`` (or flat), with the ``innerError``
    request ids its schema declares (Graph)."""
    emulation = profile.emulation
    pointers = profile.error_pointers
    if pointers is not None:  # the spec's own (flat) shape, x-opstatus-error-envelope
        model = profile.model(emulation.error_envelope) if emulation.error_envelope else None
        return pointer_envelope(model, pointers, code=code, message=message, request_id=request_id)
    error: dict[str, Any] = {"code": code, "message": message}
    inner_values: dict[str, Any] = {
        "request-id": request_id,
        "client-request-id": client_request_id or request_id,
        "date": date,
    }
    if emulation.envelope_inner_error:
        error["innerError"] = {name: inner_values[name] for name in emulation.envelope_inner_error}
    body = {emulation.envelope_member: error} if emulation.envelope_member else error
    if emulation.error_envelope is None:
        return _wire(_PlainEnvelope, body)
    model = profile.model(emulation.error_envelope)
    at = f"/{emulation.envelope_member}/code" if emulation.envelope_member else "/code"
    error["code"] = listed_code(model, at, code)  # a spec whose codes are an enum gets one of them
    return _wire(model, body)


class _PlainEnvelope(BaseModel, extra="allow"):
    """Stands in for the envelope model of an API whose error responses declare no schema."""
