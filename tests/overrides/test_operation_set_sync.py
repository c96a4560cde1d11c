"""OperationSet, the sync twin: the same scheduler as AsyncOperationSet, its reads on a thread pool.

Virtual clock: the fake service answers at once (on a worker thread), the set's injected sleep advances
the clock while nothing is in flight. The fake service is test_operation_set's token bucket per
subscription, behind a lock (reads arrive from several threads).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from opstatus import AsyncOperationSet, OperationSet, Outcome
from opstatus._errors import (
    InvalidParameterError,
    OperationFailedError,
    PollingTimeoutError,
    ServiceError,
    ThrottledError,
)
from opstatus._poller import Poller
from opstatus._progress import ProgressEvent, RetryNotice
from opstatus._status import StatusResponse

from tests.overrides.test_operation_set import FAST, HEADER, Bucket
from tests.overrides.waiting_fakes import VirtualClock, fake_reader, seeded


@attrs.define
class SyncService:
    clock: VirtualClock
    buckets: dict[str, Bucket]
    finish_at: Callable[[str], float]
    failing: frozenset[str] = frozenset()
    broken: frozenset[str] = frozenset()
    reads_by_op: dict[str, int] = attrs.Factory(dict)
    read_log: list[tuple[float, str]] = attrs.Factory(list)
    in_flight: int = 0
    most_in_flight: int = 0
    gate: threading.Event | None = None
    lock: threading.Lock = attrs.Factory(threading.Lock)
    threads: set[str] = attrs.Factory(set)

    def poller(self, sub: str, op: str, **kwargs: Any) -> Poller[Any]:
        url = f"https://management.azure.com/subscriptions/{sub}/providers/x/operations/{op}"
        holder: list[Poller[Any]] = []

        def fetch(remaining: float | None) -> StatusResponse[Any]:
            with self.lock:
                self.in_flight += 1
                self.most_in_flight = max(self.most_in_flight, self.in_flight)
                self.threads.add(threading.current_thread().name)
            try:
                if self.gate is not None:
                    self.gate.wait(timeout=10)
                return self._answer(sub, op, holder[0])
            finally:
                with self.lock:
                    self.in_flight -= 1

        poller: Poller[Any] = Poller(
            fetch=fetch,
            reader=fake_reader(api_key="arm"),
            status_url=url,
            policy=kwargs.pop("policy", FAST),
            clock=self.clock.monotonic,
            sleep=self.clock.sleep,
            wall_clock=self.clock.wall,
            rng=seeded(1),
            **kwargs,
        )
        holder.append(poller)
        return poller

    def _answer(self, sub: str, op: str, poller: Poller[Any]) -> StatusResponse[Any]:
        with self.lock:
            self.reads_by_op[op] = self.reads_by_op.get(op, 0) + 1
            self.read_log.append((self.clock.now, op))
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
) -> SyncService:
    buckets = {f"s{i}": Bucket(clock, size, refill) for i in range(subs)}
    return SyncService(clock=clock, buckets=buckets, **kw)


def new_set(clock: VirtualClock, **kwargs: Any) -> OperationSet:
    return OperationSet(clock=clock.monotonic, sleep=clock.sleep, **kwargs)


def set_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("opstatus-read")]


def test_every_operation_is_yielded_once_in_completion_order() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: {"a": 30.0, "b": 5.0, "c": 12.0}[op])
    with new_set(clock) as ops:
        for op in "abc":
            ops.add(svc.poller("s0", op), label=op)
        outcomes = list(ops)
    assert [o.label for o in outcomes] == ["b", "c", "a"]
    assert all(o.ok and o.result == {"op": o.label} for o in outcomes)
    assert outcomes[0].scope == "management.azure.com/subscriptions/s0"
    assert len(ops) == 0
    assert all(name.startswith("opstatus-read") for name in svc.threads)  # read off the caller's thread


def test_one_failure_does_not_stop_the_others() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 10.0, failing=frozenset({"f"}), broken=frozenset({"x"}))
    with new_set(clock) as ops:
        for op in ["a", "f", "x", "b"]:
            ops.add(svc.poller("s0", op), label=op)
        outcomes = {o.label: o for o in ops}
    assert isinstance(outcomes["f"].error, OperationFailedError)
    assert isinstance(outcomes["x"].error, ServiceError)
    assert outcomes["a"].ok
    assert outcomes["b"].ok


def test_a_small_budget_is_never_overspent_and_every_operation_completes() -> None:
    clock = VirtualClock()
    svc = service(clock, size=20, refill=10.0, finish_at=lambda op: 10.0 + int(op) % 50)
    with new_set(clock, max_in_flight=8) as ops:
        for i in range(300):
            ops.add(svc.poller("s0", str(i)), label=str(i))
        outcomes = list(ops)
    bucket = svc.buckets["s0"]
    assert len(outcomes) == 300
    assert all(o.ok for o in outcomes)
    assert bucket.throttled == 0
    assert ops.throttles == 0
    assert bucket.reads <= 1.25 * bucket.allowed(clock.now)
    assert bucket.reads >= 0.8 * bucket.allowed(clock.now)
    assert ops.reads == bucket.reads
    assert 0 < ops.holds <= ops.reads  # demand exceeded the budget: reads waited, each counted once


def test_each_scope_has_its_own_budget() -> None:
    clock = VirtualClock()
    svc = service(clock, size=10, refill=5.0, subs=2, finish_at=lambda op: 5.0)
    with new_set(clock) as ops:
        for i in range(40):
            ops.add(svc.poller(f"s{i % 2}", str(i)), label=str(i))
        outcomes = list(ops)
    assert len(outcomes) == 40
    assert all(o.ok for o in outcomes)
    assert set(ops.scopes) == {
        "management.azure.com/subscriptions/s0",
        "management.azure.com/subscriptions/s1",
    }
    assert all(b.throttled == 0 for b in svc.buckets.values())


def test_a_429_pauses_the_whole_scope_for_its_retry_after() -> None:
    clock = VirtualClock()
    svc = service(clock, size=1000, refill=0.0, finish_at=lambda op: 10.0)
    bucket = svc.buckets["s0"]
    read_times: list[float] = []
    original = bucket.take

    def take() -> int | None:
        read_times.append(clock.now)
        if len(read_times) == 3:  # the service throttles this one read (someone else spent the budget)
            bucket.throttled += 1
            return None
        return original()

    bucket.take = take  # type: ignore[method-assign]
    with new_set(clock, probe_interval=0.5, max_in_flight=1) as ops:
        for i in range(5):
            ops.add(svc.poller("s0", str(i)), label=str(i))
        outcomes = list(ops)
    assert [type(o.error) for o in outcomes].count(ThrottledError) == 1
    assert sum(o.ok for o in outcomes) == 4
    assert ops.throttles >= 1
    throttled_at = read_times[2]
    later = read_times[3:]
    assert later
    assert min(later) >= throttled_at + 2.0


def test_a_callers_rate_caps_reads_per_scope() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 20.0)
    with new_set(clock, rate=4.0) as ops:
        for i in range(50):
            ops.add(svc.poller("s0", str(i)), label=str(i))
        list(ops)
    assert svc.buckets["s0"].reads <= 4 + 4.0 * clock.now + 1


def test_most_overdue_reads_go_first_when_the_budget_is_short() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 0.0)
    with new_set(clock, rate=1.0) as ops:
        for op in ["late", "early"]:
            ops.add(svc.poller("s0", op), label=op)
        assert [o.label for o in ops] == ["late", "early"]


def test_each_operation_keeps_its_own_deadline() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: {"slow": 500.0, "quick": 8.0}[op])
    with new_set(clock) as ops:
        ops.add(svc.poller("s0", "slow"), label="slow", timeout=30.0)
        ops.add(svc.poller("s0", "quick"), label="quick", timeout=30.0)
        outcomes = {o.label: o for o in ops}
    assert outcomes["quick"].ok
    error = outcomes["slow"].error
    assert isinstance(error, PollingTimeoutError)
    assert error.continuation_token
    assert clock.now == pytest.approx(30.0, abs=1.0)


def test_reads_in_flight_never_exceed_the_bound_and_use_that_many_workers() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 3.0)
    svc.gate = threading.Event()
    with new_set(clock, max_in_flight=5) as ops:
        for i in range(40):
            ops.add(svc.poller("s0", str(i)), label=str(i))
        timer = threading.Timer(0.2, svc.gate.set)  # hold the first reads so they pile up
        timer.start()
        outcomes = list(ops)
        timer.join()
    assert len(outcomes) == 40
    assert svc.most_in_flight <= 5
    assert len(svc.threads) <= 5


def test_no_worker_thread_outlives_the_set() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 100.0 if op == "slow" else 1.0)
    with new_set(clock, max_in_flight=4) as ops:
        ops.add(svc.poller("s0", "fast"), label="fast")
        ops.add(svc.poller("s0", "slow"), label="slow")
        assert not set_threads()  # the constructor and add() start nothing
        for outcome in ops:
            assert outcome.label == "fast"
            assert set_threads()
            break
    assert not set_threads()
    reads = sum(svc.reads_by_op.values())
    assert list(ops.continuation_tokens()) == ["slow"]
    with pytest.raises(StopIteration):
        next(ops)
    assert sum(svc.reads_by_op.values()) == reads
    with pytest.raises(RuntimeError, match="closed"):
        ops.add(svc.poller("s0", "late"))


def test_ctrl_c_while_waiting_stops_every_read_and_joins_the_workers() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 1000.0)
    calls = 0

    def interrupted_sleep(seconds: float) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise KeyboardInterrupt
        clock.sleep(seconds)

    ops = OperationSet(clock=clock.monotonic, sleep=interrupted_sleep, max_in_flight=4)
    for i in range(10):
        ops.add(svc.poller("s0", str(i)), label=str(i))
    with pytest.raises(KeyboardInterrupt):
        next(ops)
    assert not set_threads()
    reads = sum(svc.reads_by_op.values())
    assert reads > 0
    with pytest.raises(StopIteration):
        next(ops)
    assert sum(svc.reads_by_op.values()) == reads
    assert len(ops.continuation_tokens()) == 10


def test_continuation_tokens_name_what_is_still_running() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 5.0 if op == "a" else 50.0)
    with new_set(clock) as ops:
        ops.add(svc.poller("s0", "a"), label="a")
        ops.add(svc.poller("s0", "b"), label="b")
        assert next(ops).label == "a"
        tokens = ops.continuation_tokens()
    assert list(tokens) == ["b"]
    assert tokens["b"].startswith("opst")


def test_progress_events_reach_each_operations_callback_on_the_iterating_thread() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 5.0)
    seen: list[tuple[ProgressEvent, str]] = []
    with new_set(clock) as ops:
        poller = svc.poller(
            "s0", "a", on_progress=lambda e: seen.append((e, threading.current_thread().name))
        )
        ops.add(poller, label="a")
        list(ops)
    assert seen
    assert seen[-1][0].state.value == "succeeded"
    assert {name for _, name in seen} == {threading.current_thread().name}


def test_a_label_already_in_the_set_is_refused() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 5.0)
    with new_set(clock) as ops:
        ops.add(svc.poller("s0", "a"), label="x")
        with pytest.raises(InvalidParameterError, match="already in this set"):
            ops.add(svc.poller("s0", "b"), label="x")


def test_a_string_without_a_client_or_an_async_poller_is_refused() -> None:
    ops = OperationSet()
    with pytest.raises(TypeError, match="client="):
        ops.add("https://management.azure.com/subscriptions/s/operations/1")
    with pytest.raises(TypeError, match="takes a Poller"):
        ops.add(42)  # type: ignore[arg-type]


def test_the_async_set_refuses_a_sync_poller() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 5.0)
    with pytest.raises(TypeError, match="AsyncPoller"):
        AsyncOperationSet().add(svc.poller("s0", "a"))  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [0, -1, 2.5, True])
def test_max_in_flight_must_be_a_positive_count(bad: object) -> None:
    with pytest.raises(ValueError, match="max_in_flight"):
        OperationSet(max_in_flight=bad)  # type: ignore[arg-type]


def test_outcome_is_the_same_class_for_both_sets() -> None:
    from opstatus import _many, _many_core

    assert _many.Outcome is Outcome
    assert _many_core.Outcome is Outcome


def _answer(count: int) -> StatusResponse[Any]:
    return StatusResponse(
        body={"status": "InProgress"},
        resource=None,
        retry_after=None,
        request_id="r",
        headers={HEADER: str(count)},
    )


@pytest.mark.parametrize(("in_order", "expected"), [(False, -3.0), (True, 1.0)])
def test_an_older_count_answered_late_by_a_thread_never_raises_the_scopes_count(
    in_order: bool, expected: float
) -> None:
    """Worker threads finish in any order: the service wrote 4, 3, ..., 0 for five overlapping reads, the
    set hears 4, 0, 3 first. From a thread pool, 3 (older than 0) must not raise the count again; an
    event loop hands answers over in the service's order, where a higher count is a refill."""
    from opstatus._many_core import _SetCore

    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 100.0)
    core = _SetCore(
        kind="OperationSet",
        poller_type=Poller,
        max_in_flight=8,
        rate=None,
        rates=None,
        reserve=0,
        probe_interval=1.0,
        clock=clock.monotonic,
        answers_in_order=in_order,
    )
    for op in "abcdef":
        core.add(svc.poller("s0", op), label=op)
    [probe], _ = core.launch(clock.now)  # the opening read of the scope goes alone
    core.answered(probe, _answer(10), clock.now)
    clock.now += 0.01
    reads, _ = core.launch(clock.now)
    assert len(reads) == 5
    budget = core.scopes["management.azure.com/subscriptions/s0"].budget
    for entry, count in zip(reads[:3], [4, 0, 3], strict=True):
        clock.now += 0.001
        core.answered(entry, _answer(count), 0.01)
    assert budget.remaining == expected
