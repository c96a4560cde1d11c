"""Taking in a request body, bounded: the one place the emulator reads bodies, for every route.

Before anything is routed, :func:`read_body` reads the whole body into memory, at most ``limit`` bytes
(``MAX_REQUEST_BODY``, see ``_limits``), and hands the app a ``receive`` that replays it. A
``Content-Length`` above the limit is answered ``413`` before a byte of the body is read; a body that
turns out longer (chunked, or lying about its length) is answered ``413`` as soon as it passes the limit.
Either way the answer says ``Connection: close`` and nothing more is read: under uvicorn, what the server
buffers before the app asks is bounded by its flow control (64 KiB), so an endless upload costs at most
``limit`` plus that.
"""

from __future__ import annotations

import json

from ._wire import JSON_CONTENT_TYPE, Message, Receive, Scope, Send

__all__ = ["read_body"]


async def read_body(scope: Scope, receive: Receive, send: Send, *, limit: int) -> Receive | None:
    """The request's body, read whole (at most ``limit`` bytes), as a ``receive`` that replays it.

    ``None`` when there is nothing to serve: the body was too large (``413`` sent) or the client left.
    """
    declared = _content_length(scope)
    if declared is not None and declared > limit:
        await _too_large(send, limit)
        return None
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":  # http.disconnect: nobody to answer
            return None
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            await _too_large(send, limit)
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return _replay(b"".join(chunks), receive)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name.lower() == b"content-length":
            text = value.decode("latin-1").strip()
            if text.isdigit():
                return int(text) if len(text) <= 20 else 2**70  # no 4,300-digit int() for a header
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: http.disconnect, as the server reports it

    return replay


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps(
        {
            "error": {
                "code": "RequestTooLarge",
                "message": f"the request body is larger than the emulator's limit of {limit} bytes",
            }
        }
    ).encode()
    headers = [
        (b"content-type", JSON_CONTENT_TYPE.encode("latin-1")),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
