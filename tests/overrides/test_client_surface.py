"""What every request carries and what a caller sees of a client: User-Agent, client request ids,
per-read timeouts, and a constructor that ``help()`` explains without sending the reader elsewhere."""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import inspect
import logging
import pydoc
import re
import sys
import uuid
from unittest import mock

import httpx
import opstatus
import pytest
from opstatus import DecodeError, MonitorClient, NotFoundError, RetryPolicy, TransportError

from tests.api_catalog import cases
from tests.overrides.http_fakes import FAKE_TOKEN, Script, VirtualClock, example, json_response

OP = "PrivateLinkScopeOperationStatus_Get"
SUCCEEDED = example("monitor", OP, "getSpecificOperationStatus")
IDS = {"subscription_id": "s", "resource_group_name": "rg", "async_operation_id": "op"}
PATH = {"subscription_id": "s", "resource_group_name": "rg", "async_operation_id": "op"}


def client(script: Script, clock: VirtualClock | None = None, **kwargs: object) -> MonitorClient:
    clock = clock or VirtualClock()
    return MonitorClient(
        token=FAKE_TOKEN,
        transport=script.transport,
        clock=clock.monotonic,
        sleep=clock.sleep,
        wall_clock=clock.wall,
        rng=lambda: 0.0,
        **kwargs,  # type: ignore[arg-type]
    )


def test_the_user_agent_names_the_opstatus_version() -> None:
    script = Script([json_response(200, SUCCEEDED)])
    with client(script) as monitor:
        monitor.get_operation_status(**IDS)

    agent = script.requests[0].headers["User-Agent"]
    assert agent.startswith(f"opstatus/{opstatus.__version__} python-httpx/")


def test_a_read_on_the_clients_own_transport_sends_exactly_these_headers() -> None:
    # opstatus's own httpx client hands requests straight to its transport (no httpx.Client.send):
    # the request must still be the one httpx.Client.build_request would make, nothing more or less.
    script = Script([json_response(200, SUCCEEDED)])
    with client(script) as monitor:
        monitor.get_operation_status(**IDS)

    sent = script.requests[0]
    assert [(name, value) for name, value in sent.headers.items() if name != "x-ms-client-request-id"] == [
        ("host", "management.azure.com"),
        ("connection", "keep-alive"),
        ("user-agent", f"opstatus/{opstatus.__version__} python-httpx/{httpx.__version__}"),
        ("accept", "application/json"),
        ("accept-encoding", "gzip, deflate"),
        ("authorization", f"Bearer {FAKE_TOKEN}"),
    ]
    assert sent.extensions["timeout"] == {"connect": 10.0, "read": 30.0, "write": 30.0, "pool": 30.0}


def test_a_closed_client_sends_nothing() -> None:
    script = Script([json_response(200, SUCCEEDED)])
    monitor = client(script)
    monitor.close()

    with pytest.raises(RuntimeError, match="closed"):
        monitor.get_operation_status(**IDS)
    assert script.requests == []


@pytest.mark.anyio
async def test_a_closed_async_client_sends_nothing() -> None:
    script = Script([json_response(200, SUCCEEDED)])
    monitor = opstatus.AsyncMonitorClient(token=FAKE_TOKEN, transport=script.transport)
    await monitor.aclose()

    with pytest.raises(RuntimeError, match="closed"):
        await monitor.get_operation_status(**IDS)
    assert script.requests == []


def test_each_read_sends_its_own_client_request_id_and_its_retries_repeat_it() -> None:
    script = Script([json_response(503, {}), json_response(200, SUCCEEDED), json_response(200, SUCCEEDED)])
    with client(script) as monitor:
        monitor.get_operation_status(**IDS)  # one read: a 503, then its retry
        monitor.get_operation_status(**IDS)  # a second read

    sent = [request.headers["x-ms-client-request-id"] for request in script.requests]
    assert sent[0] == sent[1] != sent[2]
    assert all(uuid.UUID(value).version == 4 for value in sent)


