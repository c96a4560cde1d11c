"""Routes: how one operation of a spec turns keyword values into a request path, as generated data.

Every API's ``opstatus._generated.<key>.api`` module holds one :class:`Route` per operation of its spec
(path template, parameters with their wire and python names, the constant query values such as
``api-version``) and one :class:`ApiRoutes` that names the status route. The clients, the command line
and the emulator all read these values; none of them restates a path, a parameter name or a rule.

A route never trusts a value: :meth:`Route.path_and_query` checks each path value with
:func:`opstatus._urls.check_path_value` (nothing can change which resource the URL names) and
percent-encodes it (:func:`opstatus._urls.encode_path_value`), and checks each query value with
:func:`opstatus._urls.check_query_value`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from urllib.parse import urlencode

from ._errors import InvalidParameterError
from ._urls import encode_path_value, encode_path_values, is_canonical_path
from ._wire_values import item_problem, wire_items

__all__ = ["ApiRoutes", "ErrorEnvelope", "Param", "Route", "ServerVariable", "lists_operations"]

_SLOT = re.compile(r"(\{[^{}]*\})")
"""A ``{name}`` slot of a path template (split on, the slots kept)."""
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    "uuid": (_UUID, "must be a UUID (8-4-4-4-12 hex digits)"),
    "date-time": (_DATE_TIME, "must be an RFC 3339 date-time with an offset"),
    "date": (_DATE, "must be a date (YYYY-MM-DD)"),
}
"""The standard string formats a parameter value is checked against (others are not checked)."""


def format_problem(fmt: str | None, value: str) -> str | None:
    """Why ``value`` does not fit the spec's ``format`` (``uuid``, ``date-time``, ``date``), or None.

    One rule for the client (before sending) and the emulator (on arrival): a format neither checks is
    passed through as the server would see it.
    """
    rule = _FORMATS.get(fmt) if fmt is not None else None
    if rule is None or rule[0].fullmatch(value):
        return None
    return rule[1]


class Param:
    """One path or query parameter: its wire name, python keyword, and the spec's rules for it.

    ``pattern`` is the spec's regular expression (tested with ``re.search``, the JSON Schema dialect);
    ``example`` is the spec's example value;
    ``cli_flag`` is the command line's ``--flag`` (from the spec's ``x-opstatus-cli-flag``, else the
    python name with dashes). ``enum`` (the values the spec allows), ``format`` (``uuid``,
    ``date-time``, ...) and ``default`` (what the server assumes when the value is left out) are the
    schema's; ``None`` where the spec says nothing, as before these existed.

    ``kind`` is the schema's type: ``string`` (the default), ``integer``, ``number``, ``boolean`` or
    ``array`` (of strings; ``enum``, ``format``, ``pattern`` and the lengths then rule each item);
    ``minimum``/``maximum`` bound a number; ``explode`` says how a query array travels (``True``:
    ``?tag=a&tag=b``, OpenAPI's default for ``style: form``; ``False``: ``?tag=a,b``). ``enum`` and
    ``default`` hold wire text (``"10"``, ``"true"``): see :mod:`opstatus._wire_values`.
    """

    __slots__ = (
        "cli_flag",
        "default",
        "description",
        "enum",
        "example",
        "explode",
        "format",
        "kind",
        "max_length",
        "maximum",
        "min_length",
        "minimum",
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
        enum: tuple[str, ...] | None = None,
        format: str | None = None,
        default: str | None = None,
        kind: str = "string",
        minimum: float | None = None,
        maximum: float | None = None,
        explode: bool = True,
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
        self.enum = enum
        self.format = format
        self.default = default
        self.kind = kind
        self.minimum = minimum
        self.maximum = maximum
        self.explode = explode

    def problem(self, value: str) -> str | None:
        """Why the wire text ``value`` (one item of an array) breaks the spec's type, bounds, ``enum``
        or ``format`` (the clients check before sending, the emulator on arrival), or None."""
        reason = item_problem(self.kind, value, minimum=self.minimum, maximum=self.maximum, enum=self.enum)
        return reason if reason is not None else format_problem(self.format, value)

    def items(self, value: object) -> tuple[str, ...]:
        """The wire texts of a python value (an array's items, else one), each checked against the spec;
        :class:`InvalidParameterError` naming the keyword if its type, bounds, enum or format is wrong."""
        texts = wire_items(self.kind, self.python, value)
        for text in texts:
            reason = self.problem(text)
            if reason is not None:
                raise InvalidParameterError(name=self.python, value=text, reason=reason)
        return texts

    def checked(self, value: object) -> str:
        """``value``'s wire text (an array's items comma-joined) if the spec accepts it, else
        :class:`InvalidParameterError`."""
        return ",".join(self.items(value))

    def __repr__(self) -> str:
        return f"Param({self.wire!r}, python={self.python!r})"


class Route:
    """One GET operation of a spec: ``path`` is relative to the API's base URL, with ``{wire}`` slots."""

    __slots__ = (
        "_constant_query",
        "_plain_path_names",
        "_stem_template",
        "_template",
        "canonical",
        "constant_suffix",
        "constants",
        "description",
        "header_params",
        "method",
        "operation_id",
        "path",
        "path_params",
        "query_params",
        "response",
        "security",
        "stem",
        "summary",
        "tail",
        "typed_query",
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
        header_params: tuple[Param, ...] = (),
        security: tuple[str, ...] | None = None,
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
        self.header_params = header_params
        """Request headers the spec declares as parameters (sent when given)."""
        self.typed_query = any(param.kind != "string" for param in query_params)
        """Some query value is not a string (``int``, ``bool``, ...): URLs cached per value must tell
        ``True`` from ``1`` apart (they hash alike)."""
        self.security = security
        """The credential kinds this operation accepts (``"bearer"``, ``"api_key"``; the operation's own
        ``security``): ``()`` for none, ``None`` for the API's (:attr:`ApiRoutes.security`)."""
        # Worked out once, not per request (a status read builds a URL for every new operation): the
        # path as a format string whose fields are the path parameters' positions, and the query of
        # the constants alone (what every read sends when it passes no query value).
        slots = {"{" + param.wire + "}": "{" + str(at) + "}" for at, param in enumerate(path_params)}
        self._template = "".join(
            slots.get(piece) or piece.replace("{", "{{").replace("}", "}}") for piece in _SLOT.split(path)
        )
        self._constant_query = urlencode(self.constants)
        self.constant_suffix = f"?{self._constant_query}" if self._constant_query else ""
        # Path parameters with no enum or format to check: encoded in one call (encode_path_values)
        plain = all(param.enum is None and param.format is None for param in path_params)
        self._plain_path_names = tuple(param.python for param in path_params) if plain else None
        self.canonical = is_canonical_path("".join("x" if p in slots else p for p in _SLOT.split(path)))
        """Whether every :meth:`path_and_query` is in httpx's canonical form as it is: true when the
        template's own text is (values are encoded by :func:`~opstatus._urls.encode_path_value` and
        the query by ``urlencode``, whose output always is); see :func:`~opstatus._urls.join_encoded`."""
        self.stem: tuple[tuple[str, ...], str] | None = None
        """For a route whose URL a client may build from a remembered stem (:meth:`stem_path`): the
        python names of the path values before the template's last slot, and the last one's name.
        Reads of many operations of one scope differ in that last value alone (an operation id)."""
        self._stem_template = self.tail = ""
        if plain and path_params and self.canonical and not query_params:
            self._split_at_last_slot(path, path_params)

    def _split_at_last_slot(self, path: str, path_params: tuple[Param, ...]) -> None:
        pieces = _SLOT.split(path)
        wires = {"{" + param.wire + "}": param for param in path_params}
        at = [index for index, piece in enumerate(pieces) if piece in wires]
        if len(at) != len(path_params):  # a parameter in two places (or none): built whole each time
            return
        last = wires[pieces[at[-1]]]
        before = tuple(param for param in path_params if param is not last)
        fields = {"{" + param.wire + "}": "{" + str(index) + "}" for index, param in enumerate(before)}
        self._stem_template = "".join(
            fields.get(piece) or piece.replace("{", "{{").replace("}", "}}") for piece in pieces[: at[-1]]
        )
        self.tail = "".join(pieces[at[-1] + 1 :])
        """The template's text after its last slot (canonical: the route is)."""
        self.stem = (tuple(param.python for param in before), last.python)

    def stem_path(self, path: Mapping[str, object]) -> str:
        """The path and query up to the last slot's value, its values checked and encoded (only for a
        route with a :attr:`stem`): ``stem_path + encoded last value + tail`` is :meth:`path_and_query`
        before the query."""
        if self.stem is None:
            raise TypeError(f"{self!r} has no stem")
        return self._stem_template.format(*encode_path_values(self.stem[0], path))

    def __repr__(self) -> str:
        return f"Route({self.operation_id!r}, {self.path!r})"

    @property
    def arguments(self) -> tuple[Param, ...]:
        """The method's keyword arguments, in order: path, query, then header parameters."""
        return (*self.path_params, *self.query_params, *self.header_params)

    def split(self, values: Mapping[str, object]) -> tuple[dict[str, object], dict[str, object]]:
        """``values`` keyed by python name, as (path values, query values); header values are in neither."""
        path = {param.python: values.get(param.python) for param in self.path_params}
        query = {param.python: values.get(param.python) for param in self.query_params}
        return path, query

    def headers(self, values: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
        """The header parameters given in ``values`` (python names), checked, as (wire name, value)."""
        found = []
        for param in self.header_params:
            given = values.get(param.python)
            if given is not None:
                found.append((param.wire, param.checked(given)))
        return tuple(found)

    def path_and_query(self, path: Mapping[str, object], query: Mapping[str, object]) -> str:
        """The request's path and query: ``path`` keyed by python name (every path parameter),
        ``query`` by python name (``None`` values are left out). Values are checked, then encoded.
        """
        if self._plain_path_names is not None and not self.query_params:  # most status routes
            return (
                self._template.format(*encode_path_values(self._plain_path_names, path))
                + self.constant_suffix
            )
        values = []
        for param in self.path_params:
            value = path.get(param.python)
            values.append(encode_path_value(param.python, value))  # refuses an unsafe value first
            if param.enum is not None or param.format is not None:
                if param.kind == "string":
                    # ``value`` is a str without control characters now: what the spec's rules say of it
                    reason = param.problem(value)  # type: ignore[arg-type]
                    if reason is not None:
                        raise InvalidParameterError(name=param.python, value=str(value), reason=reason)
                else:
                    param.checked(value)
        rendered = self._template.format(*values)
        params: list[tuple[str, str]] | None = None
        for param in self.query_params:
            given = query.get(param.python)
            if given is None:
                continue
            if params is None:
                params = list(self.constants.items())
            if param.kind == "array" and param.explode:
                params.extend((param.wire, item) for item in param.items(given))
            else:
                params.append((param.wire, param.checked(given)))
        encoded = self._constant_query if params is None else urlencode(params)
        return f"{rendered}?{encoded}" if encoded else rendered


class ServerVariable:
    """One variable of the spec's server URL (``https://{endpoint}/documentintelligence``).

    The clients take it as a keyword argument (``python``), the command line as ``cli_flag``; ``default``
    and ``enum`` are the spec's. A value is one host or path piece: it may not hold ``/ ? # @`` or spaces.
    """

    __slots__ = ("cli_flag", "default", "description", "enum", "name", "python")

    def __init__(
        self,
        *,
        name: str,
        python: str,
        default: str,
        enum: tuple[str, ...] | None = None,
        description: str = "",
        cli_flag: str | None = None,
    ) -> None:
        self.name = name
        self.python = python
        self.default = default
        self.enum = enum
        self.description = description
        self.cli_flag = cli_flag or "--" + python.replace("_", "-")

    def __repr__(self) -> str:
        return f"ServerVariable({self.name!r}, default={self.default!r})"

    def checked(self, value: object) -> str:
        """``value`` if it can stand in the server URL, else :class:`InvalidParameterError`."""
        if not isinstance(value, str) or not value:
            raise InvalidParameterError(
                name=self.python, value=repr(value), reason="must be a non-empty string"
            )
        if _UNSAFE_IN_SERVER.search(value):
            raise InvalidParameterError(
                name=self.python, value=value, reason="must be a host name (no scheme, path, query or spaces)"
            )
        if self.enum is not None and value not in self.enum:
            reason = "must be one of " + ", ".join(repr(item) for item in self.enum)
            raise InvalidParameterError(name=self.python, value=value, reason=reason)
        return value


_UNSAFE_IN_SERVER = re.compile(r"[/?#@\\\s%]|://")


class ErrorEnvelope:
    """Where an error body keeps its code and message: JSON pointers (``x-opstatus-error-envelope``).

    Azure DevOps' flat ``{message, typeKey, errorCode}`` is ``ErrorEnvelope(code="/typeKey",
    message="/message")``. ``target``, ``details`` and ``request_id`` are optional pointers.
    """

    __slots__ = ("code", "details", "message", "request_id", "target")

    def __init__(
        self,
        *,
        code: str,
        message: str,
        target: str | None = None,
        details: str | None = None,
        request_id: str | None = None,
    ) -> None:
        self.code = code
        self.message = message
        self.target = target
        self.details = details
        self.request_id = request_id

    def __repr__(self) -> str:
        return f"ErrorEnvelope(code={self.code!r}, message={self.message!r})"

    def read(self, document: object) -> tuple[str | None, str | None, str | None]:
        """(code, message, request id) of a decoded error body; None where a pointer finds no text."""
        return (
            _text_at(document, self.code),
            _text_at(document, self.message),
            _text_at(document, self.request_id) if self.request_id else None,
        )


def pointer_get(document: object, pointer: str) -> object:
    """The value at a JSON pointer (``/a/b``), or None where the document has none."""
    node = document
    for raw in pointer.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def _text_at(document: object, pointer: str) -> str | None:
    value = pointer_get(document, pointer)
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        return None
    return str(value)


class ApiRoutes:
    """All routes of one API, which of them reads the status that pollers wait on, and what the others are.

    Facts every part reads from here instead of deriving them again (the clients, the command line, the
    emulator, the tests): :attr:`status`; :attr:`lists` (the routes that list operations, by the one rule
    of :func:`lists_operations`); :attr:`result` (the ``x-opstatus-polling.result-operation`` route, if
    any) and :attr:`result_flag`, the command line's flag that also reads it (``--manifest``), generated.

    Beside the routes, what the spec says about reaching them (each defaulting to what an API without
    it gets): ``server``, the server URL with ``{variable}`` slots, and its ``server_variables``;
    ``security``, the credential kinds its operations accept (``"bearer"``, ``"api_key"``) and
    ``api_key_header``, the header an API key travels in; ``request_id_headers``, the response headers
    that carry the service's request id; ``error_envelope``, where its error bodies keep code and message.
    """

    __slots__ = (
        "api_key_header",
        "api_version",
        "error_envelope",
        "lists",
        "next_url_header",
        "request_id_headers",
        "result",
        "result_flag",
        "routes",
        "security",
        "server",
        "server_variables",
        "status",
    )

    def __init__(
        self,
        *,
        routes: tuple[Route, ...],
        status: str,
        api_version: str | None,
        result: str | None = None,
        result_flag: str | None = None,
        server: str | None = None,
        server_variables: tuple[ServerVariable, ...] = (),
        security: tuple[str, ...] = ("bearer",),
        api_key_header: str | None = None,
        request_id_headers: tuple[str, ...] = (),
        error_envelope: ErrorEnvelope | None = None,
        next_url_header: str | None = None,
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
        self.server = server
        self.server_variables = server_variables
        self.security = security
        self.api_key_header = api_key_header
        self.request_id_headers = request_id_headers
        self.error_envelope = error_envelope
        self.next_url_header = next_url_header
        """``Operation-Location`` where the status operation declares it: a status answer carrying a URL
        there other than the one read moves the poller to it (same origin only), as ARM's 202 Location."""

    def __iter__(self) -> Iterator[Route]:
        return iter(self.routes)

    def security_for(self, route: Route) -> tuple[str, ...]:
        """The credential kinds ``route`` accepts: its operation's own ``security``, else the API's."""
        return self.security if route.security is None else route.security

    @property
    def per_route_security(self) -> bool:
        """Some operation declares a ``security`` of its own that differs from the status route's: the
        clients then pick, per request, the credential the operation it reads declares."""
        return any(route.security is not None for route in self.routes)

    @property
    def credential_kinds(self) -> tuple[str, ...]:
        """Every credential kind some operation accepts, in the spec's order (``bearer``, ``api_key``)."""
        kinds: list[str] = []
        for route in self.routes:
            kinds += [kind for kind in self.security_for(route) if kind not in kinds]
        return tuple(kinds)

    def named(self, operation_id: str) -> Route:
        """The route of ``operation_id``; KeyError if the spec has no such GET."""
        for route in self.routes:
            if route.operation_id == operation_id:
                return route
        raise KeyError(operation_id)

    def base_url(self, values: Mapping[str, object]) -> str | None:
        """The server URL with its variables filled in (``values`` by python name; the spec's default
        for each left out or None), or None when the spec's server has no variables."""
        if self.server is None or not self.server_variables:
            return None
        url = self.server
        for variable in self.server_variables:
            given = values.get(variable.python)
            value = variable.default if given is None else variable.checked(given)
            url = url.replace("{" + variable.name + "}", value)
        return url


def lists_operations(route: Route, status: Route) -> bool:
    """The one "list route" rule: ``route`` is not the status route, returns a list, and every path
    parameter it takes is one of the status route's scope (its path parameters but the last, the
    operation), compared by wire name. The emulator serves such a route with the operations of that
    scope; the command line offers it as ``list``."""
    if route is status or not route.response.startswith("list["):
        return False
    scope = {param.wire for param in status.path_params[:-1]}
    return {param.wire for param in route.path_params} <= scope
