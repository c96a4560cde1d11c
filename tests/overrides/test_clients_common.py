"""What every client does the same way, checked on every API of the build: construction, scopes, hosts, reprs,
continuation tokens, deadlines, and a cheap ``import opstatus``."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from typing import Any

import httpx
import opstatus
import pytest
from opstatus import (
    AsyncGraphBillingClient,
    ContinuationTokenError,
    CredentialError,
    DecodeError,
    MonitorClient,
    OperationState,
    PartnerPortalClient,
    PollingPolicy,
    PollingTimeoutError,
    RetryPolicy,
    ServiceError,
    UnsafeUrlError,
)

from tests.api_catalog import case, cases, client_credentials
from tests.overrides.http_fakes import (
    FAKE_TOKEN,
    FakeAsyncCredential,
    FakeCredential,
    Script,
    VirtualClock,
    json_response,
)

API = {
    case.key: (case.client, case.base_url, case.scope, dict(case.ids), case.running, case.done)
    for case in cases()
}
"""Every API of this build (tests/api_catalog.py): client, base URL, scope, ids, a running and a done body."""
ASYNC_CLIENTS = [case.async_client for case in cases()]
APIS = sorted(API)


def build(api: str, script: Script, clock: VirtualClock, **kwargs: Any) -> Any:
    cls = API[api][0]
    if "token" not in kwargs and "api_key" not in kwargs:
        kwargs.update(client_credentials(cls, FAKE_TOKEN))
    kwargs.setdefault("polling", PollingPolicy(jitter=0.0))
    return cls(
        transport=script.transport,
        clock=clock.monotonic,
        sleep=clock.sleep,
        wall_clock=clock.wall,
        rng=lambda: 0.0,
        **kwargs,
    )


@pytest.mark.parametrize("api", [key for key in APIS if case(key).takes_tokens])
def test_each_api_asks_for_its_own_default_scope_and_base_url(api: str) -> None:
    _, base_url, scope, ids, _, done = API[api]
    clock = VirtualClock()
    credential = FakeCredential(clock)
    script = Script([json_response(200, done)])
    with build(api, script, clock, token=None, credential=credential) as client:
        assert client.base_url == base_url
        client.poller(**ids).status()
    assert credential.calls == [(scope,)]
    assert str(script.requests[0].url).startswith(base_url + "/")
    assert script.requests[0].headers["authorization"] == f"Bearer {FAKE_TOKEN}-1"


def test_scopes_can_be_overridden_for_other_clouds() -> None:
    clock = VirtualClock()
    credential = FakeCredential(clock)
    script = Script([json_response(200, API["monitor"][5])])
    scope = "https://management.usgovcloudapi.net/.default"
    with build(
        "monitor",
        script,
        clock,
        token=None,
        credential=credential,
        scopes=[scope],
        base_url="https://management.usgovcloudapi.net",
    ) as client:
        client.get_operation_status(**API["monitor"][3])
    assert credential.calls == [(scope,)]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"token": "t", "credential": FakeCredential(VirtualClock())}, TypeError),
        (
            {
                "token": "t",
                "transport": httpx.MockTransport(lambda r: httpx.Response(200)),
                "http_client": httpx.Client(),
            },
            TypeError,
        ),
        ({"token": "t", "base_url": "http://management.azure.com"}, UnsafeUrlError),
        ({"token": "t", "base_url": "ftp://x"}, UnsafeUrlError),
        ({"token": "t", "retry": 3}, TypeError),
        ({"token": "t", "polling": {"min_delay": 1}}, TypeError),
        ({"token": "t", "timeout": -1}, ValueError),
        ({"http_client": httpx.AsyncClient()}, TypeError),
    ],
)
def test_wrong_construction_fails_early(kwargs: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        MonitorClient(**kwargs)


def test_plain_http_is_fine_for_loopback_with_a_token_and_anywhere_without_one() -> None:
    MonitorClient(token=FAKE_TOKEN, base_url="http://127.0.0.1:8765").close()
    MonitorClient(token=FAKE_TOKEN, base_url="http://localhost:8765").close()
    MonitorClient(base_url="http://emulator.internal:8765").close()


@pytest.mark.parametrize("api", APIS)
def test_no_credential_means_no_authorization_header(api: str) -> None:
    clock = VirtualClock()
    script = Script([json_response(200, API[api][5])])
    with build(api, script, clock, token=None) as client:
        client.poller(**API[api][3]).status()
    assert "authorization" not in script.requests[0].headers


def test_client_reprs_never_show_a_token() -> None:
    clock = VirtualClock()
    credential = FakeCredential(clock)
    clients = [
        MonitorClient(token=FAKE_TOKEN),
        MonitorClient(token=lambda: FAKE_TOKEN),
        PartnerPortalClient(credential=credential, wall_clock=clock.wall),  # its tokens are valid then
        AsyncGraphBillingClient(token=FAKE_TOKEN),
    ]
    credential_client = clients[2]
    assert isinstance(credential_client, PartnerPortalClient)
    credential_client._auth.get_token()  # type: ignore[union-attr]  # a cached token must not show either
    for client in clients:
        assert FAKE_TOKEN not in repr(client)
        assert FAKE_TOKEN not in str(client)
    assert repr(clients[0]) == (
        "MonitorClient(base_url='https://management.azure.com', auth=BearerAuth(token=<str REDACTED>, "
        "scopes=['https://management.azure.com/.default']), transport='httpx')"
    )


def test_a_passed_http_client_is_used_and_left_open() -> None:
    script = Script([json_response(200, API["monitor"][5])])
    http_client = httpx.Client(transport=script.transport, timeout=3.0)
    with MonitorClient(token=FAKE_TOKEN, http_client=http_client) as client:
        client.get_operation_status(**API["monitor"][3])
    assert not http_client.is_closed
    assert script.requests[0].headers["authorization"] == f"Bearer {FAKE_TOKEN}"
    assert script.requests[0].extensions["timeout"]["read"] == 3.0
    http_client.close()


def test_a_client_made_http_client_is_closed_on_exit() -> None:
    client = MonitorClient(token=FAKE_TOKEN)
    with client:
        pass
    assert client._http.is_closed


@pytest.mark.parametrize(
    ("timeout", "read"),
    [(opstatus._client.NOT_GIVEN, 30.0), (2.5, 2.5), (None, None), (httpx.Timeout(4.0), 4.0)],
)
def test_timeout_reaches_every_request(timeout: Any, read: float | None) -> None:
    script = Script([json_response(200, API["monitor"][5])])
    with MonitorClient(token=FAKE_TOKEN, transport=script.transport, timeout=timeout) as client:
        client.get_operation_status(**API["monitor"][3])
    assert script.requests[0].extensions["timeout"]["read"] == read


def test_a_timeout_overrides_a_passed_http_clients_own() -> None:
    script = Script([json_response(200, API["monitor"][5])])
    with httpx.Client(transport=script.transport, timeout=3.0) as http_client:
        MonitorClient(http_client=http_client, timeout=9.0).get_operation_status(**API["monitor"][3])
    assert script.requests[0].extensions["timeout"]["read"] == 9.0


def test_an_async_credential_in_a_sync_client_is_a_credential_error() -> None:
    clock = VirtualClock()
    script = Script([json_response(200, API["monitor"][5])])
    with (
        build("monitor", script, clock, token=None, credential=FakeAsyncCredential(clock)) as client,
        pytest.raises(CredentialError, match="async client"),
    ):
        client.get_operation_status(**API["monitor"][3])
    assert script.requests == []


# --- continuation tokens ---------------------------------------------------------------------------


@pytest.mark.parametrize("api", APIS)
def test_a_continuation_token_resumes_the_same_operation_in_a_new_client(api: str) -> None:
    _, _, _, ids, running, done = API[api]
    clock = VirtualClock()
    first = Script([json_response(200, running)])
    with build(api, first, clock) as client:
        poller = client.poller(**ids)
        poller.status()
        token = poller.continuation_token()
    assert FAKE_TOKEN not in token
    second = Script([json_response(200, done)])
    with build(api, second, clock) as client:
        resumed = client.resume(token)
        resumed.result()
        assert resumed.done()
    assert second.urls == first.urls


@pytest.mark.parametrize("api", APIS)
def test_a_polling_timeout_hands_over_a_token_that_resumes(api: str) -> None:
    _, _, _, ids, running, done = API[api]
    clock = VirtualClock()
    with build(api, Script([json_response(200, running)]), clock) as client:
        with pytest.raises(PollingTimeoutError) as caught:
            client.wait(**ids, timeout=30)
        assert clock.now <= 30
    with build(api, Script([json_response(200, done)]), clock) as client:
        assert client.resume(caught.value.continuation_token).result() is not None


def test_a_token_of_another_api_is_refused() -> None:
    clock = VirtualClock()
    with build("monitor", Script([json_response(200, API["monitor"][4])]), clock) as monitor:
        token = monitor.poller(**API["monitor"][3]).continuation_token()
    with (
        build("graph_billing", Script([]), clock) as graph,
        pytest.raises(ContinuationTokenError, match="monitor"),
    ):
        graph.resume(token)


def test_a_token_pointing_at_another_host_is_refused() -> None:
    from opstatus._continuation import encode

    token = encode(api="monitor", url="https://evil.example/steal?api-version=1", first_seen=0.0)
    clock = VirtualClock()
    script = Script([])
    with build("monitor", script, clock) as monitor, pytest.raises(UnsafeUrlError):
        monitor.resume(token)
    assert script.requests == []


@pytest.mark.parametrize("garbage", ["", "hello", "opst9.e30", "opst1.!!!"])
def test_garbage_tokens_are_continuation_token_errors(garbage: str) -> None:
    with MonitorClient() as monitor, pytest.raises(ContinuationTokenError):
        monitor.resume(garbage)


@pytest.mark.anyio
@pytest.mark.parametrize("cls", ASYNC_CLIENTS)
async def test_async_clients_resume_and_poll_from_urls(cls: Any) -> None:
    api = cls._API.key
    _, base_url, _, ids, running, done = API[api]
    clock = VirtualClock()
    script = Script([json_response(200, running), json_response(200, done)])
    async with cls(
        **client_credentials(cls, FAKE_TOKEN),
        transport=script.transport,
        clock=clock.monotonic,
        sleep=clock.async_sleep,
    ) as client:
        poller = client.poller(**ids)
        await poller.read_status()
        resumed = client.resume(poller.continuation_token())
        await resumed.result(timeout=600)
        from_url = client.poller_from_url(poller.status_url)
        await from_url.read_status()
        with pytest.raises(UnsafeUrlError):
            client.poller_from_url("https://evil.example/x")
    assert len(set(script.urls)) == 1
    assert script.urls[0].startswith(base_url)


# --- deadlines ----------------------------------------------------------------------------------------


def test_retries_inside_a_wait_never_run_past_its_timeout() -> None:
    clock = VirtualClock()
    script = Script(
        [json_response(503, {"error": {"code": "busy", "message": "later"}}, **{"Retry-After": "4"})]
    )
    with (
        build("monitor", script, clock, retry=RetryPolicy(max_attempts=50, jitter=0.0)) as client,
        pytest.raises((ServiceError, PollingTimeoutError)),
    ):
        client.wait(**API["monitor"][3], timeout=10)
    assert clock.now <= 10
    assert len(script.requests) == 3


class Timed:
    """A MockTransport reply that answers ``body`` and notes when each request came and its timeout."""

    def __init__(self, clock: VirtualClock, body: Any) -> None:
        self.clock = clock
        self.body = body
        self.sent: list[tuple[float, dict[str, float | None]]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.sent.append((self.clock.now, request.extensions["timeout"]))
        return json_response(200, self.body)


@pytest.mark.parametrize("api", APIS)
def test_a_waits_requests_never_run_past_its_deadline(api: str) -> None:
    clock = VirtualClock()
    running = Timed(clock, API[api][4])
    with build(api, Script([running]), clock) as client, pytest.raises(PollingTimeoutError) as caught:
        client.wait(**API[api][3], timeout=25)
    assert running.sent, "the wait read the status"
    for sent_at, timeout in running.sent:
        left = 25 - sent_at
        assert left > 0
        assert timeout == {
            "connect": min(10.0, left),
            "read": min(30.0, left),
            "write": min(30.0, left),
            "pool": min(30.0, left),
        }
    assert 25 - running.sent[-1][0] < 10, "the last read was cut below even the connect timeout"
    assert caught.value.last_state is not OperationState.SUCCEEDED
    assert caught.value.elapsed == pytest.approx(25)


@pytest.mark.parametrize("api", APIS)
def test_the_read_at_the_deadline_is_not_sent_when_no_time_is_left(api: str) -> None:
    clock = VirtualClock()
    running = Timed(clock, API[api][4])
    with build(
        api, Script([running]), clock, polling=PollingPolicy(min_delay=10.0, max_delay=10.0, jitter=0.0)
    ) as client:
        poller = client.poller(**API[api][3])
        with pytest.raises(PollingTimeoutError) as caught:
            poller.result(timeout=15)
    assert [sent_at for sent_at, _ in running.sent] == [0.0, 10.0]
    assert clock.now == 15.0
    assert caught.value.last_state is not None
    assert caught.value.continuation_token == poller.continuation_token()


def test_a_wait_with_no_time_at_all_reads_once_then_times_out() -> None:
    clock = VirtualClock()
    script = Script([json_response(200, {"status": "InProgress"})])
    with build("monitor", script, clock) as client, pytest.raises(PollingTimeoutError) as caught:
        client.poller(**API["monitor"][3]).result(timeout=0)
    assert len(script.requests) == 1
    assert caught.value.last_state is OperationState.RUNNING
    assert clock.now == 0.0


def test_a_wait_with_no_time_at_all_returns_an_operation_that_already_finished() -> None:
    clock = VirtualClock()
    script = Script([json_response(200, {"status": "Succeeded"})])
    with build("monitor", script, clock) as client:
        final = client.poller(**API["monitor"][3]).result(timeout=0)
    assert (final.status, len(script.requests)) == ("Succeeded", 1)


@pytest.mark.anyio
@pytest.mark.parametrize("cls", ASYNC_CLIENTS)
async def test_an_async_waits_requests_never_run_past_its_deadline(cls: Any) -> None:
    api = cls._API.key
    clock = VirtualClock()
    running = Timed(clock, API[api][4])
    async with cls(
        **client_credentials(cls, FAKE_TOKEN),
        transport=Script([running]).transport,
        polling=PollingPolicy(min_delay=10.0, max_delay=10.0, jitter=0.0),
        clock=clock.monotonic,
        sleep=clock.async_sleep,
    ) as client:
        with pytest.raises(PollingTimeoutError):
            await client.wait(**API[api][3], timeout=15)
    assert running.sent == [
        (0.0, {"connect": 10.0, "read": 15.0, "write": 15.0, "pool": 15.0}),
        (10.0, {"connect": 5.0, "read": 5.0, "write": 5.0, "pool": 5.0}),
    ]


# --- transient faults inside a wait ---------------------------------------------------------------------


def _garbled(content: bytes, content_type: str = "application/json") -> httpx.Response:
    return httpx.Response(200, content=content, headers={"content-type": content_type})


@pytest.mark.parametrize("api", APIS)
def test_a_wait_rides_out_gateway_codes_and_bodies_that_are_not_json(api: str) -> None:
    _, _, _, ids, running, done = API[api]
    clock = VirtualClock()
    script = Script(
        [
            json_response(200, running),
            json_response(499, {"error": {"code": "ClientClosedRequest", "message": "closed"}}),
            _garbled(b"<html><body>520: Web server is returning an unknown error</body></html>", "text/html"),
            json_response(520, {"error": {"code": "Unknown", "message": "origin"}}),
            _garbled(json.dumps(done).encode()[:12]),
            json_response(200, done),
        ]
    )
    with build(api, script, clock, retry=RetryPolicy(max_attempts=5, jitter=0.0)) as client:
        poller = client.poller(**ids)
        assert poller.result(timeout=3600) is not None
    assert poller.status() is OperationState.SUCCEEDED
    assert len(script.requests) == 6
    assert clock.sleeps[-4:] == [0.5, 1.0, 2.0, 4.0], "one status read, retried four times"


@pytest.mark.parametrize("api", APIS)
@pytest.mark.parametrize("body", [{"unexpected": True}, "Succeeded"], ids=["missing-member", "wrong-type"])
def test_json_that_does_not_fit_the_model_is_a_decode_error_without_a_retry(api: str, body: Any) -> None:
    if isinstance(body, dict) and not case(api).status_requires_members:
        pytest.skip(f"{api}'s status model requires no member: any object fits it")
    clock = VirtualClock()
    script = Script(
        [json_response(200, body, **{"x-ms-request-id": "r-fit"}), json_response(200, API[api][5])]
    )
    with build(api, script, clock) as client:
        with pytest.raises(DecodeError) as direct:
            getattr(client, case(api).routes.status.method)(**API[api][3])
        assert direct.value.request_id == "r-fit"
        assert direct.value.where != "body"
    assert len(script.requests) == 1
    assert clock.sleeps == []


@pytest.mark.parametrize("api", APIS)
def test_a_wait_ends_on_json_that_does_not_fit_the_model_at_once(api: str) -> None:
    if not case(api).status_requires_members:
        pytest.skip(f"{api}'s status model requires no member: any object fits it")
    clock = VirtualClock()
    script = Script([json_response(200, {"unexpected": True}), json_response(200, API[api][5])])
    with build(api, script, clock) as client, pytest.raises(DecodeError, match="missing required member"):
        client.wait(**API[api][3], timeout=3600)
    assert len(script.requests) == 1


@pytest.mark.parametrize("api", APIS)
def test_bodies_that_stay_broken_end_a_wait_with_a_decode_error_after_the_attempts(api: str) -> None:
    clock = VirtualClock()
    broken = httpx.Response(200, content=b"", headers={"x-ms-request-id": "r-broken"})
    script = Script([broken])
    with (
        build(api, script, clock, retry=RetryPolicy(max_attempts=3, jitter=0.0)) as client,
        pytest.raises(DecodeError, match="empty body") as caught,
    ):
        client.wait(**API[api][3], timeout=3600)
    assert caught.value.request_id == "r-broken"
    assert len(script.requests) == 3


@pytest.mark.parametrize("status", [501, 505])
def test_a_wait_ends_at_once_on_501_and_505(status: int) -> None:
    clock = VirtualClock()
    script = Script([json_response(status, {"error": {"code": "No", "message": "never"}})])
    with build("monitor", script, clock) as client, pytest.raises(ServiceError) as caught:
        client.wait(**API["monitor"][3], timeout=3600)
    assert caught.value.status_code == status
    assert len(script.requests) == 1


# --- the public namespace -------------------------------------------------------------------------


def test_every_public_name_resolves() -> None:
    for name in opstatus.__all__:
        assert getattr(opstatus, name) is not None, name
    assert set(opstatus.__all__) <= set(dir(opstatus))


def test_unknown_attributes_are_attribute_errors() -> None:
    with pytest.raises(AttributeError):
        opstatus.NoSuchThing  # noqa: B018


def test_importing_opstatus_loads_no_client_generated_or_optional_code() -> None:
    code = "import sys, json, opstatus; print(json.dumps(sorted(sys.modules)))"
    loaded = set(
        json.loads(
            subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, text=True).stdout
        )
    )
    for heavy in (
        "opstatus.monitor",
        "opstatus._client",
        *(f"opstatus._generated.{key}" for key in opstatus._generated.API_KEYS),
        "opstatus.emulator",
        "opstatus.cli",
        "azure",
        "azure.identity",
        "starlette",
        "pydantic",
        "rich",
        "asyncio",
    ):
        assert heavy not in loaded, heavy


def test_every_api_serves_its_clients_and_models_from_public_names() -> None:
    for key in opstatus._generated.API_KEYS:
        module = getattr(opstatus, key)
        clients = [name for name, owner in opstatus._generated.CLIENTS.items() if owner == key]
        assert len(clients) == 2, key
        for name in clients:
            assert getattr(opstatus, name) is getattr(module, name)
        models = importlib.import_module(f"opstatus._generated.{key}.models")
        for name in models.__all__:
            assert getattr(module, name) is getattr(models, name), (key, name)


def test_the_first_apis_keep_their_import_paths() -> None:
    from opstatus.graph_billing import GraphBillingClient, Manifest, Operation
    from opstatus.monitor import MonitorClient, OperationStatus
    from opstatus.partner_portal import Operation as CppOperation
    from opstatus.partner_portal import OperationSummary, PartnerPortalClient

    assert (GraphBillingClient, MonitorClient, PartnerPortalClient) == (
        opstatus.GraphBillingClient,
        opstatus.MonitorClient,
        opstatus.PartnerPortalClient,
    )
    assert {
        Manifest.__name__,
        OperationStatus.__name__,
        CppOperation.__name__,
        OperationSummary.__name__,
    } == {
        "Manifest",
        "OperationStatus",
        "Operation",
        "OperationSummary",
    }
    assert "ExportSuccessOperation" in repr(Operation)


# --- the URL cache of the hot path ------------------------------------------------------------------


def test_repeated_reads_build_the_same_url_and_bad_ids_are_still_refused() -> None:
    clock = VirtualClock()
    script = Script([json_response(200, API["monitor"][5])])
    with build("monitor", script, clock) as client:
        for _ in range(3):
            client.get_operation_status(**API["monitor"][3])
        with pytest.raises(opstatus.InvalidParameterError):
            client.get_operation_status(
                subscription_id="s", resource_group_name="rg", async_operation_id="a/b"
            )
        with pytest.raises(opstatus.InvalidParameterError, match="must be a string"):
            client.get_operation_status(
                subscription_id="s", resource_group_name="rg", async_operation_id=["x"]
            )
    assert len(set(script.urls)) == 1
    assert len(script.urls) == 3


def test_the_url_cache_stays_bounded() -> None:
    clock = VirtualClock()
    script = Script([json_response(200, API["graph_billing"][5])])
    with build("graph_billing", script, clock) as client:
        for n in range(600):
            client.get_operation(operation_id=f"op{n}")
        assert len(client._url_cache) <= 256
    assert script.urls[-1].endswith("/operations/op599")


def test_a_sync_client_that_only_reads_never_loads_the_waiting_machinery_or_asyncio() -> None:
    code = (
        "import sys, json, opstatus; opstatus.MonitorClient(token='t').close(); "
        "print(json.dumps(sorted(sys.modules)))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, text=True)
    loaded = set(json.loads(run.stdout))
    assert "opstatus.monitor" in loaded
    for deferred in (
        "asyncio",
        "opstatus._poller",
        "opstatus._machine",
        "opstatus._status",
        "opstatus._continuation",
    ):
        assert deferred not in loaded, deferred
