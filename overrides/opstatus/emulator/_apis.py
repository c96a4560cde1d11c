"""What the emulator needs to know about each API, as data.

Paths, the api-version and the status pointer come from the generated polling tables (so they follow the
specs); parameter rules, error codes and header habits are written here, and a test compares the
parameter rules with the specs so they cannot drift apart silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Final, Literal
from urllib.parse import urlsplit

from opstatus._generated.graph_billing import polling as _graph_polling
from opstatus._generated.monitor import polling as _monitor_polling
from opstatus._generated.partner_portal import polling as _cpp_polling

from ._errors import InvalidOperationSpecError

__all__ = [
    "API_KEYS",
    "PROFILES",
    "ApiKey",
    "ApiProfile",
    "ErrorKind",
    "ParamRule",
    "RouteSpec",
    "profile_for",
]

ApiKey = Literal["monitor", "partner_portal", "graph_billing"]
API_KEYS: Final[tuple[ApiKey, ...]] = ("monitor", "partner_portal", "graph_billing")

RouteKind = Literal["status", "list", "manifest"]

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


@dataclass(frozen=True, slots=True)
class ParamRule:
    """The spec's constraints on one path or query parameter.

    ``pattern`` is tested with Python's ``re.search``, the dialect schemathesis and hypothesis use to
    generate values, so the emulator agrees with them on which values are valid.
    """

    name: str
    min_length: int = 1
    max_length: int | None = None
    pattern: str | None = None

    def problem(self, value: str) -> str | None:
        """Why ``value`` is invalid, or ``None``."""
        if len(value) < self.min_length:
            return f"must be at least {self.min_length} characters long"
        if self.max_length is not None and len(value) > self.max_length:
            return f"must be at most {self.max_length} characters long"
        if self.pattern is not None and re.search(self.pattern, value) is None:
            return f"must match {self.pattern}"
        return None


@dataclass(frozen=True, slots=True)
class RouteSpec:
    """One GET endpoint: its origin-relative template and its parameters."""

    kind: RouteKind
    template: str
    params: tuple[ParamRule, ...]
    query: tuple[ParamRule, ...] = ()

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(self.template.strip("/").split("/"))


@dataclass(frozen=True, slots=True)
class ApiProfile:
    key: ApiKey
    polling: ModuleType
    base_path: str
    """Path of the API's base URL on the emulator's origin ("" or "/v1.0")."""
    routes: tuple[RouteSpec, ...]
    id_param: str
    """The status route's operation-id parameter; the others are the operation's scope."""
    scope_defaults: Mapping[str, str]
    case_insensitive_scope: bool
    spellings: Mapping[str, str]
    """The API's usual raw status per state."""
    sends_retry_after: bool
    """Whether the real service sends Retry-After while an operation runs."""
    request_id_header: str
    echoes_client_request_id: str | None
    """Header whose value is echoed back when the client sends it."""
    always_sends_client_request_id: bool
    """Graph: ``client-request-id`` is answered even when not sent (then it equals ``request-id``)."""
    envelope_has_request_ids: bool
    """Graph: error envelopes carry ``innerError`` with the request ids and date."""
    errors: Mapping[ErrorKind, tuple[str, str]]
    """Error code and message template (``{value}``, ``{name}``, ``{reason}``, ``{id}``) per kind."""
    extra_error_headers: Mapping[ErrorKind, Mapping[str, str]] = field(default_factory=dict)

    @property
    def api_version(self) -> str | None:
        version: str | None = self.polling.API_VERSION
        return version

    @property
    def status_pointer(self) -> str:
        pointer: str = self.polling.STATUS_POINTER
        return pointer

    @property
    def status_route(self) -> RouteSpec:
        return next(route for route in self.routes if route.kind == "status")

    @property
    def reports_percent(self) -> bool:
        """Whether status bodies carry an operation-level percentage (ARM ``percentComplete``)."""
        return self.polling.PERCENT_POINTER is not None

    @property
    def reports_steps(self) -> bool:
        """Whether status bodies carry steps (CPP)."""
        return self.polling.STEPS_POINTER is not None

    @property
    def wraps_in_array(self) -> bool:
        """Whether the docs show the status body as a one-element array (CPP)."""
        wraps: bool = self.polling.UNWRAP_SINGLE_ITEM_ARRAY
        return wraps

    @property
    def has_manifests(self) -> bool:
        """Whether a succeeded operation links to a manifest (Graph exports)."""
        return any(route.kind == "manifest" for route in self.routes)

    @property
    def scope_params(self) -> tuple[str, ...]:
        return tuple(rule.name for rule in self.status_route.params if rule.name != self.id_param)


