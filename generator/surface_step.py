"""Step 5: the public surface of one API - its routes and its sync and async clients - from the spec alone.

AutoRest and Stainless draw the line here: every operation of the spec becomes a typed, keyword-only,
documented method of a generated client; the engine those clients subclass (``opstatus._client``) is
written once by hand and knows no API. What this step reads, per GET operation:

* the method name: ``x-opstatus-method`` on the operation, else the snake_case of the operationId's
  last ``_``-separated part (``PartnersBilling_GetManifest`` -> ``get_manifest``);
* the keyword arguments: the path parameters (required) and query parameters (required or optional);
  the python name is ``x-opstatus-name`` on the parameter, else openapi-python-client's name for it
  (``subscriptionId`` -> ``subscription_id``); the CLI flag is ``x-opstatus-cli-flag``, else
  ``--<python-name-with-dashes>``; a query parameter with a ``const`` (``api-version``) is no argument
  but a constant of the route;
* the return type: the 200 ``application/json`` schema - a component model, an ``anyOf`` of component
  models (a union alias named after the component, parsed member by member in the spec's order), an array
  of a model, or (the status operation with ``unwrap-single-item-array``) a model or a one-element array;
* the status operation (``x-opstatus-polling``) also gets ``poller`` and ``wait``; ``wait`` returns
  the *succeeded member* when the status is a discriminated union (:func:`_succeeded_member`: the
  member the discriminator maps the 200 examples with a succeeded status to), else the status type;
  with ``result-link`` and ``result-operation`` the clients get ``<method>_for(operation)``, which
  follows a finished operation's link and parses what it points to with that operation's model;
* a path value of the status operation may be given once on the client (``opstatus._scope``), so every
  method's parameter of that name is optional (``str | None = None``), the client's value filling in.

Anything else (a non-string path parameter, a response shape not listed above) is a GeneratorError that
names the operation: a spec the clients cannot serve fails ``make generate``, never at run time.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from opstatus._state import OperationState
from opstatus._wire_values import KINDS, PYTHON_TYPES

from generator.access_step import AccessView, build_access, security_of
from generator.client_step import class_name_for, secret_wire_names
from generator.emulation_step import EmulationView, build_emulation
from generator.errors import GeneratorError
from generator.naming import snake
from generator.polling_step import POLLING_MARK, polling_table
from generator.registry import ApiDescription
from generator.rendering import render
from generator.spec_refs import ref_name as _ref_name
from generator.spec_refs import resolve as _resolve

METHOD_MARK: Final = "x-opstatus-method"
NAME_MARK: Final = "x-opstatus-name"
FLAG_MARK: Final = "x-opstatus-cli-flag"
_HTTP_METHODS: Final = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")
_RESERVED: Final = frozenset({"poller", "wait", "resume", "poller_from_url", "close", "aclose", "timeout"})
_WAIT_KEYWORDS: Final = frozenset({"on_progress", "self", "continuation_token", "polling_interval"})
"""Keywords of the generated ``poller``/``wait`` besides the ids: no parameter may take these names."""


@dataclass(frozen=True, kw_only=True)
class ParamView:
    """One keyword argument of a generated method."""

    wire: str
    python: str
    description: str
    required: bool
    min_length: int | None
    max_length: int | None
    pattern: str | None
    cli_flag: str
    example: str | None
    enum: tuple[str, ...] | None = None
    format: str | None = None
    default: str | None = None
    kind: str = "string"
    """The schema's type: string, integer, number, boolean or array (of strings)."""
    minimum: float | None = None
    maximum: float | None = None
    explode: bool = True

    @property
    def annotation(self) -> str:
        """The keyword's python type in the generated clients (``int``, ``bool``, ``list[str]``)."""
        return PYTHON_TYPES[self.kind]


