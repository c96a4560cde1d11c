"""Poller (sync): the handle - result, status, done, progress, cancellation - on a virtual clock."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from opstatus._errors import NotFoundError, OperationFailedError, PollingTimeoutError
from opstatus._policy import PollingPolicy
from opstatus._poller import Poller
from opstatus._progress import ProgressEvent
from opstatus._state import OperationState
from opstatus._status import StatusReader, StatusResponse

from tests.overrides.waiting_fakes import (
    ScriptedFetch,
    VirtualClock,
    fake_reader,
    finishes_at,
    polling_table,
    sequence,
)

FIXED_10S = PollingPolicy(min_delay=10.0, max_delay=10.0)


def make_poller(
    fetch: ScriptedFetch,
    *,
    reader: StatusReader | None = None,
    policy: PollingPolicy | None = FIXED_10S,
    **kwargs: Any,
) -> Poller[Any]:
    clock = fetch.clock
    return Poller(
        fetch=fetch,
        reader=reader or fake_reader(),
        status_url="https://management.azure.com/op",
        policy=policy,
        clock=clock.monotonic,
        sleep=clock.sleep,
        wall_clock=clock.wall,
        rng=lambda: 0.0,
        **kwargs,
    )


def test_constructor_sends_nothing_and_starts_no_thread() -> None:
    fetch = ScriptedFetch(clock=VirtualClock(), body_at=finishes_at(0))
    threads = threading.active_count()
    poller = make_poller(fetch)
    assert (fetch.reads, threading.active_count()) == ([], threads)
    assert (poller.resource, poller.raw_status) == (None, None)


def test_result_returns_the_last_typed_resource_on_success() -> None:
    fetch = ScriptedFetch(clock=VirtualClock(), body_at=finishes_at(25.0))
    assert make_poller(fetch).result() == {"typed": {"status": "Succeeded"}}
    assert fetch.reads == [0.0, 10.0, 20.0, 30.0]


def test_result_raises_operation_failed_with_the_operations_error() -> None:
    failed = {"status": "Failed", "error": {"code": "Conflict", "message": "Scope is locked"}}
    fetch = ScriptedFetch(clock=VirtualClock(), body_at=sequence([{"status": "InProgress"}, failed]))
    with pytest.raises(OperationFailedError, match="Conflict: Scope is locked") as caught:
        make_poller(fetch).result()
    assert caught.value.resource == {"typed": failed}


def test_status_reads_once_when_nothing_was_read_then_answers_from_memory() -> None:
    fetch = ScriptedFetch(clock=VirtualClock(), body_at=finishes_at(100.0))
    poller = make_poller(fetch)
    assert poller.status() is OperationState.RUNNING
    assert poller.status() is OperationState.RUNNING
    assert len(fetch.reads) == 1
    assert poller.raw_status == "InProgress"


def test_done_reads_only_when_the_schedule_says_a_read_is_due() -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock=clock, body_at=finishes_at(5.0))
    poller = make_poller(fetch)
    assert poller.done() is False  # nothing read yet: reads
    clock.now = 9.9
    assert poller.done() is False  # next read due at 10 s: sends nothing
    clock.now = 10.0
    assert poller.done() is True
    assert poller.done() is True  # terminal: never reads again
    assert fetch.reads == [0.0, 10.0]


def test_an_initial_response_saves_the_first_read() -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock=clock, body_at=finishes_at(15.0))
    initial = StatusResponse(
        body={"status": "InProgress"}, resource="first", retry_after=None, request_id=None
    )
    poller = make_poller(fetch, initial=initial)
    assert (poller.status(), poller.resource, poller.requests) == (OperationState.RUNNING, "first", 1)
    poller.result()
    assert fetch.reads == [10.0, 20.0]


def test_timeout_raises_with_the_last_status_and_never_returns_a_running_resource() -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock=clock, body_at=finishes_at(1000.0))
    poller = make_poller(fetch)
    with pytest.raises(PollingTimeoutError) as caught:
        poller.result(timeout=25.0)
    error = caught.value
    assert (error.last_state, error.last_raw_status, error.elapsed) == (
        OperationState.RUNNING,
        "InProgress",
        25.0,
    )
    assert error.resource == {"typed": {"status": "InProgress"}}
    assert error.continuation_token == poller.continuation_token()


def test_deadline_is_never_overshot_on_the_virtual_clock() -> None:
    for timeout in (0.5, 3.0, 29.9, 61.0, 600.0, 3599.0):
        clock = VirtualClock()
        fetch = ScriptedFetch(clock=clock, body_at=finishes_at(1e9))
        with pytest.raises(PollingTimeoutError):
            make_poller(fetch, policy=None).result(timeout=timeout)
        assert clock.now == pytest.approx(timeout)
        assert fetch.reads[-1] == pytest.approx(timeout)


def test_result_can_be_called_again_after_a_timeout_and_goes_on() -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock=clock, body_at=finishes_at(35.0))
    poller = make_poller(fetch)
    with pytest.raises(PollingTimeoutError):
        poller.result(timeout=15.0)
    assert poller.result() == {"typed": {"status": "Succeeded"}}
    assert fetch.reads == [0.0, 10.0, 15.0, 25.0, 35.0]


def test_fetch_is_told_the_time_left_before_the_deadline() -> None:
    fetch = ScriptedFetch(clock=VirtualClock(), body_at=finishes_at(25.0))
    make_poller(fetch).result(timeout=100.0)
    assert fetch.remaining_seen == [100.0, 90.0, 80.0, 70.0]


def test_manual_refresh_has_no_deadline() -> None:
    fetch = ScriptedFetch(clock=VirtualClock(), body_at=finishes_at(25.0))
    make_poller(fetch).refresh()
    assert fetch.remaining_seen == [None]


def test_errors_reading_the_status_propagate_unchanged() -> None:
    clock = VirtualClock()

    def fetch(remaining: float | None) -> StatusResponse[Any]:
        raise NotFoundError(status_code=404, code="NotFound", message="no such operation")

    poller: Poller[Any] = Poller(
        fetch=fetch, reader=fake_reader(), status_url="https://x/op", clock=clock.monotonic, sleep=clock.sleep
    )
    with pytest.raises(NotFoundError, match="NotFound: no such operation"):
        poller.result()


def test_ctrl_c_during_a_sleep_stops_polling_at_once() -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock=clock, body_at=finishes_at(1e9))
    sleeps = 0

    def interrupted_sleep(seconds: float) -> None:
        nonlocal sleeps
        sleeps += 1
        if sleeps == 3:
            raise KeyboardInterrupt
        clock.sleep(seconds)

    poller = Poller(
        fetch=fetch,
        reader=fake_reader(),
        status_url="https://x/op",
        clock=clock.monotonic,
        sleep=interrupted_sleep,
        wall_clock=clock.wall,
    )
    with pytest.raises(KeyboardInterrupt):
        poller.result()
    assert len(fetch.reads) == 3  # the reads before the interrupted sleep, none after it


def test_ctrl_c_during_a_read_propagates() -> None:
    clock = VirtualClock()
    reads = 0

    def fetch(remaining: float | None) -> StatusResponse[Any]:
        nonlocal reads
        reads += 1
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Poller(
            fetch=fetch,
            reader=fake_reader(),
            status_url="https://x/op",
            clock=clock.monotonic,
            sleep=clock.sleep,
        ).result()
    assert reads == 1


def test_progress_is_reported_after_every_read_in_order() -> None:
    bodies = [
        {"status": "Accepted"},
        {"status": "InProgress", "percentComplete": 40},
        {"status": "Succeeded", "percentComplete": 100},
    ]
    fetch = ScriptedFetch(clock=VirtualClock(), body_at=sequence(bodies))
    events: list[ProgressEvent] = []
    make_poller(
        fetch,
        reader=fake_reader(
            states={"accepted": "not_started", "inprogress": "running", "succeeded": "succeeded"}
        ),
        on_progress=events.append,
    ).result()
    assert [(e.state, e.raw_status, e.percent, e.elapsed, e.requests) for e in events] == [
        (OperationState.NOT_STARTED, "Accepted", None, 0.0, 1),
        (OperationState.RUNNING, "InProgress", 40.0, 10.0, 2),
        (OperationState.SUCCEEDED, "Succeeded", 100.0, 20.0, 3),
    ]


def test_an_initial_response_is_reported_when_the_wait_starts_not_before() -> None:
    fetch = ScriptedFetch(clock=VirtualClock(), body_at=finishes_at(5.0))
    events: list[ProgressEvent] = []
    initial = StatusResponse(body={"status": "InProgress"}, resource=None, retry_after=None, request_id=None)
    poller = make_poller(fetch, initial=initial, on_progress=events.append)
    assert events == []
    poller.result()
    assert [e.raw_status for e in events] == ["InProgress", "Succeeded"]


def cpp_reader() -> StatusReader:
    """The generated CPP table, step message pointers included."""
    return StatusReader.from_table(polling_table("partner_portal"))


def cpp_body(status: str, *steps: tuple[str, str, int, list[str]]) -> dict[str, Any]:
    return {
        "status": status,
        "steps": [
            {
                "stepName": name,
                "status": step_status,
                "progressPercentage": percent,
                "messages": [{"messageHtml": m, "level": "information"} for m in messages],
            }
            for name, step_status, percent, messages in steps
        ],
    }


def test_cpp_progress_shows_steps_in_order_with_status_and_messages() -> None:
    bodies = [
        cpp_body("running", ("Validate", "inProgress", 50, []), ("Certification", "notStarted", 0, [])),
        cpp_body(
            "running",
            ("Validate", "complete", 100, ["Step completed."]),
            ("Certification", "inProgress", 30, ["Analyzing"]),
        ),
        cpp_body(
            "completed",
            ("Validate", "complete", 100, ["Step completed."]),
            ("Certification", "complete", 100, ["Done", "Certified"]),
        ),
    ]
    fetch = ScriptedFetch(clock=VirtualClock(), body_at=sequence(bodies))
    events: list[ProgressEvent] = []
    make_poller(fetch, reader=cpp_reader(), on_progress=events.append).result()
    assert [(e.state, e.raw_status, e.percent) for e in events] == [
        (OperationState.RUNNING, "running", 25.0),
        (OperationState.RUNNING, "running", 65.0),
        (OperationState.SUCCEEDED, "completed", 100.0),
    ]
    assert [[(s.name, s.raw_status, s.state, s.messages) for s in e.steps] for e in events][1:] == [
        [
            ("Validate", "complete", OperationState.SUCCEEDED, ("Step completed.",)),
            ("Certification", "inProgress", OperationState.RUNNING, ("Analyzing",)),
        ],
        [
            ("Validate", "complete", OperationState.SUCCEEDED, ("Step completed.",)),
            ("Certification", "complete", OperationState.SUCCEEDED, ("Done", "Certified")),
        ],
    ]


def test_repr_names_the_api_and_the_last_status() -> None:
    fetch = ScriptedFetch(clock=VirtualClock(), body_at=finishes_at(100.0))
    poller = make_poller(fetch)
    assert repr(poller) == "<Poller fake not read yet>"
    poller.refresh()
    assert repr(poller) == "<Poller fake running ('InProgress')>"


def test_done_callbacks_fire_for_an_initial_answer_that_is_already_terminal() -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock=clock, body_at=finishes_at(0.0))
    initial = StatusResponse(body={"status": "Succeeded"}, resource="done", retry_after=None, request_id=None)
    before: list[Any] = []
    poller = make_poller(fetch, initial=initial)
    poller.add_done_callback(before.append)  # the end is known already: at once
    assert before == [poller]
    later = make_poller(ScriptedFetch(clock=clock, body_at=finishes_at(0.0)), initial=initial)
    seen: list[Any] = []
    later._done_callbacks.append(seen.append)  # registered before anything looked at the end
    assert later.result() == "done"
    assert seen == [later]
    assert fetch.reads == []
