"""A minimal HTTP/1.1 responder on 127.0.0.1 that serves canned status bodies, fast.

Why not the emulator: the emulator (starlette + pydantic + uvicorn) spends far more CPU per request
than a client does, so with two cores it would be the bottleneck and every client would look alike
(BENCHMARKS.md reports the emulator's own per-request cost next to this one, measured by the bench).
This responder is an asyncio Protocol that parses only the request line and headers, keeps connections
alive, and answers every GET with a prebuilt response chosen by path prefix. It runs in its own process
(`python -m tests.bench.responder`), prints its base URL on stdout, and stops on SIGTERM / stdin EOF.

With `--read-budget SIZE/REFILL --many N` it is the budget-limited server of the "many operations"
section (tests/bench/many.py): monitor status reads are counted against the subscription's token
bucket by the emulator's own arithmetic (`opstatus.emulator._budget.ReadBuckets`, the rule the
emulator's `--read-budget` applies: remaining reads in `x-ms-ratelimit-remaining-subscription-reads`
on every answer, 429 + `Retry-After` when empty, a throttled read takes no token), and the N
operations of tests.bench.targets.many_operation_id finish at scripted times (tests.bench.many_plan).
`GET /_bench/stats` (never counted) says what the server saw (see `_ManyOperations.stats`), and
`GET /_bench/reset` starts a fresh run (full bucket, plan clock at the next read, nothing counted).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import stat
import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

from tests.bench.bodies import example_body, example_bytes
from tests.bench.many_plan import ManyPlan
from tests.bench.targets import MONITOR_SUBSCRIPTION, many_operation_index

_NOT_FOUND = b'{"error": {"code": "NotFound", "message": "no such bench route"}}'


def _response(body: bytes, *, status: bytes = b"200 OK", extra_headers: bytes = b"") -> bytes:
    head = (
        b"HTTP/1.1 " + status + b"\r\n"
        b"Content-Type: application/json; charset=utf-8\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n"
        b"x-ms-request-id: bench-request\r\n"
        b"request-id: bench-request\r\n" + extra_headers + b"\r\n"
    )
    return head + body


def build_routes(bodies: Mapping[str, bytes]) -> tuple[tuple[bytes, bytes], ...]:
    """(path prefix, full response bytes) pairs, tried in order."""
    return (
        (b"/subscriptions/", _response(bodies["monitor"])),
        (b"/api/publishers/", _response(bodies["partner_portal"])),
        (b"/v1.0/reports/partners/billing/", _response(bodies["graph_billing"])),
    )


def _target(head: bytes) -> bytes:
    parts = head.split(b"\r\n", 1)[0].split(b" ")
    return parts[1] if len(parts) == 3 else b""


def answer_by_prefix(routes: tuple[tuple[bytes, bytes], ...]) -> Callable[[bytes], bytes]:
    """The plain responder: the prebuilt response of the first route whose prefix the target has."""

    def answer(head: bytes) -> bytes:
        target = _target(head)
        for prefix, response in routes:
            if target.startswith(prefix):
                return response
        return _response(_NOT_FOUND, status=b"404 Not Found")

    return answer


_THROTTLED = (
    b'{"error": {"code": "SubscriptionRequestsThrottled", "message": "Number of read requests for '
    b'subscription exceeded the limit of the bench read budget."}}'
)


class _ManyOperations:
    """Monitor reads counted against one subscription's bucket; N operations that finish on a plan.

    What it records for the runner (`stats()`): every read's outcome counts, the time of the first and
    last read, and per operation the time its first answer saying `Succeeded` was sent. All times are
    `time.monotonic()`, which on Linux is one clock for every process, so the client's own
    timestamps compare with them directly.
    """

    def __init__(self, plan: ManyPlan, budget: str | None, routes: tuple[tuple[bytes, bytes], ...]) -> None:
        self._plan = plan
        self._fallback = answer_by_prefix(routes)
        self._buckets = None
        if budget is not None:
            # The emulator's bucket, so the bench and the emulator throttle by one rule.
            from opstatus.emulator._budget import ReadBuckets, parse_read_budget

            self._buckets = ReadBuckets(parse_read_budget(budget), now=time.monotonic)
        running = example_body("monitor")
        done = dict(running, status="Succeeded", endTime="2017-01-01T16:13:13.933Z")
        self._running = json.dumps(running).encode()
        self._done = json.dumps(done).encode()
        self._params = {"subscriptionId": MONITOR_SUBSCRIPTION}
        self.reset()

    def reset(self) -> None:
        """A fresh run: full bucket, the plan's clock not started, nothing counted."""
        if self._buckets is not None:
            self._buckets.reset()
        self.started: float | None = None  # the first counted read: the plan's time zero
        self.last = 0.0
        self.answered = 0
        self.throttled = 0
        self.first_done: list[float | None] = [None] * self._plan.operations

    def answer(self, head: bytes) -> bytes:
        target = _target(head)
        if target == b"/_bench/stats":
            return _response(json.dumps(self.stats()).encode())
        if target == b"/_bench/reset":
            self.reset()
            return _response(b"{}")
        if not target.startswith(b"/subscriptions/"):
            return self._fallback(head)
        now = time.monotonic()
        if self.started is None:
            self.started = now
        self.last = now
        extra = b""
        if self._buckets is not None:
            verdict = self._buckets.take("monitor", self._params)
            if verdict.header is not None:
                extra = f"{verdict.header[0]}: {verdict.header[1]}\r\n".encode()
            if verdict.retry_after is not None:
                self.throttled += 1
                extra += f"Retry-After: {verdict.retry_after}\r\n".encode()
                return _response(_THROTTLED, status=b"429 Too Many Requests", extra_headers=extra)
        self.answered += 1
        index = many_operation_index(target.split(b"?", 1)[0].rsplit(b"/", 1)[-1].decode("ascii", "replace"))
        if index is None or index >= self._plan.operations:
            return _response(self._running, extra_headers=extra)
        if now - self.started < self._plan.finish_after(index):
            return _response(self._running, extra_headers=extra)
        if self.first_done[index] is None:
            self.first_done[index] = now
        return _response(self._done, extra_headers=extra)

    def stats(self) -> dict[str, Any]:
        return {
            "started": self.started,
            "last": self.last,
            "answered": self.answered,
            "throttled": self.throttled,
            "first_done": self.first_done,
        }


