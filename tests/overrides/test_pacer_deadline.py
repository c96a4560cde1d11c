"""A wait whose next request cannot go out before its deadline ends AT the deadline, never before it.

The per-poller pacer (issue 11) spaces requests; when its delay would cross the wait's deadline the
wait sleeps to the deadline and then ends with PollingTimeoutError (the soak judges an earlier end a
violation: a caller's timeout=T means T).
"""

from __future__ import annotations

from typing import Any

import opstatus
import pytest
from opstatus import MonitorClient, PollingPolicy, PollingTimeoutError, RetryPolicy
from opstatus._client import _pacer_wait

from tests.overrides.http_fakes import FAKE_TOKEN, Script, VirtualClock, json_response

IDS: dict[str, Any] = {"subscription_id": "s", "resource_group_name": "rg", "async_operation_id": "op"}


@pytest.mark.parametrize(
    ("delay", "deadline", "now", "expected"),
    [
        (0.5, None, 10.0, (0.5, False)),
        (0.5, 11.0, 10.0, (0.5, False)),
        (0.5, 10.2, 10.0, (pytest.approx(0.2), True)),
        (0.5, 9.0, 10.0, (0.0, True)),
    ],
)
def test_the_pacer_waits_to_the_deadline_and_no_further(
    delay: float, deadline: float | None, now: float, expected: tuple[float, bool]
) -> None:
    assert _pacer_wait(delay, deadline, now) == expected


def test_a_wait_re_entered_after_an_error_ends_at_its_deadline_not_before() -> None:
    clock = VirtualClock()
    script = Script([json_response(503, {}), json_response(200, {"status": "InProgress"})] * 4)
    client = MonitorClient(
        token=FAKE_TOKEN,
        transport=script.transport,
        clock=clock.monotonic,
        sleep=clock.sleep,
        wall_clock=clock.wall,
        rng=lambda: 0.0,
        retry=RetryPolicy.disabled(),
        polling=PollingPolicy(min_delay=5.0, max_delay=5.0, jitter=0.0),
    )
    with client:
        poller = client.poller(**IDS)
        with pytest.raises(opstatus.ServiceError):
            poller.result(timeout=60)  # the first read fails: the pacer now holds the next one off
        started = clock.now
        with pytest.raises(PollingTimeoutError):
            poller.result(timeout=2.0)  # the pacer's 5 s floor does not fit in 2 s

    assert clock.now - started == pytest.approx(2.0)
