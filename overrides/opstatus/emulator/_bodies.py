"""Response bodies, built and validated by the pydantic models generated from the specs.

Each body is first written as a wire-shaped dict, then passed through the API's generated model
(``model_validate`` on the wire names, ``model_dump(by_alias=True, exclude_none=True)``): a spec change
that the emulator does not follow fails loudly here instead of drifting silently. Only the raw status
spelling is written after validation, because its point is to send values the spec's enum may not know.

**Customisation hook.** Any API is served by the generic renderers (:func:`generic_status`,
:func:`generic_result`, :func:`generic_list_item`), which start from the spec's own 200 examples (the
example whose status maps to the state, else the first; see ``EMULATION`` in the generated ``api.py``)
and set what the polling table points at: the status, the operation id in ``id``/``name``, the percent,
the error for failed/canceled, the result link once succeeded. Where a real service carries more realism
than its examples (CPP's steps, Graph's manifests and zone-less dates, ARM's resource ids), a
specialisation is registered in :data:`RENDERERS` under the API's key; regeneration never touches it, and
an API without an entry gets the generic renderers.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from ._apis import ApiKey, ApiProfile, RouteSpec
from ._clock import Clock
from ._envelope import fill_required, listed_code, pointer_envelope
from ._lifecycle import ErrorSpec, Snapshot, StepView
from ._records import EmulatedOperation

__all__ = [
    "RENDERERS",
    "Renderers",
    "error_envelope",
    "generic_list_item",
    "generic_result",
    "generic_status",
    "list_body",
    "manifest_body",
    "manifest_id_for",
    "status_body",
]

StatusRenderer = Callable[[ApiProfile, EmulatedOperation, Snapshot, str, Clock, str], dict[str, Any]]
"""(profile, operation, snapshot, raw status, clock, origin) -> the validated wire body of a status read."""
ResultRenderer = Callable[[ApiProfile, EmulatedOperation, Snapshot, str, Clock, str], dict[str, Any]]
"""(profile, operation, snapshot, result id, clock, origin) -> the body of the result route."""
ListItemRenderer = Callable[[ApiProfile, RouteSpec, EmulatedOperation, Snapshot, str, Clock], dict[str, Any]]
"""(profile, list route, operation, snapshot, raw status, clock) -> one item of that list route."""
_DEFAULT_ERRORS = {
    "failed": ErrorSpec(code="OperationFailed", message="The operation failed."),
    "canceled": ErrorSpec(code="OperationCanceled", message="The operation was canceled."),
}


def _wire(model: type[BaseModel], data: Any) -> dict[str, Any]:
    result: dict[str, Any] = model.model_validate(data).model_dump(
        mode="json", by_alias=True, exclude_none=True
    )
    return result


def _tokens(pointer: str) -> list[str]:
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.lstrip("/").split("/")]


def _set_pointer(document: dict[str, Any], pointer: str, value: Any) -> None:
    """Set ``value`` at an RFC 6901 pointer into nested objects (the status pointer of a polling table)."""
    *parents, last = _tokens(pointer)
    target = document
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value


def _get_pointer(document: Any, pointer: str) -> Any:
    for part in _tokens(pointer):
        document = document.get(part) if isinstance(document, dict) else None
    return document


def _dict(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def _drop_pointer(document: dict[str, Any], pointer: str) -> None:
    *parents, last = _tokens(pointer)
    target: Any = document
    for part in parents:
        target = target.get(part) if isinstance(target, dict) else None
    if isinstance(target, dict):
        target.pop(last, None)


def manifest_id_for(operation_id: str) -> str:
    """A manifest id that differs from the operation id, as on the real service, yet is reproducible."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"opstatus-emulator/manifest/{operation_id}"))


