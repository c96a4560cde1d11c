"""ARM's long-running-operation protocol for any resource provider, over the emulator's ARM operations.

An ARM API (``EMULATION.arm_operations``: its status path is an ARM resource id; today ``monitor``)
serves one provider's status endpoint. Real ARM hands out two other kinds of URL for every provider, and
clients (azure-core, ``az``, opstatus' :class:`ArmClient`) must wait on both; this module serves them for
every emulated operation of an ARM API, so one lifecycle, fault plan and clock drive all three views of
it. What the answers say is :data:`opstatus._arm_protocol.ARM`, the trait ``ArmClient`` reads too: its
status vocabulary, its header names, its running code and which error answer is the operation's failure.

``GET /subscriptions/{s}/providers/{Namespace}/locations/{location}/operationStatuses/{id}``
    the ``Azure-AsyncOperation`` URL: ``200`` with ARM's status body (``id``, ``name``, ``status``,
    ``startTime``, ``endTime``, ``percentComplete``, ``error``), ``Retry-After`` while running.
``GET /subscriptions/{s}/providers/{Namespace}/locations/{location}/operationResults/{id}``
    the ``Location`` URL: ``202`` with an empty body, ``Retry-After`` and ``Location`` (itself) while
    running; once succeeded ``200`` with the final resource, or ``204`` when the lifecycle says
    ``location_result="none"``; once failed or canceled ``400`` with ARM's error envelope holding the
    operation's error (ARM: "the Location URL answers as the original request would have failed").
``POST /subscriptions/{s}/providers/{Namespace}/locations/{location}/operations/{id}/begin``
    emulator-only: the ``202 Accepted`` an ARM action answers with, carrying ``Azure-AsyncOperation``
    and/or ``Location`` (``?lro=azure-async-operation|location|both``, default ``both``) and
    ``Retry-After``. It starts nothing (the operation runs from its creation); it exists so that
    clients which begin from an initial response, as azure-core's ``LROPoller`` does, can be tested
    against the same answers.

``{Namespace}`` and ``{location}`` are free (any provider, any region), the subscription must be the
operation's own. Each needs an ``api-version`` (any value, as each provider has its own). The checks and
faults are those of every emulated endpoint (:class:`ApiHandler`); only routing and the answers differ.
"""

from __future__ import annotations

from typing import Any, Final, Literal
from urllib.parse import parse_qsl, quote

from .._arm_protocol import ARM
from ._api import _FAULTS_ON_THE_NORMAL_ANSWER, ApiHandler, _Match, _origin, _Request, _same_scope
from ._apis import PROFILES, ApiProfile, ParamRule, RouteSpec
from ._bodies import status_body
from ._emulator import Emulator
from ._faults import InjectedFault
from ._records import EmulatedOperation
from ._wire import Reply

__all__ = ["ARM_API_VERSION", "ARM_PROFILES", "ArmHandler", "arm_urls"]

ARM_API_VERSION: Final = "2024-03-01"
"""The api-version the emulator writes into the URLs it hands out (any value is accepted)."""

_Kind = Literal["status", "result", "begin"]
_ID = "asyncOperationId"
_BASE = "/subscriptions/{subscriptionId}/providers/{namespace}/locations/{location}"
_TEMPLATES: Final[dict[_Kind, str]] = {
    "status": _BASE + "/operationStatuses/{asyncOperationId}",
    "result": _BASE + "/operationResults/{asyncOperationId}",
    "begin": _BASE + "/operations/{asyncOperationId}/begin",
}
_RULES = (
    ParamRule("subscriptionId"),
    ParamRule("namespace", max_length=100, pattern=r"^[A-Za-z][A-Za-z0-9.]*$"),
    ParamRule("location", max_length=64, pattern=r"^[A-Za-z0-9-]+$"),
    ParamRule(_ID),
)
ARM_PROFILES: Final[tuple[ApiProfile, ...]] = tuple(
    profile for profile in PROFILES.values() if profile.emulation.arm_operations
)
"""The APIs whose operations are ARM operations (generated: ``EMULATION.arm_operations``)."""
_ARM_ROUTES: Final = {
    # Each is served as the ARM API's status route (the operation id is the last parameter of both):
    # the same operation, reached by ARM's own URL shapes.
    profile.key: {
        kind: RouteSpec(kind="status", template=t, params=_RULES, query=(), route=profile.status_route.route)
        for kind, t in _TEMPLATES.items()
    }
    for profile in ARM_PROFILES
}
_FAILED_ANSWER: Final = 400
"""What a failed or canceled operation's ``Location`` URL answers: a 4xx ARM's protocol reads as the
operation's failure (not one of ``ARM.read_failures``)."""
assert ARM.operation_failed(http_status=_FAILED_ANSWER, previous_http_status=ARM.running_code)
_LRO_HEADERS: Final = {"azure-async-operation", "location", "both"}