def test_an_http_error_keeps_the_client_request_id_next_to_the_services() -> None:
    not_found = example("monitor", OP, "operationNotFound", "404")
    script = Script([json_response(404, not_found, **{"x-ms-request-id": "service-req-1"})])
    with client(script) as monitor, pytest.raises(NotFoundError) as caught:
        monitor.get_operation_status(**IDS)

    assert caught.value.request_id == "service-req-1"
    assert caught.value.client_request_id == script.requests[0].headers["x-ms-client-request-id"]


def test_a_decode_error_and_a_transport_error_keep_the_client_request_id() -> None:
    bad_model = Script([json_response(200, ["not", "an", "object"])])
    refused = Script([httpx.ConnectError("refused")])
    with client(bad_model) as monitor, pytest.raises(DecodeError) as decode:
        monitor.get_operation_status(**IDS)
    with client(refused, retry=RetryPolicy.disabled()) as monitor, pytest.raises(TransportError) as transport:
        monitor.get_operation_status(**IDS)

    assert decode.value.client_request_id == bad_model.requests[0].headers["x-ms-client-request-id"]
    assert transport.value.client_request_id == refused.requests[0].headers["x-ms-client-request-id"]


def test_a_per_read_timeout_bounds_each_attempts_http_timeout() -> None:
    script = Script([json_response(200, SUCCEEDED)])
    with client(script) as monitor:
        monitor._get_status(PATH, timeout=2.5)

    assert script.requests[0].extensions["timeout"] == {
        "connect": 2.5,
        "read": 2.5,
        "write": 2.5,
        "pool": 2.5,
    }


def test_a_per_read_timeout_stops_retries_that_would_end_after_it() -> None:
    clock = VirtualClock()
    script = Script([json_response(503, {}, **{"Retry-After": "3"})])
    with client(script, clock) as monitor, pytest.raises(opstatus.ServiceError):
        monitor._get_status(PATH, timeout=2.0)

    assert len(script.requests) == 1  # a retry after 3 s would end past the 2 s budget
    assert clock.now == 0.0


def test_a_per_read_timeout_already_spent_sends_nothing_and_is_a_transport_error() -> None:
    clock = VirtualClock()
    script = Script([json_response(200, SUCCEEDED)])

    def late_clock() -> float:  # time passes between computing the deadline and sending
        clock.advance(1.0)
        return clock.now

    with (
        MonitorClient(token=FAKE_TOKEN, transport=script.transport, clock=late_clock) as monitor,
        pytest.raises(TransportError, match=r"no usable answer within timeout=0\.5s"),
    ):
        monitor._get_status(PATH, timeout=0.5)

    assert script.requests == []


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), True])
def test_a_per_read_timeout_must_be_a_positive_number(bad: float) -> None:
    with (
        client(Script([json_response(200, SUCCEEDED)])) as monitor,
        pytest.raises(ValueError, match="timeout"),
    ):
        monitor._get_status(PATH, timeout=bad)


@pytest.mark.anyio
async def test_the_async_engine_takes_a_per_read_timeout_too() -> None:
    script = Script([json_response(200, SUCCEEDED)])
    clock = VirtualClock()
    async with opstatus.AsyncMonitorClient(
        token=FAKE_TOKEN, transport=script.transport, clock=clock.monotonic, sleep=clock.async_sleep
    ) as monitor:
        await monitor._get_status(PATH, timeout=4.0)

    assert script.requests[0].extensions["timeout"]["read"] == 4.0


@pytest.mark.parametrize("cls", [opstatus.MonitorClient, opstatus.AsyncGraphBillingClient])
def test_the_signature_shows_no_object_addresses(cls: type) -> None:
    signature = str(inspect.signature(cls))

    assert " at 0x" not in signature
    assert "rng: 'Callable[[], float] | None' = None" in signature


