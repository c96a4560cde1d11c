"""ArmClient reads ARM's two long-running-operation URL kinds by ARM's rules (scripted HTTP, virtual clock).

The end-to-end comparison with azure-core lives in tests/emulator/test_arm_lro_against_azure_core.py;
these pin the rules one by one, including answers the emulator never gives (a moved ``Location``, a
``status`` in a final resource, bodies of the wrong shape).
"""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from opstatus import (
    ArmClient,
    AsyncArmClient,
    BadRequestError,
    ContinuationTokenError,
    DecodeError,
    HttpError,
    MonitorClient,
    OperationCanceledError,
    OperationFailedError,
    OperationState,
    PollingPolicy,
    PollingTimeoutError,
    ProgressEvent,
    ServiceError,
    UnsafeUrlError,
)

from tests.overrides.http_fakes import FAKE_TOKEN, Script, VirtualClock, json_response

ARM = "https://management.azure.com"
PROVIDER = f"{ARM}/subscriptions/s/providers/Microsoft.Web/locations/westus"
RESULT = f"{PROVIDER}/operationResults/1?api-version=2023-01-01"
STATUS = f"{PROVIDER}/operationStatuses/1?api-version=2023-01-01"


def accepted(**headers: str) -> httpx.Response:
    return httpx.Response(202, headers={"Retry-After": "2", **headers})


def build(script: Script, clock: VirtualClock, cls: Any = ArmClient, **kwargs: Any) -> Any:
    sleep = clock.async_sleep if cls is AsyncArmClient else clock.sleep
    return cls(
        token=FAKE_TOKEN,
        transport=script.transport,
        clock=clock.monotonic,
        sleep=sleep,
        wall_clock=clock.wall,
        rng=lambda: 0.0,
        **kwargs,
    )


def test_a_location_url_is_running_while_202_and_returns_the_resource_of_the_200() -> None:
    clock = VirtualClock()
    script = Script([accepted(), accepted(), json_response(200, {"id": "/x", "properties": {}})])
    events: list[ProgressEvent] = []
    with build(script, clock) as client:
        assert client.wait_url(RESULT, on_progress=events.append) == {"id": "/x", "properties": {}}
    assert script.urls == [RESULT] * 3  # verbatim: no api-version added or changed
    assert clock.sleeps == [2.0, 2.0]  # Retry-After honoured
    assert [(e.state, e.raw_status) for e in events] == [
        (OperationState.RUNNING, "202 Accepted"),
        (OperationState.RUNNING, "202 Accepted"),
        (OperationState.SUCCEEDED, "200 OK"),
    ]


@pytest.mark.parametrize("done", [httpx.Response(204), httpx.Response(200), httpx.Response(201)])
def test_a_location_url_without_a_final_body_returns_none(done: httpx.Response) -> None:
    script = Script([accepted(), done])
    with build(script, VirtualClock()) as client:
        assert client.wait_url(RESULT) is None
    assert len(script.requests) == 2


def test_a_202_that_names_another_location_is_followed_and_kept_in_the_token() -> None:
    moved = RESULT.replace("/1?", "/2?")
    script = Script([accepted(Location=moved), accepted(), json_response(200, {"id": "/done"})])
    with build(script, VirtualClock()) as client:
        poller = client.poller_from_url(RESULT)
        assert poller.done() is False
        token = poller.continuation_token()
        assert poller.result() == {"id": "/done"}
        assert client.resume(token).status_url == moved
    assert script.urls == [RESULT, moved, moved]


def test_a_location_that_moves_to_another_host_is_refused_before_anything_is_sent_there() -> None:
    script = Script([accepted(Location="https://evil.example/operationResults/1")])
    with build(script, VirtualClock()) as client, pytest.raises(UnsafeUrlError):
        client.wait_url(RESULT)
    assert script.urls == [RESULT]


def test_an_async_operation_status_reads_providers_own_words_as_running_without_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    bodies = [
        {"status": "Provisioning", "percentComplete": 20},
        {"status": "deleting"},
        {"status": "SUCCEEDED"},
    ]
    script = Script([json_response(200, body) for body in bodies])
    events: list[ProgressEvent] = []
    with caplog.at_level(logging.WARNING), build(script, VirtualClock()) as client:
        final = client.wait_url(STATUS, on_progress=events.append)
    assert final == {"status": "SUCCEEDED"}
    assert [(e.state, e.percent) for e in events] == [
        (OperationState.RUNNING, 20.0),
        (OperationState.RUNNING, None),
        (OperationState.SUCCEEDED, None),
    ]
    assert caplog.records == []


def test_failed_raises_with_arms_error_and_its_details() -> None:
    error = {"code": "Conflict", "message": "Busy.", "details": [{"code": "Inner", "message": "Locked."}]}
    script = Script([json_response(200, {"status": "Failed", "error": error})])
    with build(script, VirtualClock()) as client, pytest.raises(OperationFailedError) as caught:
        client.wait_url(STATUS)
    assert caught.value.error is not None
    assert (caught.value.error.code, caught.value.error.details[0].message) == ("Conflict", "Locked.")