@dataclass(frozen=True, kw_only=True)
class RouteView:
    """One GET operation as the templates render it."""

    operation_id: str
    method: str
    path: str
    path_params: tuple[ParamView, ...]
    query_params: tuple[ParamView, ...]
    constants: tuple[tuple[str, str], ...]
    response_type: str
    """The python return type (``OperationStatus``, ``list[OperationSummary]``, ``Operation``)."""
    parser: str
    """The python expression that parses the decoded body into ``response_type``."""
    summary: str
    description: str
    is_status: bool
    header_params: tuple[ParamView, ...] = ()
    security: tuple[str, ...] | None = None
    """The operation's own credential kinds, where they differ from the API's (``None``: the API's)."""

    @property
    def arguments(self) -> tuple[ParamView, ...]:
        return (*self.path_params, *self.query_params, *self.header_params)

    @property
    def docstring(self) -> str:
        """The method's docstring body (no quotes), from the spec's summary, description and parameters."""
        lines = [_sentence(self.summary or self.operation_id)]
        if self.description and self.description.rstrip(".") != self.summary.rstrip("."):
            lines += ["", *textwrap.wrap(self.description, 100)]
        if self.arguments:
            lines += ["", "Args:"]
            for param in self.arguments:
                where = (
                    "path"
                    if param in self.path_params
                    else "query"
                    if param in self.query_params
                    else "header"
                )
                text = param.description or f"the {param.wire!r} {where} value"
                wrapped = textwrap.wrap(f"{param.python}: {text}", 96)
                lines += ["    " + wrapped[0], *("        " + rest for rest in wrapped[1:])]
        return "\n".join(lines).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


@dataclass(frozen=True, kw_only=True)
class Union:
    """A component schema that is an ``anyOf`` of component models: a type alias in the clients module."""

    name: str
    members: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Surface:
    """Everything the api, clients and package templates need for one API."""

    key: str
    title: str
    description: str
    client_name: str
    spec_file: str
    routes: tuple[RouteView, ...]
    status: RouteView
    result: RouteView | None
    result_flag: str | None
    """The command line's flag on get/wait that also reads the result (``--manifest``): ``--`` and the
    result method's noun (its name without ``get_``), dashed."""
    unions: tuple[Union, ...]
    succeeded: str | None
    """The class ``wait()`` returns when the status type is a union: its succeeded member, else ``None``."""
    models: tuple[str, ...]
    """Model classes the clients module imports (response types and union members)."""
    api_version: str | None
    secrets: tuple[str, ...]
    """Wire names of the members marked ``x-opstatus-secret``: never printed or logged."""
    emulation: EmulationView
    """What the emulator needs beyond the routes (generator/emulation_step.py)."""
    access: AccessView
    """Servers, credentials, request-id headers and error envelope (generator/access_step.py)."""


def build_surface(api: ApiDescription, *, spec_file: str) -> Surface:
    """Read every GET operation of ``api``'s spec into a :class:`Surface`."""
    table = polling_table(api)
    schemas = _components(api.document, "schemas")
    unions: dict[str, Union] = {}
    models: set[str] = set()
    routes: list[RouteView] = []
    access = build_access(api)
    for path, method, operation in _operations(api):
        where = f"{api.spec_path}: {operation.get('operationId', path)}"
        if method != "get":
            raise GeneratorError(f"{where}: only GET operations are supported (found {method.upper()})")
        is_status = POLLING_MARK in operation
        response_type, parser = _response(
            api,
            operation,
            schemas=schemas,
            unions=unions,
            models=models,
            unwrap=is_status and table.unwrap_single_item_array,
            where=where,
        )
        path_params, query_params, header_params, constants = _parameters(api, path, operation, where=where)
        security = security_of(api, operation)[0]  # its own, else the document's
        routes.append(
            RouteView(
                operation_id=str(operation["operationId"]),
                method=_method_name(operation, where=where),
                path=path,
                path_params=path_params,
                query_params=query_params,
                constants=constants,
                response_type=response_type,
                parser=parser,
                summary=_text(operation.get("summary")),
                description=_text(operation.get("description")),
                is_status=is_status,
                header_params=header_params,
                security=None if security == access.security else security,
            )
        )
    _check_unique([route.method for route in routes], where=f"{api.spec_path}: method names")
    status = next(route for route in routes if route.is_status)
    result = _result_route(api, routes, table_result_link=table.result_link_pointer, status=status)
    info = api.document.get("info", {})
    return Surface(
        key=api.key,
        title=api.title,
        description=_text(info.get("description")),
        client_name=api.client_name,
        spec_file=spec_file,
        routes=tuple(routes),
        status=status,
        result=result,
        result_flag=None if result is None else "--" + result.method.removeprefix("get_").replace("_", "-"),
        unions=tuple(unions[name] for name in sorted(unions)),
        succeeded=_succeeded_member(
            api,
            [raw for raw, state in table.states.items() if state is OperationState.SUCCEEDED],
            status=status,
            unions=unions,
        ),
        models=tuple(sorted(models)),
        api_version=table.api_version,
        secrets=tuple(sorted(secret_wire_names(api.document))),
        emulation=build_emulation(api, table),
        access=access,
    )


