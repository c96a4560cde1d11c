"""A minimal HTTP/1.1 responder on 127.0.0.1 that serves canned status bodies, fast.

Why not the emulator: the emulator (starlette + pydantic + uvicorn) spends far more CPU per request
than a client does, so with two cores it would be the bottleneck and every client would look alike
(BENCHMARKS.md reports the emulator's own per-request cost next to this one, measured by the bench).
This responder is an asyncio Protocol that parses only the request line and headers, keeps connections
alive, and answers every GET with a prebuilt response chosen by path prefix. It runs in its own process
(`python -m tests.bench.responder`), prints its base URL on stdout, and stops on SIGTERM / stdin EOF.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import stat
import sys
from collections.abc import Mapping

from tests.bench.bodies import example_bytes

_NOT_FOUND = b'{"error": {"code": "NotFound", "message": "no such bench route"}}'


def _response(body: bytes, *, status: bytes = b"200 OK") -> bytes:
    head = (
        b"HTTP/1.1 " + status + b"\r\n"
        b"Content-Type: application/json; charset=utf-8\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n"
        b"x-ms-request-id: bench-request\r\n"
        b"request-id: bench-request\r\n"
        b"\r\n"
    )
    return head + body


def build_routes(bodies: Mapping[str, bytes]) -> tuple[tuple[bytes, bytes], ...]:
    """(path prefix, full response bytes) pairs, tried in order."""
    return (
        (b"/subscriptions/", _response(bodies["monitor"])),
        (b"/api/publishers/", _response(bodies["partner_portal"])),
        (b"/v1.0/reports/partners/billing/", _response(bodies["graph_billing"])),
    )


class _Connection(asyncio.Protocol):
    """One keep-alive connection: answers each complete request head as soon as it arrives."""

    def __init__(self, routes: tuple[tuple[bytes, bytes], ...]) -> None:
        self._routes = routes
        self._buffer = b""
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while (end := self._buffer.find(b"\r\n\r\n")) >= 0:
            head, self._buffer = self._buffer[:end], self._buffer[end + 4 :]
            assert self._transport is not None
            self._transport.write(self._answer(head))

    def _answer(self, head: bytes) -> bytes:
        request_line = head.split(b"\r\n", 1)[0]
        parts = request_line.split(b" ")
        target = parts[1] if len(parts) == 3 else b""
        for prefix, response in self._routes:
            if target.startswith(prefix):
                return response
        return _response(_NOT_FOUND, status=b"404 Not Found")


async def serve(*, host: str, port: int, ready: asyncio.Future[str] | None = None) -> None:
    """Serve until cancelled; announce the base URL through `ready` (or stdout if None)."""
    routes = build_routes(example_bytes())
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _Connection(routes), host, port, backlog=2048)
    bound_port = server.sockets[0].getsockname()[1]
    base_url = f"http://{host}:{bound_port}"
    if ready is None:
        print(base_url, flush=True)
    else:
        ready.set_result(base_url)
    async with server:
        await server.serve_forever()


async def _serve_until_stopped(host: str, port: int) -> None:
    loop = asyncio.get_running_loop()
    task = asyncio.ensure_future(serve(host=host, port=port))
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    # The runner holds our stdin pipe open; when it dies without cleaning up, EOF stops us too.
    if stat.S_ISFIFO(os.fstat(sys.stdin.fileno()).st_mode):
        loop.add_reader(sys.stdin.fileno(), stop.set)
    await stop.wait()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    if args.host not in {"127.0.0.1", "localhost", "::1"}:
        parser.error("the bench responder only listens on loopback")
    asyncio.run(_serve_until_stopped(args.host, args.port))


if __name__ == "__main__":
    main()
