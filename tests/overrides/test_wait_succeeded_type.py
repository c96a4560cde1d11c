"""``wait()`` returns the spec's succeeded member, at run time as in its type (issue 23, row 3).

``GraphBillingClient.wait()`` is typed ``ExportSuccessOperation`` (the generator reads it from the spec:
tests/generator/test_succeeded_member.py). A service that reports success in a body of another member
would break that promise: the body is read again as the succeeded member, and if it does not fit, the wait
ends in a ``DecodeError`` naming both types - never a value of a type other than the declared one.
"""

from __future__ import annotations

from typing import Any

import pytest
from opstatus import AsyncGraphBillingClient, DecodeError, GraphBillingClient
from opstatus.graph_billing import ExportSuccessOperation

from tests.overrides.http_fakes import FAKE_TOKEN, Script, VirtualClock, json_response

SUCCEEDED = {
    "@odata.type": "#microsoft.graph.partners.billing.exportSuccessOperation",
    "id": "op-1",
    "status": "succeeded",
    "resourceLocation@odata.navigationLink": "https://graph.microsoft.com/v1.0/reports/partners/billing/manifests/m1",
}
RUNNING = {
    "@odata.type": "#microsoft.graph.partners.billing.runningOperation",
    "id": "op-1",
    "status": "running",
}


def _client(script: Script, clock: VirtualClock) -> GraphBillingClient:
    return GraphBillingClient(
        token=FAKE_TOKEN, transport=script.transport, clock=clock.monotonic, sleep=clock.sleep
    )


def test_wait_returns_the_succeeded_member_itself() -> None:
    clock = VirtualClock()
    script = Script([json_response(200, RUNNING), json_response(200, SUCCEEDED)])
    with _client(script, clock) as client:
        final = client.wait(operation_id="op-1", timeout=600)
    assert type(final) is ExportSuccessOperation
    assert final.resource_location_navigation_link == SUCCEEDED["resourceLocation@odata.navigationLink"]


@pytest.mark.parametrize(
    "body",
    [
        {**RUNNING, "status": "succeeded"},  # success in the running member's clothes
        {"id": "op-1", "status": "succeeded"},  # no @odata.type: the fallback base member
        {**RUNNING, "@odata.type": "#microsoft.graph.partners.billing.somethingNew", "status": "completed"},
    ],
)
def test_success_in_a_body_of_another_member_is_a_decode_error_naming_both(body: dict[str, Any]) -> None:
    clock = VirtualClock()
    with _client(Script([json_response(200, body)]), clock) as client, pytest.raises(DecodeError) as caught:
        client.wait(operation_id="op-1", timeout=600)
    message = str(caught.value)
    assert "ExportSuccessOperation" in message
    assert caught.value.where == "ExportSuccessOperation"
    assert "succeeded" in message


def test_poller_result_keeps_the_status_union_for_pollers_read_every_state() -> None:
    clock = VirtualClock()
    body = {**RUNNING, "status": "succeeded"}
    with _client(Script([json_response(200, body)]), clock) as client:
        final = client.poller(operation_id="op-1").result(timeout=600)
    assert final.status is not None


@pytest.mark.anyio
async def test_async_wait_returns_the_succeeded_member_or_a_decode_error() -> None:
    clock = VirtualClock()
    script = Script([json_response(200, SUCCEEDED)])
    async with AsyncGraphBillingClient(
        token=FAKE_TOKEN, transport=script.transport, clock=clock.monotonic, sleep=clock.async_sleep
    ) as client:
        final = await client.wait(operation_id="op-1", timeout=600)
        assert type(final) is ExportSuccessOperation
        script.replies = [json_response(200, {**RUNNING, "status": "succeeded"})]
        with pytest.raises(DecodeError, match="ExportSuccessOperation"):
            await client.wait(operation_id="op-2", timeout=600)