def render_api_module(surface: Surface) -> str:
    """``generated/<key>/api.py``: the routes, as data the clients, the CLI and the emulator read."""
    return render("api.py.jinja", surface=surface)


def render_clients_module(surface: Surface) -> str:
    """``generated/<key>/clients.py``: the public sync and async clients."""
    return render("clients.py.jinja", surface=surface)


def render_package_init(surface: Surface, *, model_names: Sequence[str]) -> str:
    """``generated/<key>/__init__.py``: the API's public namespace (clients, unions, every model)."""
    return render(
        "api_package_init.py.jinja",
        surface=surface,
        model_names=sorted(set(model_names)),
    )


def _operations(api: ApiDescription) -> list[tuple[str, str, Mapping[str, Any]]]:
    found = []
    for path, item in (api.document.get("paths") or {}).items():
        for method, operation in item.items():
            if method in _HTTP_METHODS and isinstance(operation, Mapping):
                found.append((path, method, operation))
    return found


def _method_name(operation: Mapping[str, Any], *, where: str) -> str:
    explicit = operation.get(METHOD_MARK)
    name = explicit if isinstance(explicit, str) else snake(str(operation["operationId"]).rsplit("_", 1)[-1])
    if not _IDENTIFIER.fullmatch(name) or name in _RESERVED or name.startswith("_"):
        raise GeneratorError(
            f"{where}: {name!r} is not usable as a method name (set {METHOD_MARK} to a lower_snake_case name "
            f"other than {', '.join(sorted(_RESERVED))})"
        )
    return name


def _python_name(parameter: Mapping[str, Any], *, where: str) -> str:
    explicit = parameter.get(NAME_MARK)
    name = explicit if isinstance(explicit, str) else snake(str(parameter["name"]))
    if not _IDENTIFIER.fullmatch(name) or name in _RESERVED | _WAIT_KEYWORDS:
        raise GeneratorError(f"{where}: parameter {parameter['name']!r} gets the unusable name {name!r}")
    return name


def _parameters(
    api: ApiDescription, path: str, operation: Mapping[str, Any], *, where: str
) -> tuple[tuple[ParamView, ...], tuple[ParamView, ...], tuple[ParamView, ...], tuple[tuple[str, str], ...]]:
    path_item = api.document["paths"][path]
    resolved = [
        _resolve(api, p) for p in [*path_item.get("parameters", []), *operation.get("parameters", [])]
    ]
    by_wire = {(p.get("in"), p.get("name")): p for p in resolved}
    path_params: list[ParamView] = []
    query_params: list[ParamView] = []
    header_params: list[ParamView] = []
    constants: list[tuple[str, str]] = []
    for wire in re.findall(r"\{([^{}]+)\}", path):
        parameter = by_wire.get(("path", wire))
        if parameter is None:
            raise GeneratorError(f"{where}: path slot {{{wire}}} has no path parameter")
        path_params.append(_param_view(api, parameter, where=where, kinds=("string",)))
    for (location, wire), parameter in by_wire.items():
        if location != "query":
            continue
        schema = _resolve(api, parameter.get("schema", {}))
        const = schema.get("const")
        if isinstance(const, str):
            constants.append((str(wire), const))
        else:
            query_params.append(_param_view(api, parameter, where=where))
    for (location, wire), parameter in by_wire.items():
        if location == "header":
            header_params.append(_param_view(api, parameter, where=where))
        elif location not in ("path", "query"):
            raise GeneratorError(
                f"{where}: {location} parameter {wire!r} is not supported (path, query and header only)"
            )
    query_params.sort(key=lambda param: not param.required)
    header_params.sort(key=lambda param: not param.required)
    names = [param.python for param in (*path_params, *query_params, *header_params)]
    _check_unique(names, where=f"{where}: parameter names")
    return tuple(path_params), tuple(query_params), tuple(header_params), tuple(constants)


