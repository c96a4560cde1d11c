"""AsyncOperationSet: one scheduler drives many waiting machines, sharing each scope's read budget.

Virtual clock throughout: reads take no time, the scheduler's sleep advances the clock. The fake
service is a token bucket per subscription, as ARM's: every answer carries the remaining-reads header,
an empty bucket answers 429 (the fake pipeline reports it as a RetryNotice, as the real one does, then
gives up with ThrottledError).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from opstatus import AsyncOperationSet, Outcome
from opstatus._errors import (
    InvalidParameterError,
    OperationFailedError,
    PollingTimeoutError,
    ServiceError,
    ThrottledError,
)
from opstatus._policy import PollingPolicy
from opstatus._poller import AsyncPoller
from opstatus._progress import ProgressEvent, RetryNotice
from opstatus._status import StatusResponse

from tests.overrides.waiting_fakes import VirtualClock, fake_reader, seeded

pytestmark = pytest.mark.anyio

HEADER = "x-ms-ratelimit-remaining-subscription-reads"
FAST = PollingPolicy(min_delay=1.0, max_delay=5.0, jitter=0.0, timeout=3600.0)


@attrs.define(slots=False)
class Bucket:
    """One subscription's read budget on the fake service (size, refill per second)."""

    clock: VirtualClock
    size: int
    refill: float
    tokens: float = 0.0
    at: float = 0.0
    reads: int = 0
    throttled: int = 0

    def __attrs_post_init__(self) -> None:
        self.tokens = float(self.size)

    def take(self) -> int | None:
        now = self.clock.now
        self.tokens = min(self.size, self.tokens + (now - self.at) * self.refill)
        self.at = now
        self.reads += 1
        if self.tokens < 1:
            self.throttled += 1
            return None
        self.tokens -= 1
        return int(self.tokens)

    def allowed(self, duration: float) -> float:
        return self.size + duration * self.refill


@attrs.define
class FakeService:
    clock: VirtualClock
    buckets: dict[str, Bucket]
    finish_at: Callable[[str], float]
    failing: frozenset[str] = frozenset()
    broken: frozenset[str] = frozenset()
    reads_by_op: dict[str, int] = attrs.Factory(dict)
    in_flight: int = 0
    most_in_flight: int = 0
    gate: asyncio.Event | None = None

    def poller(self, sub: str, op: str, **kwargs: Any) -> AsyncPoller[Any]:
        url = f"https://management.azure.com/subscriptions/{sub}/providers/x/operations/{op}"
        holder: list[AsyncPoller[Any]] = []

        async def fetch(remaining: float | None) -> StatusResponse[Any]:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            try:
                await asyncio.sleep(0)
                if self.gate is not None:
                    await self.gate.wait()
                return self._answer(sub, op, holder[0])
            finally:
                self.in_flight -= 1

        poller: AsyncPoller[Any] = AsyncPoller(
            fetch=fetch,
            reader=fake_reader(api_key="arm"),
            status_url=url,
            policy=kwargs.pop("policy", FAST),
            clock=self.clock.monotonic,
            sleep=self.clock.async_sleep,
            wall_clock=self.clock.wall,
            rng=seeded(1),
            **kwargs,
        )
        holder.append(poller)
        return poller

    def _answer(self, sub: str, op: str, poller: AsyncPoller[Any]) -> StatusResponse[Any]:
        self.reads_by_op[op] = self.reads_by_op.get(op, 0) + 1
        left = self.buckets[sub].take()
        if left is None:
            poller.notice_retry(
                RetryNotice(
                    attempt=2, max_attempts=2, delay=2.0, reason="429", status_code=429, throttled=True
                )
            )
            raise ThrottledError(retry_after=2.0, status_code=429)
        if op in self.broken:
            raise ServiceError(status_code=500, code="Boom")
        status = "InProgress"
        if self.clock.now >= self.finish_at(op):
            status = "Failed" if op in self.failing else "Succeeded"
        return StatusResponse(
            body={"status": status},
            resource={"op": op},
            retry_after=None,
            request_id="r",
            headers={HEADER: str(left)},
        )


def service(
    clock: VirtualClock, *, size: int = 1000, refill: float = 100.0, subs: int = 1, **kw: Any
) -> FakeService:
    buckets = {f"s{i}": Bucket(clock, size, refill) for i in range(subs)}
    return FakeService(clock=clock, buckets=buckets, **kw)


def new_set(clock: VirtualClock, **kwargs: Any) -> AsyncOperationSet:
    async def sleep(seconds: float) -> None:
        # Time moves only once every read in flight had its turn: a read that ends "now" is seen
        # before the scheduler's timer fires, as it would be on a real clock.
        for _ in range(10):
            await asyncio.sleep(0)
        clock.sleep(seconds)

    return AsyncOperationSet(clock=clock.monotonic, sleep=sleep, **kwargs)


