"""AsyncOperationSet.holds: reads that were due but waited for their scope's budget, each counted once.

The CLI's live summary shows it beside the 429s ("held by the budget"): the budget at work, as
opposed to the service pushing back. Same fake ARM service and virtual clock as test_operation_set.
"""

from __future__ import annotations

import pytest

from tests.overrides.test_operation_set import drain, new_set, service
from tests.overrides.waiting_fakes import VirtualClock

pytestmark = pytest.mark.anyio


async def test_reads_held_by_a_callers_rate_are_counted_once_each() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 20.0)
    ops = new_set(clock, rate=4.0)
    for i in range(50):
        ops.add(svc.poller("s0", str(i)), label=str(i))

    await drain(ops)

    # At most the rate's burst (4) of the 50 opening reads went without waiting; no read counts twice.
    assert 46 <= ops.holds <= ops.reads


async def test_a_lone_operation_within_its_budget_is_never_held() -> None:
    clock = VirtualClock()
    svc = service(clock, finish_at=lambda op: 20.0)
    ops = new_set(clock)
    ops.add(svc.poller("s0", "only"), label="only")

    await drain(ops)

    assert ops.reads > 1
    assert ops.holds == 0
