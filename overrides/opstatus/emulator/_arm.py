"""ARM's long-running-operation protocol for any resource provider, over the emulator's ARM operations.

The ``monitor`` API serves one provider's status endpoint. Real ARM hands out two other kinds of URL
for every provider, and clients (azure-core, ``az``, opstatus' :class:`ArmClient`) must wait on both;
this module serves them for every emulated ``monitor`` operation, so one lifecycle, fault plan and
clock drive all three views of it:

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

from ._api import _FAULTS_ON_THE_NORMAL_ANSWER, ApiHandler, _Match, _origin, _Request, _same_scope
from ._apis import PROFILES, ParamRule, RouteSpec
from ._bodies import status_body
from ._emulator import Emulator
from ._faults import InjectedFault
from ._records import EmulatedOperation
from ._wire import Reply

__all__ = ["ARM_API_VERSION", "ArmHandler", "arm_urls"]

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
_MONITOR = PROFILES["monitor"]
_ROUTES: Final = {
    # Served as Monitor's status route (whose last parameter is asyncOperationId too): the same
    # operation, reached by ARM's own URL shapes.
    kind: RouteSpec(kind="status", template=t, params=_RULES, query=(), route=_MONITOR.status_route.route)
    for kind, t in _TEMPLATES.items()
}
_LRO_HEADERS: Final = {"azure-async-operation", "location", "both"}


def arm_urls(
    op: EmulatedOperation, *, origin: str, namespace: str = "Microsoft.Compute", location: str = "westus"
) -> dict[str, str]:
    """The ``Azure-AsyncOperation``, ``Location`` and ``begin`` URLs of an emulated ``monitor`` operation."""
    if op.api != "monitor":
        raise ValueError(f"only ARM (monitor) operations have ARM URLs, not {op.api!r} ones")
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
        for route in _ROUTES.values():
            params = route.match(segments)
            if params is not None:
                return _Match(_MONITOR, route, params)
        return None

    def _respond(
        self, request: _Request, match: _Match | None, profile: Any, fault: InjectedFault | None
    ) -> Reply:
        if match is None:  # pragma: no cover - serves() routed the request here
            return self._error(request, _MONITOR, 404, "not_found", name="resource", id=request.path)
        kind = _kind_of(match.route)
        method = "POST" if kind == "begin" else "GET"
        if request.method != method:
            reply = self._error(request, _MONITOR, 405, "method_not_allowed", value=request.method)
            reply.headers.append(("Allow", method))
            return reply
        if fault is not None and fault.kind not in _FAULTS_ON_THE_NORMAL_ANSWER:
            return self._fault_reply(request, _MONITOR, fault)
        problem = self._auth_problem(request)
        if problem is not None:
            return self._error(request, _MONITOR, 401, problem)
        query = parse_qsl(request.query, keep_blank_values=True)
        if not [value for key, value in query if key == "api-version" and value]:
            return self._error(request, _MONITOR, 400, "api_version_missing")
        for rule in _RULES:
            reason = rule.problem(match.params[rule.name])
            if reason is not None:
                value = match.params[rule.name]
                return self._error(
                    request, _MONITOR, 400, "bad_parameter", name=rule.name, value=value, reason=reason
                )
        op = self._emulator.find_operation("monitor", match.params[_ID])
        if op is None or not _same_scope(_MONITOR, op, match.params):
            return self._error(request, _MONITOR, 404, "not_found", name="operation", id=match.params[_ID])
        if kind == "begin":
            return self._begin(request, op, match, dict(query).get("lro", "both"))
        if kind == "status":
            return self._arm_status(request, op, match)
        return self._result(request, op, match)

    def _begin(self, request: _Request, op: EmulatedOperation, match: _Match, lro: str) -> Reply:
        if lro not in _LRO_HEADERS:
            return self._error(
                request,
                _MONITOR,
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
        reply = Reply(status=202, headers=self._base_headers(request, _MONITOR), content_type=None)
        if lro in ("azure-async-operation", "both"):
            reply.headers.append(("Azure-AsyncOperation", urls["azure_async_operation"]))
        if lro in ("location", "both"):
            reply.headers.append(("Location", urls["location"]))
        reply.headers.append(("Retry-After", str(self._emulator.default_retry_after)))
        return reply

    def _arm_status(self, request: _Request, op: EmulatedOperation, match: _Match) -> Reply:
        emulator = self._emulator
        snap = emulator.snapshot(op)
        body = status_body(_MONITOR, op, snap, clock=emulator.clock, origin=_origin(request))
        body["id"] = request.path.split("?", 1)[0]
        reply = self._json(request, _MONITOR, 200, body)
        retry_after = self._retry_after(_MONITOR, op, snap)
        if retry_after is not None:
            reply.headers.append(("Retry-After", str(retry_after)))
        self._tick()
        return reply

    def _result(self, request: _Request, op: EmulatedOperation, match: _Match) -> Reply:
        emulator = self._emulator
        snap = emulator.snapshot(op)
        self._tick()
        if not snap.terminal:
            reply = Reply(status=202, headers=self._base_headers(request, _MONITOR), content_type=None)
            url = f"{_origin(request)}{request.path}" + (f"?{request.query}" if request.query else "")
            reply.headers.append(("Location", url))
            retry_after = self._retry_after(_MONITOR, op, snap)
            if retry_after is not None:
                reply.headers.append(("Retry-After", str(retry_after)))
            return reply
        if snap.state == "succeeded":
            if op.lifecycle.location_result == "none":
                return Reply(status=204, headers=self._base_headers(request, _MONITOR), content_type=None)
            return self._json(request, _MONITOR, 200, _final_resource(op, match))
        body = status_body(_MONITOR, op, snap, clock=emulator.clock, origin=_origin(request))
        error = body.get("error") or {
            "code": "OperationFailed",
            "message": f"The operation was {snap.state}.",
        }
        return self._json(request, _MONITOR, 400, {"error": error})


def _kind_of(route: RouteSpec) -> _Kind:
    return next(kind for kind, known in _ROUTES.items() if known is route)


def _final_resource(op: EmulatedOperation, match: _Match) -> dict[str, Any]:
    """The resource a succeeded operation leaves behind (what a ``Location`` URL's 200 carries)."""
    namespace = match.params["namespace"]
    return {
        "id": (
            f"/subscriptions/{op.params['subscriptionId']}/resourceGroups/{op.params['resourceGroupName']}"
            f"/providers/{namespace}/emulatedResources/{op.id}"
        ),
        "name": op.id,
        "type": f"{namespace}/emulatedResources",
        "location": match.params["location"],
        "properties": {"provisioningState": "Succeeded"},
    }