def _param_view(
    api: ApiDescription, parameter: Mapping[str, Any], *, where: str, kinds: tuple[str, ...] = KINDS
) -> ParamView:
    schema = _resolve(api, parameter.get("schema", {}))
    kind = schema.get("type", "string")
    items = _resolve(api, schema.get("items", {})) if kind == "array" else schema
    if kind not in kinds or (kind == "array" and items.get("type", "string") != "string"):
        raise GeneratorError(
            f"{where}: parameter {parameter.get('name')!r} has type {kind!r}"
            f"{' of ' + repr(items.get('type')) if kind == 'array' else ''}; supported: "
            f"{', '.join(kinds)}{' (of strings)' if 'array' in kinds else ''} (run lint)"
        )
    python = _python_name(parameter, where=where)
    flag = parameter.get(FLAG_MARK)
    default = schema.get("default")
    return ParamView(
        wire=str(parameter["name"]),
        python=python,
        description=_text(parameter.get("description")),
        required=bool(parameter.get("required", parameter.get("in") == "path")),
        min_length=items.get("minLength"),
        max_length=items.get("maxLength"),
        pattern=items.get("pattern"),
        cli_flag=flag if isinstance(flag, str) else "--" + python.replace("_", "-"),
        example=example if isinstance(example := parameter.get("example"), str) else None,
        enum=tuple(_wire_text(v) for v in enum) if isinstance(enum := items.get("enum"), list) else None,
        format=fmt if isinstance(fmt := items.get("format"), str) and kind in ("string", "array") else None,
        default=None if default is None or kind == "array" else _wire_text(default),
        kind=kind,
        minimum=_bound(schema.get("minimum")),
        maximum=_bound(schema.get("maximum")),
        explode=bool(parameter.get("explode", parameter.get("style", "form") == "form")),
    )


def _wire_text(value: object) -> str:
    """A schema value (an enum member, a default) as it travels: ``true``/``false``, ``10``, text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _bound(value: object) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _response(
    api: ApiDescription,
    operation: Mapping[str, Any],
    *,
    schemas: Mapping[str, Any],
    unions: dict[str, Union],
    models: set[str],
    unwrap: bool,
    where: str,
) -> tuple[str, str]:
    try:
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    except (KeyError, TypeError):
        raise GeneratorError(f"{where}: no 200 application/json response schema") from None
    if isinstance(schema, Mapping) and schema.get("type") == "array":
        item = _model_ref(api, schema.get("items", {}), schemas=schemas, where=where)
        models.add(item)
        return f"list[{item}]", f"list_of(model({item}))"
    name = _ref_name(schema)
    if name is None:
        raise GeneratorError(f"{where}: the 200 schema must be a $ref to a component, or an array of one")
    component = schemas[name]
    members = component.get("anyOf") or component.get("oneOf")
    if isinstance(members, list):
        single = _single_or_array(api, members, schemas=schemas, where=where)
        if single is not None:
            if not unwrap:
                raise GeneratorError(
                    f"{where}: {name} is a model or a one-element array; only the status operation with "
                    "x-opstatus-polling.unwrap-single-item-array: true can return it"
                )
            models.add(single)
            return single, f"model({single})"
        classes = tuple(_model_ref(api, member, schemas=schemas, where=where) for member in members)
        models.update(classes)
        alias = class_name_for(api, name)
        unions[alias] = Union(name=alias, members=classes)
        return alias, "one_of(" + ", ".join(f"model({cls})" for cls in classes) + ")"
    model = _model_ref(api, schema, schemas=schemas, where=where)
    models.add(model)
    return model, f"model({model})"


def _single_or_array(
    api: ApiDescription, members: list[Any], *, schemas: Mapping[str, Any], where: str
) -> str | None:
    """``anyOf [X, array of X (maxItems 1)]`` -> X's class; any other union -> None."""
    if len(members) != 2:
        return None
    refs = [m for m in members if isinstance(m, Mapping) and "$ref" in m]
    arrays = [m for m in members if isinstance(m, Mapping) and m.get("type") == "array"]
    if len(refs) != 1 or len(arrays) != 1 or arrays[0].get("items") != refs[0]:
        return None
    return _model_ref(api, refs[0], schemas=schemas, where=where)


def _model_ref(api: ApiDescription, schema: Any, *, schemas: Mapping[str, Any], where: str) -> str:
    name = _ref_name(schema)
    if name is None or name not in schemas:
        raise GeneratorError(f"{where}: expected a $ref to a component schema, got {schema!r}")
    component = schemas[name]
    if component.get("type") != "object" and "allOf" not in component and "properties" not in component:
        raise GeneratorError(f"{where}: {name} is not an object model")
    return class_name_for(api, name)


