"""PollingMachine: the sans-IO decisions - deadline, terminal states, Retry-After - with no driver at all."""

from __future__ import annotations

from typing import Any

import pytest
from opstatus._errors import OperationCanceledError, OperationError, OperationFailedError, PollingTimeoutError
from opstatus._machine import Fetch, PollingMachine, Raise, Return, Sleep
from opstatus._policy import PollingPolicy
from opstatus._state import OperationState
from opstatus._status import StatusResponse

from tests.overrides.waiting_fakes import fake_reader


def machine(policy: PollingPolicy | None = None, **table: Any) -> PollingMachine[str]:
    return PollingMachine(
        reader=fake_reader(**table),
        policy=policy or PollingPolicy(jitter=0.0),
        status_url="https://management.azure.com/op?api-version=2021-07-01-preview",
        first_seen=1_700_000_000.0,
        age_at_start=0.0,
        now=0.0,
        rng=lambda: 0.0,
    )


def response(status: str, *, retry_after: float | None = None, **body: Any) -> StatusResponse[str]:
    return StatusResponse(
        body={"status": status, **body},
        resource=f"resource:{status}",
        retry_after=retry_after,
        request_id=None,
    )


def test_a_wait_with_nothing_read_starts_with_a_fetch() -> None:
    assert machine().begin(now=0.0, timeout=None) == Fetch()


def test_a_terminal_state_already_read_ends_the_wait_without_a_fetch() -> None:
    m = machine()
    m.received(response("Succeeded"), now=0.0)
    assert m.begin(now=5.0, timeout=None) == Return("resource:Succeeded")


def test_running_means_sleep_until_the_next_read() -> None:
    m = machine()
    m.begin(now=0.0, timeout=None)
    m.received(response("InProgress"), now=0.0)
    assert m.decide(now=0.0) == Sleep(1.0)


def test_unknown_status_keeps_waiting() -> None:
    m = machine(api_key="machine-unknown")
    m.begin(now=0.0, timeout=None)
    m.received(response("Reticulating"), now=0.0)
    assert isinstance(m.decide(now=0.0), Sleep)


def test_failed_raises_operation_failed_with_the_operations_error() -> None:
    m = machine()
    m.begin(now=0.0, timeout=None)
    m.received(response("Failed", error={"code": "Quota", "message": "Out of quota"}), now=0.0)
    step = m.decide(now=0.0)
    assert isinstance(step, Raise)
    assert isinstance(step.error, OperationFailedError)
    assert step.error.error == OperationError(code="Quota", message="Out of quota")
    assert (step.error.raw_status, step.error.resource) == ("Failed", "resource:Failed")
    assert str(step.error) == "Quota: Out of quota"


def test_canceled_raises_operation_canceled() -> None:
    m = machine()
    m.begin(now=0.0, timeout=None)
    m.received(response("Canceled"), now=0.0)
    step = m.decide(now=0.0)
    assert isinstance(step, Raise)
    assert isinstance(step.error, OperationCanceledError)
    assert step.error.state is OperationState.CANCELED


def test_last_sleep_is_shortened_to_end_at_the_deadline() -> None:
    m = machine(PollingPolicy(min_delay=30.0, max_delay=30.0))
    m.begin(now=100.0, timeout=45.0)
    m.received(response("InProgress"), now=100.0)
    assert m.decide(now=100.0) == Sleep(30.0)
    m.received(response("InProgress"), now=130.0)
    assert m.decide(now=130.0) == Sleep(15.0)


def test_after_the_read_at_the_deadline_the_timeout_is_raised() -> None:
    m = machine(PollingPolicy(min_delay=30.0, max_delay=30.0))
    m.begin(now=0.0, timeout=10.0)
    m.received(response("InProgress"), now=0.0)
    assert m.decide(now=0.0) == Sleep(10.0)
    # A real clock may wake a hair early; the read at the deadline is still the last one.
    m.received(response("InProgress"), now=9.9999)
    step = m.decide(now=9.9999)
    assert isinstance(step, Raise)
    assert isinstance(step.error, PollingTimeoutError)