class _Connection(asyncio.Protocol):
    """One keep-alive connection: answers each complete request head as soon as it arrives."""

    def __init__(self, answer: Callable[[bytes], bytes]) -> None:
        self._answer = answer
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


async def serve(
    *,
    host: str,
    port: int,
    ready: asyncio.Future[str] | None = None,
    plan: ManyPlan | None = None,
    read_budget: str | None = None,
) -> None:
    """Serve until cancelled; announce the base URL through `ready` (or stdout if None).

    `plan` / `read_budget`: the many-operations server (see the module docstring); neither: the plain one.
    """
    routes = build_routes(example_bytes())
    if plan is None and read_budget is None:
        answer = answer_by_prefix(routes)
    else:
        answer = _ManyOperations(plan or ManyPlan(operations=0), read_budget, routes).answer
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _Connection(answer), host, port, backlog=4096)
    bound_port = server.sockets[0].getsockname()[1]
    base_url = f"http://{host}:{bound_port}"
    if ready is None:
        print(base_url, flush=True)
    else:
        ready.set_result(base_url)
    async with server:
        await server.serve_forever()


async def _serve_until_stopped(host: str, port: int, plan: ManyPlan | None, read_budget: str | None) -> None:
    loop = asyncio.get_running_loop()
    task = asyncio.ensure_future(serve(host=host, port=port, plan=plan, read_budget=read_budget))
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
    parser.add_argument("--read-budget", default=None, help="SIZE/REFILL: monitor reads share one bucket")
    parser.add_argument("--many", default=None, help="N,FIRST,LAST: N operations finish FIRST..LAST s in")
    args = parser.parse_args(argv)
    if args.host not in {"127.0.0.1", "localhost", "::1"}:
        parser.error("the bench responder only listens on loopback")
    plan = ManyPlan.parse(args.many) if args.many else None
    asyncio.run(_serve_until_stopped(args.host, args.port, plan, args.read_budget))


if __name__ == "__main__":
    main()
