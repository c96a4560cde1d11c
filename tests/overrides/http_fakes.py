"""Fakes for the HTTP-layer tests: scripted transports, a virtual clock, credentials, spec examples.

Nothing here sleeps or opens a socket: responses come from ``httpx.MockTransport`` scripts, time from
:class:`VirtualClock`, whose ``sleep`` only moves the clock forward.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import httpx
import yaml
from azure.core.credentials import AccessToken

SPECS = Path(__file__).resolve().parents[2] / "specs"
FAKE_TOKEN = "FAKE-TOKEN-3b5c9e"  # recognisable, so a leak is easy to grep for
FAKE_SAS = "sv=2020-10-02&sr=c&sig=FAKE-SAS-SIGNATURE-77"


class VirtualClock:
    """Monotonic and wall clocks that only move when something sleeps on them (or ``advance``)."""

    def __init__(self, *, wall_start: float = 1_700_000_000.0) -> None:
        self.now = 0.0
        self.wall_start = wall_start
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def wall(self) -> float:
        return self.wall_start + self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


Reply = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class Script:
    """A MockTransport handler that answers from a list, in order, and records every request.

    The last reply repeats once the list is used up, so "always 200" is ``Script([ok])``.
    """

    def __init__(self, replies: Iterable[Reply]) -> None:
        self.replies = list(replies)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        reply = self.replies[min(len(self.requests), len(self.replies)) - 1]
        if isinstance(reply, Exception):
            raise reply
        if callable(reply):
            return reply(request)
        # A fresh copy each time: httpx binds a response's stream to the client that sent it.
        return httpx.Response(reply.status_code, headers=reply.headers, content=reply.content)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    @property
    def urls(self) -> list[str]:
        return [str(request.url) for request in self.requests]


def json_response(status: int, body: Any, **headers: str) -> httpx.Response:
    return httpx.Response(
        status, content=json.dumps(body).encode(), headers={"content-type": "application/json", **headers}
    )


class FakeCredential:
    """azure-core TokenCredential: counts calls, hands out numbered tokens valid for ``lifetime`` s."""

    def __init__(self, clock: VirtualClock, *, lifetime: float = 3600.0, token: str = FAKE_TOKEN) -> None:
        self.clock = clock
        self.lifetime = lifetime
        self.token = token
        self.calls: list[tuple[str, ...]] = []
        self.fail_with: Exception | None = None

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        self.calls.append(scopes)
        if self.fail_with is not None:
            raise self.fail_with
        return AccessToken(f"{self.token}-{len(self.calls)}", int(self.clock.wall() + self.lifetime))


class FakeAsyncCredential(FakeCredential):
    """azure-core AsyncTokenCredential: the same, awaitable."""

    async def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:  # type: ignore[override]
        return FakeCredential.get_token(self, *scopes, **kwargs)


# --- the specs' own examples ------------------------------------------------------------------------


@functools.cache
def _spec(api: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((SPECS / f"{api}.yaml").read_text())
    return loaded


def _resolve(document: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def _operation(api: str, operation_id: str) -> dict[str, Any]:
    spec = _spec(api)
    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return operation
    raise LookupError(f"{api}: no operation {operation_id}")


def examples(api: str, operation_id: str, status: str = "200") -> dict[str, Any]:
    """Example name -> value of one response of one operation, as the spec writes them."""
    spec = _spec(api)
    response = _resolve(spec, _operation(api, operation_id)["responses"][status])
    media = response["content"]["application/json"]
    return {name: _resolve(spec, example)["value"] for name, example in media["examples"].items()}


def example(api: str, operation_id: str, name: str, status: str = "200") -> Any:
    return examples(api, operation_id, status)[name]
