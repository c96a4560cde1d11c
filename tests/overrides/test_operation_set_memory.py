"""What a set keeps per waiting operation: not the answers' headers once their read budget is taken.

At 10,000 operations the headers of each one's last answer (about 0.9 KB apiece through httpx) were
most of what pushed the bench's set past its 100 MB (issue 22: 106.7 MB before, 92.1 MB after, bench
section 9's `set_fast` contender). The budget is still read from them (test_operation_set's budget
tests); the poller's own last answer keeps its body, model and request id.
"""

from __future__ import annotations

from typing import Any

import pytest
from opstatus import AsyncOperationSet
from opstatus._poller import AsyncPoller

from tests.overrides.test_operation_set import drain, new_set, service
from tests.overrides.waiting_fakes import VirtualClock

pytestmark = pytest.mark.anyio


async def _waited(ops: AsyncOperationSet, pollers: list[AsyncPoller[Any]]) -> None:
    outcomes = await drain(ops)
    assert len(outcomes) == len(pollers)
    assert all(outcome.ok for outcome in outcomes)


async def test_no_poller_of_a_set_keeps_its_last_answers_headers() -> None:
    clock = VirtualClock()
    svc = service(clock, size=50, refill=10.0, finish_at=lambda op: 30.0)
    ops = new_set(clock)
    pollers = [svc.poller("s0", str(i)) for i in range(200)]
    for index, poller in enumerate(pollers):
        ops.add(poller, label=str(index))

    await _waited(ops, pollers)

    assert ops.throttles == 0  # no 429: the set spent the budget by the remaining-reads header
    for poller in pollers:
        answer = poller.last_response
        assert answer is not None
        assert answer.headers is None
        assert answer.request_id == "r"
        assert answer.body == {"status": "Succeeded"}
