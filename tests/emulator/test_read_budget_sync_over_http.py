"""OperationSet (sync, a thread pool of reads) against the emulator's read budget over 127.0.0.1.

The sync mirror of test_read_budget_over_http's set tests: many distinct operations of one subscription
and a small bucket (zero 429s, reads within 1.25x what the bucket allowed, one failure stops nothing),
a 429 from someone else's spending pausing the whole scope, closing (and Ctrl-C) stopping every read
with no worker left, and the per-operation continuation tokens resuming what was left with another
client.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from opstatus import MonitorClient, OperationFailedError, OperationSet, PollingPolicy, ThrottledError
from opstatus.emulator import EmulatedOperation, EmulatorServer, Lifecycle, ReadBucket

from tests.child_signals import sigint_raises_here

QUICK = PollingPolicy(min_delay=0.2, max_delay=1.0, jitter=0.1, timeout=60.0)
SIZE, REFILL = 100, 400.0


@pytest.fixture(scope="module")
def limited() -> Iterator[EmulatorServer]:
    options = {"read_budget": ReadBucket(size=SIZE, refill_per_second=REFILL), "max_logged_requests": 200_000}
    with EmulatorServer(clock="wall", default_retry_after=0, **options) as server:  # type: ignore[arg-type]
        yield server


@pytest.fixture
def server(limited: EmulatorServer) -> Iterator[EmulatorServer]:
    limited.reset()
    yield limited
    limited.reset()


def client(server: EmulatorServer, **kwargs: object) -> MonitorClient:
    return MonitorClient(base_url=server.base_urls["monitor"], token="t", polling=QUICK, **kwargs)  # type: ignore[arg-type]


def create(server: EmulatorServer, count: int, *, failing: int = -1) -> list[EmulatedOperation]:
    ops = []
    for i in range(count):
        after = 0.5 + (i % 20) * 0.1
        lifecycle = Lifecycle.fails(after=after) if i == failing else Lifecycle.succeeds(after=after)
        ops.append(server.create_operation("monitor", lifecycle=lifecycle))
    return ops


def add_all(ops: OperationSet, monitor: MonitorClient, created: list[EmulatedOperation]) -> None:
    for op in created:
        p = op.params
        poller = monitor.poller(
            subscription_id=p["subscriptionId"],
            resource_group_name=p["resourceGroupName"],
            async_operation_id=p["asyncOperationId"],
        )
        ops.add(poller, label=op.id)


def status_url(server: EmulatorServer, op: EmulatedOperation) -> str:
    p = op.params
    return (
        f"{server.base_urls['monitor']}/subscriptions/{p['subscriptionId']}/resourceGroups/"
        f"{p['resourceGroupName']}/providers/microsoft.insights/privateLinkScopeOperationStatuses/"
        f"{p['asyncOperationId']}?api-version=2019-10-17-preview"
    )


def set_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("opstatus-read")]


def test_five_hundred_operations_share_a_small_budget_without_one_429(server: EmulatorServer) -> None:
    created = create(server, 500, failing=7)
    started = time.monotonic()
    with client(server) as monitor, OperationSet(max_in_flight=16) as ops:
        add_all(ops, monitor, created)
        outcomes = list(ops)
    duration = time.monotonic() - started
    logged = [entry for entry in server.request_log.entries() if entry.api == "monitor"]
    assert len(outcomes) == 500
    assert len({o.label for o in outcomes}) == 500
    failed = [o for o in outcomes if not o.ok]
    assert [o.label for o in failed] == [created[7].id]
    assert isinstance(failed[0].error, OperationFailedError)
    assert sum(entry.status == 429 for entry in logged) == 0
    assert not any(entry.throttled for entry in logged)
    assert len(logged) <= 1.25 * (SIZE + REFILL * duration)
    assert len(logged) == ops.reads
    assert not set_threads()


def test_outcomes_come_in_completion_order(server: EmulatorServer) -> None:
    late = server.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=1.5))
    early = server.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=0.3))
    with client(server) as monitor, OperationSet() as ops:
        add_all(ops, monitor, [late, early])
        assert [o.label for o in ops] == [early.id, late.id]


@pytest.fixture(scope="module")
def slow_refill() -> Iterator[EmulatorServer]:
    """A bucket of 30 reads refilled at 2 a second: an empty one answers 429 + ``Retry-After: 1``."""
    with EmulatorServer(clock="wall", read_budget=ReadBucket(size=30, refill_per_second=2.0)) as server:
        yield server


def test_a_429_pauses_the_whole_scope_for_its_retry_after(slow_refill: EmulatorServer) -> None:
    """Another tool spends the subscription's reads behind the set's back: the set's next read gets a
    429, and no read of that scope goes out again before its Retry-After is over."""
    server = slow_refill
    server.reset()
    params = {"subscriptionId": "00000000-0000-0000-0000-00000000abcd"}
    thief_op = server.create_operation("monitor", params=params, lifecycle=Lifecycle.succeeds(after=600))
    created = [
        server.create_operation("monitor", params=params, lifecycle=Lifecycle.succeeds(after=4.0))
        for _ in range(6)
    ]
    stop = threading.Event()

    ours = {op.id for op in created}

    def set_was_throttled() -> bool:
        return any(e.status == 429 and e.operation_id in ours for e in server.request_log.entries())

    def thief() -> None:  # empties the bucket, then takes every token as it comes back, until it bites
        until = time.monotonic() + 10.0
        with httpx.Client(headers={"Authorization": "Bearer t"}) as other:
            while not stop.wait(0.05) and time.monotonic() < until and not set_was_throttled():
                other.get(status_url(server, thief_op))

    spender = threading.Timer(0.6, thief)
    with client(server) as monitor, OperationSet(max_in_flight=4) as ops:
        add_all(ops, monitor, created)
        spender.start()
        try:
            outcomes = list(ops)
        finally:
            stop.set()
            spender.join()
    reads = [e for e in server.request_log.entries() if e.operation_id in ours]
    throttled = [e for e in reads if e.status == 429]
    assert throttled, "the thief never made the set's read throttled: the test proves nothing"
    first = throttled[0]
    later = [e.at for e in reads if e.seq > first.seq]
    assert later
    # Reads already on the wire when the 429 was written may land just after it; after that, none of
    # the scope's reads (not only the throttled one's retry) goes before Retry-After: 1 is over.
    assert [at for at in later if first.at + 0.15 < at < first.at + 0.95] == []
    assert ops.throttles >= 1
    assert all(o.ok or isinstance(o.error, ThrottledError) for o in outcomes)
    assert len(outcomes) == 6


def test_ctrl_c_stops_every_read_and_joins_the_workers(server: EmulatorServer) -> None:
    created = [server.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=600)) for _ in range(50)]
    ctrl_c = threading.Timer(0.8, os.kill, args=(os.getpid(), signal.SIGINT))
    with sigint_raises_here(), client(server) as monitor:
        ops = OperationSet(max_in_flight=8)
        add_all(ops, monitor, created)
        ctrl_c.start()
        with pytest.raises(KeyboardInterrupt):
            next(ops)
        ctrl_c.join()
        assert not set_threads()
        assert ops.reads > 0
        sent = len(server.request_log.entries())
        time.sleep(1.2)  # longer than QUICK's longest delay: a live schedule would read again
        assert len(server.request_log.entries()) == sent
        assert len(ops.continuation_tokens()) == 50
        with pytest.raises(StopIteration):
            next(ops)


def test_the_per_operation_tokens_resume_the_whole_set_elsewhere(server: EmulatorServer) -> None:
    quick = create(server, 5)
    slow = [server.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=2.0)) for _ in range(5)]
    with client(server) as monitor, OperationSet() as first:
        add_all(first, monitor, quick + slow)
        done = {next(first).label for _ in range(5)}
        tokens = first.continuation_tokens()
    assert done == {op.id for op in quick}
    assert set(tokens) == {op.id for op in slow}
    with client(server) as other, OperationSet() as resumed:
        for label, token in tokens.items():
            resumed.add(token, client=other, label=label)
        outcomes = list(resumed)
    assert {o.label for o in outcomes} == set(tokens)
    assert all(o.ok for o in outcomes)


def test_status_urls_and_tokens_are_added_with_the_sync_client_that_reads_them(
    server: EmulatorServer,
) -> None:
    by_url, by_token = create(server, 2)
    with client(server) as monitor, OperationSet() as ops:
        token = monitor.poller_from_url(status_url(server, by_token)).continuation_token()
        ops.add(status_url(server, by_url), client=monitor, label="url")
        ops.add(token, client=monitor, label="token")
        outcomes = {o.label: o for o in ops}
    assert outcomes["url"].ok
    assert outcomes["token"].ok
    assert outcomes["url"].scope == outcomes["token"].scope
    assert outcomes["url"].scope.endswith(f"/subscriptions/{by_url.params['subscriptionId'].casefold()}")
