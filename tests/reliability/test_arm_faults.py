"""ArmClient under the soak's faults: every wait ends as scripted, or in the typed error of its faults.

A small soak for the generic ARM waiter (the big one, ``make soak``, covers the three typed APIs):
90 ARM operations (succeed, fail, cancel; with and without a final body), half waited on through
their ``Location`` URL and half through their ``Azure-AsyncOperation`` URL of another resource
provider, while 30 % of requests fail with every kind the emulator injects (429, 500, 503, dropped
and truncated connections, slow answers, cut JSON, plain text, HTML 502 pages, 499/520). Each end is
judged against the operation's script and the emulator's request log.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

import pytest
from opstatus import (
    ArmClient,
    BadRequestError,
    DecodeError,
    OperationCanceledError,
    OperationFailedError,
    OpStatusError,
    ServiceError,
    ThrottledError,
    TransportError,
)
from opstatus.emulator import EmulatorServer, ErrorSpec, FaultPlan, Lifecycle, Outcome, Phase

TOKEN = "soak-token"
OUTCOMES: tuple[Literal["succeeded", "failed", "canceled"], ...] = ("succeeded", "failed", "canceled")
FAULT_ERRORS = (ThrottledError, ServiceError, TransportError, DecodeError)


def lifecycle(index: int) -> Lifecycle:
    outcome = OUTCOMES[index % 3]
    error = ErrorSpec(code="Conflict", message="Busy.") if outcome == "failed" else None
    return Lifecycle(
        phases=(Phase(seconds=float(index % 7), status="Provisioning", percent=50),),
        outcome=Outcome(state=outcome, error=error),
        location_result="none" if index % 4 == 0 else "resource",
    )


@pytest.mark.parametrize("kind", ["location", "azure_async_operation"])
def test_every_arm_wait_ends_as_scripted_or_in_the_typed_error_of_its_faults(
    emu: EmulatorServer, kind: str
) -> None:
    endings: Counter[str] = Counter()
    violations: list[str] = []
    with ArmClient(token=TOKEN, base_url=emu.base_url, clock=emu.now, sleep=emu.sleep) as client:
        for index in range(45):
            op = emu.create_operation("monitor", lifecycle=lifecycle(index))
            plan = FaultPlan(rate=0.3, seed=index, slow_seconds=0.02)
            emu.set_faults(plan, api="monitor", operation_id=op.id)
            scripted = OUTCOMES[index % 3]
            try:
                client.wait_url(emu.arm_urls_for(op, namespace="Microsoft.Sql")[kind], timeout=3600)
                ending = "succeeded"
            except (OperationFailedError, OperationCanceledError) as exc:
                ending = "failed" if isinstance(exc, OperationFailedError) else "canceled"
                if kind == "location":  # an error answer after its 202s: ARM's Location cannot tell which
                    ending = "failed or canceled"
            except BadRequestError as exc:  # so a Location URL answers an operation over at the first read
                ending = "failed or canceled" if exc.status_code == 400 and kind == "location" else repr(exc)
            except FAULT_ERRORS as exc:
                log = [r for r in emu.requests() if r.operation_id == op.id]
                ending = "fault" if log and all(r.fault for r in log[-4:]) else f"unexplained {exc!r}"
            except OpStatusError as exc:
                ending = f"unexpected {exc!r}"
            endings[ending] += 1
            allowed = {scripted, "fault"}
            if scripted != "succeeded":
                allowed.add("failed or canceled")
            if ending not in allowed:
                violations.append(f"{op.id}: scripted {scripted}, ended {ending}")
    assert violations == []
    faulted = sum(1 for r in emu.requests() if r.fault)
    assert faulted >= 0.2 * len(emu.requests())  # the faults really were there
    assert endings["fault"] <= 5  # four faults in a row end a wait, rarely (0.3 ** 4 per read)
