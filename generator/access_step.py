"""Part of step 5: how an API is reached and how it answers, from plain OpenAPI (``api.py``'s ``ROUTES``).

What the spec says and where it ends up in :class:`opstatus._routes.ApiRoutes`:

* ``servers[0]`` with ``variables``: the URL template and one :class:`~opstatus._routes.ServerVariable`
  per variable (``default``, ``enum``); the clients take each as a keyword (``endpoint=``), the command
  line as a flag (``--endpoint``);
* the status operation's ``security`` (else the document's): which credentials it accepts -
  ``bearer`` for OAuth2, OpenID Connect and HTTP bearer schemes, ``api_key`` for an ``apiKey`` scheme in a
  header (its name is the header the key travels in); ``security: []`` accepts none. Another operation
  whose own (or the document's) ``security`` differs gets it on its route (``Route.security``), and the
  API-key header is any operation's apiKey scheme's;
* the request-id headers: the status operation's 200 response headers marked ``x-opstatus-request-id:
  true``, then those named ``*request-id`` (not ``*client-request-id``);
* ``Operation-Location`` declared on a 2xx response of the status operation: ``next_url_header`` (a status
  answer naming another URL there moves the poller to it);
* the error envelope: ``x-opstatus-error-envelope`` on the schema most of the status operation's error
  responses use (JSON pointers ``code``, ``message``, and optionally ``target``, ``details``,
  ``request-id``). Without it the clients read ``{"error": {"code", "message"}}`` as before.

An ``apiKey`` scheme in a query or cookie is refused by lint (``security-scheme``); the generator fails
on it too, so nothing generated ever ignores a credential the spec asks for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from generator.errors import GeneratorError
from generator.naming import snake
from generator.polling_step import POLLING_MARK
from generator.registry import ApiDescription
from generator.spec_refs import ref_name, resolve

ENVELOPE_MARK: Final = "x-opstatus-error-envelope"
REQUEST_ID_MARK: Final = "x-opstatus-request-id"
ENVELOPE_KEYS: Final = ("code", "message", "target", "details", "request-id")
ENVELOPE_REQUIRED: Final = ("code", "message")
NEXT_URL_HEADER: Final = "Operation-Location"
"""A status answer's header naming the URL to read next, honoured where the status operation declares it."""
BEARER_KINDS: Final = frozenset({"oauth2", "openIdConnect"})
_ERROR_STATUSES: Final = ("4", "5", "d")


@dataclass(frozen=True, kw_only=True)
class ServerVariableView:
    name: str
    python: str
    default: str
    enum: tuple[str, ...] | None
    description: str
    cli_flag: str


@dataclass(frozen=True, kw_only=True)
class EnvelopeView:
    code: str
    message: str
    target: str | None
    details: str | None
    request_id: str | None


@dataclass(frozen=True, kw_only=True)
class AccessView:
    """The non-default values :class:`opstatus._routes.ApiRoutes` gets (``None``/empty: the default)."""

    server: str | None
    server_variables: tuple[ServerVariableView, ...]
    security: tuple[str, ...]
    api_key_header: str | None
    request_id_headers: tuple[str, ...]
    envelope: EnvelopeView | None
    next_url_header: str | None = None

    @property
    def default_security(self) -> bool:
        return self.security == ("bearer",) and self.api_key_header is None


def build_access(api: ApiDescription) -> AccessView:
    status_op = status_operation(api)
    server, variables = _server(api)
    security, header = security_of(api, status_op)
    for operation in _get_operations(api):  # an apiKey scheme of another operation (per-route security)
        header = header or security_of(api, operation)[1]
    return AccessView(
        server=server,
        server_variables=variables,
        security=security,
        api_key_header=header,
        request_id_headers=request_id_headers(api, status_op),
        envelope=_envelope(api, status_op),
        next_url_header=_declared(api, status_op, NEXT_URL_HEADER),
    )


def _declared(api: ApiDescription, operation: Mapping[str, Any], wanted: str) -> str | None:
    """The spelling of response header ``wanted`` (any case) that one of ``operation``'s 2xx responses
    declares, or None."""
    for status, raw in (operation.get("responses") or {}).items():
        if not str(status).startswith("2"):
            continue
        for name in resolve(api, raw).get("headers") or {}:
            if str(name).casefold() == wanted.casefold():
                return str(name)
    return None


def status_operation(api: ApiDescription) -> Mapping[str, Any]:
    for item in (api.document.get("paths") or {}).values():
        operation = item.get("get") if isinstance(item, Mapping) else None
        if isinstance(operation, Mapping) and POLLING_MARK in operation:
            return operation
    raise GeneratorError(f"{api.spec_path}: no GET carries {POLLING_MARK}")


