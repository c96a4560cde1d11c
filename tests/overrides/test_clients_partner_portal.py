"""PartnerPortalClient / AsyncPartnerPortalClient against the partner_portal spec's own examples."""

from __future__ import annotations

import datetime
from typing import TypedDict

import pytest
from opstatus import (
    AsyncPartnerPortalClient,
    DecodeError,
    InvalidParameterError,
    OperationFailedError,
    OperationState,
    PartnerPortalClient,
    PollingPolicy,
    ProgressEvent,
    UnsafeUrlError,
)
from opstatus.partner_portal import Operation, OperationSummary, Step

from tests.overrides.http_fakes import FAKE_TOKEN, Script, VirtualClock, example, examples, json_response

GET = "Operations_Get"


class Ids(TypedDict):
    publisher_id: str
    offer_id: str
    operation_id: str


IDS: Ids = {
    "publisher_id": "contoso",
    "offer_id": "offer1",
    "operation_id": "56615b67-2185-49fe-80d2-c4ddf77bb2e8",
}
OPERATION_URL = (
    "https://cloudpartner.azure.com/api/publishers/contoso/offers/offer1/operations/"
    "56615b67-2185-49fe-80d2-c4ddf77bb2e8?api-version=2017-10-31"
)


def client(script: Script, clock: VirtualClock | None = None) -> PartnerPortalClient:
    clock = clock or VirtualClock()
    return PartnerPortalClient(
        token=FAKE_TOKEN,
        transport=script.transport,
        polling=PollingPolicy(jitter=0.0),
        clock=clock.monotonic,
        sleep=clock.sleep,
        wall_clock=clock.wall,
    )


@pytest.mark.parametrize("name", sorted(examples("partner_portal", GET)))
def test_every_operation_example_reads_as_one_operation(name: str) -> None:
    body = example("partner_portal", GET, name)
    script = Script([json_response(200, body)])
    with client(script) as cpp:
        operation = cpp.get_operation(**IDS)
    assert script.urls == [OPERATION_URL]
    assert isinstance(operation, Operation)
    expected = body[0] if isinstance(body, list) else body
    assert operation.status == expected["status"]


def test_the_array_example_keeps_its_steps_in_order_with_messages() -> None:
    with client(Script([json_response(200, example("partner_portal", GET, "getOperation2020"))])) as cpp:
        operation = cpp.get_operation(**IDS)
    assert isinstance(operation.steps, list)
    assert [step.step_name for step in operation.steps][:3] == [
        "Validate Pre-Requisites",
        "Certification",
        "Provisioning",
    ]
    first = operation.steps[0]
    assert isinstance(first, Step)
    assert first.progress_percentage == 100
    assert operation.cancellation_request_state == "canCancel"


def test_timestamps_are_zone_aware() -> None:
    with client(Script([json_response(200, example("partner_portal", GET, "completedObject"))])) as cpp:
        operation = cpp.get_operation(**IDS)
    assert isinstance(operation.last_action_date_time, datetime.datetime)
    assert operation.last_action_date_time.tzinfo is not None


def test_an_array_of_two_operations_is_a_decode_error() -> None:
    body = example("partner_portal", GET, "completedObject")
    with (
        client(Script([json_response(200, [body, body])])) as cpp,
        pytest.raises(DecodeError, match="array of 2"),
    ):
        cpp.get_operation(**IDS)


def test_list_operations_reads_the_list_example_and_sends_the_status_filter() -> None:
    body = example("partner_portal", "Operations_List", "getOperations")
    script = Script([json_response(200, body)])
    with client(script) as cpp:
        everything = cpp.list_operations(publisher_id="contoso", offer_id="offer1")
        running = cpp.list_operations(publisher_id="contoso", offer_id="offer1", filtered_status="running")
    assert script.urls == [
        "https://cloudpartner.azure.com/api/publishers/contoso/offers/offer1/operations?api-version=2017-10-31",
        "https://cloudpartner.azure.com/api/publishers/contoso/offers/offer1/operations"
        "?api-version=2017-10-31&status=running",
    ]
    assert len(everything) == len(running) == 1
    summary = everything[0]
    assert isinstance(summary, OperationSummary)
    assert summary.submission_state == "running"
    assert summary.version == 636576975611768314  # int64 stays exact (DECISION P11)


def test_a_filter_with_control_characters_is_refused() -> None:
    script = Script([json_response(200, [])])
    with client(script) as cpp, pytest.raises(InvalidParameterError, match="status"):
        cpp.list_operations(publisher_id="contoso", offer_id="offer1", filtered_status="run\nning")
    assert script.requests == []


def test_a_relative_location_url_is_resolved_and_polled() -> None:
    script = Script([json_response(200, example("partner_portal", GET, "completedObject"))])
    with client(script) as cpp:
        operation = cpp.poller_from_url(
            "/api/publishers/contoso/offers/offer1/operations/56615b67-2185-49fe-80d2-c4ddf77bb2e8"
        ).result()
    assert script.urls == [OPERATION_URL]
    assert operation.status == "completed"


def test_a_location_on_another_host_is_refused() -> None:
    with client(Script([])) as cpp, pytest.raises(UnsafeUrlError):
        cpp.poller_from_url("https://cloudpartner.azure.com.evil.example/api/publishers/x")


def test_wait_reports_steps_and_combined_percent() -> None:
    clock = VirtualClock()
    running = example("partner_portal", GET, "getOperation2020")
    done = example("partner_portal", GET, "completedObject")
    script = Script([json_response(200, running), json_response(200, done)])
    events: list[ProgressEvent] = []
    with client(script, clock) as cpp:
        final = cpp.wait(**IDS, on_progress=events.append)
    assert final.status == "completed"
    assert events[0].state is OperationState.RUNNING
    assert [step.name for step in events[0].steps][:2] == ["Validate Pre-Requisites", "Certification"]
    assert events[0].percent == pytest.approx(100 / 6)
    assert events[-1].state is OperationState.SUCCEEDED


def test_wait_raises_the_cpp_error_string_when_the_operation_failed() -> None:
    body = example("partner_portal", GET, "failedObject")
    with client(Script([json_response(200, body)])) as cpp, pytest.raises(OperationFailedError) as caught:
        cpp.wait(**IDS)
    assert str(caught.value) == "No virtual machine image was found for the plan contoso."


@pytest.mark.anyio
async def test_async_client_gets_lists_and_waits() -> None:
    clock = VirtualClock()
    done = example("partner_portal", GET, "completedObject")
    listing = example("partner_portal", "Operations_List", "getOperations")
    script = Script([json_response(200, done), json_response(200, listing), json_response(200, done)])
    async with AsyncPartnerPortalClient(
        token=FAKE_TOKEN, transport=script.transport, clock=clock.monotonic, sleep=clock.async_sleep
    ) as cpp:
        operation = await cpp.get_operation(**IDS)
        summaries = await cpp.list_operations(
            publisher_id="contoso", offer_id="offer1", filtered_status="running"
        )
        final = await cpp.wait(**IDS, timeout=60)
    assert operation.status == final.status == "completed"
    assert summaries[0].id == "5a63deb5-925b-4ee0-938b-7c86fbf287c5"
    assert script.urls[1].endswith("&status=running")
