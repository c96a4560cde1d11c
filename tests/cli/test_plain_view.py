"""The plain progress lines call out what a person waiting needs to know: retries and slow reads."""

from __future__ import annotations

import io

from opstatus import OperationState, ProgressEvent, RetryNotice
from opstatus.cli._progress import PlainView


def event(**changes: object) -> ProgressEvent:
    fields: dict[str, object] = {
        "state": OperationState.RUNNING,
        "raw_status": "Running",
        "percent": None,
        "message": None,
        "elapsed": 12.0,
        "requests": 3,
        **changes,
    }
    return ProgressEvent(**fields)  # type: ignore[arg-type]


def lines_of(*events: ProgressEvent) -> list[str]:
    stream = io.StringIO()
    view = PlainView(label="arm operation 1", stream=stream)
    for item in events:
        view.update(item)
    return stream.getvalue().splitlines()


def test_an_unchanged_state_is_printed_again_when_its_read_was_slow() -> None:
    assert lines_of(event(read_seconds=0.1), event(read_seconds=0.2), event(read_seconds=4.25)) == [
        "[  12.0s] arm operation 1: running (Running)",
        "[  12.0s] arm operation 1: running (Running) (the read took 4.2s)",
    ]


def test_a_retry_always_gets_its_own_line_with_reason_delay_and_attempt() -> None:
    notice = RetryNotice(
        attempt=2, max_attempts=4, delay=5.0, reason="503 ServiceUnavailable", status_code=503, throttled=True
    )
    assert lines_of(event(), event(retry=notice), event()) == [
        "[  12.0s] arm operation 1: running (Running)",
        "[  12.0s] arm operation 1: throttled (503 ServiceUnavailable): next try in 5.0s (attempt 2 of 4)",
    ]