@pytest.mark.parametrize("spelling", ["Canceled", "cancelled"])
def test_canceled_in_either_spelling_raises_canceled(spelling: str) -> None:
    script = Script([json_response(200, {"status": spelling})])
    with build(script, VirtualClock()) as client, pytest.raises(OperationCanceledError):
        client.wait_url(STATUS)


def test_via_location_reads_a_final_resource_with_its_own_status_member_as_done() -> None:
    resource = {"id": "/x", "status": "Running"}  # a resource's own field, not the operation's
    script = Script([accepted(), json_response(200, resource)])
    with build(script, VirtualClock()) as client:
        assert client.wait_url(RESULT, via="location") == resource
        with pytest.raises(ValueError, match="via must be one of"):
            client.poller_from_url(RESULT, via="sideways")


def test_a_body_that_is_not_a_json_object_is_a_decode_error() -> None:
    script = Script([json_response(200, ["not", "an", "object"])])
    with build(script, VirtualClock()) as client, pytest.raises(DecodeError):
        client.wait_url(RESULT)


def test_a_monitor_token_is_refused_by_the_arm_client() -> None:
    clock = VirtualClock()
    monitor = MonitorClient(token=FAKE_TOKEN, transport=Script([]).transport)
    token = monitor.poller_from_url(STATUS).continuation_token()
    with build(Script([]), clock) as client, pytest.raises(ContinuationTokenError):
        client.resume(token)


def test_the_default_scope_is_arms() -> None:
    calls: list[tuple[str, ...]] = []

    class Credential:
        def get_token(self, *scopes: str, **kwargs: Any) -> Any:
            from azure.core.credentials import AccessToken

            calls.append(scopes)
            return AccessToken("t", 2_000_000_000)

    script = Script([httpx.Response(204)])
    with ArmClient(credential=Credential(), transport=script.transport) as client:
        client.wait_url(RESULT)
    assert calls == [("https://management.azure.com/.default",)]


@pytest.mark.anyio
async def test_the_async_twin_follows_the_same_rules() -> None:
    clock = VirtualClock()
    script = Script(
        [accepted(), json_response(200, {"status": "InProgress"}), json_response(200, {"id": "/r"})]
    )
    async with build(
        script, clock, AsyncArmClient, polling=PollingPolicy(min_delay=5, max_delay=5)
    ) as client:
        assert await client.wait_url(RESULT, via="location") == {"status": "InProgress"}
        assert await client.wait_url(RESULT) == {"id": "/r"}
    assert clock.sleeps == [5.0]  # Retry-After 2 clamped up to the policy's floor


def test_the_monitor_client_on_a_location_url_says_at_once_which_client_reads_it() -> None:
    script = Script([accepted()])
    with (
        MonitorClient(token=FAKE_TOKEN, transport=script.transport) as client,
        pytest.raises(DecodeError) as caught,
    ):
        client.poller_from_url(RESULT).result()
    assert "opstatus.ArmClient" in str(caught.value)
    assert len(script.requests) == 1  # not retried: the same answer every time


def test_a_throttled_read_is_reported_before_its_delay_and_the_read_carries_its_time() -> None:
    clock = VirtualClock()
    throttled = json_response(
        429, {"error": {"code": "TooManyRequests", "message": "Slow down."}}, **{"Retry-After": "3"}
    )
    script = Script([throttled, httpx.Response(204)])
    events: list[ProgressEvent] = []
    with build(script, clock) as client:
        client.wait_url(RESULT, on_progress=events.append)
    retry, read = events
    assert retry.retry is not None
    assert (retry.retry.reason, retry.retry.delay, retry.retry.throttled) == (
        "429 TooManyRequests",
        3.0,
        True,
    )
    assert (retry.requests, retry.state, retry.elapsed) == (
        0,
        OperationState.UNKNOWN,
        0.0,
    )  # said before the delay
    assert (read.retry, read.state, read.read_seconds, read.requests) == (
        None,
        OperationState.SUCCEEDED,
        3.0,
        1,
    )


def test_a_retry_reason_shows_no_escape_sequences_or_pages_of_text_from_the_server() -> None:
    code = "\x1b[2J\x1b]0;pwned\x07" + "A" * 500
    throttled = json_response(429, {"error": {"code": code, "message": "x"}}, **{"Retry-After": "1"})
    events: list[ProgressEvent] = []
    with build(Script([throttled, httpx.Response(204)]), VirtualClock()) as client:
        client.wait_url(RESULT, on_progress=events.append)
    notice = events[0].retry
    assert notice is not None
    assert notice.reason.isprintable()
    assert len(notice.reason) <= len("429 ") + 64


# --- one meaning per outcome (issue 23 row 1): where "the operation failed" ends ----------------------

