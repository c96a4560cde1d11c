"""``opstatus wait-all`` in a real pseudo-terminal: the live summary as a person sees it, and Ctrl-C.

The emulator's clock is virtual and does not tick by itself: the operations end when the test moves
it (``advance``), so the live summary is seen at a known moment (five waiting, then one) without any
test timing. The command runs as its own process (``python -m opstatus``) over 127.0.0.1.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect  # type: ignore[import-untyped]  # no stubs on PyPI's types- packages in uv.lock
import pytest
from opstatus.cli._exit import ExitCode
from opstatus.cli._visible import UNSAFE, visible
from opstatus.cli._wait_all_tally import RECENT, Tally
from opstatus.emulator import EmulatorServer, Lifecycle
from rich.console import Console

from tests.child_signals import default_sigint

from .conftest import TOKEN

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
HOSTILE = "\x1b[2J\x1b]0;pwned\x07\u202egnp.exe[red]markup[/red]"
"""Clear screen, window title, BEL, bidi override, rich markup: all must reach the screen inert."""


@pytest.fixture(scope="module")
def paused() -> Iterator[EmulatorServer]:
    """An emulator whose clock moves only when a test says so."""
    with EmulatorServer(clock="virtual", token=TOKEN) as server:
        yield server


def spawn(emulator: EmulatorServer, *argv: str) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPSTATUS_")}
    env |= {"OPSTATUS_TOKEN": TOKEN, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "opstatus", "wait-all", *argv, "--interval", "0.05", "--base-url", emulator.base_url],
        env=env,
        dimensions=(40, 120),
        encoding="utf-8",
        timeout=30,
        preexec_fn=default_sigint,
    )


def test_the_live_summary_counts_while_waiting_and_its_last_frame_has_the_final_counts(
    paused: EmulatorServer, tmp_path: Path
) -> None:
    soon = [paused.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=10)) for _ in range(3)]
    failing = paused.create_operation("monitor", lifecycle=Lifecycle.fails(after=10, message=HOSTILE))
    late = paused.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=100))
    path = tmp_path / "operations.txt"
    path.write_text("\n".join(paused.url_for(op) for op in [*soon, failing, late]) + "\n")
    child = spawn(paused, str(path))

    child.expect(r"5 waiting, 0 of 5 ended")  # drawn while every operation is still running
    paused.advance(10)
    child.expect(r"1 waiting, 4 of 5 ended")
    child.expect(r"3 succeeded\S*, \S*1 failed")
    paused.advance(100)
    child.expect(pexpect.EOF)
    child.close()
    raw = child.before
    screen = ANSI.sub("", raw)

    assert child.exitstatus == 1, screen  # the worst outcome's: failed
    assert "0 waiting, 5 of 5 ended" in screen  # the last frame stays
    assert re.search(r"\d+ reads, \d+\.\d/s, 0 throttled \(429\), \d+ held by the budget", screen)
    assert re.search(rf"✓ {late.id}: succeeded", screen)  # a recent completion, named by its id
    assert "\x1b[1A\x1b[2K" in raw  # redrawn in place, not scrolled
    lines = screen.splitlines()
    # After the live view: one line for what did not succeed, then the summary.
    assert lines[-2].startswith(f"{paused.url_for(failing)}: error: OperationFailed: \\x1b[2J")
    assert re.fullmatch(
        r"5 operations: 4 succeeded, 1 failed; \d+ reads, 0 throttled, \d+ held by the budget", lines[-1]
    )
    # Server text reached the screen escaped by _visible, in the live view and after it.
    assert screen.count("\\x1b]0;pwned\\x07\\u202egnp.exe[red]markup[/red]") >= 2
    for raw_control in ("\x1b[2J", "\x1b]0;", "\x07", "\u202e"):
        assert raw_control not in raw
    assert TOKEN not in raw


def test_ctrl_c_stops_prints_the_summary_and_exits_130(paused: EmulatorServer, tmp_path: Path) -> None:
    ended = paused.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=0))
    running = [paused.create_operation("monitor", lifecycle=Lifecycle.never_finishes()) for _ in range(2)]
    path = tmp_path / "operations.txt"
    path.write_text("\n".join(paused.url_for(op) for op in [ended, *running]) + "\n")
    state = tmp_path / "state.jsonl"
    child = spawn(paused, str(path), "--state", str(state))

    child.expect(r"2 waiting, 1 of 3 ended")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    screen = ANSI.sub("", child.before)

    assert child.exitstatus == 130, screen
    assert re.search(r"^3 operations: 1 succeeded, 2 still waiting; \d+ reads", screen, re.MULTILINE)
    assert f"run the same command again (--state {state} holds what still waits)" in screen
    assert "error: KeyboardInterrupt: stopped waiting (the operation itself goes on)" in screen
    assert "Traceback" not in screen
    assert "\x1b[?25h" in child.before  # rich showed the cursor again
    journal = state.read_text()
    assert journal.count('"token": "opst1.') == 2  # the two still running, resumable
    assert '{"i": 0, "exitCode": 0}' in journal


# --- the frame the live view draws ---------------------------------------------------------------------


def drawn(tally: Tally) -> str:
    from opstatus.cli._wait_all_live import WaitAllLiveView

    out = io.StringIO()
    console = Console(file=out, width=100, force_terminal=True, color_system=None)
    console.print(WaitAllLiveView(tally, stream=io.StringIO()))
    return out.getvalue()


def test_a_frame_has_the_same_few_lines_for_ten_thousand_operations_as_for_ten() -> None:
    small, large = Tally(total=10), Tally(total=10_000)
    for tally in (small, large):
        for index in range(10):
            tally.ended(f"op-{index}", ExitCode.FAILED if index == 3 else ExitCode.SUCCEEDED, "done")
    for index in range(10, 10_000):
        large.ended(f"op-{index}", ExitCode.SUCCEEDED, "succeeded")

    assert len(drawn(small).splitlines()) == len(drawn(large).splitlines()) == 3 + RECENT
    assert "0 waiting, 10000 of 10000 ended" in drawn(large)
    assert "9999 succeeded, 1 failed" in drawn(large)
    assert "op-9999: succeeded" in drawn(large)
    assert "op-9994" not in drawn(large)  # only the last RECENT completions


def test_server_and_input_text_in_a_frame_is_masked_by_the_one_sanitiser() -> None:
    tally = Tally(total=1)
    tally.ended(f"line{HOSTILE}", ExitCode.FAILED, f"error: {HOSTILE}")

    text = drawn(tally)

    assert visible(HOSTILE) in text
    assert [char for char in UNSAFE.findall(text) if char not in "\n\x1b"] == []
    assert "\x1b[2J" not in text
    assert "[red]markup[/red]" in text  # markup stays literal


def test_reads_per_second_is_the_rate_of_the_last_three_seconds() -> None:
    tally = Tally(total=1)
    for now, reads in [(0.0, 0), (1.0, 100), (2.0, 110), (3.0, 120), (4.0, 130), (5.0, 140)]:
        tally.sample(now, reads=reads, throttles=2, holds=7)

    assert tally.frame.reads_per_second == pytest.approx(10.0)  # (140 - 110) / (5 - 2)
    assert (tally.frame.reads, tally.frame.throttles, tally.frame.holds) == (140, 2, 7)
