"""MonitorClient / AsyncMonitorClient against the monitor spec's own examples."""

from __future__ import annotations

import datetime
from typing import TypedDict

import httpx
import pytest
from azure.core.credentials import AccessToken
from opstatus import (
    AsyncMonitorClient,
    InvalidParameterError,
    MonitorClient,
    NotFoundError,
    OperationFailedError,
    OperationState,
    PollingPolicy,
    ProgressEvent,
)
from opstatus.monitor import ErrorResponseCommon, OperationStatus

from tests.overrides.http_fakes import FAKE_TOKEN, Script, VirtualClock, example, json_response

OP = "PrivateLinkScopeOperationStatus_Get"
SUCCEEDED = example("monitor", OP, "getSpecificOperationStatus")
RUNNING = example("monitor", OP, "runningOperation")
FAILED = example("monitor", OP, "failedOperation")
NOT_FOUND = example("monitor", OP, "operationNotFound", "404")


class Ids(TypedDict):
    subscription_id: str
    resource_group_name: str
    async_operation_id: str


IDS: Ids = {
    "subscription_id": "613192d7-503f-477a-9cfe-4efc3ee2bd60",
    "resource_group_name": "MyResourceGroup",
    "async_operation_id": "713192d7-503f-477a-9cfe-4efc3ee2bd11",
}
EXPECTED_URL = (
    "https://management.azure.com/subscriptions/613192d7-503f-477a-9cfe-4efc3ee2bd60/resourceGroups/"
    "MyResourceGroup/providers/microsoft.insights/privateLinkScopeOperationStatuses/"
    "713192d7-503f-477a-9cfe-4efc3ee2bd11?api-version=2019-10-17-preview"
)


def client(script: Script, clock: VirtualClock | None = None) -> MonitorClient:
    clock = clock or VirtualClock()
    return MonitorClient(
        token=FAKE_TOKEN,
        transport=script.transport,
        polling=PollingPolicy(jitter=0.0),
        clock=clock.monotonic,
        sleep=clock.sleep,
        wall_clock=clock.wall,
        rng=lambda: 0.0,
    )


def async_client(script: Script, clock: VirtualClock | None = None) -> AsyncMonitorClient:
    clock = clock or VirtualClock()
    return AsyncMonitorClient(
        token=FAKE_TOKEN,
        transport=script.transport,
        polling=PollingPolicy(jitter=0.0),
        clock=clock.monotonic,
        sleep=clock.async_sleep,
        wall_clock=clock.wall,
        rng=lambda: 0.0,
    )


def test_get_operation_status_sends_the_spec_path_with_api_version_and_token() -> None:
    script = Script([json_response(200, SUCCEEDED)])
    with client(script) as monitor:
        status = monitor.get_operation_status(**IDS)
    assert script.urls == [EXPECTED_URL]
    assert script.requests[0].headers["authorization"] == f"Bearer {FAKE_TOKEN}"
    assert script.requests[0].headers["accept"] == "application/json"
    assert isinstance(status, OperationStatus)
    assert status.status == "Succeeded"
    assert status.name == "713192d7-503f-477a-9cfe-4efc3ee2bd11"
    assert status.start_time == datetime.datetime(2017, 1, 1, 13, 13, 13, 933000, tzinfo=datetime.UTC)


def test_the_running_example_keeps_percent_complete() -> None:
    with client(Script([json_response(200, RUNNING)])) as monitor:
        status = monitor.get_operation_status(**IDS)
    assert status.percent_complete == 40.5
    assert status.end_time is None


def test_the_failed_example_carries_nested_error_details() -> None:
    with client(Script([json_response(200, FAILED)])) as monitor:
        status = monitor.get_operation_status(**IDS)
    assert isinstance(status.error, ErrorResponseCommon)
    assert status.error.code == "PrivateLinkScopeValidationFailed"
    assert status.error.details
    assert status.error.details[0].code == "ScopedResourceNotFound"


def test_unknown_members_are_kept() -> None:
    with client(Script([json_response(200, {**SUCCEEDED, "properties": {"x": 1}})])) as monitor:
        status = monitor.get_operation_status(**IDS)
    assert status.additional_properties == {"properties": {"x": 1}}


