"""The emulator's read budget (a token bucket per scope) and AsyncOperationSet against it, over 127.0.0.1.

The bucket: the remaining-reads header on every status answer, 429 + Retry-After when empty, the
request log marks throttled reads, one bucket per subscription (monitor) or publisher (CPP), off by
default. The set: many distinct operations of one subscription, a small bucket, zero 429s, reads
within 1.25x what the bucket allowed, every operation ends, one failure stops nothing, closing stops
reads, and the per-operation continuation tokens resume what was left.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import httpx
import pytest
from opstatus import AsyncMonitorClient, AsyncOperationSet, OperationFailedError, PollingPolicy
from opstatus.emulator import EmulatedOperation, EmulatorServer, Lifecycle, ReadBucket

pytestmark = pytest.mark.anyio

HEADER = "x-ms-ratelimit-remaining-subscription-reads"
QUICK = PollingPolicy(min_delay=0.2, max_delay=1.0, jitter=0.1, timeout=60.0)


@pytest.fixture(scope="module")
def budgeted() -> Iterator[EmulatorServer]:
    """Virtual clock, a bucket of 3 reads refilled at 1 a second: each step is asserted exactly."""
    with EmulatorServer(clock="virtual", read_budget=ReadBucket(size=3, refill_per_second=1.0)) as server:
        yield server


@pytest.fixture
def bucket3(budgeted: EmulatorServer) -> Iterator[EmulatorServer]:
    budgeted.reset()
    yield budgeted
    budgeted.reset()


def _monitor_url(server: EmulatorServer, op: EmulatedOperation) -> str:
    p = op.params
    return (
        f"{server.base_urls['monitor']}/subscriptions/{p['subscriptionId']}/resourceGroups/"
        f"{p['resourceGroupName']}/providers/microsoft.insights/privateLinkScopeOperationStatuses/"
        f"{p['asyncOperationId']}?api-version=2019-10-17-preview"
    )


def read(url: str) -> httpx.Response:
    return httpx.get(url, headers={"Authorization": "Bearer t"})


def test_every_answer_says_what_is_left_and_an_empty_bucket_answers_429(bucket3: EmulatorServer) -> None:
    op = bucket3.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=100))
    url = _monitor_url(bucket3, op)
    answers = [read(url) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a.headers[HEADER] for a in answers] == ["2", "1", "0", "0"]
    assert answers[3].headers["Retry-After"] == "1"
    assert answers[3].json()["error"]["code"]
    logged = bucket3.request_log.entries()
    assert [entry.throttled for entry in logged] == [False, False, False, True]
    assert logged[3].to_json()["throttled"] is True


def test_the_bucket_refills_on_the_emulators_clock(bucket3: EmulatorServer) -> None:
    op = bucket3.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=100))
    url = _monitor_url(bucket3, op)
    for _ in range(3):
        read(url)
    assert read(url).status_code == 429
    bucket3.advance(2.0)
    again = read(url)
    assert again.status_code == 200
    assert again.headers[HEADER] == "1"


def test_each_subscription_has_its_own_bucket(bucket3: EmulatorServer) -> None:
    first = bucket3.create_operation(
        "monitor", params={"subscriptionId": "00000000-0000-0000-0000-000000000001"}
    )
    second = bucket3.create_operation(
        "monitor", params={"subscriptionId": "00000000-0000-0000-0000-000000000002"}
    )
    for _ in range(3):
        read(_monitor_url(bucket3, first))
    assert read(_monitor_url(bucket3, first)).status_code == 429
    assert read(_monitor_url(bucket3, second)).headers[HEADER] == "2"


def test_an_api_that_announces_nothing_is_still_throttled_without_a_header(bucket3: EmulatorServer) -> None:
    op = bucket3.create_operation("partner_portal", lifecycle=Lifecycle.succeeds(after=100))
    url = f"{bucket3.base_urls['partner_portal']}/api/publishers/{op.params['publisherId']}/offers/"
    url += f"{op.params['offerId']}/operations/{op.id}?api-version=2017-10-31"
    answers = [read(url) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert all(HEADER not in a.headers for a in answers)


def test_the_budget_is_off_by_default(emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor")
    answers = [read(_monitor_url(emulator, op)) for _ in range(5)]
    assert all(a.status_code == 200 and HEADER not in a.headers for a in answers)


def test_a_read_budget_that_is_no_bucket_is_refused() -> None:
    from opstatus.emulator import InvalidOperationSpecError

    with pytest.raises(InvalidOperationSpecError, match="size"):
        ReadBucket(size=0)
    with pytest.raises(InvalidOperationSpecError, match="refill"):
        ReadBucket(size=5, refill_per_second=float("nan"))


# --- the set against a budget-limited emulator (wall clock) ----------------------------------------------

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


def client(server: EmulatorServer) -> AsyncMonitorClient:
    return AsyncMonitorClient(base_url=server.base_urls["monitor"], token="t", polling=QUICK)


def create(server: EmulatorServer, count: int, *, failing: int = -1) -> list[EmulatedOperation]:
    ops = []
    for i in range(count):
        after = 0.5 + (i % 20) * 0.1
        lifecycle = Lifecycle.fails(after=after) if i == failing else Lifecycle.succeeds(after=after)
        ops.append(server.create_operation("monitor", lifecycle=lifecycle))
    return ops


def add_all(ops: AsyncOperationSet, monitor: AsyncMonitorClient, created: list[EmulatedOperation]) -> None:
    for op in created:
        p = op.params
        poller = monitor.poller(
            subscription_id=p["subscriptionId"],
            resource_group_name=p["resourceGroupName"],
            async_operation_id=p["asyncOperationId"],
        )
        ops.add(poller, label=op.id)


async def test_two_thousand_operations_share_a_small_budget_without_one_429(server: EmulatorServer) -> None:
    created = create(server, 2000, failing=7)
    started = time.monotonic()
    async with client(server) as monitor, AsyncOperationSet(max_in_flight=32) as ops:
        add_all(ops, monitor, created)
        outcomes = [outcome async for outcome in ops]
    duration = time.monotonic() - started
    logged = [entry for entry in server.request_log.entries() if entry.api == "monitor"]
    assert len(outcomes) == 2000
    failed = [o for o in outcomes if not o.ok]
    assert [o.label for o in failed] == [created[7].id]
    assert isinstance(failed[0].error, OperationFailedError)
    assert sum(entry.status == 429 for entry in logged) == 0
    assert not any(entry.throttled for entry in logged)
    assert len(logged) <= 1.25 * (SIZE + REFILL * duration)
    assert len(logged) == ops.reads


async def test_closing_the_set_stops_every_read(server: EmulatorServer) -> None:
    created = [server.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=600)) for _ in range(50)]
    async with client(server) as monitor:
        ops = AsyncOperationSet(max_in_flight=8)
        add_all(ops, monitor, created)
        reading = asyncio.ensure_future(ops.__anext__())
        await asyncio.sleep(0.5)
        assert len(server.request_log.entries()) > 0
        reading.cancel()
        with pytest.raises(asyncio.CancelledError):
            await reading
        sent = len(server.request_log.entries())
        await asyncio.sleep(0.3)  # reads already on the wire when cancelled may still arrive
        settled = len(server.request_log.entries())
        assert settled - sent <= 8
        await asyncio.sleep(1.0)  # longer than QUICK's longest delay: a live schedule would read again
        assert len(server.request_log.entries()) == settled
        assert len(ops.continuation_tokens()) == 50


async def test_the_per_operation_tokens_resume_the_whole_set_elsewhere(server: EmulatorServer) -> None:
    quick = create(server, 5)
    slow = [server.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=2.0)) for _ in range(5)]
    async with client(server) as monitor, AsyncOperationSet() as first:
        add_all(first, monitor, quick + slow)
        done = {o.label for o in [await first.__anext__() for _ in range(5)]}
        tokens = first.continuation_tokens()
    assert done == {op.id for op in quick}
    assert set(tokens) == {op.id for op in slow}
    async with client(server) as other, AsyncOperationSet() as resumed:
        for label, token in tokens.items():
            resumed.add(token, client=other, label=label)
        outcomes = [outcome async for outcome in resumed]
    assert {o.label for o in outcomes} == set(tokens)
    assert all(o.ok for o in outcomes)


async def test_status_urls_and_tokens_are_added_with_the_client_that_reads_them(
    server: EmulatorServer,
) -> None:
    by_url, by_token = create(server, 2)
    async with client(server) as monitor, AsyncOperationSet() as ops:
        token = monitor.poller_from_url(_monitor_url(server, by_token)).continuation_token()
        ops.add(_monitor_url(server, by_url), client=monitor, label="url")
        ops.add(token, client=monitor, label="token")
        outcomes = {o.label: o for o in [outcome async for outcome in ops]}
    assert outcomes["url"].ok
    assert outcomes["token"].ok
    assert outcomes["url"].scope == outcomes["token"].scope
    assert outcomes["url"].scope.endswith(f"/subscriptions/{by_url.params['subscriptionId'].casefold()}")