@pytest.mark.parametrize(
    "cls",
    [
        opstatus.MonitorClient,
        opstatus.AsyncMonitorClient,
        opstatus.PartnerPortalClient,
        opstatus.AsyncPartnerPortalClient,
        opstatus.GraphBillingClient,
        opstatus.AsyncGraphBillingClient,
    ],
)
def test_help_on_a_public_client_explains_every_constructor_argument(cls: type) -> None:
    text = pydoc.render_doc(cls, renderer=pydoc.plaintext)  # type: ignore[attr-defined]
    class_doc = inspect.getdoc(cls) or ""

    for name in inspect.signature(cls).parameters:
        assert re.search(rf"^(\w+, )*{name}(, \w+)*: ", class_doc, re.MULTILINE), name
    assert "Constructor arguments." in text


def test_other_reads_take_a_per_read_timeout_too() -> None:
    script = Script([json_response(200, {"any": "document"})])
    with client(script) as monitor:
        body = monitor._get(httpx.URL("https://management.azure.com/x"), dict, what="thing", timeout=1.5)

    assert body == {"any": "document"}
    assert script.requests[0].extensions["timeout"]["read"] == 1.5


GRAPH_NOT_FOUND = {"error": {"code": "itemNotFound", "message": "The operation 'x' was not found."}}


def test_a_404_from_a_base_url_without_the_apis_base_path_carries_a_hint() -> None:
    script = Script([json_response(404, GRAPH_NOT_FOUND)])
    with (
        opstatus.GraphBillingClient(
            token=FAKE_TOKEN, base_url="http://127.0.0.1:8080", transport=script.transport
        ) as graph,
        pytest.raises(NotFoundError) as caught,
    ):
        graph.get_operation(operation_id="x")

    assert caught.value.__notes__ == [
        "hint: GraphBillingClient's URLs start with /v1.0; base_url='http://127.0.0.1:8080' has no /v1.0: "
        "try base_url='http://127.0.0.1:8080/v1.0'"
    ]


@pytest.mark.parametrize("base_url", ["http://127.0.0.1:8080/v1.0", "https://graph.microsoft.com/v1.0/"])
def test_a_404_from_a_base_url_with_the_base_path_has_no_hint(base_url: str) -> None:
    script = Script([json_response(404, GRAPH_NOT_FOUND)])
    with (
        opstatus.GraphBillingClient(token=FAKE_TOKEN, base_url=base_url, transport=script.transport) as graph,
        pytest.raises(NotFoundError) as caught,
    ):
        graph.get_operation(operation_id="x")

    assert not getattr(caught.value, "__notes__", [])


# --- the public per-call timeout: with_options ------------------------------------------------------


def test_with_options_timeout_bounds_every_read_of_every_api() -> None:
    for case in cases():
        script = Script([json_response(200, case.done)] * 2)
        clock = VirtualClock()
        with case.client(
            **case.credentials(FAKE_TOKEN),
            transport=script.transport,
            clock=clock.monotonic,
            sleep=clock.sleep,
        ) as api_client:
            reads = api_client.with_options(timeout=2.5)
            getattr(reads, case.routes.status.method)(**case.ids)
            getattr(api_client, case.routes.status.method)(**case.ids)

        assert script.requests[0].extensions["timeout"]["read"] == 2.5, case.key
        assert script.requests[1].extensions["timeout"]["read"] != 2.5, case.key  # the original is as it was


def test_with_options_shares_the_connections_and_closing_it_closes_nothing() -> None:
    script = Script([json_response(200, SUCCEEDED)] * 2)
    with client(script) as monitor:
        view = monitor.with_options(timeout=1.0)
        view.close()
        monitor.get_operation_status(**IDS)  # the httpx client is still open
        view.get_operation_status(**IDS)

    assert len(script.requests) == 2


@pytest.mark.parametrize("bad", [0, -1, float("nan"), True])
def test_with_options_refuses_a_timeout_that_is_not_a_positive_number(bad: float) -> None:
    with client(Script([])) as monitor, pytest.raises(ValueError, match="timeout"):
        monitor.with_options(timeout=bad)