def status_body(
    profile: ApiProfile, op: EmulatedOperation, snap: Snapshot, *, clock: Clock, origin: str
) -> Any:
    """The 200 body of a status read of ``op`` as it is at ``snap``."""
    canonical = profile.spellings[snap.state]
    render = _renderers(profile.key).status
    body = render(profile, op, snap, canonical, clock, origin)
    if snap.status is not None and snap.status != canonical:
        _set_pointer(body, profile.status_pointer, snap.status)
    if profile.wraps_in_array and op.lifecycle.array_body:
        return [body]
    return body


def _error_of(snap: Snapshot) -> tuple[ErrorSpec | None, dict[str, Any] | str | None]:
    outcome = snap.outcome
    if outcome is None or outcome.state == "succeeded":
        return None, None
    if outcome.error_body is not None:
        return None, outcome.error_body
    return outcome.error or _DEFAULT_ERRORS[outcome.state], None


# --- the generic renderers: any API, from its spec's examples --------------------------------------------


def generic_status(
    profile: ApiProfile, op: EmulatedOperation, snap: Snapshot, status: str, clock: Clock, origin: str
) -> dict[str, Any]:
    """A status body for any API: the spec's example for the state, with the polled members set.

    The error is the lifecycle's raw error body, else its message where the polling table reads the
    message at the error pointer itself or outside it (a plain-string error), else ``{code,
    message}``. Timestamps and
    other members stay as the example has them; steps are not rendered.
    """
    emulation, table = profile.emulation, profile.polling
    example = emulation.status_examples.get(emulation.state_examples.get(snap.state, ""), {})
    body: dict[str, Any] = copy.deepcopy(dict(example))
    for member in emulation.status_id_members:
        body[member] = op.id
    _set_pointer(body, profile.status_pointer, status)
    if table.percent_pointer is not None:
        _drop_pointer(body, table.percent_pointer)
        if snap.percent is not None:
            _set_pointer(body, table.percent_pointer, snap.percent)
    if table.error_pointer is not None:
        shown = _get_pointer(body, table.error_pointer)  # the example's own error: its other members stay
        _drop_pointer(body, table.error_pointer)
        spec, raw = _error_of(snap)
        if raw is not None:
            _set_pointer(body, table.error_pointer, raw)
        elif spec is not None:
            # A plain-string error: the message is read at the error itself, or somewhere else entirely
            # (Azure DevOps: error /resultMessage, message /detailedMessage); else {code, message}.
            message_at = table.message_pointer
            plain = message_at is not None and not message_at.startswith(table.error_pointer + "/")
            error = spec.message if plain else {**_dict(shown), "code": spec.code, "message": spec.message}
            _set_pointer(body, table.error_pointer, error)
            fill_required(profile.body_model(profile.status_route), body, code=spec.code)
    if table.result_link_pointer is not None:
        _drop_pointer(body, table.result_link_pointer)
        path = op.manifest_path()
        if snap.state == "succeeded" and path is not None:
            _set_pointer(body, table.result_link_pointer, f"{origin}{path}")
    return _wire(profile.body_model(profile.status_route), body)


def generic_result(
    profile: ApiProfile, op: EmulatedOperation, snap: Snapshot, result_id: str, clock: Clock, origin: str
) -> dict[str, Any]:
    """The result route's body for any API: the spec's first example of it, its ``id`` set."""
    route = profile.result_route
    if route is None:
        raise LookupError(f"{profile.key} has no result route")
    body = copy.deepcopy(dict(profile.emulation.examples.get(route.route.operation_id, {})))
    body["id"] = result_id
    return _wire(profile.body_model(route), body)


def generic_list_item(
    profile: ApiProfile, route: RouteSpec, op: EmulatedOperation, snap: Snapshot, status: str, clock: Clock
) -> dict[str, Any]:
    """One item of ``route`` for any API: the spec's first example item with the id and status set."""
    body = copy.deepcopy(dict(profile.emulation.examples.get(route.route.operation_id, {})))
    body["id"] = op.id
    _set_pointer(body, profile.status_pointer, status)
    return _wire(profile.body_model(route), body)


# --- specialisations: realism the examples do not carry ---------------------------------------------------