async def drain(ops: AsyncOperationSet) -> list[Outcome]:
    return [outcome async for outcome in ops]


async def test_every_operation_is_yielded_once_in_completion_order() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: {"a": 30.0, "b": 5.0, "c": 12.0}[op])
    ops = new_set(clock)
    for op in "abc":
        ops.add(svc.poller("s0", op), label=op)
    outcomes = await drain(ops)
    assert [o.label for o in outcomes] == ["b", "c", "a"]
    assert all(o.ok and o.result == {"op": o.label} for o in outcomes)
    assert outcomes[0].scope == "management.azure.com/subscriptions/s0"
    assert len(ops) == 0


async def test_one_failure_does_not_stop_the_others() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 10.0, failing=frozenset({"f"}), broken=frozenset({"x"}))
    ops = new_set(clock)
    for op in ["a", "f", "x", "b"]:
        ops.add(svc.poller("s0", op), label=op)
    outcomes = {o.label: o for o in await drain(ops)}
    assert isinstance(outcomes["f"].error, OperationFailedError)
    assert isinstance(outcomes["x"].error, ServiceError)
    assert outcomes["a"].ok
    assert outcomes["b"].ok


async def test_a_small_budget_is_never_overspent_and_every_operation_completes() -> None:
    clock = VirtualClock()
    svc = service(clock, size=20, refill=10.0, finish_at=lambda op: 10.0 + int(op) % 50)
    ops = new_set(clock, max_in_flight=16)
    for i in range(300):
        ops.add(svc.poller("s0", str(i)), label=str(i))
    outcomes = await drain(ops)
    bucket = svc.buckets["s0"]
    assert len(outcomes) == 300
    assert all(o.ok for o in outcomes)
    assert bucket.throttled == 0
    assert ops.throttles == 0
    assert bucket.reads <= 1.25 * bucket.allowed(clock.now)
    # ... and is spent, not hoarded: demand exceeds it, so most of what it allowed was read.
    assert bucket.reads >= 0.8 * bucket.allowed(clock.now)


async def test_gathered_single_waits_on_the_same_budget_are_throttled() -> None:
    """The contrast the set exists for (and proof the fake service's bucket bites)."""
    clock = VirtualClock()
    svc = service(clock, size=20, refill=10.0, finish_at=lambda op: 10.0 + int(op) % 50)
    pollers = [svc.poller("s0", str(i)) for i in range(300)]
    await asyncio.gather(*(p.result() for p in pollers), return_exceptions=True)
    assert svc.buckets["s0"].throttled > 0


async def test_each_scope_has_its_own_budget() -> None:
    clock = VirtualClock()
    svc = service(clock, size=10, refill=5.0, subs=2, finish_at=lambda op: 5.0)
    ops = new_set(clock)
    for i in range(40):
        ops.add(svc.poller(f"s{i % 2}", str(i)), label=str(i))
    outcomes = await drain(ops)
    assert len(outcomes) == 40
    assert all(o.ok for o in outcomes)
    assert set(ops.scopes) == {
        "management.azure.com/subscriptions/s0",
        "management.azure.com/subscriptions/s1",
    }
    assert all(b.throttled == 0 for b in svc.buckets.values())


async def test_a_429_pauses_the_whole_scope_for_its_retry_after() -> None:
    clock = VirtualClock()
    svc = service(clock, size=1000, refill=0.0, finish_at=lambda op: 10.0)
    bucket = svc.buckets["s0"]
    ops = new_set(clock, probe_interval=0.5, max_in_flight=1)  # one read at a time: an order to check
    for i in range(5):
        ops.add(svc.poller("s0", str(i)), label=str(i))
    read_times: list[float] = []
    original = bucket.take

    def take() -> int | None:
        read_times.append(clock.now)
        if len(read_times) == 3:  # the service throttles this one read (someone else spent the budget)
            bucket.throttled += 1
            return None
        return original()

    bucket.take = take  # type: ignore[method-assign]
    outcomes = await drain(ops)
    assert [type(o.error) for o in outcomes].count(ThrottledError) == 1
    assert sum(o.ok for o in outcomes) == 4
    throttled_at = read_times[2]
    later = read_times[3:]
    assert later
    assert min(later) >= throttled_at + 2.0


async def test_a_callers_rate_caps_reads_per_scope() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 20.0)
    ops = new_set(clock, rate=4.0)
    for i in range(50):
        ops.add(svc.poller("s0", str(i)), label=str(i))
    await drain(ops)
    reads = svc.buckets["s0"].reads
    assert reads <= 4 + 4.0 * clock.now + 1


async def test_most_overdue_reads_go_first_when_the_budget_is_short() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 0.0)
    order: list[str] = []
    ops = new_set(clock, rate=1.0)
    for op in ["late", "early"]:
        poller = svc.poller("s0", op)
        ops.add(poller, label=op)
    # Both are due at once; the one added first is due first: it is read first.
    async for outcome in ops:
        order.append(outcome.label)
    assert order == ["late", "early"]