def test_a_final_state_at_the_deadline_read_still_wins() -> None:
    m = machine(PollingPolicy(min_delay=30.0, max_delay=30.0))
    m.begin(now=0.0, timeout=10.0)
    m.received(response("InProgress"), now=0.0)
    m.decide(now=0.0)
    m.received(response("Succeeded"), now=10.0)
    assert m.decide(now=10.0) == Return("resource:Succeeded")


def test_timeout_error_carries_what_was_last_seen() -> None:
    m = machine(PollingPolicy(min_delay=30.0, max_delay=30.0))
    m.begin(now=50.0, timeout=0.0)
    m.received(response("InProgress", percentComplete=12), now=50.0)
    step = m.decide(now=50.25)
    assert isinstance(step, Raise)
    error = step.error
    assert isinstance(error, PollingTimeoutError)
    assert (error.timeout, error.elapsed) == (0.0, 0.25)
    assert (error.last_state, error.last_raw_status, error.resource) == (
        OperationState.RUNNING,
        "InProgress",
        "resource:InProgress",
    )
    assert error.continuation_token == m.continuation_token()
    assert isinstance(error, TimeoutError)


def test_policy_timeout_applies_when_the_wait_names_none() -> None:
    m = machine(PollingPolicy(min_delay=30.0, max_delay=30.0, timeout=5.0))
    m.begin(now=0.0, timeout=None)
    m.received(response("InProgress"), now=0.0)
    assert m.decide(now=0.0) == Sleep(5.0)


def test_remaining_time_is_reported_for_the_http_layer() -> None:
    m = machine()
    assert m.remaining(3.0) is None
    m.begin(now=10.0, timeout=60.0)
    assert m.remaining(25.0) == 45.0
    m.end()
    assert m.remaining(25.0) is None


def test_server_retry_after_replaces_the_schedule() -> None:
    m = machine()
    m.begin(now=0.0, timeout=None)
    m.received(response("InProgress", retry_after=17.0), now=0.0)
    assert m.decide(now=0.0) == Sleep(17.0)


def test_retry_after_is_ignored_for_an_api_whose_spec_says_it_is_not_sent() -> None:
    m = machine(honours_retry_after=False)
    m.begin(now=0.0, timeout=None)
    m.received(response("InProgress", retry_after=17.0), now=0.0)
    assert m.decide(now=0.0) == Sleep(1.0)


def test_retry_after_is_shortened_by_the_deadline_too() -> None:
    m = machine()
    m.begin(now=0.0, timeout=5.0)
    m.received(response("InProgress", retry_after=60.0), now=0.0)
    assert m.decide(now=0.0) == Sleep(5.0)


def test_progress_event_counts_reads_and_measures_age() -> None:
    m = machine()
    m.received(response("InProgress", percentComplete=10), now=0.0)
    event = m.received(response("InProgress", percentComplete=55), now=7.5)
    assert (event.state, event.raw_status, event.percent, event.elapsed, event.requests) == (
        OperationState.RUNNING,
        "InProgress",
        55.0,
        7.5,
        2,
    )


@pytest.mark.parametrize("timeout", [-1.0, float("nan")])
def test_a_negative_or_nan_timeout_is_refused(timeout: float) -> None:
    with pytest.raises(ValueError, match="timeout must be None or a number of seconds >= 0"):
        machine().begin(now=0.0, timeout=timeout)


def test_a_token_asked_for_again_follows_a_moved_status_url_and_a_new_last_status() -> None:
    from opstatus._continuation import decode

    m = machine()
    before = m.continuation_token()
    assert m.continuation_token() is before  # encoded once while nothing it holds changes
    m.received(response("InProgress"), now=0.0)  # a 200 changes nothing a token holds
    same = m.continuation_token()
    m.received(
        StatusResponse(
            body={"status": "InProgress"},
            resource="r",
            retry_after=None,
            request_id=None,
            http_status=202,
            next_url="https://management.azure.com/moved?api-version=2021-07-01-preview",
        ),
        now=1.0,
    )
    moved = decode(m.continuation_token(), api=m.reader.api_key)

    assert same == before
    assert (moved.url, moved.last_http_status) == (
        "https://management.azure.com/moved?api-version=2021-07-01-preview",
        202,
    )
