"""Clocks that skip waiting but keep measuring real time, for soaking pollers against the emulator.

Why not a purely virtual clock: a soak has to prove that no wait runs past its deadline *as measured*,
and the part of a wait nobody can skip - HTTP round trips, event-loop scheduling - is exactly what can
push a wait over. So these clocks read real monotonic time plus every second of sleep they skipped:
sleeping costs nothing, everything else counts. Each skipped second is also handed to ``on_skip``
(the emulator's virtual clock), so scripted lifecycles move exactly as far as the client slept.

* :class:`SkippingClock` for one synchronous thread: ``sleep(s)`` returns at once, ``s`` later.
* :class:`AutojumpClock` for many asyncio tasks: a sleeping task wakes when every task taking part
  is asleep and its wake time is the earliest (trio's ``MockClock(autojump_threshold=0)`` idea), or
  when real time reaches its wake time while others are busy; concurrent waits see one timeline.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

__all__ = ["AutojumpClock", "SkippingClock"]

T = TypeVar("T")
OnSkip = Callable[[float], object]


def _ignore(seconds: float) -> None:
    return None


class SkippingClock:
    """Monotonic time in which ``sleep`` takes no real time (single-threaded use)."""

    def __init__(self, *, on_skip: OnSkip = _ignore) -> None:
        self._skipped = 0.0
        self._on_skip = on_skip

    def now(self) -> float:
        return time.monotonic() + self._skipped

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self._skipped += seconds
            self._on_skip(seconds)


class AutojumpClock:
    """Monotonic time shared by asyncio tasks; jumps to the next wake-up when all of them sleep.

    Only coroutines run through :meth:`run` take part: while one of them is doing anything but
    :meth:`sleep` (an HTTP request, say), time is real and nothing jumps.
    """

    def __init__(self, *, on_skip: OnSkip = _ignore) -> None:
        self._skipped = 0.0
        self._on_skip = on_skip
        self._active = 0
        self._order = itertools.count()
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self.jumps = 0

    def now(self) -> float:
        return time.monotonic() + self._skipped

    def run(self, work: Awaitable[T]) -> Awaitable[T]:
        """``work`` as a participant of this timeline, counted from now (before it is first scheduled).

        Counting at creation matters: a participant that has not started yet must hold time still,
        or the first one to sleep would jump past the others' first requests.
        """
        self._active += 1
        return self._participate(work)

    async def _participate(self, work: Awaitable[T]) -> T:
        try:
            return await work
        finally:
            self._active -= 1
            self._jump_if_idle()

    async def sleep(self, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        heapq.heappush(self._sleepers, (self.now() + max(0.0, seconds), next(self._order), future))
        # Real time counts too: if the others stay busy until this wake-up is due, wake up anyway.
        loop.call_later(max(0.0, seconds), self._wake_due)
        self._active -= 1
        self._jump_if_idle()
        try:
            await future
        except asyncio.CancelledError:
            if not future.done():  # cancelled while asleep: it is awake (active) again
                future.cancel()
                self._active += 1
            raise

    def _jump_if_idle(self) -> None:
        if self._active > 0:
            return
        while self._sleepers and self._sleepers[0][2].cancelled():
            heapq.heappop(self._sleepers)
        if not self._sleepers:
            return
        ahead = self._sleepers[0][0] - self.now()
        if ahead > 0:
            self._skipped += ahead
            self._on_skip(ahead)
            self.jumps += 1
        self._wake_due()

    def _wake_due(self) -> None:
        now = self.now()
        while self._sleepers and self._sleepers[0][0] <= now:
            _, _, future = heapq.heappop(self._sleepers)
            if not future.done():
                self._active += 1  # counted awake now, so nothing else jumps before it runs
                future.set_result(None)
