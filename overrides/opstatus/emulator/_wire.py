"""Putting a reply on the wire, or failing to on purpose (dropped and truncated connections)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from ._faults import FaultKind, InjectedFault

__all__ = ["JSON_CONTENT_TYPE", "Receive", "Reply", "Scope", "Send", "drop_connection", "send_reply"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

JSON_CONTENT_TYPE = "application/json; charset=utf-8"


@dataclass(slots=True)
class Reply:
    """A complete HTTP answer, before any fault damages it."""

    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    content_type: str | None = JSON_CONTENT_TYPE
    throttled: bool = False
    """The read budget answered this read with 429 (``_budget``); the request log says so."""


async def send_reply(send: Send, reply: Reply, fault: InjectedFault | None) -> None:
    """Send ``reply`` through ASGI ``send``, damaged or delayed as ``fault`` says."""
    kind = fault.kind if fault else None
    if kind is FaultKind.DROP:
        await drop_connection(send)
        return
    if kind is FaultKind.SLOW and fault is not None:
        await asyncio.sleep(fault.slow_seconds)
    body = reply.body
    if kind is FaultKind.INVALID_JSON:
        body = body[: max(1, len(body) // 2)]
    headers = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in reply.headers]
    if reply.content_type is not None:
        headers.append((b"content-type", reply.content_type.encode("latin-1")))
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": reply.status, "headers": headers})
    if kind is FaultKind.TRUNCATED:
        await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
        await drop_connection(send)
        return
    if kind is FaultKind.TRICKLE and fault is not None:
        await _trickle(send, body, pieces=fault.trickle_pieces, gap=fault.trickle_seconds)
        return
    await send({"type": "http.response.body", "body": body})


async def _trickle(send: Send, body: bytes, *, pieces: int, gap: float) -> None:
    """Send ``body`` in ``pieces`` parts (at most one byte each), ``gap`` real seconds apart."""
    size = max(1, -(-len(body) // max(1, pieces)))
    for start in range(0, len(body), size):
        await asyncio.sleep(gap)
        await send({"type": "http.response.body", "body": body[start : start + size], "more_body": True})
    await send({"type": "http.response.body", "body": b""})


async def drop_connection(send: Send) -> None:
    """Close the connection without (the rest of) a response.

    Under uvicorn ``send`` is a bound method of the connection's request cycle: closing its transport is
    what a crashed backend looks like to the client. Elsewhere (in-process ASGI transports) the same
    failure is raised as the error a real client would see.
    """
    cycle: Any = getattr(send, "__self__", None)
    transport: Any = getattr(cycle, "transport", None)
    if transport is not None and hasattr(cycle, "disconnected"):
        cycle.disconnected = True  # uvicorn must not answer in our place
        transport.close()
        return
    raise httpx.RemoteProtocolError(
        "Server disconnected without sending a complete response (emulated drop)."
    )
