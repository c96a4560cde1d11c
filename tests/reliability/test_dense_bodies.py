"""Issue 21 row 4: work per answer is bounded by the wait's deadline, not by the answer's size.

The hostile server's ``dense`` mode answers a legal Cloud Partner Portal operation of 174,758 steps in
just under 4 MiB (``max_body_size``). Parsing it into the model and the progress snapshot takes
seconds of CPU; the wait must end at its deadline anyway, in ``PollingTimeoutError`` whose cause says
the parse was stopped (``opstatus._offload``), and an async client must keep its event loop running
meanwhile. The assertions rest on the error, its cause and the stop counter; the times are checked
against bounds far from what the old code took (2.3-2.8 s for ``wait(timeout=WAIT)`` on an idle machine,
the loop blocked 2.6 s), so a loaded machine does not make them flaky.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from typing import Final, TypedDict

import opstatus
import pytest
from opstatus import PollingTimeoutError, TransportError
from opstatus._offload import LARGE_BODY, stopped

from .hostile_server import DENSE_STEPS, HostileServer, dense_body
from .test_hostile_servers import FAST, without_fast_extra


class _Ids(TypedDict):
    publisher_id: str
    offer_id: str
    operation_id: str


IDS: Final[_Ids] = {"publisher_id": "p", "offer_id": "o", "operation_id": "op"}
WAIT: Final = 1.5
"""The waits' timeout: time enough to read 4 MiB over 127.0.0.1 on a loaded machine, never enough to
parse it all (3.4 s of CPU here: 0.7 s for the model, 2.7 s for the progress snapshot)."""
SLACK: Final = 1.0
"""Seconds past the deadline a wait may end: one ``json.loads`` of 4 MiB (about 0.2 s idle) under load."""
LOOP_BOUND: Final = 1.5
"""The longest an answer may hold an async client's event loop: the same ``json.loads``, under a
loaded ``make test`` (1.05 s seen once); the old code held it for the whole parse, 2.6 s idle."""
KINDS: Final = ["httpx", *(["aiohttp"] if FAST else [])]


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    dense_body()  # made before any test times a wait
    with HostileServer() as server:
        yield server


def _assert_stopped_by_the_deadline(error: BaseException | None, stops_before: int) -> None:
    assert isinstance(error, PollingTimeoutError)
    assert isinstance(error.__cause__, TimeoutError)
    assert "parsing a 4,194,232-byte answer" in str(error.__cause__)
    assert stopped() > stops_before


def test_the_dense_body_is_legal_and_just_under_the_body_limit() -> None:
    body = dense_body()

    assert LARGE_BODY < len(body) <= 4 * 1024 * 1024
    assert body.count(b'"status":"c"') == DENSE_STEPS


@pytest.mark.timeout(60)
def test_a_sync_wait_on_a_dense_body_ends_at_its_deadline(hostile: HostileServer) -> None:
    stops_before = stopped()
    started = time.monotonic()
    error: BaseException | None = None
    try:
        with opstatus.PartnerPortalClient(base_url=hostile.base_url("dense")) as client:
            client.wait(**IDS, timeout=WAIT)
    except Exception as exc:
        error = exc
    elapsed = time.monotonic() - started

    _assert_stopped_by_the_deadline(error, stops_before)
    assert elapsed <= WAIT + SLACK


@pytest.mark.timeout(60)
@pytest.mark.parametrize("kind", KINDS)
def test_an_async_wait_on_a_dense_body_ends_at_its_deadline_and_keeps_the_loop_running(
    hostile: HostileServer, kind: str
) -> None:
    gaps: list[float] = [0.0]

    async def ticker() -> None:
        last = time.monotonic()
        while True:
            await asyncio.sleep(0.01)
            now = time.monotonic()
            gaps.append(now - last)
            last = now

    async def run() -> tuple[float, BaseException | None]:
        async with opstatus.AsyncPartnerPortalClient(base_url=hostile.base_url("dense")) as client:
            assert client.transport_name == kind
            tick = asyncio.create_task(ticker())
            await asyncio.sleep(0.05)
            started = time.monotonic()
            try:
                await client.wait(**IDS, timeout=WAIT)
            except Exception as exc:
                return time.monotonic() - started, exc
            finally:
                tick.cancel()
        return time.monotonic() - started, None

    stops_before = stopped()
    with without_fast_extra() if kind == "httpx" else contextlib.nullcontext():
        elapsed, error = asyncio.run(run())

    _assert_stopped_by_the_deadline(error, stops_before)
    assert elapsed <= WAIT + SLACK
    assert max(gaps) <= LOOP_BOUND


@pytest.mark.timeout(60)
def test_a_single_read_with_a_timeout_ends_at_it_even_while_parsing_a_dense_body(
    hostile: HostileServer,
) -> None:
    # A read parses the model only (0.7 s of CPU here, no snapshot): 0.5 s cannot hold it.
    started = time.monotonic()
    with (
        opstatus.PartnerPortalClient(base_url=hostile.base_url("dense"), timeout=30) as client,
        pytest.raises(TransportError, match=r"timeout=0\.5"),  # the read's own timeout, or the parse's stop
    ):
        client.with_options(timeout=0.5).get_operation(**IDS)

    assert time.monotonic() - started <= 0.5 + SLACK


@pytest.mark.timeout(120)
def test_a_dense_body_with_time_to_spare_is_read_whole_with_every_step_in_the_progress(
    hostile: HostileServer,
) -> None:
    events: list[opstatus.ProgressEvent] = []
    with opstatus.PartnerPortalClient(base_url=hostile.base_url("dense")) as client:
        operation = client.get_operation(**IDS)
        poller = client.poller(**IDS, on_progress=events.append)
        poller.refresh()  # no deadline: parsed off the thread, waited for as long as it takes

    assert operation.status == "running"
    assert len(operation.steps or []) == DENSE_STEPS
    assert [len(event.steps) for event in events] == [DENSE_STEPS]
    assert events[0].state is opstatus.OperationState.RUNNING
