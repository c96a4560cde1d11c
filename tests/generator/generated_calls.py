"""Calling one operation of a generated API through its public client, over an httpx.MockTransport.

Tests of the generated layer go through what ships: ``opstatus._generated.<key>.clients`` (the methods
generated from the spec), answered with a canned status and body. The operation is found by its
operationId in the generated routes (``api.py``), so nothing here names a method by hand.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from typing import Any

import httpx

BASE_URL = "https://api.example.invalid"


@dataclass(frozen=True)
class Answered:
    """What a call returned (``parsed``) and the request it sent."""

    parsed: Any
    request: httpx.Request


def client_class(package: str, *, asynchronous: bool = False) -> type[Any]:
    """The generated public client class of ``package`` (``opstatus._generated.<key>``)."""
    clients = importlib.import_module(f"{package}.clients")
    names = [name for name in clients.__all__ if name.endswith("Client")]
    wanted = [name for name in names if name.startswith("Async") == asynchronous]
    cls: type[Any] = getattr(clients, wanted[0])
    return cls


def route_of(package: str, operation_id: str) -> Any:
    """The generated route of ``operation_id``."""
    return importlib.import_module(f"{package}.api").ROUTES.named(operation_id)


SAMPLE_UUID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"


def sample_value(param: Any) -> str:
    """A value the parameter's rules accept: ``<name>-1``, else its spec example, first enum member or,
    for ``format: uuid``, a fixed uuid (the rules the client checks before sending)."""
    for candidate in (f"{param.python}-1", param.example, *(param.enum or ()), SAMPLE_UUID):
        if candidate is not None and param.problem(candidate) is None:
            return str(candidate)
    return f"{param.python}-1"


def required_arguments(route: Any) -> dict[str, str]:
    """A value for every required keyword of the route's method."""
    return {param.python: sample_value(param) for param in route.arguments if param.required}


def call_detailed(package: str, operation_id: str, *, status: int, content: bytes) -> Answered:
    """The operation's client method, answered with ``status`` and ``content`` (JSON)."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, content=content, headers={"content-type": "application/json"})

    route = route_of(package, operation_id)
    with client_class(package)(base_url=BASE_URL, transport=httpx.MockTransport(answer)) as client:
        parsed = getattr(client, route.method)(**required_arguments(route))
    return Answered(parsed=parsed, request=seen[-1])


def to_json(parsed: Any) -> Any:
    """What a generated value sends back on the wire (``to_dict``, element-wise for a list)."""
    if isinstance(parsed, list):
        return [item.to_dict() for item in parsed]
    return parsed.to_dict()


def as_bytes(value: Any) -> bytes:
    return json.dumps(value).encode()


def type_name(parsed: Any) -> str:
    """``Operation`` or ``list[Operation]``, comparable with spec_examples.expected_type."""
    if isinstance(parsed, list):
        return f"list[{type_name(parsed[0])}]" if parsed else "list[]"
    return type(parsed).__name__
