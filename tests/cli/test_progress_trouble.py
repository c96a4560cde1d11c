"""Plain progress lines (a pipe, a CI log) show retried reads with their reason and delay."""

from __future__ import annotations

import re

from opstatus.emulator import EmulatorServer, FaultPlan, Lifecycle

from .conftest import FAST, Cli, ids


def test_a_throttled_then_dropped_read_each_get_a_line_before_the_state(
    cli: Cli, emulator: EmulatorServer
) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=2))
    emulator.set_faults(
        FaultPlan.scripted("throttle", "drop", retry_after=1), api="monitor", operation_id=op.id
    )

    ran = cli("monitor", "wait", *ids(op), *FAST)

    assert ran.code == 0, ran.err
    lines = ran.out.splitlines()
    label = f"monitor operation {op.id}"
    assert re.fullmatch(
        rf"\[ *0\.\ds\] {label}: throttled \(429 TooManyRequests\): next try in 1\.0s \(attempt 2 of 4\)",
        lines[0],
    )
    assert re.fullmatch(
        rf"\[ *\d\.\ds\] {label}: no answer \((RemoteProtocolError|ReadError)\): "
        r"next try in \d\.\ds \(attempt 3 of 4\)",
        lines[1],
    )
    assert re.fullmatch(rf"\[ *\d\.\ds\] {label}: running \(Running\)", lines[2])
