"""The loops azure-core users write by hand work the same here: ``done()``, ``status()``, ``wait()``.

azure-core gets them from a thread that polls in the background; opstatus reads inside the call
when the schedule says a read is due. These tests pin the two promises of README's poller table:
the loop ends within one polling interval (plus the caller's own sleep) of the operation's end, and
it never reads faster than the policy allows. All on a virtual clock.
"""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import pytest
from opstatus._errors import NotFoundError, OperationFailedError, PollingTimeoutError
from opstatus._policy import PollingPolicy
from opstatus._poller import AsyncPoller, Poller
from opstatus._state import OperationState

from tests.overrides.waiting_fakes import ScriptedFetch, VirtualClock, fake_reader, finishes_at, sequence

pytestmark = pytest.mark.anyio

FIXED_10S = PollingPolicy(min_delay=10.0, max_delay=10.0)


def make(fetch: ScriptedFetch, *, asynchronous: bool = False, **kwargs: Any) -> Any:
    clock = fetch.clock
    common: dict[str, Any] = {
        "reader": fake_reader(),
        "status_url": "https://management.azure.com/op",
        "clock": clock.monotonic,
        "wall_clock": clock.wall,
        "rng": lambda: 0.0,
        **kwargs,
    }
    if asynchronous:
        return AsyncPoller(fetch=fetch.async_call, sleep=clock.async_sleep, **common)
    return Poller(fetch=fetch, sleep=clock.sleep, **common)


def gaps(times: list[float]) -> list[float]:
    return [later - earlier for earlier, later in itertools.pairwise(times)]


@pytest.mark.parametrize("user_sleep", [1.0, 5.0, 30.0])
def test_a_done_loop_ends_within_one_interval_and_never_reads_faster_than_the_policy(
    user_sleep: float,
) -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock=clock, body_at=finishes_at(47.0))
    poller = make(fetch, policy=FIXED_10S)
    while not poller.done():
        clock.sleep(user_sleep)
    assert all(gap >= 10.0 for gap in gaps(fetch.reads))
    assert clock.now <= 47.0 + 10.0 + user_sleep
    assert poller.result() == {"typed": {"status": "Succeeded"}}
    assert fetch.reads[-1] >= 47.0


def test_a_done_loop_on_the_default_schedule_reads_no_more_than_result_would() -> None:
    clock = VirtualClock()
    waited = ScriptedFetch(clock=clock, body_at=finishes_at(300.0))
    make(waited).result()
    by_result = list(waited.reads)

    clock = VirtualClock()
    looped = ScriptedFetch(clock=clock, body_at=finishes_at(300.0))
    poller = make(looped)
    while not poller.done():
        clock.sleep(0.5)
    assert len(looped.reads) <= len(by_result)
    # each read of the loop comes no earlier than the read result() made in the same place
    assert all(loop >= own for loop, own in zip(looped.reads, by_result, strict=False))
    assert clock.now - 300.0 <= max(gaps(by_result)) + 0.5


def test_status_in_a_loop_reads_at_the_policys_pace() -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock=clock, body_at=finishes_at(25.0))
    poller = make(fetch, policy=FIXED_10S)
    seen = []
    while (state := poller.status()) is not OperationState.SUCCEEDED:
        seen.append(state)
        clock.sleep(2.0)
    assert fetch.reads == [0.0, 10.0, 20.0, 30.0]
    assert set(seen) == {OperationState.RUNNING}


def test_done_raises_the_error_of_its_read() -> None:
    clock = VirtualClock()
    calls = 0

    def fetch(remaining: float | None) -> Any:
        nonlocal calls
        calls += 1
        raise NotFoundError(status_code=404, code="NotFound", message="gone")

    poller = Poller(fetch=fetch, reader=fake_reader(), status_url="https://x/op", clock=clock.monotonic)
    with pytest.raises(NotFoundError):
        poller.done()
    assert calls == 1


def test_wait_returns_quietly_when_the_time_is_up_and_done_says_so() -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock=clock, body_at=finishes_at(100.0))
    poller = make(fetch, policy=FIXED_10S)
    assert poller.wait(timeout=25.0) is None
    assert (clock.now, poller.done()) == (25.0, False)
    poller.wait()
    assert poller.done() is True


def test_wait_raises_when_the_operation_failed() -> None:
    fetch = ScriptedFetch(
        clock=VirtualClock(), body_at=sequence([{"status": "InProgress"}, {"status": "Failed"}])
    )
    with pytest.raises(OperationFailedError):
        make(fetch, policy=FIXED_10S).wait(timeout=60.0)


def test_result_with_no_time_reads_once_when_due_and_not_again_before_the_schedule() -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock=clock, body_at=finishes_at(15.0))
    poller = make(fetch, policy=FIXED_10S)
    for _ in range(3):
        with pytest.raises(PollingTimeoutError):
            poller.result(timeout=0)
    assert fetch.reads == [0.0]
    clock.now = 20.0
    assert poller.result(timeout=0) == {"typed": {"status": "Succeeded"}}
    assert fetch.reads == [0.0, 20.0]


async def test_an_async_done_loop_ends_within_one_interval_and_one_sleep() -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock=clock, body_at=finishes_at(47.0))
    poller = make(fetch, asynchronous=True, policy=FIXED_10S)
    loops = 0
    while not poller.done():
        await clock.async_sleep(5.0)
        await asyncio.sleep(0)  # let the read done() started run, as real time would
        loops += 1
        assert loops < 100
    assert all(gap >= 10.0 for gap in gaps(fetch.reads))
    assert clock.now <= 47.0 + 10.0 + 5.0
    assert await poller.result() == {"typed": {"status": "Succeeded"}}


async def test_an_async_done_loop_on_the_default_schedule_reads_no_more_than_result_would() -> None:
    clock = VirtualClock()
    waited = ScriptedFetch(clock=clock, body_at=finishes_at(300.0))
    await make(waited, asynchronous=True).result()

    clock = VirtualClock()
    looped = ScriptedFetch(clock=clock, body_at=finishes_at(300.0))
    poller = make(looped, asynchronous=True)
    while not poller.done():
        await clock.async_sleep(0.5)
        await asyncio.sleep(0)
    assert len(looped.reads) <= len(waited.reads)
    assert all(loop >= own for loop, own in zip(looped.reads, waited.reads, strict=False))
    assert clock.now - 300.0 <= max(gaps(waited.reads)) + 0.5


async def test_an_async_done_raises_the_error_of_the_read_it_started() -> None:
    clock = VirtualClock()

    async def fetch(remaining: float | None) -> Any:
        raise NotFoundError(status_code=404, code="NotFound", message="gone")

    poller = AsyncPoller(fetch=fetch, reader=fake_reader(), status_url="https://x/op", clock=clock.monotonic)
    assert poller.done() is False
    await asyncio.sleep(0)
    with pytest.raises(NotFoundError):
        poller.done()


async def test_async_wait_returns_quietly_on_timeout() -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock=clock, body_at=finishes_at(100.0))
    poller = make(fetch, asynchronous=True, policy=FIXED_10S)
    assert await poller.wait(timeout=25.0) is None
    assert clock.now == 25.0
    assert poller.done() is False