def arm_urls(
    op: EmulatedOperation, *, origin: str, namespace: str = "Microsoft.Compute", location: str = "westus"
) -> dict[str, str]:
    """The ``Azure-AsyncOperation``, ``Location`` and ``begin`` URLs of an emulated ARM operation."""
    if op.api not in _ARM_ROUTES:
        arm = ", ".join(_ARM_ROUTES) or "none"
        raise ValueError(f"only ARM operations ({arm}) have ARM URLs, not {op.api!r} ones")
    values = {"subscriptionId": op.params["subscriptionId"], "namespace": namespace, "location": location}
    values[_ID] = op.id
    urls: dict[str, str] = {}
    for kind, template in _TEMPLATES.items():
        path = template
        for name, value in values.items():
            path = path.replace("{" + name + "}", quote(value, safe=""))
        urls[kind] = f"{origin.rstrip('/')}{path}?api-version={ARM_API_VERSION}"
    return {
        "azure_async_operation": urls["status"],
        "location": urls["result"],
        "begin": urls["begin"],
    }


class ArmHandler(ApiHandler):
    """Serves the routes above; :class:`EmulatorApp` sends a request here when :meth:`serves` says so."""

    def __init__(self, emulator: Emulator) -> None:
        super().__init__(emulator)

    def serves(self, raw_path: str) -> bool:
        return self._match(raw_path) is not None

    def _match(self, raw_path: str) -> _Match | None:
        segments = raw_path.split("?", 1)[0].lstrip("/").split("/")
        for profile in ARM_PROFILES:
            for route in _ARM_ROUTES[profile.key].values():
                params = route.match(segments)
                if params is not None:
                    return _Match(profile, route, params)
        return None

    def _respond(
        self, request: _Request, match: _Match | None, profile: Any, fault: InjectedFault | None
    ) -> Reply:
        if match is None:  # pragma: no cover - serves() routed the request here
            return self._error(request, ARM_PROFILES[0], 404, "not_found", name="resource", id=request.path)
        api = match.profile
        kind = _kind_of(match)
        method = "POST" if kind == "begin" else "GET"
        if request.method != method:
            reply = self._error(request, api, 405, "method_not_allowed", value=request.method)
            reply.headers.append(("Allow", method))
            return reply
        if fault is not None and fault.kind not in _FAULTS_ON_THE_NORMAL_ANSWER:
            return self._fault_reply(request, api, fault)
        problem = self._auth_problem(request)
        if problem is not None:
            return self._error(request, api, 401, problem, name="Authorization")
        query = parse_qsl(request.query, keep_blank_values=True)
        if not [value for key, value in query if key == "api-version" and value]:
            return self._error(request, api, 400, "api_version_missing")
        for rule in _RULES:
            reason = rule.problem(match.params[rule.name])
            if reason is not None:
                value = match.params[rule.name]
                return self._error(
                    request, api, 400, "bad_parameter", name=rule.name, value=value, reason=reason
                )
        op = self._emulator.find_operation(api.key, match.params[_ID])
        if op is None or not _same_scope(api, op, match.params):
            return self._error(request, api, 404, "not_found", name="operation", id=match.params[_ID])
        if kind == "begin":
            return self._begin(request, op, match, dict(query).get("lro", "both"))
        if kind == "status":
            return self._arm_status(request, op, match)
        return self._result(request, op, match)

    def _begin(self, request: _Request, op: EmulatedOperation, match: _Match, lro: str) -> Reply:
        api = match.profile
        if lro not in _LRO_HEADERS:
            return self._error(
                request,
                api,
                400,
                "bad_parameter",
                name="lro",
                value=lro,
                reason="is not " + "|".join(sorted(_LRO_HEADERS)),
            )
        urls = arm_urls(
            op,
            origin=_origin(request),
            namespace=match.params["namespace"],
            location=match.params["location"],
        )
        reply = Reply(status=ARM.running_code, headers=self._base_headers(request, api), content_type=None)
        if lro in ("azure-async-operation", "both"):
            reply.headers.append((ARM.status_header, urls["azure_async_operation"]))
        if lro in ("location", "both"):
            reply.headers.append((ARM.result_header, urls["location"]))
        reply.headers.append(("Retry-After", str(self._emulator.default_retry_after)))
        return reply

    def _arm_status(self, request: _Request, op: EmulatedOperation, match: _Match) -> Reply:
        emulator, api = self._emulator, match.profile
        snap = emulator.snapshot(op)
        body = status_body(api, op, snap, clock=emulator.clock, origin=_origin(request))
        body["id"] = request.path.split("?", 1)[0]
        # ARM's word for the state (ARM's vocabulary), unless the lifecycle gave its own (Provisioning)
        body[ARM.table.status_pointer.lstrip("/")] = snap.status or ARM.spelling(snap.state)
        reply = self._json(request, api, 200, body)
        retry_after = self._retry_after(api, op, snap)
        if retry_after is not None:
            reply.headers.append(("Retry-After", str(retry_after)))
        self._tick()
        return reply

    def _result(self, request: _Request, op: EmulatedOperation, match: _Match) -> Reply:
        emulator, api = self._emulator, match.profile
        snap = emulator.snapshot(op)
        self._tick()
        if not snap.terminal:
            reply = Reply(
                status=ARM.running_code, headers=self._base_headers(request, api), content_type=None
            )
            url = f"{_origin(request)}{request.path}" + (f"?{request.query}" if request.query else "")
            reply.headers.append((ARM.result_header, url))
            retry_after = self._retry_after(api, op, snap)
            if retry_after is not None:
                reply.headers.append(("Retry-After", str(retry_after)))
            return reply
        if snap.state == "succeeded":
            if op.lifecycle.location_result == "none":
                return Reply(status=204, headers=self._base_headers(request, api), content_type=None)
            return self._json(request, api, 200, _final_resource(op, match))
        body = status_body(api, op, snap, clock=emulator.clock, origin=_origin(request))
        error = body.get("error") or {
            "code": "OperationFailed",
            "message": f"The operation was {snap.state}.",
        }
        return self._json(request, api, _FAILED_ANSWER, {"error": error})


def _kind_of(match: _Match) -> _Kind:
    return next(kind for kind, known in _ARM_ROUTES[match.profile.key].items() if known is match.route)


def _final_resource(op: EmulatedOperation, match: _Match) -> dict[str, Any]:
    """The resource a succeeded operation leaves behind (what a ``Location`` URL's 200 carries)."""
    namespace = match.params["namespace"]
    group = op.params.get("resourceGroupName")  # ARM's common parameter names (common-types)
    scope = f"/subscriptions/{op.params['subscriptionId']}" + (f"/resourceGroups/{group}" if group else "")
    return {
        "id": f"{scope}/providers/{namespace}/emulatedResources/{op.id}",
        "name": op.id,
        "type": f"{namespace}/emulatedResources",
        "location": match.params["location"],
        "properties": {"provisioningState": "Succeeded"},
    }
