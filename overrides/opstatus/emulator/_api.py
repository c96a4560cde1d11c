"""Serving every API: routing on the raw path, the faithful edges, faults, and the request log.

Routing works on the raw (still percent-encoded) path split at ``/``, so an id holding ``%2F`` stays one
segment and is refused as an invalid parameter (400) instead of missing every route. Checks run in the
order a real front end applies them: route, method, injected fault, bearer token, api-version, parameter
rules, then the lookup (404) and the body.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from ._apis import PROFILES, ApiProfile, ErrorKind, ParamRule, RouteSpec, noun_of
from ._bodies import error_envelope, list_body, manifest_body, status_body
from ._budget import within_budget
from ._emulator import GLOBAL_SCOPE, Emulator
from ._faults import FaultKind, InjectedFault
from ._lifecycle import Snapshot
from ._records import EmulatedOperation
from ._requestlog import LoggedRequest, redact_headers
from ._wire import Receive, Reply, Scope, Send, send_reply

__all__ = ["ApiHandler"]

_log = logging.getLogger(__name__)

_ALLOWED_METHODS = "GET"
_HTML_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
    b"<body><h1>502 Bad Gateway</h1><p>The server, while acting as a gateway or proxy, received an invalid "
    b"response from the upstream server.</p><hr><address>opstatus emulator</address></body></html>\n"
)
_FAULTS_ON_THE_NORMAL_ANSWER = frozenset(
    {FaultKind.TRUNCATED, FaultKind.INVALID_JSON, FaultKind.SLOW, FaultKind.TRICKLE}
)
"""These damage or delay the answer the request would get anyway; every other kind replaces it."""


@dataclass(slots=True)
class _Request:
    method: str
    path: str
    query: str
    headers: tuple[tuple[str, str], ...]
    request_id: str
    at: float

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((value for key, value in self.headers if key == wanted), None)


@dataclass(slots=True)
class _Match:
    profile: ApiProfile
    route: RouteSpec
    params: dict[str, str]


class ApiHandler:
    """ASGI callable for everything under the APIs' paths."""

    def __init__(self, emulator: Emulator) -> None:
        self._emulator = emulator
        self._prefixes = {
            route.segments[0].lower(): profile for profile in PROFILES.values() for route in profile.routes
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        emulator = self._emulator
        raw_headers = list(scope.get("headers", []))
        request = _Request(
            method=scope["method"],
            path=(scope.get("raw_path") or scope["path"].encode()).decode("latin-1"),
            query=scope.get("query_string", b"").decode("latin-1"),
            headers=tuple((k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in raw_headers),
            request_id=str(uuid.uuid4()),
            at=emulator.clock.now(),
        )
        match = self._match(request.path)
        profile = (
            match.profile if match else self._prefixes.get(request.path.lstrip("/").split("/")[0].lower())
        )
        op = self._operation_for(match) if match is not None else None
        fault: InjectedFault | None = None
        try:
            if match is not None and request.method == "GET":
                scopes = (f"{op.api}/{op.id}", GLOBAL_SCOPE) if op is not None else (GLOBAL_SCOPE,)
                fault = emulator.fault_decider.decide(scopes)
            reply = self._respond(request, match, profile, fault)
        except Exception:
            _log.exception("emulator bug answering %s %s", request.method, request.path)
            reply = self._error(request, profile, 500, "server_error")
        dropped = fault is not None and fault.kind is FaultKind.DROP
        # Logged before sending: a slow or dropped reply is in the log as soon as its fate is decided.
        emulator.request_log.add(
            LoggedRequest(
                seq=emulator.request_log.next_seq(),
                method=request.method,
                path=request.path,
                query=request.query,
                headers=redact_headers(raw_headers),
                status=None if dropped else reply.status,
                api=profile.key if profile else None,
                operation_id=op.id if op is not None else _requested_id(match),
                fault=fault.kind.value if fault else None,
                request_id=request.request_id,
                at=request.at,
                throttled=reply.throttled,
            )
        )
        await send_reply(send, reply, fault)

    # --- routing ------------------------------------------------------------------------------------

    def _match(self, raw_path: str) -> _Match | None:
        segments = raw_path.split("?", 1)[0].lstrip("/").split("/")
        for profile in PROFILES.values():
            for route in profile.routes:
                params = route.match(segments)
                if params is not None:
                    return _Match(profile, route, params)
        return None

    def _operation_for(self, match: _Match) -> EmulatedOperation | None:
        if match.route.kind == "status":
            return self._emulator.find_operation(match.profile.key, match.params[match.profile.id_param])
        if match.route.kind == "result":
            return self._emulator.find_by_manifest(match.params[match.route.last_param])
        return None

    # --- the checks, in order -----------------------------------------------------------------------

    def _respond(
        self, request: _Request, match: _Match | None, profile: ApiProfile | None, fault: InjectedFault | None
    ) -> Reply:
        if match is None:
            return self._error(request, profile, 404, "not_found", name="resource", id=request.path)
        profile = match.profile
        if request.method != "GET":
            reply = self._error(request, profile, 405, "method_not_allowed", value=request.method)
            reply.headers.append(("Allow", _ALLOWED_METHODS))
            return reply
        if fault is not None and fault.kind not in _FAULTS_ON_THE_NORMAL_ANSWER:
            return self._fault_reply(request, profile, fault)
        problem = self._auth_problem(request, profile, profile.api.ROUTES.security_for(match.route.route))
        if problem is not None:
            reply = self._error(request, profile, 401, problem, name=_credential_headers(profile))
            reply.headers.extend(profile.extra_error_headers(problem).items())
            return reply
        query = parse_qsl(request.query, keep_blank_values=True)
        if profile.api_version is not None:
            versions = [value for key, value in query if key == "api-version"]
            if not versions:
                return self._error(request, profile, 400, "api_version_missing")
            if len(versions) > 1 or versions[0] != profile.api_version:
                return self._error(request, profile, 400, "api_version_invalid", value=",".join(versions))
        invalid = _invalid_parameter(match, query) or _invalid_header(match, request)
        if invalid is not None:
            name, value, reason = invalid
            return self._error(request, profile, 400, "bad_parameter", name=name, value=value, reason=reason)
        if match.route.kind == "status":
            return within_budget(
                self._emulator.read_budget,
                match.profile.key,
                match.params,
                answer=lambda: self._status(request, match),
                throttle=lambda wait: self._error(request, profile, 429, "throttled", value=str(wait)),
            )
        if match.route.kind == "result":
            return self._manifest(request, match)
        return self._list(request, match, query)

    def _auth_problem(
        self, request: _Request, profile: ApiProfile | None = None, accepted: tuple[str, ...] | None = None
    ) -> ErrorKind | None:
        """Why the request's credential is refused, by the security of its route's operation (``accepted``,
        else the status route's): a bearer token, an API key in its header (any non-empty value, or the
        emulator's ``--token``), either, or none at all."""
        if accepted is None:
            accepted = profile.security if profile is not None else ("bearer",)  # ARM's routes: bearer
        if not accepted:
            return None
        key_header = profile.api_key_header if profile is not None and "api_key" in accepted else None
        key = request.header(key_header) if key_header is not None else None
        if key is not None:
            return None if self._emulator.accepts_token(key) else "auth_invalid"
        header = request.header("authorization")
        if header is None or "bearer" not in accepted:
            return "auth_missing"
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not self._emulator.accepts_token(token):
            return "auth_invalid"
        return None

    # --- the three kinds of resource ----------------------------------------------------------------

    def _status(self, request: _Request, match: _Match) -> Reply:
        profile = match.profile
        op_id = match.params[profile.id_param]
        op = self._emulator.find_operation(profile.key, op_id)
        if op is None or not _same_scope(profile, op, match.params):
            return self._error(request, profile, 404, "not_found", name="operation", id=op_id)
        emulator = self._emulator
        op = emulator.read_operation(op)
        snap = emulator.snapshot(op)
        body = status_body(profile, op, snap, clock=emulator.clock, origin=_origin(request))
        reply = self._json(request, profile, 200, body)
        retry_after = self._retry_after(profile, op, snap)
        if retry_after is not None:
            reply.headers.append(("Retry-After", str(retry_after)))
        self._tick()
        return reply

    def _manifest(self, request: _Request, match: _Match) -> Reply:
        profile = match.profile
        manifest_id = match.params[match.route.last_param]
        op = self._emulator.find_by_manifest(manifest_id)
        snap = self._emulator.snapshot(op) if op is not None else None
        if op is None or snap is None or snap.state != "succeeded":
            name = noun_of(match.route.last_param)
            return self._error(request, profile, 404, "not_found", name=name, id=manifest_id)
        body = manifest_body(profile, op, snap, clock=self._emulator.clock, origin=_origin(request))
        reply = self._json(request, profile, 200, body)
        self._tick()
        return reply

    def _list(self, request: _Request, match: _Match, query: list[tuple[str, str]]) -> Reply:
        """The scope's operations; a query parameter named like the status member filters by status."""
        profile = match.profile
        ops = [op for op in self._emulator.operations(profile.key) if _same_scope(profile, op, match.params)]
        if not ops:
            last = match.route.last_param
            return self._error(request, profile, 404, "not_found", name=noun_of(last), id=match.params[last])
        status_member = profile.status_pointer.rsplit("/", 1)[-1]
        wanted = (
            dict(query).get(status_member)
            if any(r.name == status_member for r in match.route.query)
            else None
        )
        items = []
        for op in ops:
            snap = self._emulator.snapshot(op)
            status = snap.status or profile.spellings[snap.state]
            if wanted is None or status.casefold() == wanted.casefold():
                items.append((op, snap, status))
        body = list_body(profile, match.route, items, clock=self._emulator.clock, origin=_origin(request))
        return self._json(request, profile, 200, body)

    def _retry_after(self, profile: ApiProfile, op: EmulatedOperation, snap: Snapshot) -> int | None:
        if snap.terminal:
            return None
        setting = op.lifecycle.retry_after
        if setting == "off":
            return None
        if setting == "default":
            return self._emulator.default_retry_after if profile.sends_retry_after else None
        return setting

    def _tick(self) -> None:
        if self._emulator.tick_per_request:
            self._emulator.clock.tick(self._emulator.tick_per_request)

    # --- building replies ---------------------------------------------------------------------------

    def _base_headers(self, request: _Request, profile: ApiProfile | None) -> list[tuple[str, str]]:
        if profile is None:
            return [("x-ms-request-id", request.request_id)]
        headers = [(profile.request_id_header, request.request_id)]
        echo = profile.echoes_client_request_id
        if echo is not None:
            sent = request.header(echo)
            if sent is not None:
                headers.append((echo, sent))
            elif profile.always_sends_client_request_id:
                headers.append((echo, request.request_id))
        return headers

    def _json(self, request: _Request, profile: ApiProfile | None, status: int, body: Any) -> Reply:
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        return Reply(status=status, body=data, headers=self._base_headers(request, profile))

    def _error(
        self, request: _Request, profile: ApiProfile | None, status: int, kind: ErrorKind, **values: str
    ) -> Reply:
        if profile is None:
            body: Any = {"error": {"code": "NotFound", "message": f"No API is served at {request.path}."}}
            return self._json(request, None, status, body)
        code, template = profile.error(kind)
        message = template.format_map(_Defaults(values, expected=profile.api_version or ""))
        body = error_envelope(
            profile,
            code=code,
            message=message,
            request_id=request.request_id,
            client_request_id=request.header(profile.echoes_client_request_id or "client-request-id"),
            date=self._emulator.clock.datetime_at(request.at),
        )
        return self._json(request, profile, status, body)

    def _fault_reply(self, request: _Request, profile: ApiProfile, fault: InjectedFault) -> Reply:
        kind = fault.kind
        if kind is FaultKind.THROTTLE or kind is FaultKind.UNAVAILABLE:
            throttled = kind is FaultKind.THROTTLE
            reply = self._error(
                request,
                profile,
                429 if throttled else 503,
                "throttled" if throttled else "unavailable",
                value=str(fault.retry_after),
            )
            reply.headers.append(("Retry-After", str(fault.retry_after)))
            return reply
        if kind is FaultKind.SERVER_ERROR:
            return self._error(request, profile, 500, "server_error")
        if kind is FaultKind.ODD_STATUS:
            return self._error(request, profile, fault.odd_status, "odd_status", value=str(fault.odd_status))
        if kind is FaultKind.NON_JSON:
            return Reply(
                200,
                b"The service is processing your request.",
                self._base_headers(request, profile),
                "text/plain; charset=utf-8",
            )
        if kind is FaultKind.HTML_ERROR:
            return Reply(502, _HTML_PAGE, [], "text/html; charset=utf-8")
        # DROP: nothing is sent at all.
        return Reply(0, b"", [], None)


def _credential_headers(profile: ApiProfile) -> str:
    """The header(s) a credential of this API travels in, for a 401's message ("No {name} header ...")."""
    names = ["Authorization"] if "bearer" in profile.security else []
    if "api_key" in profile.security and profile.api_key_header is not None:
        names.append(profile.api_key_header)
    return " or ".join(names) or "Authorization"


class _Defaults(dict[str, str]):
    """Format values for error templates; unknown placeholders read as empty."""

    def __init__(self, values: dict[str, str], *, expected: str) -> None:
        super().__init__(values, expected=expected)

    def __missing__(self, key: str) -> str:
        return ""


def _invalid_parameter(match: _Match, query: list[tuple[str, str]]) -> tuple[str, str, str] | None:
    """The first path or query parameter that breaks the spec's rules, as (name, value, reason)."""
    for rule in match.route.params:
        value = match.params[rule.name]
        reason = rule.problem(value)
        if reason is not None:
            return rule.name, value, reason
    for rule in match.route.query:
        values = [value for key, value in query if key == rule.name]
        if rule.param is not None and rule.param.kind == "array" and rule.param.explode and values:
            values = [",".join(values)]  # ?tag=a&tag=b: one array, its items checked one by one
        if len(values) > 1:
            return rule.name, ",".join(values), "must be given at most once"
        if not values and rule.param is not None and rule.param.required:
            return rule.name, "", "is required"
        reason = rule.problem(values[0]) if values else None
        if reason is not None:
            return rule.name, values[0], reason
    return None


def _invalid_header(match: _Match, request: _Request) -> tuple[str, str, str] | None:
    """The first header parameter of the route that is missing (when required) or breaks its rules."""
    for param in match.route.route.header_params:
        value = request.header(param.wire)
        if value is None:
            if param.required:
                return param.wire, "", "is required"
            continue
        reason = ParamRule.of(param, in_path=False).problem(value)  # Azure Batch's empty If-Match is valid
        if reason is not None:
            return param.wire, value, reason
    return None


def _same_scope(profile: ApiProfile, op: EmulatedOperation, params: dict[str, str]) -> bool:
    for name in profile.scope_params:
        if name not in params:
            continue
        mine, theirs = op.params[name], params[name]
        if profile.case_insensitive_scope:
            mine, theirs = mine.casefold(), theirs.casefold()
        if mine != theirs:
            return False
    return True


def _requested_id(match: _Match | None) -> str | None:
    if match is None or match.route.kind == "list":
        return None
    return match.params.get(match.route.last_param)


def _origin(request: _Request) -> str:
    host = request.header("host") or "localhost"
    return f"http://{host}"