def _arm_error(error: ErrorSpec) -> dict[str, Any]:
    return {
        "code": error.code,
        "message": error.message,
        "details": [_arm_error(detail) for detail in error.details],
    }


def _monitor(
    profile: ApiProfile, op: EmulatedOperation, snap: Snapshot, status: str, clock: Clock, origin: str
) -> dict[str, Any]:
    """ARM: the operation's full resource id in ``id``, start and end times, percentComplete."""
    spec, raw = _error_of(snap)
    body = {
        "id": (
            f"/subscriptions/{op.params['subscriptionId']}/resourceGroups/{op.params['resourceGroupName']}"
            f"/providers/Microsoft.Insights/privateLinkScopeOperationStatuses/{op.id}"
        ),
        "name": op.id,
        "status": status,
        "startTime": clock.datetime_at(snap.created_at),
        "endTime": clock.datetime_at(snap.ended_at) if snap.ended_at is not None else None,
        "percentComplete": snap.percent,
        "error": raw if raw is not None else (_arm_error(spec) if spec else None),
    }
    return _wire(profile.model("OperationStatus"), body)


def _cpp_steps(steps: Sequence[StepView], at: datetime) -> list[dict[str, Any]]:
    return [
        {
            "id": step.id,
            "stepName": step.name,
            "description": step.description,
            "estimatedTimeFrame": step.estimated_time_frame,
            "status": step.status,
            "messages": [
                {"messageHtml": message.text, "level": message.level, "timestamp": at}
                for message in step.messages
            ],
            "progressPercentage": step.progress,
        }
        for step in steps
    ]


def _partner_portal(
    profile: ApiProfile, op: EmulatedOperation, snap: Snapshot, status: str, clock: Clock, origin: str
) -> dict[str, Any]:
    """CPP: the steps a publish walks through, with their messages and progress."""
    spec, raw = _error_of(snap)
    changed = clock.datetime_at(snap.changed_at)
    body = {
        "id": op.id,
        "submissionType": "publish",
        "createdDateTime": clock.datetime_at(snap.created_at),
        "lastActionDateTime": changed,
        "status": status,
        "error": raw if raw is not None else (spec.message if spec else None),
        "messages": [],
        "publishingVersion": 2,
        "offerVersion": 1,
        "cancellationRequestState": "cannotCancel" if snap.terminal else "canCancel",
        "steps": _cpp_steps(snap.steps or (), changed),
        "previewLinks": [],
        "liveLinks": [],
    }
    return _wire(profile.model("Operation"), body)


def _cpp_summary(
    profile: ApiProfile, route: RouteSpec, op: EmulatedOperation, snap: Snapshot, status: str, clock: Clock
) -> dict[str, Any]:
    """CPP's operations list: one summary per operation, with ``submissionState`` as the docs show it."""
    summary = {
        "id": op.id,
        "offerId": op.params["offerId"],
        "offerVersion": 1,
        "offerTypeId": "microsoft-azure-virtualmachines",
        "publisherId": op.params["publisherId"],
        "submissionType": "publish",
        "submissionState": status,
        "publishingVersion": 2,
        "slot": "staging",
        "changedTime": clock.datetime_at(snap.changed_at),
    }
    return _wire(profile.model("OperationSummary"), summary)


def _graph_error(error: ErrorSpec) -> dict[str, Any]:
    return {
        "code": error.code,
        "message": error.message,
        "target": error.target,
        "details": [{"code": d.code, "message": d.message, "target": d.target} for d in error.details],
    }


