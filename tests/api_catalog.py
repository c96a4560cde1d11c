"""The APIs this build holds, as tests need them: read from the generated registry and the specs.

Tests that state "every API does X" take their list here, so an API added as one spec file is covered the
day it lands: its clients and routes come from ``opstatus._generated``, its sample ids from the status
route's parameters (the spec's ``example`` when it gives one, else a value its rules accept), and its
sample bodies from the spec's own 200 examples, picked by what the polling table says their status means.
"""

from __future__ import annotations

import copy
import importlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import opstatus._generated as registry
from opstatus._table import PollingTable
from opstatus._wire_values import from_text

from generator.registry import REPO_ROOT
from generator.spec_io import load_spec

KEYS: tuple[str, ...] = tuple(registry.API_KEYS)
"""Every API key of this build (one per spec in specs/)."""


@dataclass(frozen=True)
class ApiCase:
    """One API as a test sees it."""

    key: str
    client: type[Any]
    async_client: type[Any]
    base_url: str
    scope: str
    ids: Mapping[str, str]
    """Keyword arguments that name one operation (valid for every rule of the spec)."""
    running: Any
    """A 200 example body of the status operation whose status means running (or not started)."""
    done: Any
    """A 200 example body of the status operation whose status means succeeded."""

    @property
    def polling(self) -> PollingTable:
        table: PollingTable = importlib.import_module(f"opstatus._generated.{self.key}.polling").TABLE
        return table

    @property
    def routes(self) -> Any:
        return importlib.import_module(f"opstatus._generated.{self.key}.api").ROUTES

    @property
    def emulation(self) -> Any:
        return importlib.import_module(f"opstatus._generated.{self.key}.api").EMULATION

    @property
    def error_has_a_code(self) -> bool:
        """The operation's error is an object with a code, not a bare message (CPP, DECISION P6; Azure
        DevOps' resultMessage): the polling table reads the message at the error pointer itself or
        outside it (the rule the emulator renders errors by)."""
        table = self.polling
        message, error = table.message_pointer, table.error_pointer
        return error is not None and (message is None or message.startswith(error + "/"))

    @property
    def has_canceled_state(self) -> bool:
        """The API spells a canceled state (Graph does not: a canceled export reads as failed)."""
        return any(state == "canceled" for state in self.polling.states.values())

    @property
    def takes_tokens(self) -> bool:
        """The status operation accepts a bearer token (else only an API key: Azure Speech's)."""
        return takes_tokens(self.key)

    @property
    def status_requires_members(self) -> bool:
        """The status model requires some member, so ``{"unexpected": true}`` does not fit it (Azure
        Batch's ComputeNode requires none: any object is one, read as an UNKNOWN status)."""
        document = spec(self.key)
        operation = _operation(document, self.polling.status_operation_id)
        media = _resolve(document, operation["responses"]["200"])["content"]["application/json"]
        return _requires(document, media["schema"])

    def credentials(self, secret: str) -> dict[str, str]:
        """The clients' keyword for ``secret`` as this API's scheme takes it: ``token=`` or ``api_key=``."""
        return credentials(self.key, secret)

    @property
    def cli_ids(self) -> tuple[tuple[str, str], ...]:
        """(flag, wire name) of each id option of the status route, as the command line spells them."""
        return tuple((param.cli_flag, param.wire) for param in self.routes.status.path_params)


def sample_value(key: str, param: Any) -> str:
    """A value the parameter's rules accept: its spec ``example`` if any, else one made to fit."""
    example = _parameter_example(spec(key), param.wire)
    if example is not None:
        return example
    value = re.sub(r"[^a-z0-9]", "", param.python.lower())[:8] + "1"
    if param.pattern is not None and re.search(param.pattern, value) is None:
        value = "1"
    if param.problem(value) is not None:  # the spec's enum or format (uuid, date-time) says otherwise
        fitting = [
            c for c in (*(param.enum or ()), _SAMPLE_UUID, _SAMPLE_DATE_TIME) if param.problem(c) is None
        ]
        value = fitting[0] if fitting else value
    return value


def sample_argument(key: str, param: Any) -> object:
    """A python value the clients take for ``param`` and its rules accept, of the parameter's type:
    :func:`sample_value`'s text for a string, a one-item list for an array, ``True`` for a boolean, and
    for a number the first of its enum, bounds, 1 and 0 that the spec allows (Export jobs' ``$top``)."""
    if param.kind == "boolean":
        return True
    if param.kind == "array":
        return [sample_value(key, param)]
    if param.kind in ("integer", "number"):
        bounds = [_show_number(bound) for bound in (param.minimum, param.maximum) if bound is not None]
        texts = [*(param.enum or ()), *bounds, "1", "0"]
        text = next((text for text in texts if param.problem(text) is None), "1")
        return from_text(param.kind, text)
    return sample_value(key, param)


def _show_number(bound: float) -> str:
    return str(int(bound)) if float(bound).is_integer() else str(bound)


def takes_tokens(key: str) -> bool:
    """API ``key``'s status operation accepts a bearer token (its spec's security names one)."""
    security: tuple[str, ...] = importlib.import_module(f"opstatus._generated.{key}.api").ROUTES.security
    return "bearer" in security


