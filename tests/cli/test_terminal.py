"""In a real pseudo-terminal, the wait draws rich's live display, as a person sees it."""

from __future__ import annotations

import os
import re
import sys

import pexpect  # type: ignore[import-untyped]  # no stubs on PyPI's types- packages in uv.lock
from opstatus.emulator import EmulatorServer, Lifecycle, PlannedStep, step_plan

from tests.child_signals import default_sigint

from .conftest import TOKEN, ids

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def test_wait_in_a_terminal_draws_spinner_state_elapsed_and_steps_in_place(emulator: EmulatorServer) -> None:
    op = emulator.create_operation(
        "partner_portal",
        lifecycle=step_plan(
            [
                PlannedStep(id="validate", name="Validate Pre-Requisites", seconds=3, progress=(0, 40, 80)),
                PlannedStep(id="live", name="Live", seconds=2, progress=(0, 50)),
            ],
            final_status="complete",
        ),
    )
    argv = ["-m", "opstatus.cli", "partner-portal", "wait", *ids(op), "--interval", "0.2"]
    env = {**os.environ, "OPSTATUS_TOKEN": TOKEN, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    child = pexpect.spawn(
        sys.executable,
        [*argv, "--base-url", emulator.base_url],
        env=env,
        dimensions=(30, 100),
        encoding="utf-8",
        timeout=30,
    )
    child.expect(pexpect.EOF)
    child.close()
    raw = child.before
    screen = ANSI.sub("", raw)

    assert child.exitstatus == 0, screen
    assert TOKEN not in raw
    assert re.search("[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]", screen)  # the spinner turned while the operation ran
    assert re.search(r"running +\S+ +\d+% +\d+\.\ds +\d+ reads", screen)  # state, bar, percent, elapsed
    assert re.search(r"Validate Pre-Requisites +inProgress +\S+ +40%", screen)  # a step with its percentage
    assert re.search(r"✓ Validate Pre-Requisites +complete", screen)
    assert "\x1b[1A\x1b[2K" in raw  # redrawn in place, not scrolled
    assert not re.search(r"^\[ *\d+\.\ds\]", screen, re.MULTILINE)  # no plain progress lines
    assert f"partner_portal operation {op.id}: succeeded (complete)" in screen


def test_ctrl_c_stops_the_wait_with_130_and_gives_the_cursor_back(emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle.never_finishes())
    env = {**os.environ, "OPSTATUS_TOKEN": TOKEN, "TERM": "xterm-256color"}
    argv = ["-m", "opstatus.cli", "monitor", "wait", *ids(op), "--interval", "0.2"]
    child = pexpect.spawn(
        sys.executable,
        [*argv, "--base-url", emulator.base_url],
        env=env,
        dimensions=(30, 100),
        encoding="utf-8",
        timeout=30,
        preexec_fn=default_sigint,
    )
    child.expect(r"\d+ reads")  # the live display is up and the wait is under way
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    screen = ANSI.sub("", child.before)

    assert child.exitstatus == 130
    assert "error: KeyboardInterrupt: stopped waiting (the operation itself goes on)" in screen
    resume = r"to go on waiting: opstatus resume opst1\.\S+ --base-url http://127\.0\.0\.1:\d+"
    assert re.search(resume, screen)
    assert "Traceback" not in screen
    assert "\x1b[?25h" in child.before  # rich showed the cursor again


def test_a_slow_first_read_shows_its_time_and_a_throttled_read_its_reason_and_delay(
    emulator: EmulatorServer,
) -> None:
    from opstatus.emulator import FaultPlan

    op = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=3))
    emulator.set_faults(
        FaultPlan.scripted("slow", "throttle", slow_seconds=1.5, retry_after=2),
        api="monitor",
        operation_id=op.id,
    )
    env = {**os.environ, "OPSTATUS_TOKEN": TOKEN, "TERM": "xterm-256color"}
    argv = ["-m", "opstatus.cli", "monitor", "wait", *ids(op), "--interval", "0.2"]
    child = pexpect.spawn(
        sys.executable,
        [*argv, "--base-url", emulator.base_url],
        env=env,
        dimensions=(30, 100),
        encoding="utf-8",
        timeout=30,
    )
    child.expect(pexpect.EOF)
    child.close()
    screen = ANSI.sub("", child.before)

    assert child.exitstatus == 0, screen
    assert re.search(r"reading the status\.\.\. 1\.\ds", screen)  # the slow read, timed while it lasts
    assert re.search(r"throttled \(429 TooManyRequests\): next try in [12]\.\ds \(attempt 2 of 4\)", screen)
    assert f"monitor operation {op.id}: succeeded (Succeeded)" in screen
