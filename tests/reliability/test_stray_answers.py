"""Issue 21 row 1: a wait reports only what the server answered to a request it sent.

HTTP/1.1 pairs responses with requests by order alone, so a response the server queues behind the real
one on a keep-alive connection would be read as the answer to the next request on it. The hostile
server's ``stray-*`` modes answer every request ``InProgress`` and queue a ``Succeeded`` (or a 404)
behind it: in the same write (it lands in the client's parser buffer) or 0.2 s later (it waits in the
socket while the connection is idle). Every transport opstatus builds must read ``InProgress`` again.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import Final

import opstatus
import pytest
from opstatus import PollingTimeoutError

from .hostile_server import HostileServer
from .test_hostile_servers import IDS, KINDS, WAITS, without_fast_extra

MODES: Final = ("stray-ok", "stray-404", "late-stray-ok")


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    """A server per test: a late stray of one test never counts for the next."""
    with HostileServer() as server:
        yield server


def _stray_sent(server: HostileServer) -> None:
    assert server.strays_sent.acquire(timeout=10), "the hostile server sent no stray response"


def _two_sync_reads(server: HostileServer, mode: str) -> list[str | None]:
    with opstatus.MonitorClient(base_url=server.base_url(mode)) as client:
        first = client.get_operation_status(**IDS).status
        _stray_sent(server)
        second = client.get_operation_status(**IDS).status
    return [first, second]


def _two_async_reads(server: HostileServer, mode: str, *, fast: bool) -> list[str | None]:
    async def run() -> list[str | None]:
        async with opstatus.AsyncMonitorClient(base_url=server.base_url(mode)) as client:
            first = (await client.get_operation_status(**IDS)).status
            await asyncio.to_thread(_stray_sent, server)
            second = (await client.get_operation_status(**IDS)).status
        return [first, second]

    with contextlib.nullcontext() if fast else without_fast_extra():
        return asyncio.run(run())


READS: Final[dict[str, Callable[[HostileServer, str], list[str | None]]]] = {
    "sync": _two_sync_reads,
    "async": functools.partial(_two_async_reads, fast=True),
    "async-httpx": functools.partial(_two_async_reads, fast=False),
}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", KINDS)
def test_a_response_nobody_asked_for_is_never_read_as_the_next_answer(
    hostile: HostileServer, mode: str, kind: str
) -> None:
    statuses = READS[kind](hostile, mode)

    assert statuses == ["InProgress", "InProgress"]  # not "Succeeded", not NotFoundError
    assert hostile.count(mode) == 2  # the second answer came from a request that was sent


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", ["stray-ok", "stray-404"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_wait_on_a_server_queueing_stray_answers_never_ends_in_them(
    hostile: HostileServer, mode: str, kind: str
) -> None:
    policy = opstatus.PollingPolicy(min_delay=0.1, max_delay=0.1)

    _, error = WAITS[kind](hostile.base_url(mode), timeout=1, polling=policy)

    assert isinstance(error, PollingTimeoutError)  # every answer to a sent request said InProgress
    assert error.last_state is opstatus.OperationState.RUNNING