def _graph_billing(
    profile: ApiProfile, op: EmulatedOperation, snap: Snapshot, status: str, clock: Clock, origin: str
) -> dict[str, Any]:
    """Graph: the ``@odata.type`` per state, a zone-less ``createdDateTime`` as the docs show, the link.

    The ``@odata.type`` of each state is the spec's (its union's discriminator, per state's example)."""
    spec, raw = _error_of(snap)
    emulation = profile.emulation
    created = clock.datetime_at(snap.created_at)
    body: dict[str, Any] = {
        "@odata.context": f"{origin}{profile.base_path}/$metadata#reports/partners/billing/operations"
        "/$entity",
        "id": op.id,
        "status": status,
        "createdDateTime": created.replace(tzinfo=None) if op.lifecycle.zone_less_created else created,
        "lastActionDateTime": clock.datetime_at(snap.changed_at),
    }
    if emulation.discriminator is not None:
        body[emulation.discriminator] = emulation.discriminator_values[snap.state]
    if snap.state == "succeeded" and op.manifest_path() is not None:
        body["resourceLocation@odata.navigationLink"] = f"{origin}{op.manifest_path()}"
    if snap.state in ("failed", "canceled"):
        body["error"] = raw if raw is not None else _graph_error(spec or _DEFAULT_ERRORS["failed"])
    return _wire(profile.model("Operation"), body)


def _graph_manifest(
    profile: ApiProfile, op: EmulatedOperation, snap: Snapshot, manifest_id: str, clock: Clock, origin: str
) -> dict[str, Any]:
    """Graph: the manifest of a succeeded export, from the lifecycle's :class:`ManifestSpec`."""
    spec = op.lifecycle.manifest
    body = {
        "@odata.context": f"{origin}{profile.base_path}/$metadata#reports/partners/billing/manifests/$entity",
        "@odata.type": "#microsoft.graph.partners.billing.manifest",
        "id": manifest_id,
        "schemaVersion": spec.schema_version,
        "dataFormat": spec.data_format,
        "createdDateTime": clock.datetime_at(snap.changed_at),
        "eTag": f'W/"{uuid.uuid5(uuid.NAMESPACE_URL, manifest_id).hex[:15].upper()}"',
        "partnerTenantId": spec.partner_tenant_id,
        "rootDirectory": spec.root_directory
        or f"https://emulator.blob.core.windows.net/exports/{manifest_id}",
        "sasToken": spec.sas_token,
        "partitionType": spec.partition_type,
        "blobCount": len(spec.blobs),
        "blobs": [{"name": blob.name, "partitionValue": blob.partition_value} for blob in spec.blobs],
    }
    return _wire(profile.model("Manifest"), body)


@dataclass(frozen=True, slots=True)
class Renderers:
    """How one API's bodies are built; each renderer left out is the generic one."""

    status: StatusRenderer = generic_status
    result: ResultRenderer = generic_result
    list_item: ListItemRenderer = generic_list_item


RENDERERS: Mapping[ApiKey, Renderers] = {
    "monitor": Renderers(status=_monitor),
    "partner_portal": Renderers(status=_partner_portal, list_item=_cpp_summary),
    "graph_billing": Renderers(status=_graph_billing, result=_graph_manifest),
}
"""The customisation hook: specialised renderers by API key (see the module docstring)."""

_GENERIC = Renderers()


def _renderers(key: ApiKey) -> Renderers:
    return RENDERERS.get(key, _GENERIC)


def list_body(
    profile: ApiProfile,
    route: RouteSpec,
    items: Sequence[tuple[EmulatedOperation, Snapshot, str]],
    *,
    clock: Clock,
) -> list[dict[str, Any]]:
    """A list route's body: one item per operation of the scope."""
    render = _renderers(profile.key).list_item
    return [render(profile, route, op, snap, status, clock) for op, snap, status in items]


def manifest_body(
    profile: ApiProfile, op: EmulatedOperation, snap: Snapshot, *, clock: Clock, origin: str
) -> dict[str, Any]:
    """The result resource (Graph's manifest) a succeeded operation links to."""
    manifest_id = op.manifest_id or manifest_id_for(op.id)
    return _renderers(profile.key).result(profile, op, snap, manifest_id, clock, origin)


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
    error["code"] = listed_code(
        model, f"/{emulation.envelope_member}/code" if emulation.envelope_member else "/code", code
    )
    return _wire(model, body)


class _PlainEnvelope(BaseModel, extra="allow"):
    """Stands in for the envelope model of an API whose error responses declare no schema."""
