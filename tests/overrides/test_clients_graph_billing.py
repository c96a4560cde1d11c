"""GraphBillingClient / AsyncGraphBillingClient against the graph_billing spec's own examples."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from opstatus import (
    AsyncGraphBillingClient,
    GraphBillingClient,
    InvalidParameterError,
    OperationFailedError,
    OperationState,
    PollingPolicy,
    UnsafeUrlError,
)
from opstatus.graph_billing import (
    ExportSuccessOperation,
    FailedOperation,
    Manifest,
    OperationBase,
    RunningOperation,
)

from tests.overrides.http_fakes import FAKE_TOKEN, Script, VirtualClock, example, json_response

GET = "PartnersBilling_GetOperation"
OPERATION_ID = "6fe687d7-1e0f-4bd6-9091-4672691f64bc"
OPERATION_URL = f"https://graph.microsoft.com/v1.0/reports/partners/billing/operations/{OPERATION_ID}"
MANIFEST_URL = (
    "https://graph.microsoft.com/v1.0/reports/partners/billing/manifests/8fe347d7-1e0f-4bd6-9091-4672691f32db"
)
SUCCEEDED = example("graph_billing", GET, "exportSucceeded")
FAILED = example("graph_billing", GET, "failed")
RUNNING = example("graph_billing", GET, "running")
MANIFEST = example("graph_billing", "PartnersBilling_GetManifest", "manifest")


def client(script: Script, clock: VirtualClock | None = None, **kwargs: Any) -> GraphBillingClient:
    clock = clock or VirtualClock()
    return GraphBillingClient(
        token=FAKE_TOKEN,
        transport=script.transport,
        polling=PollingPolicy(jitter=0.0),
        clock=clock.monotonic,
        sleep=clock.sleep,
        wall_clock=clock.wall,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("exportSucceeded", ExportSuccessOperation),
        ("failed", FailedOperation),
        ("running", RunningOperation),
        ("notStarted", RunningOperation),
    ],
)
def test_each_example_parses_as_the_type_its_odata_type_names(name: str, kind: type) -> None:
    script = Script([json_response(200, example("graph_billing", GET, name))])
    with client(script) as graph:
        operation = graph.get_operation(operation_id=OPERATION_ID)
    assert script.urls == [OPERATION_URL]
    assert type(operation) is kind


def test_the_zone_less_created_date_time_is_read_as_utc() -> None:
    with client(Script([json_response(200, SUCCEEDED)])) as graph:
        operation = graph.get_operation(operation_id=OPERATION_ID)
    assert operation.created_date_time == datetime.datetime(2023, 3, 9, 8, 12, 53, tzinfo=datetime.UTC)
    assert isinstance(operation, ExportSuccessOperation)
    assert operation.resource_location_navigation_link == MANIFEST_URL


def test_an_unknown_odata_type_falls_back_to_the_base_and_keeps_extras() -> None:
    body = {
        "@odata.type": "#microsoft.graph.partners.billing.futureOperation",
        "id": "x",
        "status": "running",
        "eta": 5,
    }
    with client(Script([json_response(200, body)])) as graph:
        operation = graph.get_operation(operation_id="x")
    assert type(operation) is OperationBase
    assert operation.additional_properties["eta"] == 5


def test_an_unknown_status_is_unknown_not_a_crash() -> None:
    body = {**RUNNING, "status": "paused"}
    with client(Script([json_response(200, body)])) as graph:
        poller = graph.poller(operation_id=OPERATION_ID)
        assert poller.status() is OperationState.UNKNOWN
        assert poller.raw_status == "paused"


def test_get_manifest_reads_the_manifest_example() -> None:
    script = Script([json_response(200, MANIFEST)])
    with client(script) as graph:
        manifest = graph.get_manifest(manifest_id="8fe347d7-1e0f-4bd6-9091-4672691f32db")
    assert script.urls == [MANIFEST_URL]
    assert isinstance(manifest, Manifest)
    assert manifest.blob_count == 1
    assert manifest.sas_token == MANIFEST["sasToken"]


def test_the_manifest_repr_never_shows_the_sas_token() -> None:
    with client(Script([json_response(200, MANIFEST)])) as graph:
        manifest = graph.get_manifest(manifest_id="m")
    assert "EXAMPLE-NOT-A-SECRET" not in repr(manifest)
    assert "EXAMPLE-NOT-A-SECRET" not in str(manifest)
    assert "sas_token='REDACTED'" in repr(manifest)
    assert "root_directory=" in repr(manifest)


def test_get_manifest_for_follows_a_finished_exports_link() -> None:
    script = Script([json_response(200, SUCCEEDED), json_response(200, MANIFEST)])
    with client(script) as graph:
        operation = graph.wait(operation_id=OPERATION_ID)
        manifest = graph.get_manifest_for(operation)
    assert script.urls == [OPERATION_URL, MANIFEST_URL]
    assert manifest.id == "8fe347d7-1e0f-4bd6-9091-4672691f32db"


def test_get_manifest_for_an_operation_without_a_link_says_why() -> None:
    with client(Script([json_response(200, RUNNING)])) as graph:
        running = graph.get_operation(operation_id=OPERATION_ID)
        with pytest.raises(
            InvalidParameterError,
            match=r"has no result link .status 'running'.; only a succeeded operation has one",
        ):
            graph.get_manifest_for(running)


def test_a_manifest_link_on_another_host_is_refused() -> None:
    body = {**SUCCEEDED, "resourceLocation@odata.navigationLink": "https://evil.example/v1.0/manifests/x"}
    script = Script([json_response(200, body)])
    with client(script) as graph:
        operation = graph.get_operation(operation_id=OPERATION_ID)
        with pytest.raises(UnsafeUrlError):
            graph.get_manifest_for(operation)
    assert len(script.requests) == 1


def test_an_emulator_base_url_keeps_the_v1_0_prefix() -> None:
    script = Script([json_response(200, SUCCEEDED)])
    with client(script, base_url="http://127.0.0.1:8765/v1.0") as graph:
        graph.get_operation(operation_id=OPERATION_ID)
    assert script.urls == [f"http://127.0.0.1:8765/v1.0/reports/partners/billing/operations/{OPERATION_ID}"]


def test_wait_raises_graphs_error_for_a_failed_export() -> None:
    with client(Script([json_response(200, FAILED)])) as graph, pytest.raises(OperationFailedError) as caught:
        graph.wait(operation_id=OPERATION_ID)
    assert str(caught.value) == "5000: No data available"
    assert isinstance(caught.value.resource, FailedOperation)


@pytest.mark.anyio
async def test_async_client_waits_and_fetches_the_manifest() -> None:
    clock = VirtualClock()
    script = Script(
        [json_response(200, RUNNING), json_response(200, SUCCEEDED), json_response(200, MANIFEST)]
    )
    async with AsyncGraphBillingClient(
        token=FAKE_TOKEN, transport=script.transport, clock=clock.monotonic, sleep=clock.async_sleep
    ) as graph:
        operation = await graph.wait(operation_id=OPERATION_ID)
        manifest = await graph.get_manifest_for(operation)
    assert isinstance(operation, ExportSuccessOperation)
    assert isinstance(manifest, Manifest)
    assert script.urls == [OPERATION_URL, OPERATION_URL, MANIFEST_URL]
    assert len(clock.sleeps) == 1


@pytest.mark.anyio
async def test_async_get_manifest_by_id() -> None:
    script = Script([json_response(200, MANIFEST)])
    async with AsyncGraphBillingClient(token=FAKE_TOKEN, transport=script.transport) as graph:
        manifest = await graph.get_manifest(manifest_id="8fe347d7-1e0f-4bd6-9091-4672691f32db")
    assert manifest.data_format == "compressedJSONLines"
