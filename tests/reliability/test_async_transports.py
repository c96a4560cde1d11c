"""Both transports an async client builds for itself keep the pipeline's rules on a real socket.

The pipeline (``_http``) decides retries, redirects, decoding and errors from httpx requests and
responses; each of opstatus's own async transports must hand it the same thing for the same bytes.
The aiohttp one (``_fast``, chosen by itself where ``opstatus[fast]`` is installed) reports aiohttp's
errors as the httpx ones the pipeline retries, inflates nothing itself and follows no redirect (so
the pipeline's same-origin rule sees every one). Each test runs on both transports, against
:mod:`hostile_server` on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Iterator
from typing import Final
from unittest import mock

import httpx
import opstatus
import pytest
from opstatus import TransportError, UnsafeUrlError

from .hostile_server import HostileServer

IDS: Final = {"subscription_id": "s", "resource_group_name": "rg", "async_operation_id": "op"}
TOKEN: Final = "transport-test-token"
TRANSPORTS: Final = ["aiohttp", "httpx"]


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    with HostileServer() as server:
        yield server


@contextlib.contextmanager
def _building(transport: str) -> Iterator[None]:
    """Clients built inside pick ``transport`` by themselves (httpx's: as without ``opstatus[fast]``)."""
    if transport == "aiohttp":
        pytest.importorskip("aiohttp", reason="opstatus[fast] is not installed")
        yield
        return
    with mock.patch.dict(sys.modules, {"aiohttp": None, "opstatus._fast": None}):
        yield


def _read(hostile: HostileServer, mode: str, transport: str, *, attempts: int = 2) -> object:
    """One status read in ``mode`` on ``transport``: the status's wire value, or the error raised."""
    with _building(transport):
        client = opstatus.AsyncMonitorClient(
            base_url=hostile.base_url(mode),
            token=TOKEN,
            timeout=5.0,
            retry=opstatus.RetryPolicy(max_attempts=attempts, backoff=0.0, jitter=0.0),
        )
    assert client.transport_name == transport

    async def read() -> object:
        async with client:
            try:
                return (await client.get_operation_status(**IDS)).status
            except opstatus.OpStatusError as exc:
                return exc

    return asyncio.run(read())


@pytest.mark.timeout(30)
@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize(
    ("mode", "cause"),
    [
        ("drop", httpx.RemoteProtocolError),
        ("bad-head", httpx.RemoteProtocolError),
        ("cut-body", httpx.RemoteProtocolError),
    ],
)
def test_a_broken_answer_is_retried_then_a_transport_error(
    hostile: HostileServer, transport: str, mode: str, cause: type[httpx.HTTPError]
) -> None:
    hostile.reset_counts()

    error = _read(hostile, mode, transport, attempts=3)

    assert isinstance(error, TransportError)
    assert "after 3 attempt(s)" in str(error)
    assert isinstance(error.__cause__, cause)
    assert hostile.count(mode) == 3


@pytest.mark.timeout(30)
@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_refused_connection_is_retried_then_a_transport_error(transport: str) -> None:
    with HostileServer() as gone:
        port = gone.port
    with _building(transport):
        client = opstatus.AsyncMonitorClient(
            base_url=f"http://127.0.0.1:{port}",
            token=TOKEN,
            retry=opstatus.RetryPolicy(max_attempts=2, backoff=0.0, jitter=0.0),
        )

    async def read() -> None:
        async with client:
            await client.get_operation_status(**IDS)

    with pytest.raises(TransportError, match="after 2 attempt") as caught:
        asyncio.run(read())
    assert isinstance(caught.value.__cause__, httpx.ConnectError)


@pytest.mark.timeout(30)
@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_gzipped_body_is_inflated_by_the_pipeline(hostile: HostileServer, transport: str) -> None:
    assert _read(hostile, "gzip", transport) == "Succeeded"
    assert hostile.seen("gzip")["accept-encoding"] == "gzip, deflate"  # nothing the pipeline cannot bound


@pytest.mark.timeout(30)
@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_same_origin_redirect_is_followed_by_the_pipeline_with_the_token(
    hostile: HostileServer, transport: str
) -> None:
    hostile.reset_counts()

    assert _read(hostile, "redirect", transport) == "Succeeded"
    assert hostile.count("redirect") == 1
    assert hostile.seen("ok")["authorization"] == f"Bearer {TOKEN}"


@pytest.mark.timeout(30)
@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_redirect_to_another_origin_is_refused_before_anything_is_sent_there(
    hostile: HostileServer, transport: str
) -> None:
    hostile.reset_counts()

    error = _read(hostile, "redirect-away", transport)

    assert isinstance(error, UnsafeUrlError)
    assert hostile.count("redirect-away") == 1
    assert hostile.count("ok") == 0  # localhost is the same server, but another origin: never asked


@pytest.mark.timeout(30)
@pytest.mark.parametrize("transport", TRANSPORTS)
def test_the_request_headers_reach_the_server_with_their_values(
    hostile: HostileServer, transport: str
) -> None:
    """The headers the pipeline sets on the httpx request (_headers.set_header), as each transport
    writes them (aiohttp: from a multidict with names made once, _fast._HeaderNames)."""
    for _ in range(2):  # the second read takes every name from the transport's table
        assert _read(hostile, "ok", transport) == "Succeeded"
        seen = hostile.seen("ok")
        assert seen["authorization"] == f"Bearer {TOKEN}"
        assert seen["accept"] == "application/json"
        assert seen["host"] == hostile.base_url("ok").split("/")[2]
        request_id = seen["x-ms-client-request-id"]
        assert len(request_id) == 36
        assert request_id.count("-") == 4


@pytest.mark.timeout(30)
@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_token_fetch_runs_within_the_requests_budget_on_both_transports(
    hostile: HostileServer, transport: str
) -> None:
    """The aiohttp transport is handed its budget on the request, not through the context; a
    credential asked for a token during the read must still see (and be bounded by) that budget."""
    from azure.core.credentials import AccessToken
    from opstatus._deadline import current_budget

    budgets: list[object] = []

    class Credential:
        def get_token(self, *scopes: str, **kwargs: object) -> AccessToken:
            budgets.append(current_budget())
            return AccessToken(TOKEN, 4_000_000_000)

    with _building(transport):
        client = opstatus.AsyncMonitorClient(
            base_url=hostile.base_url("ok"), credential=Credential(), timeout=5.0
        )
    assert client.transport_name == transport

    async def read() -> str:
        async with client:
            return str((await client.get_operation_status(**IDS)).status)

    assert asyncio.run(read()) == "Succeeded"
    assert len(budgets) == 1
    assert budgets[0] is not None
    assert hostile.seen("ok")["authorization"] == f"Bearer {TOKEN}"
