"""The queue in front of opstatus's async pool (``opstatus._gate``): order, timeouts, no lost places.

The gate exists for speed (many reads in flight; BENCHMARKS.md section 4), but speed is measured by
``make bench``; these tests pin what must stay true while it does: at most ``limit`` requests inside,
first come first served, a waiter's pool timeout ends it with ``httpx.PoolTimeout``, a cancelled
waiter never takes a place with it, and over real HTTP the pool never holds more requests than it has
connections while every read still succeeds.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import anyio
import httpx
import opstatus
import pytest
from opstatus._deadline import LIMITS, AsyncClampedTransport
from opstatus._gate import ConnectionGate

BODY = json.dumps({"status": "Succeeded", "name": "op", "id": "op"}).encode()
IDS = {"subscription_id": "s", "resource_group_name": "rg", "async_operation_id": "op"}
REQUEST = httpx.Request("GET", "http://127.0.0.1/")


@pytest.mark.anyio
async def test_places_are_taken_without_waiting_until_none_is_left() -> None:
    gate = ConnectionGate(3)
    for _ in range(3):
        await gate.enter(0.01, REQUEST)
    assert (gate.inside, gate.waiting) == (3, 0)
    with pytest.raises(httpx.PoolTimeout, match="3 requests were in flight"):
        await gate.enter(0.05, REQUEST)
    assert (gate.inside, gate.waiting) == (3, 0), "a timed-out waiter leaves the queue"
    gate.leave()
    await gate.enter(0.01, REQUEST)
    assert gate.inside == 3


@pytest.mark.anyio
async def test_waiters_get_freed_places_in_arrival_order() -> None:
    gate = ConnectionGate(1)
    await gate.enter(None, REQUEST)
    order: list[int] = []

    async def wait_then_note(n: int) -> None:
        await gate.enter(5, REQUEST)
        order.append(n)

    async with anyio.create_task_group() as tasks:
        for n in range(4):
            tasks.start_soon(wait_then_note, n)
            await anyio.sleep(0.01)  # arrival order 0, 1, 2, 3
        assert gate.waiting == 4
        for _ in range(4):
            gate.leave()
            await anyio.sleep(0.01)
    assert order == [0, 1, 2, 3]
    assert (gate.inside, gate.waiting) == (1, 0)


@pytest.mark.anyio
async def test_a_newcomer_does_not_overtake_the_queue() -> None:
    gate = ConnectionGate(1)
    await gate.enter(None, REQUEST)
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(gate.enter, 5, REQUEST)
        await anyio.sleep(0.01)
        gate.leave()  # handed to the waiter, not to the free count
        with pytest.raises(httpx.PoolTimeout):
            await gate.enter(0.02, REQUEST)
    assert (gate.inside, gate.waiting) == (1, 0)


async def _full_gate_and_noting_entrant() -> tuple[
    ConnectionGate, list[str], Callable[[str], Coroutine[Any, Any, None]]
]:
    """A one-place gate already taken, the names of those who got in after, and how to try by name."""
    gate = ConnectionGate(1)
    await gate.enter(None, REQUEST)
    got: list[str] = []

    async def enter(name: str) -> None:
        await gate.enter(5, REQUEST)
        got.append(name)

    return gate, got, enter


@pytest.mark.anyio
async def test_cancelling_a_handed_waiter_passes_its_place_on() -> None:
    gate, got, enter = await _full_gate_and_noting_entrant()

    async with anyio.create_task_group() as outer:
        async with anyio.create_task_group() as doomed:
            doomed.start_soon(enter, "doomed")
            await anyio.sleep(0.01)
            outer.start_soon(enter, "next")
            await anyio.sleep(0.01)
            # Cancelled first, then handed the place, in one step: "doomed" wakes up cancelled while
            # holding a place it will never use.
            doomed.cancel_scope.cancel()
            gate.leave()
        await anyio.sleep(0.05)
    assert got == ["next"]
    assert (gate.inside, gate.waiting) == (1, 0)


@pytest.mark.anyio
async def test_a_waiter_handed_a_place_before_its_cancellation_keeps_it() -> None:
    gate, got, enter = await _full_gate_and_noting_entrant()

    async with anyio.create_task_group() as doomed:
        doomed.start_soon(enter, "handed")
        await anyio.sleep(0.01)
        gate.leave()
        doomed.cancel_scope.cancel()  # too late: its wait is already over
    assert got == ["handed"]
    assert (gate.inside, gate.waiting) == (1, 0)


def test_a_gate_needs_a_place() -> None:
    with pytest.raises(ValueError, match="at least one place"):
        ConnectionGate(0)


# --- over real HTTP on 127.0.0.1 ----------------------------------------------------------------------


class _SlowStatus(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real service
    lock = threading.Lock()
    now = 0
    most = 0

    def do_GET(self) -> None:
        cls = type(self)
        with cls.lock:
            cls.now += 1
            cls.most = max(cls.most, cls.now)
        time.sleep(0.02)
        with cls.lock:
            cls.now -= 1
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def slow_server() -> Iterator[str]:
    _SlowStatus.now = _SlowStatus.most = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowStatus)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.anyio
async def test_many_reads_in_flight_all_succeed_and_the_pool_holds_at_most_its_connections(
    slow_server: str,
) -> None:
    transport = AsyncClampedTransport()
    pool = transport._pool
    most_in_pool = 0
    reads = 3 * (LIMITS.max_connections or 100)

    async with opstatus.AsyncMonitorClient(token="t", base_url=slow_server, transport=transport) as client:

        async def read() -> str | None:
            return (await client.get_operation_status(**IDS)).status

        async def watch_pool(stop: anyio.Event) -> None:
            nonlocal most_in_pool
            while not stop.is_set():
                most_in_pool = max(most_in_pool, len(pool._requests))
                await anyio.sleep(0.001)

        results: list[str | None] = []
        stop = anyio.Event()
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(watch_pool, stop)
            async with anyio.create_task_group() as readers:
                for _ in range(reads):
                    readers.start_soon(_collect, read, results)
            stop.set()

    assert results == ["Succeeded"] * reads
    assert 0 < most_in_pool <= (LIMITS.max_connections or 100)
    assert _SlowStatus.most <= (LIMITS.max_connections or 100)
    assert (transport._gate.inside, transport._gate.waiting) == (0, 0), (
        "every closed response gave its place back"
    )


async def _collect(read: Callable[[], Awaitable[str | None]], into: list[str | None]) -> None:
    into.append(await read())


@pytest.mark.anyio
async def test_a_request_that_finds_no_place_fails_with_its_pool_timeout(slow_server: str) -> None:
    transport = AsyncClampedTransport()
    transport._gate = ConnectionGate(1)
    url = f"{slow_server}/subscriptions/s"

    def request(pool: float) -> httpx.Request:
        return httpx.Request(
            "GET", url, extensions={"timeout": {"connect": 5, "read": 5, "write": 5, "pool": pool}}
        )

    holder = await transport.handle_async_request(request(5))  # holds the only place until closed
    started = time.monotonic()
    with pytest.raises(httpx.PoolTimeout, match="pool timeout"):
        await transport.handle_async_request(request(0.2))
    assert 0.15 < time.monotonic() - started < 2.0
    await holder.aclose()
    second = await transport.handle_async_request(request(0.2))  # the place came back
    await second.aread()
    await second.aclose()
    await transport.aclose()
    assert (transport._gate.inside, transport._gate.waiting) == (0, 0)
