"""Response bodies, built and validated by the pydantic models generated from the specs.

Each body is first written as a wire-shaped dict, then passed through the API's generated model
(``model_validate`` on the wire names, ``model_dump(by_alias=True, exclude_none=True)``): a spec change
that the emulator does not follow fails loudly here instead of drifting silently. Only the raw status
spelling is written after validation, because its point is to send values the spec's enum may not know.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from opstatus._generated.graph_billing import emulator_models as _graph
from opstatus._generated.monitor import emulator_models as _arm
from opstatus._generated.partner_portal import emulator_models as _cpp

from ._apis import ApiKey, ApiProfile
from ._clock import Clock
from ._lifecycle import ErrorSpec, Snapshot, StepView
from ._records import EmulatedOperation

__all__ = ["error_envelope", "list_body", "manifest_body", "manifest_id_for", "status_body"]

_ENVELOPES: Mapping[ApiKey, type[BaseModel]] = {
    "monitor": _arm.CloudError,
    "partner_portal": _cpp.ErrorResponse,
    "graph_billing": _graph.ODataError,
}

_DEFAULT_ERRORS = {
    "failed": ErrorSpec(code="OperationFailed", message="The operation failed."),
    "canceled": ErrorSpec(code="OperationCanceled", message="The operation was canceled."),
}

_GRAPH_TYPES = {
    "not_started": "#microsoft.graph.partners.billing.runningOperation",
    "running": "#microsoft.graph.partners.billing.runningOperation",
    "succeeded": "#microsoft.graph.partners.billing.exportSuccessOperation",
    "failed": "#microsoft.graph.partners.billing.failedOperation",
    "canceled": "#microsoft.graph.partners.billing.failedOperation",
}


def _wire(model: type[BaseModel], data: Any) -> Any:
    return model.model_validate(data).model_dump(mode="json", by_alias=True, exclude_none=True)


def _set_pointer(document: dict[str, Any], pointer: str, value: str) -> None:
    """Set ``value`` at an RFC 6901 pointer into nested objects (the status pointer of a polling table)."""
    *parents, last = [part.replace("~1", "/").replace("~0", "~") for part in pointer.lstrip("/").split("/")]
    target = document
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value


def manifest_id_for(operation_id: str) -> str:
    """A manifest id that differs from the operation id, as on the real service, yet is reproducible."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"opstatus-emulator/manifest/{operation_id}"))


def status_body(
    profile: ApiProfile, op: EmulatedOperation, snap: Snapshot, *, clock: Clock, origin: str
) -> Any:
    """The 200 body of a status read of ``op`` as it is at ``snap``."""
    canonical = profile.spellings[snap.state]
    render = _RENDERERS[profile.key]
    body: dict[str, Any] = render(op, snap, canonical, clock, origin)
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


def _arm_error(error: ErrorSpec) -> dict[str, Any]:
    return {
        "code": error.code,
        "message": error.message,
        "details": [_arm_error(detail) for detail in error.details],
    }


def _monitor(op: EmulatedOperation, snap: Snapshot, status: str, clock: Clock, origin: str) -> dict[str, Any]:
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
    result: dict[str, Any] = _wire(_arm.OperationStatus, body)
    return result


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
    op: EmulatedOperation, snap: Snapshot, status: str, clock: Clock, origin: str
) -> dict[str, Any]:
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
    result: dict[str, Any] = _wire(_cpp.Operation, body)
    return result


def _graph_error(error: ErrorSpec) -> dict[str, Any]:
    return {
        "code": error.code,
        "message": error.message,
        "target": error.target,
        "details": [{"code": d.code, "message": d.message, "target": d.target} for d in error.details],
    }


def _graph_billing(
    op: EmulatedOperation, snap: Snapshot, status: str, clock: Clock, origin: str
) -> dict[str, Any]:
    spec, raw = _error_of(snap)
    created = clock.datetime_at(snap.created_at)
    body: dict[str, Any] = {
        "@odata.context": f"{origin}/v1.0/$metadata#reports/partners/billing/operations/$entity",
        "@odata.type": _GRAPH_TYPES[snap.state],
        "id": op.id,
        "status": status,
        "createdDateTime": created.replace(tzinfo=None) if op.lifecycle.zone_less_created else created,
        "lastActionDateTime": clock.datetime_at(snap.changed_at),
    }
    if snap.state == "succeeded" and op.manifest_path() is not None:
        body["resourceLocation@odata.navigationLink"] = f"{origin}{op.manifest_path()}"
    if snap.state in ("failed", "canceled"):
        body["error"] = raw if raw is not None else _graph_error(spec or _DEFAULT_ERRORS["failed"])
    result: dict[str, Any] = _wire(_graph.Operation, body)
    return result


_RENDERERS = {
    "monitor": _monitor,
    "partner_portal": _partner_portal,
    "graph_billing": _graph_billing,
}


def list_body(
    items: Sequence[tuple[EmulatedOperation, Snapshot, str]], *, clock: Clock
) -> list[dict[str, Any]]:
    """CPP's operations list: one summary per operation, with ``submissionState`` as the docs show it."""
    summaries = []
    for op, snap, status in items:
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
        summaries.append(_wire(_cpp.OperationSummary, summary))
    return summaries


def manifest_body(op: EmulatedOperation, snap: Snapshot, *, clock: Clock, origin: str) -> dict[str, Any]:
    """The manifest of a succeeded Graph export."""
    spec = op.lifecycle.manifest
    manifest_id = op.manifest_id or manifest_id_for(op.id)
    body = {
        "@odata.context": f"{origin}/v1.0/$metadata#reports/partners/billing/manifests/$entity",
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
    result: dict[str, Any] = _wire(_graph.Manifest, body)
    return result


def error_envelope(
    profile: ApiProfile,
    *,
    code: str,
    message: str,
    request_id: str,
    client_request_id: str | None,
    date: datetime,
) -> dict[str, Any]:
    """The API's own error envelope: ARM/CPP ``{"error": {code, message}}``, Graph adds ``innerError``."""
    error: dict[str, Any] = {"code": code, "message": message}
    if profile.envelope_has_request_ids:
        error["innerError"] = {
            "request-id": request_id,
            "client-request-id": client_request_id or request_id,
            "date": date,
        }
    result: dict[str, Any] = _wire(_ENVELOPES[profile.key], {"error": error})
    return result