def credentials(key: str, secret: str) -> dict[str, str]:
    """``{"token": secret}`` for an API that takes bearer tokens, else ``{"api_key": secret}``."""
    return {"token": secret} if takes_tokens(key) else {"api_key": secret}


def client_credentials(client: type[Any], secret: str) -> dict[str, str]:
    """:func:`credentials` for the API a public client class (``MonitorClient``, ...) belongs to."""
    return credentials(registry.CLIENTS[client.__name__], secret)


_SAMPLE_UUID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
_SAMPLE_DATE_TIME = "2024-05-01T10:00:00Z"


@cache
def case(key: str) -> ApiCase:
    """The test view of API ``key``."""
    clients = [name for name, owner in registry.CLIENTS.items() if owner == key]
    package = importlib.import_module(f"opstatus._generated.{key}")
    sync_name = next(name for name in clients if not name.startswith("Async"))
    polling = importlib.import_module(f"opstatus._generated.{key}.polling").TABLE
    status = importlib.import_module(f"opstatus._generated.{key}.api").ROUTES.status
    bodies = status_examples(key)
    return ApiCase(
        key=key,
        client=getattr(package, sync_name),
        async_client=getattr(package, "Async" + sync_name),
        base_url=polling.default_base_url,
        scope=polling.default_scope,
        ids={param.python: sample_value(key, param) for param in status.path_params},
        running=_first_in(bodies, polling, ("running", "not_started")),
        done=_first_in(bodies, polling, ("succeeded",)),
    )


def cases() -> list[ApiCase]:
    return [case(key) for key in KEYS]


@cache
def spec(key: str) -> dict[str, Any]:
    return load_spec(REPO_ROOT / "specs" / f"{key}.yaml")


def status_examples(key: str) -> dict[str, Any]:
    """Name -> value of every 200 example of the status operation, as the spec writes them."""
    document = spec(key)
    polling = importlib.import_module(f"opstatus._generated.{key}.polling").TABLE
    operation = _operation(document, polling.status_operation_id)
    media = _resolve(document, operation["responses"]["200"])["content"]["application/json"]
    return {name: _resolve(document, value)["value"] for name, value in media.get("examples", {}).items()}


def state_of(polling: PollingTable, body: Any) -> str | None:
    """What the polling table says ``body``'s raw status means (None: unknown or absent)."""
    if isinstance(body, list) and len(body) == 1:
        body = body[0]
    current: Any = body
    for token in polling.status_pointer.lstrip("/").split("/"):
        name = token.replace("~1", "/").replace("~0", "~")
        current = current.get(name) if isinstance(current, dict) else None
    state: str | None = polling.states.get(current.casefold()) if isinstance(current, str) else None
    return state


def _first_in(bodies: Mapping[str, Any], polling: PollingTable, states: tuple[str, ...]) -> Any:
    """The spec's example of the first of ``states`` it has; else one made from its first example.

    A spec need not show every state: the made body is the first example with the status member set
    to the state's usual spelling (the emulator's, ``api.EMULATION.spellings``), which is what the
    emulator would serve.
    """
    for wanted in states:
        for body in bodies.values():
            if state_of(polling, body) == wanted:
                return body
    if not bodies:
        raise AssertionError(f"{polling.api_key}: the status operation's 200 response has no example")
    spellings = importlib.import_module(f"opstatus._generated.{polling.api_key}.api").EMULATION.spellings
    made = copy.deepcopy(next(iter(bodies.values())))
    target = made[0] if isinstance(made, list) and made else made
    *parents, last = [t.replace("~1", "/").replace("~0", "~") for t in polling.status_pointer[1:].split("/")]
    for name in parents:
        target = target.setdefault(name, {})
    target[last] = spellings[states[0]]
    return made


def _parameter_example(document: Mapping[str, Any], wire: str) -> str | None:
    """The ``example`` of the path parameter named ``wire``, wherever the spec declares it."""
    declared = [*document.get("components", {}).get("parameters", {}).values()]
    for item in document["paths"].values():
        declared += item.get("parameters", [])
        declared += [p for op in item.values() if isinstance(op, dict) for p in op.get("parameters", [])]
    for parameter in declared:
        resolved = _resolve(document, parameter)
        if resolved.get("name") == wire and resolved.get("in") == "path":
            value = resolved.get("example")
            return value if isinstance(value, str) else None
    return None


def _operation(document: Mapping[str, Any], operation_id: str) -> Mapping[str, Any]:
    for item in document["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return operation
    raise KeyError(operation_id)


def _requires(document: Mapping[str, Any], schema: Any) -> bool:
    """A schema (or every member of its union, or a part of its allOf) requires a member."""
    schema = _resolve(document, schema)
    if not isinstance(schema, dict):
        return False
    if schema.get("required") or any(_requires(document, part) for part in schema.get("allOf", [])):
        return True
    union = [_resolve(document, member) for member in schema.get("anyOf") or schema.get("oneOf") or []]
    objects = [member for member in union if isinstance(member, dict) and member.get("type") != "array"]
    return bool(objects) and all(_requires(document, member) for member in objects)


def _resolve(document: Mapping[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node
