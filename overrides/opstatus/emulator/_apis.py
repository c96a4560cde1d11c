"""What the emulator knows about each API: read from the generated packages, never written here.

Every key of :data:`opstatus._generated.API_KEYS` is served. For each, ``opstatus._generated.<key>``
provides the routes with their parameter rules (``api.ROUTES``, ``api.RESULT``), the polling table
(``polling``: base URL, api-version, pointers), the emulation hints (``api.EMULATION``: header names,
error envelope, error codes, examples, status spellings) and the pydantic models bodies are validated
with (``emulator_models``). A spec dropped into specs/ plus ``make generate`` is therefore served without
a line here; what a spec cannot say lives in its ``info.x-opstatus-api.emulator`` block (specs/README.md).

Routes the emulator serves per API: the status route; every list route (a GET returning ``list[...]``
whose path parameters are part of the status route's scope); and the ``result-operation`` route (the
resource a succeeded operation links to, Graph's manifest). Other GETs of a spec are not served.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import ModuleType
from typing import Final, Literal, TypeAlias
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel

from opstatus._emulation import Emulation
from opstatus._generated import API_KEYS as _GENERATED_KEYS
from opstatus._routes import ApiRoutes, ErrorEnvelope, Param, Route
from opstatus._table import PollingTable

from ._errors import InvalidOperationSpecError

__all__ = [
    "API_KEYS",
    "PROFILES",
    "ApiKey",
    "ApiProfile",
    "ErrorKind",
    "ParamRule",
    "RouteSpec",
    "default_value",
    "noun_of",
    "profile_for",
]

ApiKey: TypeAlias = str
"""An API's key (a spec's ``info.x-opstatus-api.key``): any of :data:`API_KEYS`."""
API_KEYS: Final[tuple[ApiKey, ...]] = tuple(_GENERATED_KEYS)
"""Every API this build serves: the generated registry, in file-name order."""

RouteKind = Literal["status", "list", "result"]

ErrorKind = Literal[
    "auth_missing",
    "auth_invalid",
    "api_version_missing",
    "api_version_invalid",
    "bad_parameter",
    "not_found",
    "method_not_allowed",
    "throttled",
    "server_error",
    "unavailable",
    "odd_status",
]

DEFAULT_ERRORS: Final[Mapping[ErrorKind, tuple[str, str]]] = {
    "auth_missing": ("Unauthorized", "No {name} header was sent."),
    "auth_invalid": ("Unauthorized", "The access token is invalid."),
    "api_version_missing": ("MissingApiVersion", "The api-version query parameter is required: {expected}."),
    "api_version_invalid": ("InvalidApiVersion", "The api-version '{value}' is not supported: {expected}."),
    "bad_parameter": ("BadRequest", "The value '{value}' of parameter '{name}' is invalid: it {reason}."),
    "not_found": ("NotFound", "The {name} '{id}' was not found."),
    "method_not_allowed": ("MethodNotAllowed", "The HTTP method '{value}' is not supported."),
    "throttled": ("TooManyRequests", "Too many requests. Retry after {value} seconds."),
    "server_error": ("InternalServerError", "An internal server error occurred."),
    "unavailable": ("ServiceUnavailable", "The service is temporarily unavailable."),
    "odd_status": ("GatewayError", "The gateway returned status {value}."),
}
"""Code and message template per error kind for an API whose spec names none (``error-codes``)."""

_SCOPE_CANDIDATES: Final = (
    "default",
    "default-1",
    "a",
    "A",
    "0",
    "a0",
    "00000000-0000-4000-8000-000000000000",
)
"""Tried in order for a scope parameter without an ``example``: the first one its rules accept."""


@dataclass(frozen=True, slots=True)
class ParamRule:
    """The spec's constraints on one path or query parameter.

    ``pattern`` is tested with Python's ``re.search``, the dialect schemathesis and hypothesis use to
    generate values, so the emulator agrees with them on which values are valid. An empty path value is
    never valid (an empty path segment names another resource); an empty query or header value is, unless
    the spec's rules refuse it.
    """

    name: str
    min_length: int = 1
    max_length: int | None = None
    pattern: str | None = None
    param: Param | None = None
    """The generated parameter, whose ``enum`` and ``format`` are checked as the clients check them."""

    @classmethod
    def of(cls, param: Param, *, in_path: bool = True) -> ParamRule:
        """The rule of a generated parameter. Outside the path an empty value is one like any other: valid
        unless the spec's ``minLength`` (or pattern, format) refuses it (Azure Batch's ``$select=``)."""
        least = max(param.min_length or 1, 1) if in_path else param.min_length or 0
        return cls(param.wire, least, param.max_length, param.pattern, param)

    def problem(self, value: str) -> str | None:
        """Why ``value`` is invalid, or ``None`` (an array's comma-joined items are checked one by one).

        A comma-joined array's empty value is the empty array (OpenAPI's ``form`` style without
        ``explode`` writes ``[]`` as ``$select=``), which the spec allows: it has no items to break a rule.
        """
        if self.param is not None and self.param.kind == "array":
            if value == "" and not self.param.explode:
                return None
            return next((p for p in map(self._item_problem, value.split(",")) if p is not None), None)
        return self._item_problem(value)

    def _item_problem(self, value: str) -> str | None:
        if len(value) < self.min_length:
            return f"must be at least {self.min_length} characters long"
        if self.max_length is not None and len(value) > self.max_length:
            return f"must be at most {self.max_length} characters long"
        if self.pattern is not None and re.search(self.pattern, value) is None:
            return f"must match {self.pattern}"
        return self.param.problem(value) if self.param is not None else None


@dataclass(frozen=True, slots=True)
class RouteSpec:
    """One served GET endpoint: its origin-relative template, its parameters and its generated route."""

    kind: RouteKind
    template: str
    params: tuple[ParamRule, ...]
    query: tuple[ParamRule, ...]
    route: Route

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(self.template.strip("/").split("/"))

    def match(self, segments: list[str]) -> dict[str, str] | None:
        """The path values if ``segments`` (a request path split on ``/``) fit this route, else None.

        Literal segments compare case-insensitively (ARM's paths are; the others never differ in case).
        """
        template = self.segments
        if len(template) != len(segments):
            return None
        params: dict[str, str] = {}
        for expected, actual in zip(template, segments, strict=True):
            if expected.startswith("{") and expected.endswith("}"):
                params[expected[1:-1]] = unquote(actual)
            elif expected.lower() != unquote(actual).lower():
                return None
        return params

    @property
    def last_param(self) -> str:
        """The parameter the path ends with: the id of what the route names."""
        return self.route.path_params[-1].wire


class ApiProfile:
    """One API as the emulator serves it, built from ``opstatus._generated.<key>``."""

    def __init__(self, key: ApiKey) -> None:
        self.key = key
        package = f"opstatus._generated.{key}"
        self.api: ModuleType = importlib.import_module(f"{package}.api")
        self.polling: PollingTable = importlib.import_module(f"{package}.polling").TABLE
        self.models: ModuleType = importlib.import_module(f"{package}.emulator_models")
        self.emulation: Emulation = self.api.EMULATION
        base_url: str = self.polling.default_base_url
        self.base_path = urlsplit(base_url).path.rstrip("/")
        """Path of the API's base URL on the emulator's origin (``""`` or ``"/v1.0"``)."""
        self.routes = self._served_routes()

    def __repr__(self) -> str:
        return f"ApiProfile({self.key!r})"

    def _served_routes(self) -> tuple[RouteSpec, ...]:
        described: ApiRoutes = self.api.ROUTES
        routes = [self._route("status", described.status)]
        for route in described:
            if route is described.result:
                routes.append(self._route("result", route))
            elif route in described.lists:
                routes.append(self._route("list", route))
        return tuple(routes)

    def _route(self, kind: RouteKind, route: Route) -> RouteSpec:
        return RouteSpec(
            kind=kind,
            template=self.base_path + route.path,
            params=tuple(ParamRule.of(param) for param in route.path_params),
            query=tuple(ParamRule.of(param, in_path=False) for param in route.query_params),
            route=route,
        )

    # --- what the polling table says ---------------------------------------------------------------

    @property
    def api_version(self) -> str | None:
        version: str | None = self.polling.api_version
        return version

    @property
    def status_pointer(self) -> str:
        pointer: str = self.polling.status_pointer
        return pointer

    @property
    def reports_percent(self) -> bool:
        """Whether status bodies carry an operation-level percentage (ARM ``percentComplete``)."""
        return self.polling.percent_pointer is not None

    @property
    def reports_steps(self) -> bool:
        """Whether status bodies carry steps (CPP)."""
        return self.polling.steps_pointer is not None

    @property
    def wraps_in_array(self) -> bool:
        """Whether the docs show the status body as a one-element array (CPP)."""
        wraps: bool = self.polling.unwrap_single_item_array
        return wraps

    # --- routes -------------------------------------------------------------------------------------

    @property
    def status_route(self) -> RouteSpec:
        return self.routes[0]

    @property
    def result_route(self) -> RouteSpec | None:
        """The route a succeeded operation's result link leads to (Graph's manifest), if any."""
        return next((route for route in self.routes if route.kind == "result"), None)

    @property
    def has_manifests(self) -> bool:
        """Whether a succeeded operation links to a result resource (Graph exports: a manifest)."""
        return self.result_route is not None

    @property
    def id_param(self) -> str:
        """The status route's operation-id parameter (the one its path ends with)."""
        return self.status_route.last_param

    @property
    def scope_params(self) -> tuple[str, ...]:
        """The status route's other path parameters: where the operation lives."""
        return tuple(rule.name for rule in self.status_route.params if rule.name != self.id_param)

    @cached_property
    def scope_defaults(self) -> Mapping[str, str]:
        """Per scope parameter, the spec's ``example``, else the first simple value its rules accept."""
        defaults: dict[str, str] = {}
        for param in self.status_route.route.path_params[:-1]:
            value = default_value(param)
            if value is not None:
                defaults[param.wire] = value
        return defaults

    # --- how the service answers (EMULATION) ---------------------------------------------------------

    @property
    def spellings(self) -> Mapping[str, str]:
        """The API's usual raw status per state (the first value its polling table lists)."""
        return self.emulation.spellings

    @property
    def case_insensitive_scope(self) -> bool:
        return self.emulation.case_insensitive_paths

    @property
    def sends_retry_after(self) -> bool:
        """Whether the real service sends Retry-After while an operation runs."""
        return self.emulation.sends_retry_after

    @property
    def request_id_header(self) -> str:
        return self.emulation.request_id_header

    @property
    def echoes_client_request_id(self) -> str | None:
        """Header whose value is echoed back when the client sends it."""
        return self.emulation.client_request_id_header

    @property
    def always_sends_client_request_id(self) -> bool:
        """Graph: ``client-request-id`` is answered even when not sent (then it equals ``request-id``)."""
        return self.emulation.always_sends_client_request_id

    def error(self, kind: ErrorKind) -> tuple[str, str]:
        """Error code and message template (``{value}``, ``{name}``, ``{reason}``, ``{id}``, ``{expected}``
        are filled in); the spec's ``error-codes`` entry, else :data:`DEFAULT_ERRORS`."""
        return self.emulation.error_codes.get(kind) or DEFAULT_ERRORS[kind]

    def extra_error_headers(self, kind: ErrorKind) -> Mapping[str, str]:
        challenge = self.emulation.auth_challenge
        if challenge is not None and kind in ("auth_missing", "auth_invalid"):
            return {"WWW-Authenticate": challenge}
        return {}

    @property
    def security(self) -> tuple[str, ...]:
        """The credentials the status route accepts (``bearer``, ``api_key``): its own, else the API's."""
        routes = self.api.ROUTES
        own: tuple[str, ...] | None = routes.status.security
        return routes.security if own is None else own

    @property
    def error_pointers(self) -> ErrorEnvelope | None:
        """Where the spec's error bodies keep code and message (``x-opstatus-error-envelope``), or None."""
        pointers: ErrorEnvelope | None = self.api.ROUTES.error_envelope
        return pointers

    @property
    def api_key_header(self) -> str | None:
        """The header an API key comes in (the spec's ``apiKey`` scheme), or None."""
        header: str | None = self.api.ROUTES.api_key_header
        return header

    def model(self, name: str) -> type[BaseModel]:
        """The API's emulator model (pydantic) named ``name`` after its spec component."""
        model: type[BaseModel] = getattr(self.models, name)
        return model

    def body_model(self, route: RouteSpec) -> type[BaseModel]:
        """The model one 200 body of ``route`` (one item, for a list) validates against."""
        return self.model(self.emulation.models[route.route.operation_id])


def _profiles() -> dict[ApiKey, ApiProfile]:
    return {key: ApiProfile(key) for key in API_KEYS}


PROFILES: Final[Mapping[ApiKey, ApiProfile]] = _profiles()
"""Every served API by key."""


def profile_for(api: str) -> ApiProfile:
    """The profile of ``api``, or an :class:`InvalidOperationSpecError` that lists the valid keys."""
    profile = PROFILES.get(api) if isinstance(api, str) else None
    if profile is None:
        raise InvalidOperationSpecError(f"unknown api {api!r}; expected one of {', '.join(API_KEYS)}")
    return profile


def default_value(param: Param) -> str | None:
    """The spec's ``example`` of ``param`` if its rules accept it, else the first simple value they accept."""
    rule = ParamRule.of(param)
    candidates = (param.example,) if param.example is not None else _SCOPE_CANDIDATES
    return next((c for c in candidates if c is not None and rule.problem(c) is None), None)


def noun_of(param: str) -> str:
    """What a path parameter names, in messages: ``offerId`` -> ``offer``, ``manifest-id`` -> ``manifest``."""
    return re.sub(r"[-_]?id$", "", param, flags=re.IGNORECASE) or param
