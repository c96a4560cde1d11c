"""Any ARM async-operation URL waits to the end azure-core reaches on the same server answers.

The emulator serves an ARM operation three ways (``opstatus.emulator._arm``): the 202 that starts it
(with ``Location`` and/or ``Azure-AsyncOperation``), the ``Azure-AsyncOperation`` status resource of
another resource provider (``Microsoft.Compute``), and the ``Location`` result URL (202 + Retry-After
while running, then 200 with the resource, 204, or the operation's error). azure-core's real
``LROPoller`` with ``LROBasePolling`` begins from that 202; opstatus' ``ArmClient`` is handed the URL
from the same header, as ``opstatus wait-url "$(az ... --no-wait)"`` would be. Both run over real
HTTP on 127.0.0.1 against one emulator on a virtual clock (azure-core's sleeps advance it too), so
each sees the same answers at the same instants: the end (result or failure), the final body and the
number of status reads must match.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from azure.core import PipelineClient
from azure.core.exceptions import HttpResponseError
from azure.core.pipeline import PipelineResponse
from azure.core.pipeline.policies import HeadersPolicy, RequestIdPolicy
from azure.core.polling import LROPoller
from azure.core.polling.base_polling import (
    LocationPolling,
    LROBasePolling,
    OperationResourcePolling,
    StatusCheckPolling,
)
from azure.core.rest import HttpRequest
from opstatus import (
    ArmClient,
    AsyncArmClient,
    OperationCanceledError,
    OperationFailedError,
    OperationState,
    PollingPolicy,
    ProgressEvent,
)
from opstatus.emulator import EmulatorServer, ErrorSpec, FaultPlan, Lifecycle, Outcome, Phase

TOKEN = "emulator-token"
RUNNING = (Phase(seconds=2.0, state="not_started"), Phase(seconds=3.0, status="Provisioning", percent=40))

LIFECYCLES = {
    "succeeds with a resource": Lifecycle(phases=RUNNING),
    "succeeds without content": Lifecycle(phases=RUNNING, location_result="none"),
    "fails": Lifecycle(
        phases=RUNNING,
        outcome=Outcome(state="failed", error=ErrorSpec(code="QuotaExceeded", message="No cores left.")),
    ),
    "is canceled": Lifecycle(phases=RUNNING, outcome=Outcome(state="canceled")),
    "is already over": Lifecycle(),
}


class _VirtualTimePolling(LROBasePolling[Any, Any, Any]):
    """azure-core's own polling, set up for ARM as azure-mgmt-core's ``ARMPolling`` sets it up (the
    ``Azure-AsyncOperation`` header first, then ``Location``, then the status code); only its sleep
    moves the emulator's virtual clock instead of waiting."""

    def __init__(self, emulator: EmulatorServer) -> None:
        super().__init__(
            timeout=30,
            lro_algorithms=[
                OperationResourcePolling(operation_location_header="azure-asyncoperation"),
                LocationPolling(),
                StatusCheckPolling(),
            ],
        )
        self._emulator = emulator

    def _sleep(self, delay: float) -> None:
        self._emulator.sleep(delay)


def _body(pipeline_response: PipelineResponse[Any, Any]) -> Any:
    return pipeline_response.http_response.json()


def begin(emulator: EmulatorServer, lifecycle: Lifecycle, lro: str) -> tuple[str, dict[str, str]]:
    """Create an ARM operation; return its id and the URLs of the 202 that starts it."""
    op = emulator.create_operation("monitor", lifecycle=lifecycle)
    return op.id, emulator.arm_urls_for(op)


def azure_core_end(emulator: EmulatorServer, urls: dict[str, str], lro: str) -> tuple[str, Any]:
    client: PipelineClient[Any, Any] = PipelineClient(
        base_url=emulator.base_url,
        policies=[RequestIdPolicy(), HeadersPolicy({"Authorization": f"Bearer {TOKEN}"})],
    )
    initial = client.send_request(
        HttpRequest("POST", urls["begin"], params={"lro": lro}), _return_pipeline_response=True
    )
    poller: LROPoller[Any] = LROPoller(client, initial, _body, _VirtualTimePolling(emulator))
    try:
        return "succeeded", poller.result()
    except HttpResponseError as exc:
        # azure-core raises one error type for both: a status body that said Failed/Canceled (the
        # answer itself was a 200) or a Location URL that answered with an error status; either way
        # the answer it ended on carries ARM's error, whose code is compared
        answer = json.loads(exc.response.text()) if exc.response is not None else {}
        return "failed or canceled", answer["error"]["code"]


def opstatus_end(
    emulator: EmulatorServer, url: str, events: list[ProgressEvent] | None = None
) -> tuple[str, Any]:
    with ArmClient(
        token=TOKEN, base_url=emulator.base_url, clock=emulator.now, sleep=emulator.sleep, rng=lambda: 0.0
    ) as client:
        try:
            return "succeeded", client.wait_url(
                url, on_progress=events.append if events is not None else None
            )
        except (OperationFailedError, OperationCanceledError) as exc:
            # one meaning per outcome: a status body that said Failed and a Location URL's error
            # answer after its 202 both end here, with the service's own code
            return "failed or canceled", exc.error.code if exc.error is not None else None


def comparable(end: tuple[str, Any]) -> tuple[str, Any]:
    """The two operations differ only in id and start time: compare everything else."""
    outcome, body = end
    if not isinstance(body, dict):
        return end
    body = {key: value for key, value in body.items() if key not in ("id", "name", "startTime", "endTime")}
    return outcome, body


