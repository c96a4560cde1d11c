"""Routes: how one operation of a spec turns keyword values into a request path, as generated data.

Every API's ``opstatus._generated.<key>.api`` module holds one :class:`Route` per operation of its spec
(path template, parameters with their wire and python names, the constant query values such as
``api-version``) and one :class:`ApiRoutes` that names the status route. The clients, the command line
and the emulator all read these values; none of them restates a path, a parameter name or a rule.

A route never trusts a value: :meth:`Route.path_and_query` checks each path value with
:func:`opstatus._urls.check_path_value` (nothing can change which resource the URL names) and
percent-encodes it, and checks each query value with :func:`opstatus._urls.check_query_value`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from urllib.parse import quote, urlencode

from ._urls import check_path_value, check_query_value

__all__ = ["ApiRoutes", "Param", "Route", "lists_operations"]


class Param:
    """One path or query parameter: its wire name, python keyword, and the spec's rules for it.

    ``pattern`` is the spec's regular expression (tested with ``re.search``, the JSON Schema dialect);
    ``example`` is the spec's example value;
    ``cli_flag`` is the command line's ``--flag`` (from the spec's ``x-opstatus-cli-flag``, else the
    python name with dashes).
    """

    __slots__ = (
        "cli_flag",
        "description",
        "example",
        "max_length",
        "min_length",
        "pattern",
        "python",
        "required",
        "wire",
    )

    def __init__(
        self,
        *,
        wire: str,
        python: str,
        description: str = "",
        required: bool = True,
        min_length: int | None = None,
        max_length: int | None = None,
        pattern: str | None = None,
        cli_flag: str | None = None,
        example: str | None = None,
    ) -> None:
        self.wire = wire
        self.python = python
        self.description = description
        self.required = required
        self.min_length = min_length
        self.max_length = max_length
        self.pattern = pattern
        self.cli_flag = cli_flag or "--" + python.replace("_", "-")
        self.example = example
        """The spec's ``example`` value (the emulator's default for a scope parameter), or ``None``."""

    def __repr__(self) -> str:
        return f"Param({self.wire!r}, python={self.python!r})"


class Route:
    """One GET operation of a spec: ``path`` is relative to the API's base URL, with ``{wire}`` slots."""

    __slots__ = (
        "constants",
        "description",
        "method",
        "operation_id",
        "path",
        "path_params",
        "query_params",
        "response",
        "summary",
    )

    def __init__(
        self,
        *,
        operation_id: str,
        method: str,
        path: str,
        path_params: tuple[Param, ...] = (),
        query_params: tuple[Param, ...] = (),
        constants: Mapping[str, str] | None = None,
        response: str,
        summary: str = "",
        description: str = "",
    ) -> None:
        self.operation_id = operation_id
        self.method = method
        """The python method name on the clients (``get_operation_status``)."""
        self.path = path
        self.path_params = path_params
        self.query_params = query_params
        self.constants: Mapping[str, str] = dict(constants or {})
        """Query values the spec pins (``api-version``), sent on every request."""
        self.response = response
        """The python type the 200 body parses to, as text (``OperationStatus``, ``list[Summary]``)."""
        self.summary = summary
        self.description = description

    def __repr__(self) -> str:
        return f"Route({self.operation_id!r}, {self.path!r})"

    @property
    def arguments(self) -> tuple[Param, ...]:
        """The method's keyword arguments, in order: path parameters, then query parameters."""
        return (*self.path_params, *self.query_params)

    def path_and_query(self, path: Mapping[str, object], query: Mapping[str, object]) -> str:
        """The request's path and query: ``path`` keyed by python name (every path parameter),
        ``query`` by python name (``None`` values are left out). Values are checked, then encoded.
        """
        rendered = self.path
        for param in self.path_params:
            value = check_path_value(param.python, path.get(param.python))
            rendered = rendered.replace("{" + param.wire + "}", quote(value, safe=""))
        params = dict(self.constants)
        for param in self.query_params:
            given = query.get(param.python)
            if given is not None:
                params[param.wire] = check_query_value(param.python, given)
        return f"{rendered}?{urlencode(params)}" if params else rendered


class ApiRoutes:
    """All routes of one API, which of them reads the status that pollers wait on, and what the others are.

    Facts every part reads from here instead of deriving them again (the clients, the command line, the
    emulator, the tests): :attr:`status`; :attr:`lists` (the routes that list operations, by the one rule
    of :func:`lists_operations`); :attr:`result` (the ``x-opstatus-polling.result-operation`` route, if
    any) and :attr:`result_flag`, the command line's flag that also reads it (``--manifest``), generated.
    """

    __slots__ = ("api_version", "lists", "result", "result_flag", "routes", "status")

    def __init__(
        self,
        *,
        routes: tuple[Route, ...],
        status: str,
        api_version: str | None,
        result: str | None = None,
        result_flag: str | None = None,
    ) -> None:
        self.routes = routes
        by_id = {route.operation_id: route for route in routes}
        self.status = by_id[status]
        self.api_version = api_version
        self.result: Route | None = by_id[result] if result is not None else None
        self.result_flag = result_flag if self.result is not None else None
        self.lists: tuple[Route, ...] = tuple(
            route for route in routes if route is not self.result and lists_operations(route, self.status)
        )
        """The routes that list operations of the status route's scope (CPP's operation list)."""

    def __iter__(self) -> Iterator[Route]:
        return iter(self.routes)

    def named(self, operation_id: str) -> Route:
        """The route of ``operation_id``; KeyError if the spec has no such GET."""
        for route in self.routes:
            if route.operation_id == operation_id:
                return route
        raise KeyError(operation_id)


def lists_operations(route: Route, status: Route) -> bool:
    """The one "list route" rule: ``route`` is not the status route, returns a list, and every path
    parameter it takes is one of the status route's scope (its path parameters but the last, the
    operation), compared by wire name. The emulator serves such a route with the operations of that
    scope; the command line offers it as ``list``."""
    if route is status or not route.response.startswith("list["):
        return False
    scope = {param.wire for param in status.path_params[:-1]}
    return {param.wire for param in route.path_params} <= scope