def _get_operations(api: ApiDescription) -> list[Mapping[str, Any]]:
    items = (api.document.get("paths") or {}).values()
    return [
        item["get"] for item in items if isinstance(item, Mapping) and isinstance(item.get("get"), Mapping)
    ]


def _server(api: ApiDescription) -> tuple[str | None, tuple[ServerVariableView, ...]]:
    server = (api.document.get("servers") or [{}])[0]
    variables = server.get("variables") if isinstance(server, Mapping) else None
    if not isinstance(variables, Mapping) or not variables:
        return None, ()
    views = []
    for name, variable in variables.items():
        default = variable.get("default")
        if not isinstance(default, str):
            raise GeneratorError(f"{api.spec_path}: servers[0].variables.{name} has no string default")
        enum = variable.get("enum")
        python = snake(str(name))
        views.append(
            ServerVariableView(
                name=str(name),
                python=python,
                default=default,
                enum=tuple(str(v) for v in enum) if isinstance(enum, list) else None,
                description=" ".join(str(variable.get("description", "")).split()),
                cli_flag="--" + python.replace("_", "-"),
            )
        )
    return str(server["url"]), tuple(views)


def security_of(api: ApiDescription, operation: Mapping[str, Any]) -> tuple[tuple[str, ...], str | None]:
    """(credential kinds accepted, the API-key header), from the operation's or the spec's ``security``."""
    requirements = operation.get("security", api.document.get("security"))
    if requirements is None:
        return ("bearer",), None
    schemes = (api.document.get("components") or {}).get("securitySchemes") or {}
    kinds: list[str] = []
    header: str | None = None
    for requirement in requirements:
        for name in requirement if isinstance(requirement, Mapping) else ():
            scheme = resolve(api, schemes.get(name, {}))
            kind = scheme_kind(scheme)
            if kind is None:
                raise GeneratorError(
                    f"{api.spec_path}: security scheme {name!r} ({scheme.get('type')!r} "
                    f"in {scheme.get('in')!r}) is not supported (run lint)"
                )
            if kind == "api_key":
                header = str(scheme["name"])
            if kind not in kinds:
                kinds.append(kind)
    return tuple(kinds), header


def scheme_kind(scheme: Mapping[str, Any]) -> str | None:
    """``bearer``, ``api_key`` (in a header), or None for a scheme the clients cannot use."""
    kind = scheme.get("type")
    if kind in BEARER_KINDS or (kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer"):
        return "bearer"
    if kind == "apiKey" and scheme.get("in") == "header" and isinstance(scheme.get("name"), str):
        return "api_key"
    return None


def request_id_headers(api: ApiDescription, operation: Mapping[str, Any]) -> tuple[str, ...]:
    response = resolve(api, (operation.get("responses") or {}).get("200", {}))
    headers = response.get("headers") or {}
    marked = [str(n) for n, h in headers.items() if resolve(api, h).get(REQUEST_ID_MARK) is True]
    named = [
        str(n)
        for n in headers
        if str(n).lower().endswith("request-id") and "client-" not in str(n).lower() and str(n) not in marked
    ]
    return (*marked, *named)


def envelope_component(api: ApiDescription, operation: Mapping[str, Any]) -> str | None:
    """The component most error responses of ``operation`` use (ties: the first listed)."""
    names: Counter[str] = Counter()
    for status, response in (operation.get("responses") or {}).items():
        if str(status)[:1].lower() in _ERROR_STATUSES:
            media = resolve(api, response).get("content", {}).get("application/json", {})
            name = ref_name(media.get("schema"))
            if name is not None:
                names[name] += 1
    return names.most_common(1)[0][0] if names else None


def _envelope(api: ApiDescription, operation: Mapping[str, Any]) -> EnvelopeView | None:
    name = envelope_component(api, operation)
    schema = resolve(api, {"$ref": f"#/components/schemas/{name}"}) if name else {}
    block = schema.get(ENVELOPE_MARK)
    if not isinstance(block, Mapping):
        return None
    if not all(isinstance(block.get(key), str) for key in ENVELOPE_REQUIRED):
        raise GeneratorError(f"{api.spec_path}: {name}.{ENVELOPE_MARK} needs code and message (run lint)")
    return EnvelopeView(
        code=block["code"],
        message=block["message"],
        target=block.get("target"),
        details=block.get("details"),
        request_id=block.get("request-id"),
    )