CONFLICT = {"error": {"code": "Conflict", "message": "The disk is attached.", "details": [{"code": "Inner"}]}}


@pytest.mark.parametrize("code", [400, 409, 412, 422])
def test_a_location_urls_4xx_after_its_202_is_the_operations_failure_with_its_code(code: int) -> None:
    script = Script([accepted(), json_response(code, CONFLICT)])
    events: list[ProgressEvent] = []
    with build(script, VirtualClock()) as client, pytest.raises(OperationFailedError) as caught:
        client.wait_url(RESULT, on_progress=events.append)
    error = caught.value.error
    assert error is not None
    assert (error.code, error.message, error.details[0].code) == (
        "Conflict",
        "The disk is attached.",
        "Inner",
    )
    assert caught.value.raw_status == "Failed"
    assert caught.value.resource == CONFLICT  # the service's own answer travels on the error
    assert [(e.state, e.raw_status) for e in events] == [
        (OperationState.RUNNING, "202 Accepted"),
        (OperationState.FAILED, "Failed"),
    ]
    assert len(script.requests) == 2  # a final answer: not retried


def test_a_location_urls_error_without_arms_envelope_still_fails_with_what_the_answer_said() -> None:
    script = Script([accepted(), httpx.Response(409, text="busy")])
    with build(script, VirtualClock()) as client, pytest.raises(OperationFailedError) as caught:
        client.wait_url(RESULT)
    assert caught.value.error is not None
    assert caught.value.resource is None


def test_the_poller_reads_failed_after_the_location_urls_error() -> None:
    script = Script([accepted(), json_response(409, CONFLICT)])
    with build(script, VirtualClock()) as client:
        poller = client.poller_from_url(RESULT)
        assert poller.done() is False
        poller.refresh()  # a manual read sees the failure too, without raising
        assert poller.status() is OperationState.FAILED
        with pytest.raises(OperationFailedError):
            poller.result()
    assert len(script.requests) == 2


@pytest.mark.parametrize(
    ("code", "error_name"),
    [
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
    ],
)
def test_after_a_202_a_credential_or_missing_operation_answer_is_still_a_failed_read(
    code: int, error_name: str
) -> None:
    script = Script([accepted(), json_response(code, CONFLICT)])
    with build(script, VirtualClock()) as client, pytest.raises(HttpError) as caught:
        client.wait_url(RESULT)
    assert type(caught.value).__name__ == error_name


def test_a_5xx_after_a_202_is_retried_then_a_failed_read() -> None:
    script = Script([accepted(), *[json_response(500, CONFLICT)] * 4])
    with build(script, VirtualClock()) as client, pytest.raises(ServiceError):
        client.wait_url(RESULT)


@pytest.mark.parametrize("code", [400, 409, 404])
def test_an_error_on_the_very_first_read_is_not_an_operation_failure(code: int) -> None:
    script = Script([json_response(code, CONFLICT)])
    with build(script, VirtualClock()) as client, pytest.raises(HttpError) as caught:
        client.wait_url(RESULT)
    assert not isinstance(caught.value, OperationFailedError)
    assert caught.value.status_code == code


def test_an_azure_async_operation_urls_4xx_is_a_failed_read_even_after_a_running_status() -> None:
    script = Script([json_response(200, {"status": "Running"}), json_response(409, CONFLICT)])
    with build(script, VirtualClock()) as client, pytest.raises(BadRequestError):
        client.wait_url(STATUS)


@pytest.mark.anyio
async def test_the_async_twin_reads_a_location_urls_4xx_after_its_202_as_failed() -> None:
    clock = VirtualClock()
    script = Script([accepted(), json_response(409, CONFLICT)])
    async with build(script, clock, AsyncArmClient) as client:
        with pytest.raises(OperationFailedError) as caught:
            await client.wait_url(RESULT)
    assert caught.value.error is not None
    assert caught.value.error.code == "Conflict"


def test_a_resumed_location_wait_reads_a_4xx_after_the_202s_as_the_operations_failure() -> None:
    """The token remembers the 202 (``last``), so a resume keeps one meaning per outcome."""
    clock = VirtualClock()
    script = Script([accepted(), json_response(409, CONFLICT)])
    with build(script, clock) as client:
        with pytest.raises(PollingTimeoutError) as timed_out:
            client.wait_url(RESULT, timeout=0)
        token = timed_out.value.continuation_token
        assert token is not None
        with pytest.raises(OperationFailedError) as caught:
            client.resume(token).result()
    assert caught.value.error is not None
    assert caught.value.error.code == "Conflict"


def test_a_token_says_nothing_more_when_the_last_answer_was_a_200() -> None:
    from opstatus._continuation import decode

    script = Script([json_response(200, {"status": "Running"})])
    with build(script, VirtualClock()) as client, pytest.raises(PollingTimeoutError) as timed_out:
        client.wait_url(STATUS, timeout=0)
    token = timed_out.value.continuation_token
    assert token is not None
    assert decode(token, api="arm").last_http_status is None
