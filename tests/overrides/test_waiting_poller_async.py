"""AsyncPoller: the async twin behaves exactly like Poller; task cancellation stops polling."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from opstatus._errors import OperationCanceledError, PollingTimeoutError
from opstatus._policy import PollingPolicy
from opstatus._poller import AsyncPoller, Poller
from opstatus._progress import ProgressEvent
from opstatus._state import OperationState
from opstatus._status import StatusResponse

from tests.overrides.waiting_fakes import (
    ScriptedFetch,
    VirtualClock,
    fake_reader,
    finishes_at,
    seeded,
    sequence,
)

pytestmark = pytest.mark.anyio


def make_async(fetch: ScriptedFetch, **kwargs: Any) -> AsyncPoller[Any]:
    clock = fetch.clock
    return AsyncPoller(
        fetch=fetch.async_call,
        reader=fake_reader(),
        status_url="https://management.azure.com/op",
        clock=clock.monotonic,
        sleep=clock.async_sleep,
        wall_clock=clock.wall,
        **kwargs,
    )


def make_sync(fetch: ScriptedFetch, **kwargs: Any) -> Poller[Any]:
    clock = fetch.clock
    return Poller(
        fetch=fetch,
        reader=fake_reader(),
        status_url="https://management.azure.com/op",
        clock=clock.monotonic,
        sleep=clock.sleep,
        wall_clock=clock.wall,
        **kwargs,
    )


@pytest.mark.parametrize("duration", [0.0, 2.0, 45.0, 3600.0])
async def test_async_twin_reads_and_sleeps_exactly_like_the_sync_poller(duration: float) -> None:
    runs = []
    for make in (make_sync, make_async):
        fetch = ScriptedFetch(clock=VirtualClock(), body_at=finishes_at(duration))
        events: list[ProgressEvent] = []
        poller = make(fetch, rng=seeded(7), on_progress=events.append)
        result = poller.result()
        if asyncio.iscoroutine(result):
            result = await result
        runs.append((result, fetch.reads, fetch.clock.sleeps, events, fetch.remaining_seen))
    assert runs[0] == runs[1]


async def test_async_timeout_raises_with_the_last_status() -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock=clock, body_at=finishes_at(1e9))
    poller = make_async(fetch, policy=PollingPolicy(min_delay=10.0, max_delay=10.0))
    with pytest.raises(PollingTimeoutError) as caught:
        await poller.result(timeout=25.0)
    assert (caught.value.last_raw_status, caught.value.elapsed, clock.now) == ("InProgress", 25.0, 25.0)


async def test_async_canceled_operation_raises_operation_canceled() -> None:
    fetch = ScriptedFetch(
        clock=VirtualClock(), body_at=sequence([{"status": "InProgress"}, {"status": "Canceled"}])
    )
    with pytest.raises(OperationCanceledError):
        await make_async(fetch).result()


async def test_async_status_reads_only_when_a_read_is_due() -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock=clock, body_at=finishes_at(100.0))
    poller = make_async(fetch, policy=PollingPolicy(min_delay=10.0, max_delay=10.0))
    assert await poller.read_status() is OperationState.RUNNING
    assert await poller.read_status() is OperationState.RUNNING
    clock.now = 10.0
    assert await poller.read_status() is OperationState.RUNNING
    assert fetch.reads == [0.0, 10.0]


async def test_cancelling_the_task_stops_polling_and_sends_nothing_more() -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock=clock, body_at=finishes_at(1e9))
    asleep = asyncio.Event()

    async def sleep_forever(seconds: float) -> None:
        asleep.set()
        await asyncio.Event().wait()  # never set: only cancellation ends this

    poller: AsyncPoller[Any] = AsyncPoller(
        fetch=fetch.async_call,
        reader=fake_reader(),
        status_url="https://x/op",
        clock=clock.monotonic,
        sleep=sleep_forever,
        wall_clock=clock.wall,
    )
    task = asyncio.create_task(poller.result())
    await asleep.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert fetch.reads == [0.0]
    await asyncio.sleep(0)
    assert fetch.reads == [0.0]


async def test_cancelling_during_a_read_propagates_without_another_read() -> None:
    clock = VirtualClock()
    started = asyncio.Event()
    reads = 0

    async def hanging_fetch(remaining: float | None) -> StatusResponse[Any]:
        nonlocal reads
        reads += 1
        started.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    poller: AsyncPoller[Any] = AsyncPoller(
        fetch=hanging_fetch,
        reader=fake_reader(),
        status_url="https://x/op",
        clock=clock.monotonic,
        sleep=clock.async_sleep,
    )
    task = asyncio.create_task(poller.result())
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert reads == 1
    assert poller.done() is False