def _base_path(polling: ModuleType) -> str:
    base_url: str = polling.DEFAULT_BASE_URL
    return urlsplit(base_url).path.rstrip("/")


def _status_route(polling: ModuleType, rules: Mapping[str, ParamRule]) -> RouteSpec:
    params: tuple[str, ...] = polling.STATUS_PATH_PARAMS
    return RouteSpec(
        kind="status",
        template=_base_path(polling) + polling.STATUS_PATH,
        params=tuple(rules[name] for name in params),
    )


_ARM_RULES = {
    "subscriptionId": ParamRule("subscriptionId"),
    "resourceGroupName": ParamRule("resourceGroupName", max_length=90, pattern=r"^[-\w\._\(\)]+$"),
    "asyncOperationId": ParamRule("asyncOperationId"),
}
_CPP_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
_CPP_RULES = {
    "publisherId": ParamRule("publisherId", max_length=100, pattern=_CPP_ID),
    "offerId": ParamRule("offerId", max_length=100, pattern=_CPP_ID),
    "operationId": ParamRule("operationId", max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9._$-]*$"),
}
_GRAPH_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
_GRAPH_RULES = {
    "operation-id": ParamRule("operation-id", max_length=200, pattern=_GRAPH_ID),
    "manifest-id": ParamRule("manifest-id", max_length=200, pattern=_GRAPH_ID),
}

_ARM_ERRORS: Mapping[ErrorKind, tuple[str, str]] = {
    "auth_missing": ("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing."),
    "auth_invalid": ("InvalidAuthenticationToken", "The access token is invalid."),
    "api_version_missing": (
        "MissingApiVersionParameter",
        "The api-version query parameter (?api-version=) is required for all requests.",
    ),
    "api_version_invalid": (
        "InvalidApiVersionParameter",
        "The api-version '{value}' is invalid. The supported versions are '{expected}'.",
    ),
    "bad_parameter": (
        "InvalidParameter",
        "The value '{value}' of parameter '{name}' is invalid: it {reason}.",
    ),
    "not_found": ("ResourceNotFound", "The operation '{id}' was not found."),
    "method_not_allowed": (
        "MethodNotAllowed",
        "The HTTP method '{value}' is not supported on this resource.",
    ),
    "throttled": ("TooManyRequests", "The request was throttled. Retry after {value} seconds."),
    "server_error": ("InternalServerError", "An internal server error occurred."),
    "unavailable": ("ServiceUnavailable", "The service is temporarily unavailable."),
    "odd_status": ("GatewayError", "The gateway returned status {value}."),
}

_CPP_ERRORS: Mapping[ErrorKind, tuple[str, str]] = {
    "auth_missing": ("Unauthorized", "Access is denied due to invalid credentials: no Authorization header."),
    "auth_invalid": ("Unauthorized", "Access is denied due to invalid credentials."),
    "api_version_missing": ("InvalidAPIVersion", "Invalid api version. Allowed values are [{expected}]"),
    "api_version_invalid": ("InvalidAPIVersion", "Invalid api version. Allowed values are [{expected}]"),
    "bad_parameter": ("BadRequest", "The value '{value}' of parameter '{name}' is invalid: it {reason}."),
    "not_found": ("NotFound", "Operation {id} was not found."),
    "method_not_allowed": ("MethodNotAllowed", "The HTTP method '{value}' is not supported."),
    "throttled": ("TooManyRequests", "Too many requests. Retry after {value} seconds."),
    "server_error": ("InternalServerError", "The service failed to read the operation."),
    "unavailable": ("ServiceUnavailable", "The service is temporarily unavailable."),
    "odd_status": ("GatewayError", "The gateway returned status {value}."),
}

