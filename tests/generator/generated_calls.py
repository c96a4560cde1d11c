"""Calling a generated endpoint over an httpx.MockTransport, the way the overrides call it."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
from types import ModuleType
from typing import Any

import httpx
from openapi_python_client.strings import PythonIdentifier

BASE_URL = "https://api.example.invalid"


def endpoint_module(package: str, operation_id: str) -> ModuleType:
    """The generated module of ``operation_id`` (openapi-python-client names it after the operationId)."""
    wanted = PythonIdentifier(operation_id, "field_")
    api = importlib.import_module(f"{package}.api")
    for info in pkgutil.walk_packages(api.__path__, prefix=f"{package}.api."):
        if info.name.rsplit(".", 1)[1] == wanted:
            return importlib.import_module(info.name)
    raise AssertionError(f"no module for {operation_id} in {package}.api")


def client_answering(
    package: str, *, status: int, content: bytes, content_type: str = "application/json"
) -> Any:
    """A generated ``Client`` whose every request gets this one answer."""

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=content, headers={"content-type": content_type})

    client_class = importlib.import_module(package).Client
    transport = httpx.MockTransport(answer)
    return client_class(base_url=BASE_URL).set_httpx_client(
        httpx.Client(base_url=BASE_URL, transport=transport)
    )


def required_arguments(function: Any) -> dict[str, str]:
    """A value for every parameter without a default except ``client`` (path parameters)."""
    return {
        name: f"{name}-1"
        for name, parameter in inspect.signature(function).parameters.items()
        if parameter.default is inspect.Parameter.empty and name != "client"
    }


def call_detailed(
    package: str, operation_id: str, *, status: int, content: bytes, **client_options: str
) -> Any:
    """``sync_detailed`` of the operation, answered with ``status`` and ``content``."""
    module = endpoint_module(package, operation_id)
    client = client_answering(package, status=status, content=content, **client_options)
    return module.sync_detailed(**required_arguments(module.sync_detailed), client=client)


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