async def test_each_operation_keeps_its_own_deadline() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: {"slow": 500.0, "quick": 8.0}[op])
    ops = new_set(clock)
    ops.add(svc.poller("s0", "slow"), label="slow", timeout=30.0)
    ops.add(svc.poller("s0", "quick"), label="quick", timeout=30.0)
    outcomes = {o.label: o for o in await drain(ops)}
    assert outcomes["quick"].ok
    error = outcomes["slow"].error
    assert isinstance(error, PollingTimeoutError)
    assert error.continuation_token
    assert clock.now == pytest.approx(30.0, abs=1.0)


async def test_reads_in_flight_never_exceed_the_bound() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 3.0)
    ops = new_set(clock, max_in_flight=5)
    for i in range(40):
        ops.add(svc.poller("s0", str(i)), label=str(i))
    await drain(ops)
    assert svc.most_in_flight == 5


async def test_closing_the_set_cancels_reads_in_flight_and_sends_nothing_more() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 0.0)
    svc.gate = asyncio.Event()  # reads hang until released
    ops = new_set(clock, max_in_flight=4)
    for i in range(10):
        ops.add(svc.poller("s0", str(i)), label=str(i))
    consumer = asyncio.ensure_future(ops.__anext__())
    for _ in range(5):
        await asyncio.sleep(0)
    assert svc.in_flight == 1  # the opening probe of the subscription's budget
    consumer.cancel()
    with pytest.raises(asyncio.CancelledError):
        await consumer
    assert svc.in_flight == 0
    svc.gate.set()
    await asyncio.sleep(0)
    assert sum(svc.reads_by_op.values()) == 0
    with pytest.raises(StopAsyncIteration):
        await ops.__anext__()


async def test_leaving_the_block_stops_the_set() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 100.0 if op == "slow" else 1.0)
    async with new_set(clock) as ops:
        ops.add(svc.poller("s0", "fast"), label="fast")
        ops.add(svc.poller("s0", "slow"), label="slow")
        async for outcome in ops:
            assert outcome.label == "fast"
            break
    reads = sum(svc.reads_by_op.values())
    await asyncio.sleep(0)
    assert sum(svc.reads_by_op.values()) == reads
    assert list(ops.continuation_tokens()) == ["slow"]


async def test_continuation_tokens_name_what_is_still_running_and_resume_it() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 5.0 if op == "a" else 50.0)
    ops = new_set(clock)
    ops.add(svc.poller("s0", "a"), label="a")
    ops.add(svc.poller("s0", "b"), label="b")
    first = await ops.__anext__()
    assert first.label == "a"
    tokens = ops.continuation_tokens()
    assert list(tokens) == ["b"]
    assert tokens["b"].startswith("opst")
    await ops.aclose()


async def test_progress_events_still_reach_each_operations_callback() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 5.0)
    seen: list[ProgressEvent] = []
    ops = new_set(clock)
    ops.add(svc.poller("s0", "a", on_progress=seen.append), label="a")
    await drain(ops)
    assert seen
    assert seen[-1].state.value == "succeeded"


async def test_a_label_already_in_the_set_is_refused() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 5.0)
    ops = new_set(clock)
    ops.add(svc.poller("s0", "a"), label="x")
    with pytest.raises(InvalidParameterError, match="already in this set"):
        ops.add(svc.poller("s0", "b"), label="x")


async def test_a_string_without_a_client_is_refused() -> None:
    ops = AsyncOperationSet()
    with pytest.raises(TypeError, match="client="):
        ops.add("https://management.azure.com/subscriptions/s/operations/1")
    with pytest.raises(TypeError, match="AsyncPoller"):
        ops.add(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [0, -1, 2.5, True])
async def test_max_in_flight_must_be_a_positive_count(bad: object) -> None:
    with pytest.raises(ValueError, match="max_in_flight"):
        AsyncOperationSet(max_in_flight=bad)  # type: ignore[arg-type]


async def test_an_operation_added_while_the_set_sleeps_is_read_when_due() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 0.0 if op == "new" else 1000.0)
    ops = AsyncOperationSet(clock=clock.monotonic, sleep=asyncio.sleep)  # real sleeps, never advanced
    ops.add(svc.poller("s0", "old", policy=PollingPolicy(min_delay=600.0, max_delay=900.0)), label="old")
    first = asyncio.ensure_future(ops.__anext__())
    for _ in range(20):
        await asyncio.sleep(0)  # "old" read once; the scheduler now sleeps ~600 s
    ops.add(svc.poller("s0", "new"), label="new")
    outcome = await asyncio.wait_for(first, timeout=5)
    assert outcome.label == "new"
    await ops.aclose()
