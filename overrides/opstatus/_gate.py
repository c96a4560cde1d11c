"""The queue in front of opstatus's async connection pool: at most as many requests as connections.

httpcore's pool keeps every request it is handed in one list and, each time a request starts or a
response closes, walks that list against every connection (``_assign_requests_to_connections``). With
1,000 reads in flight and 100 connections that walk is 100,000 steps, twice per read: at 1,000 in flight
it was most of the CPU a read cost (raw httpx: 2.9 ms a read instead of 0.8 ms in sequence; in a loaded
run it did not finish 4,000 reads before httpx's 5 s pool timeout). So :class:`ConnectionGate` lets only
``limit`` requests (the pool's ``max_connections``) into the pool at once; the others wait here, first
come first served, each for no longer than its own pool timeout, and a closed response lets the next one
in. The pool then never holds more requests than it has connections, and what it does per read no longer
grows with the number waiting.

The guarantees are the pool's own: a request waits in order, at most its ``pool`` timeout (which the
pipeline already cut to the request's deadline), then fails with ``httpx.PoolTimeout``, which the
pipeline retries like any timeout. It runs on asyncio and trio (anyio primitives, no loop of its own).
"""

from __future__ import annotations

import collections

import anyio
import httpx

__all__ = ["ConnectionGate", "GatedStream"]


class ConnectionGate:
    """A first-come-first-served counter of requests inside the pool, with a timeout per waiter.

    Not a plain ``anyio.Semaphore``: entering while a place is free costs no await at all (the pool
    itself yields right after), and a place freed by a closing response is handed to the first waiter
    directly, so a newcomer cannot overtake the queue.
    """

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError(f"a connection gate needs at least one place, not {limit}")
        self.limit = limit
        self._free = limit
        self._waiters: collections.deque[anyio.Event] = collections.deque()

    @property
    def inside(self) -> int:
        """How many requests hold a place now (for tests and the debug log)."""
        return self.limit - self._free

    @property
    def waiting(self) -> int:
        """How many requests wait for a place now."""
        return len(self._waiters)

    async def enter(self, timeout: float | None, request: httpx.Request) -> None:  # noqa: ASYNC109
        """Take a place, waiting at most ``timeout`` seconds (``None``: no limit) behind earlier waiters.

        Raises ``httpx.PoolTimeout`` when the time runs out first, like httpcore's own pool wait.
        """
        if self._free > 0 and not self._waiters:
            self._free -= 1
            return
        handed = anyio.Event()
        self._waiters.append(handed)
        try:
            with anyio.fail_after(timeout):
                await handed.wait()
        except BaseException as exc:
            if handed.is_set():
                # The place was handed over while this waiter was being cancelled or timed out: it
                # must not be lost, so it goes on to the next waiter (or back to the free count).
                self.leave()
            else:
                self._waiters.remove(handed)
            if isinstance(exc, TimeoutError):
                raise httpx.PoolTimeout(
                    f"no connection came free within the pool timeout ({timeout} s): "
                    f"{self.limit} requests were in flight on this client",
                    request=request,
                ) from None
            raise

    def leave(self) -> None:
        """Give a place back: to the first waiter if there is one, else to the free count."""
        if self._waiters:
            self._waiters.popleft().set()
        else:
            self._free += 1


class GatedStream(httpx.AsyncByteStream):
    """A response body that gives its request's place in the gate back when it is closed (once)."""

    def __init__(self, inner: httpx.AsyncByteStream, gate: ConnectionGate) -> None:
        self._inner = inner
        self._gate: ConnectionGate | None = gate

    async def __aiter__(self):  # type: ignore[no-untyped-def]  # an async generator, typed by the base
        async for chunk in self._inner:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._inner.aclose()
        finally:
            gate, self._gate = self._gate, None
            if gate is not None:
                gate.leave()
