"""The APIs as the command line sees them, read from the generated descriptions: nothing per API here.

Every API in the generated registry (``opstatus._generated.API_KEYS``, one per spec) becomes a
subcommand named after its key (``partner_portal`` -> ``partner-portal``). Its status route gives the id
options (``--flag`` from the spec's ``x-opstatus-cli-flag``, else the python name with dashes; the last
path parameter is the operation, the others its scope) and the verbs ``get`` and ``wait``; every other
route of the spec becomes a verb named after its method (``list-operations``, ``get-manifest``); a
route that lists operations of the status route's scope (``ROUTES.lists``, one rule in ``_routes``) is
also ``list``. An API whose spec names a ``result-operation`` gets ``ROUTES.result_flag`` on get/wait
(Graph: ``--manifest``, generated).
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Mapping
from typing import Any

import attrs

from .._generated import API_KEYS, CLIENTS
from .._routes import ApiRoutes, Param, Route, ServerVariable

__all__ = ["CliApi", "IdOption", "RouteVerb", "api_named", "apis"]


@attrs.frozen(kw_only=True)
class IdOption:
    """One ``--flag VALUE`` that is a path or query value (``kwarg`` is the client's keyword)."""

    flag: str
    kwarg: str
    param: str
    """The spec's name of the parameter (``subscriptionId``), as the emulator reports it."""
    help: str
    required: bool = True
    kind: str = "string"
    """The parameter's type (``opstatus._wire_values.KINDS``): how the flag reads its value."""

    @property
    def dest(self) -> str:
        return self.flag.removeprefix("--").replace("-", "_")

    @classmethod
    def of(cls, param: Param) -> IdOption:
        return cls(
            flag=param.cli_flag,
            kwarg=param.python,
            param=param.wire,
            help=param.description or param.wire,
            required=param.required,
            kind=param.kind,
        )

    @classmethod
    def of_server(cls, variable: ServerVariable) -> IdOption:
        """A server URL variable's option (``--endpoint``): optional, the spec's default otherwise."""
        return cls(
            flag=variable.cli_flag,
            kwarg=variable.python,
            param=variable.name,
            help=f"{variable.description or variable.name} (default: {variable.default})",
            required=False,
        )


@attrs.frozen(kw_only=True)
class RouteVerb:
    """A verb for one non-status route of the spec: its options are the route's parameters."""

    verb: str
    route: Route
    options: tuple[IdOption, ...]
    lists_operations: bool
    """The route returns a list and takes only the status route's scope (CPP's operation list)."""
    needs_credential: bool = True
    """False where the operation declares ``security: []``: the verb runs without a token or key."""


@attrs.frozen(kw_only=True)
class CliApi:
    """One API on the command line."""

    command: str
    """The subcommand, e.g. ``partner-portal``."""
    key: str
    """The package's API key, e.g. ``partner_portal`` (``opstatus._generated.<key>``)."""
    title: str
    client_class: str
    """The public sync client's name in the ``opstatus`` namespace (imported when a command runs)."""
    scope: tuple[IdOption, ...]
    """Ids that locate the operation's parent (subscription + resource group, publisher + offer)."""
    operation: IdOption
    routes: tuple[RouteVerb, ...] = ()
    result_flag: str | None = None
    """``--manifest`` for Graph: also read what a succeeded operation's result link points to."""
    result_method: str | None = None
    """The client method behind ``result_flag`` (``get_manifest_for``)."""
    status_route: Route | None = None
    """The route pollers read (its path tells a status URL of this API apart, for ``wait-url``)."""
    options: tuple[IdOption, ...] = ()
    """The status route's query and header parameters (``--plugin-id``), on get/wait."""
    server: tuple[IdOption, ...] = ()
    """The spec's server URL variables (``--endpoint``), on every verb; each optional (the spec's default)."""
    takes_api_key: bool = False
    """The spec declares an apiKey scheme: ``--api-key`` / ``$OPSTATUS_API_KEY`` are used."""
    takes_token: bool = True
    """The spec accepts bearer tokens (``--token``, ``$OPSTATUS_TOKEN``, azure-identity)."""

    @property
    def ids(self) -> tuple[IdOption, ...]:
        return (*self.scope, self.operation)

    @property
    def verbs(self) -> tuple[str, ...]:
        listing = ("list",) if any(route.lists_operations for route in self.routes) else ()
        return ("get", "wait", *listing, *(route.verb for route in self.routes))

    def route_verb(self, verb: str) -> RouteVerb:
        """The route behind ``verb`` (``list`` is the route that lists operations)."""
        for route in self.routes:
            if route.verb == verb or (verb == "list" and route.lists_operations):
                return route
        raise KeyError(verb)

    def client_type(self) -> type[Any]:
        opstatus = importlib.import_module("opstatus")
        cls: type[Any] = getattr(opstatus, self.client_class)
        return cls

    def default_base_path(self) -> str:
        """Path of the API's real base URL (``/v1.0`` for Graph), added to a bare ``--base-url`` origin."""
        table = importlib.import_module(f"opstatus._generated.{self.key}.polling").TABLE
        base_url: str = table.default_base_url
        scheme_and_host = base_url.split("://", 1)[1]
        path = scheme_and_host.partition("/")[2]
        return f"/{path}".rstrip("/") if path else ""

    def default_host(self) -> str:
        """The host of the API's real base URL (``graph.microsoft.com``)."""
        table = importlib.import_module(f"opstatus._generated.{self.key}.polling").TABLE
        return str(table.default_base_url).split("://", 1)[1].partition("/")[0].lower()

    def is_status_path(self, path: str) -> bool:
        """Whether an absolute URL path is this API's status route (case-insensitively, as ARM's are)."""
        if self.status_route is None:
            return False
        template = self.default_base_path() + self.status_route.path
        pattern = re.sub(r"\\\{[^{}]+\\\}", "[^/]+", re.escape(template))
        return re.fullmatch(pattern + "/?", path, flags=re.IGNORECASE) is not None

    def kwargs_from(self, values: Mapping[str, Any], options: tuple[IdOption, ...]) -> dict[str, Any]:
        return {
            option.kwarg: values[option.dest] for option in options if values.get(option.dest) is not None
        }


def _describe(key: str) -> CliApi:
    api = importlib.import_module(f"opstatus._generated.{key}.api")
    table = importlib.import_module(f"opstatus._generated.{key}.polling").TABLE
    described: ApiRoutes = api.ROUTES
    status = described.status
    *scope, operation = (IdOption.of(param) for param in status.path_params)
    result = described.result
    verbs = [
        RouteVerb(
            verb=route.method.replace("_", "-"),
            route=route,
            options=tuple(IdOption.of(param) for param in route.arguments),
            lists_operations=route in described.lists,
            needs_credential=described.security_for(route) != (),
        )
        for route in described
        if route is not status
    ]
    client = next(name for name, owner in CLIENTS.items() if owner == key and not name.startswith("Async"))
    security: tuple[str, ...] = described.credential_kinds  # every operation's (per-route security)
    return CliApi(
        command=key.replace("_", "-"),
        key=key,
        title=str(table.title),
        client_class=client,
        scope=tuple(scope),
        operation=operation,
        routes=tuple(verbs),
        result_flag=described.result_flag,
        result_method=None if result is None else f"{result.method}_for",
        status_route=status,
        options=tuple(IdOption.of(param) for param in (*status.query_params, *status.header_params)),
        server=tuple(IdOption.of_server(variable) for variable in api.ROUTES.server_variables),
        takes_api_key=api.ROUTES.api_key_header is not None and "api_key" in security,
        takes_token="bearer" in security,
    )


@functools.cache
def apis() -> tuple[CliApi, ...]:
    """Every API of this build, as the command line serves it (read once per process)."""
    return tuple(_describe(key) for key in API_KEYS)


def api_named(name: str) -> CliApi:
    """The API for a subcommand or key (``partner-portal`` and ``partner_portal`` both work)."""
    wanted = name.replace("-", "_")
    for api in apis():
        if wanted == api.key:
            return api
    raise KeyError(name)