@pytest.mark.anyio
async def test_with_options_works_on_async_clients() -> None:
    script = Script([json_response(200, SUCCEEDED)])
    clock = VirtualClock()
    async with opstatus.AsyncMonitorClient(
        token=FAKE_TOKEN, transport=script.transport, clock=clock.monotonic, sleep=clock.async_sleep
    ) as monitor:
        await monitor.with_options(timeout=4.0).get_operation_status(**IDS)

    assert script.requests[0].extensions["timeout"]["read"] == 4.0


# --- which transport a client uses ------------------------------------------------------------------


def _without_fast_extra() -> contextlib.AbstractContextManager[object]:
    """As without ``opstatus[fast]``: aiohttp (and opstatus's module over it) cannot be imported."""
    return mock.patch.dict(sys.modules, {"aiohttp": None, "opstatus._fast": None})


@pytest.mark.anyio
async def test_an_async_client_uses_aiohttp_by_itself_when_the_fast_extra_is_installed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    pytest.importorskip("aiohttp", reason="opstatus[fast] is not installed")
    caplog.set_level(logging.DEBUG, logger="opstatus")

    async with opstatus.AsyncMonitorClient(token=FAKE_TOKEN) as monitor:
        assert monitor.transport_name == "aiohttp"
        assert repr(monitor).endswith("transport='aiohttp')")
    assert "AsyncMonitorClient for https://management.azure.com uses transport aiohttp" in caplog.text


@pytest.mark.anyio
async def test_without_the_fast_extra_an_async_client_uses_httpx() -> None:
    with _without_fast_extra():
        monitor = opstatus.AsyncMonitorClient(token=FAKE_TOKEN)
    async with monitor:
        assert monitor.transport_name == "httpx"


@pytest.mark.anyio
async def test_an_explicit_transport_or_http_client_wins_over_the_fast_extra() -> None:
    script = Script([json_response(200, SUCCEEDED), json_response(200, SUCCEEDED)])
    async with httpx.AsyncClient(transport=script.transport) as given:
        by_transport = opstatus.AsyncMonitorClient(token=FAKE_TOKEN, transport=script.transport)
        by_client = opstatus.AsyncMonitorClient(token=FAKE_TOKEN, http_client=given)
        async with by_transport, by_client:
            await by_transport.get_operation_status(**IDS)
            await by_client.get_operation_status(**IDS)

    assert len(script.requests) == 2  # both went through the caller's transport
    assert by_transport.transport_name == "MockTransport (transport=)"
    assert by_client.transport_name == "AsyncClient (http_client=)"


def test_a_sync_client_uses_opstatus_httpx_transport() -> None:
    with MonitorClient(token=FAKE_TOKEN) as monitor:
        assert monitor.transport_name == "httpx"


def test_every_transport_opstatus_builds_shares_one_ssl_context() -> None:
    # Loading the CA bundle is most of what a client costs (~30-40 ms, ~1 MB): once per process. The
    # httpx pools hold a bare stand-in their streams swap for the shared context at the first TLS
    # handshake (tests/reliability/test_tls_on_demand.py checks the swap over real TLS).
    from opstatus._deadline import (
        AsyncClampedTransport,
        ClampedTransport,
        pool_ssl_context,
        shared_ssl_context,
    )

    stand_ins = [ClampedTransport()._pool._ssl_context, AsyncClampedTransport()._pool._ssl_context]
    assert all(context is pool_ssl_context() for context in stand_ins)
    assert pool_ssl_context() is not shared_ssl_context()
    if importlib.util.find_spec("aiohttp") is not None:
        assert asyncio.run(_fast_transport_ssl_context()) is shared_ssl_context()


async def _fast_transport_ssl_context() -> object:
    """The SSL context of the aiohttp connector the ``fast`` transport makes (inside an event loop)."""
    from opstatus._fast import FastTransport

    connector = FastTransport._new_connector()
    try:
        return connector._ssl
    finally:
        await connector.close()