def test_a_404_is_an_error_reading_the_status_not_a_failed_operation() -> None:
    script = Script([json_response(404, NOT_FOUND, **{"x-ms-request-id": "req-404"})])
    with client(script) as monitor, pytest.raises(NotFoundError) as caught:
        monitor.wait(**IDS)
    assert not isinstance(caught.value, OperationFailedError)
    assert str(caught.value).endswith("(request id req-404)")


def test_ids_that_would_change_the_path_are_refused_before_sending() -> None:
    script = Script([json_response(200, SUCCEEDED)])
    with client(script) as monitor, pytest.raises(InvalidParameterError, match="async_operation_id"):
        monitor.get_operation_status(
            subscription_id=IDS["subscription_id"], resource_group_name="rg", async_operation_id="../../x"
        )
    assert script.requests == []


def test_ids_are_percent_encoded() -> None:
    script = Script([json_response(200, SUCCEEDED)])
    with client(script) as monitor:
        monitor.get_operation_status(
            subscription_id="s", resource_group_name="my group(1)", async_operation_id="op"
        )
    assert "/resourceGroups/my%20group%281%29/" in str(script.requests[0].url.raw_path, "ascii")


def test_wait_polls_until_succeeded_and_reports_progress() -> None:
    clock = VirtualClock()
    script = Script([json_response(200, RUNNING), json_response(200, RUNNING), json_response(200, SUCCEEDED)])
    events: list[ProgressEvent] = []
    with client(script, clock) as monitor:
        final = monitor.wait(**IDS, on_progress=events.append)
    assert final.status == "Succeeded"
    assert len(script.requests) == 3
    assert [e.state for e in events] == [
        OperationState.RUNNING,
        OperationState.RUNNING,
        OperationState.SUCCEEDED,
    ]
    assert events[0].percent == 40.5
    assert len(clock.sleeps) == 2


def test_wait_raises_the_operations_own_error_when_it_failed() -> None:
    with (
        client(Script([json_response(200, FAILED)])) as monitor,
        pytest.raises(OperationFailedError) as caught,
    ):
        monitor.wait(**IDS)
    assert caught.value.error is not None
    assert caught.value.error.code == "PrivateLinkScopeValidationFailed"
    assert isinstance(caught.value.resource, OperationStatus)


def test_a_poller_sends_nothing_until_asked() -> None:
    script = Script([json_response(200, SUCCEEDED)])
    with client(script) as monitor:
        poller = monitor.poller(**IDS)
        assert script.requests == []
        assert poller.status() is OperationState.SUCCEEDED
        assert poller.done()
    assert script.urls == [EXPECTED_URL]


def test_an_azure_asyncoperation_url_is_polled_as_given() -> None:
    location = "https://management.azure.com/subscriptions/s/providers/Microsoft.Insights/operationStatuses/abc?api-version=2021-01-01"
    script = Script([json_response(200, SUCCEEDED)])
    with client(script) as monitor:
        assert monitor.poller_from_url(location).result().status == "Succeeded"
    assert script.urls == [location]


@pytest.mark.anyio
async def test_async_client_reads_and_waits() -> None:
    clock = VirtualClock()
    script = Script([json_response(200, RUNNING), json_response(200, RUNNING), json_response(200, SUCCEEDED)])
    async with async_client(script, clock) as monitor:
        first = await monitor.get_operation_status(**IDS)
        final = await monitor.wait(**IDS)
    assert first.status == "InProgress"
    assert final.status == "Succeeded"
    assert script.urls == [EXPECTED_URL] * 3
    assert clock.sleeps  # the wait slept on the injected clock, not for real


@pytest.mark.anyio
async def test_async_poller_result_takes_a_timeout() -> None:
    script = Script([json_response(200, SUCCEEDED)])
    async with async_client(script) as monitor:
        poller = monitor.poller(**IDS)
        status = await poller.result(timeout=30)
    assert isinstance(status, OperationStatus)


def test_the_default_base_url_and_scope_are_the_apis_own() -> None:
    seen: list[tuple[str, ...]] = []

    class Credential:
        def get_token(self, *scopes: str) -> AccessToken:
            seen.append(scopes)
            return AccessToken(FAKE_TOKEN, 4_000_000_000)

    script = Script([json_response(200, SUCCEEDED)])
    with MonitorClient(credential=Credential(), transport=script.transport) as monitor:
        assert monitor.base_url == "https://management.azure.com"
        monitor.get_operation_status(**IDS)
    assert seen == [("https://management.azure.com/.default",)]
    assert isinstance(script.requests[0], httpx.Request)