def status_reads(emulator: EmulatorServer, op_id: str) -> int:
    return sum(
        1
        for r in emulator.requests()
        if r.method == "GET"
        and op_id in r.path
        and ("operationResults" in r.path or "operationStatuses" in r.path)
    )


def header_url(emulator: EmulatorServer, urls: dict[str, str], lro: str) -> str:
    """The URL an ``az ... --no-wait`` user would copy: the 202's own header."""
    answer = httpx.post(f"{urls['begin']}&lro={lro}", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 202
    assert answer.headers["retry-after"] == "1"
    return answer.headers["location" if lro == "location" else "azure-asyncoperation"]


@pytest.mark.parametrize("lro", ["location", "azure-async-operation"])
@pytest.mark.parametrize("case", list(LIFECYCLES))
def test_opstatus_ends_where_azure_core_ends(emulator: EmulatorServer, case: str, lro: str) -> None:
    lifecycle = LIFECYCLES[case]
    theirs_id, urls = begin(emulator, lifecycle, lro)
    theirs = azure_core_end(emulator, urls, lro)
    ours_id, urls = begin(emulator, lifecycle, lro)
    ours = opstatus_end(emulator, header_url(emulator, urls, lro))
    assert comparable(ours) == comparable(theirs)
    assert status_reads(emulator, ours_id) == status_reads(emulator, theirs_id)


def test_a_location_url_that_would_have_been_a_decode_error_waits_to_the_resource(
    emulator: EmulatorServer,
) -> None:
    _op_id, urls = begin(emulator, LIFECYCLES["succeeds with a resource"], "location")
    events: list[ProgressEvent] = []
    end, resource = opstatus_end(emulator, urls["location"], events)
    assert (end, resource["properties"]) == ("succeeded", {"provisioningState": "Succeeded"})
    assert [e.raw_status for e in events] == ["202 Accepted"] * 5 + ["200 OK"]
    assert [e.elapsed for e in events] == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]  # Retry-After: 1, honoured


def test_the_status_url_of_another_provider_reports_its_own_words_and_percent(
    emulator: EmulatorServer,
) -> None:
    _op_id, urls = begin(emulator, LIFECYCLES["fails"], "azure-async-operation")
    events: list[ProgressEvent] = []
    with (
        ArmClient(
            token=TOKEN, base_url=emulator.base_url, clock=emulator.now, sleep=emulator.sleep
        ) as client,
        pytest.raises(OperationFailedError) as caught,
    ):
        client.wait_url(urls["azure_async_operation"], on_progress=events.append)
    assert caught.value.error is not None
    assert (caught.value.error.code, caught.value.error.message) == ("QuotaExceeded", "No cores left.")
    assert [(e.state, e.raw_status, e.percent) for e in events][1:4:2] == [
        (OperationState.NOT_STARTED, "NotStarted", None),
        (OperationState.RUNNING, "Provisioning", 40.0),
    ]


def test_throttled_reads_are_retried_and_reported(emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=LIFECYCLES["succeeds with a resource"])
    emulator.set_faults(FaultPlan.scripted("throttle", "unavailable"), api="monitor", operation_id=op.id)
    events: list[ProgressEvent] = []
    end, _ = opstatus_end(emulator, emulator.arm_urls_for(op)["location"], events)
    retries = [e.retry for e in events if e.retry is not None]
    assert end == "succeeded"
    assert [(r.status_code, r.throttled, r.attempt) for r in retries] == [(429, True, 2), (503, True, 3)]
    assert all(r.delay > 0 and r.reason.startswith(str(r.status_code)) for r in retries)


@pytest.mark.anyio
async def test_the_async_twin_reaches_the_same_end(emulator: EmulatorServer) -> None:
    _, urls = begin(emulator, LIFECYCLES["succeeds without content"], "location")
    async with AsyncArmClient(
        token=TOKEN, base_url=emulator.base_url, clock=emulator.now, sleep=emulator.async_sleep
    ) as client:
        assert await client.wait_url(urls["location"]) is None
        poller = client.poller_from_url(urls["azure_async_operation"])
        final = await poller.result()
    assert final is not None
    assert final["status"] == "Succeeded"
    assert poller.status_url == urls["azure_async_operation"]


def test_a_url_on_another_host_is_refused_before_anything_is_sent(emulator: EmulatorServer) -> None:
    from opstatus import UnsafeUrlError

    with ArmClient(token=TOKEN, base_url=emulator.base_url) as client, pytest.raises(UnsafeUrlError):
        client.poller_from_url(
            "https://management.azure.com/subscriptions/s/providers/X/locations/w/operationResults/1"
        )
    assert emulator.requests() == ()


def test_the_azure_core_users_done_loop_over_http_ends_within_one_interval(emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle(phases=(Phase(seconds=30.0),)))
    url = emulator.arm_urls_for(op)["location"]
    with ArmClient(
        token=TOKEN,
        base_url=emulator.base_url,
        clock=emulator.now,
        sleep=emulator.sleep,
        polling=PollingPolicy(min_delay=10.0, max_delay=10.0),
    ) as client:
        poller = client.poller_from_url(url)
        started = emulator.now()
        while not poller.done():
            emulator.sleep(1.0)
    reads = [r.at - started for r in emulator.requests() if "operationResults" in r.path]
    assert reads == [0.0, 10.0, 20.0, 30.0]  # Retry-After: 1 is clamped up to the policy's 10 s floor
    assert emulator.now() - started <= 30.0 + 10.0 + 1.0
    assert poller.result(timeout=0) is not None