def _result_route(
    api: ApiDescription, routes: Sequence[RouteView], *, table_result_link: str | None, status: RouteView
) -> RouteView | None:
    polling = _status_polling(api)
    target = polling.get("result-operation")
    if target is None:
        return None
    where = f"{api.spec_path}: {status.operation_id}.{POLLING_MARK}.result-operation"
    if table_result_link is None:
        raise GeneratorError(f"{where} needs result-link (the pointer to the link it follows)")
    for route in routes:
        if route.operation_id == target and not route.is_status:
            return route
    raise GeneratorError(f"{where}: {target!r} names no other GET operation of the spec")


def _succeeded_member(
    api: ApiDescription, succeeded: Sequence[str], *, status: RouteView, unions: Mapping[str, Union]
) -> str | None:
    """The member of the status union a succeeded operation is, from the spec alone; else ``None``.

    Read from three things the spec already says: the polling table's succeeded spellings, the status
    operation's 200 examples, and the union's discriminator mapping. Every example whose status (at the
    ``status`` pointer) is a succeeded spelling names a member through its discriminator value; when
    they all name the same one, that member is what ``wait()`` returns (Graph: ``ExportSuccessOperation``).
    No discriminator, no such example, or examples naming different members: ``None`` (``wait()`` keeps
    the whole union). At run time a succeeded body of another member is read again as this one, or is a
    ``DecodeError`` (``opstatus._client._as_succeeded``).
    """
    union = unions.get(status.response_type)
    if union is None:
        return None
    component = _components(api.document, "schemas").get(_union_component(api, union.name), {})
    discriminator = component.get("discriminator") if isinstance(component, Mapping) else None
    if not isinstance(discriminator, Mapping) or not isinstance(discriminator.get("mapping"), Mapping):
        return None
    prop, mapping = discriminator.get("propertyName"), discriminator["mapping"]
    polling = _status_polling(api)
    pointer = polling.get("status")
    wanted = {value.casefold() for value in succeeded}
    named: set[str] = set()
    for example in _status_examples(api):
        raw = _at(example, pointer) if isinstance(pointer, str) else None
        if not isinstance(raw, str) or raw.casefold() not in wanted or not isinstance(example, Mapping):
            continue
        target = mapping.get(example.get(prop)) if isinstance(prop, str) else None
        member = _ref_name({"$ref": target}) if isinstance(target, str) else None
        if member is None:
            return None
        named.add(class_name_for(api, member))
    if len(named) != 1:
        return None
    (member_class,) = named
    return member_class if member_class in union.members else None


def _union_component(api: ApiDescription, alias: str) -> str:
    for name in _components(api.document, "schemas"):
        if class_name_for(api, name) == alias:
            return str(name)
    return alias


def _status_examples(api: ApiDescription) -> list[Any]:
    """The example bodies of the status operation's 200 response (``example`` and ``examples``)."""
    for _path, _method, operation in _operations(api):
        if POLLING_MARK not in operation:
            continue
        media = operation.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
        found = [media["example"]] if "example" in media else []
        for example in (media.get("examples") or {}).values():
            resolved = _resolve(api, example) if isinstance(example, Mapping) else {}
            if isinstance(resolved, Mapping) and "value" in resolved:
                found.append(resolved["value"])
        return found
    return []


def _at(document: Any, pointer: str) -> Any:
    """RFC 6901 lookup through objects; None where the path is absent."""
    for token in pointer.lstrip("/").split("/") if pointer else ():
        if not isinstance(document, Mapping):
            return None
        document = document.get(token.replace("~1", "/").replace("~0", "~"))
    return document


def _status_polling(api: ApiDescription) -> Mapping[str, Any]:
    for _path, _method, operation in _operations(api):
        if POLLING_MARK in operation:
            block = operation[POLLING_MARK]
            return block if isinstance(block, Mapping) else {}
    return {}


def _components(document: Mapping[str, Any], kind: str) -> Mapping[str, Any]:
    components = document.get("components") or {}
    found = components.get(kind) if isinstance(components, Mapping) else None
    return found if isinstance(found, Mapping) else {}


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _check_unique(names: Sequence[str], *, where: str) -> None:
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise GeneratorError(f"{where}: {', '.join(twice)} used twice")