_GRAPH_ERRORS: Mapping[ErrorKind, tuple[str, str]] = {
    "auth_missing": ("InvalidAuthenticationToken", "Access token is empty."),
    "auth_invalid": ("InvalidAuthenticationToken", "Access token validation failure. Invalid audience."),
    "bad_parameter": ("BadRequest", "The value '{value}' of segment '{name}' is invalid: it {reason}."),
    "not_found": ("itemNotFound", "The {name} '{id}' was not found."),
    "method_not_allowed": ("BadRequest", "The HTTP method '{value}' is not supported on this resource."),
    "throttled": ("TooManyRequests", "Too many requests. Retry after {value} seconds."),
    "server_error": ("generalException", "An unexpected error occurred."),
    "unavailable": ("serviceNotAvailable", "The service is temporarily unavailable."),
    "odd_status": ("generalException", "The gateway returned status {value}."),
}

_WWW_AUTHENTICATE = {
    "WWW-Authenticate": 'Bearer authorization_uri="https://login.microsoftonline.com/common", '
    'error="invalid_token", error_description="The access token is missing or invalid."'
}

PROFILES: Final[Mapping[ApiKey, ApiProfile]] = {
    "monitor": ApiProfile(
        key="monitor",
        polling=_monitor_polling,
        base_path=_base_path(_monitor_polling),
        routes=(_status_route(_monitor_polling, _ARM_RULES),),
        id_param="asyncOperationId",
        scope_defaults={
            "subscriptionId": "613192d7-503f-477a-9cfe-4efc3ee2bd60",
            "resourceGroupName": "MyResourceGroup",
        },
        case_insensitive_scope=True,
        spellings={
            "not_started": "NotStarted",
            "running": "Running",
            "succeeded": "Succeeded",
            "failed": "Failed",
            "canceled": "Canceled",
        },
        sends_retry_after=True,
        request_id_header="x-ms-request-id",
        echoes_client_request_id="x-ms-client-request-id",
        always_sends_client_request_id=False,
        envelope_has_request_ids=False,
        errors=_ARM_ERRORS,
        extra_error_headers={"auth_missing": _WWW_AUTHENTICATE, "auth_invalid": _WWW_AUTHENTICATE},
    ),
    "partner_portal": ApiProfile(
        key="partner_portal",
        polling=_cpp_polling,
        base_path=_base_path(_cpp_polling),
        routes=(
            _status_route(_cpp_polling, _CPP_RULES),
            RouteSpec(
                kind="list",
                template=_base_path(_cpp_polling)
                + "/api/publishers/{publisherId}/offers/{offerId}/operations",
                params=(_CPP_RULES["publisherId"], _CPP_RULES["offerId"]),
                query=(ParamRule("status", max_length=64),),
            ),
        ),
        id_param="operationId",
        scope_defaults={"publisherId": "contoso", "offerId": "contoso-offer"},
        case_insensitive_scope=False,
        spellings={
            "not_started": "notStarted",
            "running": "running",
            "succeeded": "completed",
            "failed": "failed",
            "canceled": "canceled",
        },
        sends_retry_after=False,
        request_id_header="x-ms-request-id",
        echoes_client_request_id=None,
        always_sends_client_request_id=False,
        envelope_has_request_ids=False,
        errors=_CPP_ERRORS,
    ),
    "graph_billing": ApiProfile(
        key="graph_billing",
        polling=_graph_polling,
        base_path=_base_path(_graph_polling),
        routes=(
            _status_route(_graph_polling, _GRAPH_RULES),
            RouteSpec(
                kind="manifest",
                template=_base_path(_graph_polling) + "/reports/partners/billing/manifests/{manifest-id}",
                params=(_GRAPH_RULES["manifest-id"],),
            ),
        ),
        id_param="operation-id",
        scope_defaults={},
        case_insensitive_scope=False,
        spellings={
            "not_started": "notStarted",
            "running": "running",
            "succeeded": "succeeded",
            "failed": "failed",
            # Graph has no canceled state: a canceled export reads as failed (with a cancel error code).
            "canceled": "failed",
        },
        sends_retry_after=False,
        request_id_header="request-id",
        echoes_client_request_id="client-request-id",
        always_sends_client_request_id=True,
        envelope_has_request_ids=True,
        errors=_GRAPH_ERRORS,
    ),
}


def profile_for(api: str) -> ApiProfile:
    """The profile of ``api``, or an :class:`InvalidOperationSpecError` that lists the valid keys."""
    for key, profile in PROFILES.items():
        if key == api:
            return profile
    raise InvalidOperationSpecError(f"unknown api {api!r}; expected one of {', '.join(API_KEYS)}")
