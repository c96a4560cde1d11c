"""``opstatus wait-all --state FILE``: killed with SIGKILL, the same command goes on where it stopped.

The kill test runs the command as its own process with stdout a real pipe (JSON lines), on an
emulator whose virtual clock moves only when the test says: four operations end, the command prints
them, the test kills it with SIGKILL, the clock moves on, and the same command with the same state
file waits only on the two left. Every input line is reported exactly once over the two runs, and
none that had ended is read again.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from opstatus.emulator import EmulatedOperation, EmulatorServer, Lifecycle

from tests.child_signals import default_sigint
from tests.cli.conftest import FAST, TOKEN, Cli, assert_no_token

_PATIENCE = 30.0
"""Seconds a test waits for the child before failing (never asserted on: a hang guard only)."""


@pytest.fixture(scope="module")
def paused() -> Iterator[EmulatorServer]:
    """An emulator whose clock moves only when a test says so."""
    with EmulatorServer(clock="virtual", token=TOKEN) as server:
        yield server


def lines_file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "operations.txt"
    path.write_text("\n".join(lines) + "\n")
    return path


def command(emulator: EmulatorServer, *argv: str) -> list[str]:
    return [sys.executable, "-m", "opstatus", "wait-all", *argv, *FAST, "--base-url", emulator.base_url]


ENV = {k: v for k, v in os.environ.items() if not k.startswith("OPSTATUS_")} | {"OPSTATUS_TOKEN": TOKEN}


def read_lines(process: subprocess.Popen[bytes], count: int) -> list[str]:
    """The next ``count`` lines the process writes to its stdout (a pipe)."""
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    data, deadline = b"", time.monotonic() + _PATIENCE
    while data.count(b"\n") < count:
        assert selector.select(timeout=max(0.0, deadline - time.monotonic())), f"only got {data!r}"
        chunk = os.read(process.stdout.fileno(), 65536)
        assert chunk, f"the command ended after {data!r}"
        data += chunk
    return data.decode().splitlines()


def wait_for(predicate: object, what: str) -> None:
    deadline = time.monotonic() + _PATIENCE
    while not callable(predicate) or not predicate():
        assert time.monotonic() < deadline, f"never: {what}"
        time.sleep(0.02)


def reads_of(emulator: EmulatorServer, op: EmulatedOperation, *, after: int) -> int:
    return sum(1 for r in emulator.requests() if r.operation_id == op.id and r.seq > after)


@pytest.mark.parametrize("interval", ["5", "0.01"], ids=["rewrites-at-start-and-end", "rewrites-every-tick"])
def test_killed_with_sigkill_the_same_command_resumes_only_what_had_not_ended(
    paused: EmulatorServer, tmp_path: Path, interval: str
) -> None:
    ending = [paused.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=10)) for _ in range(3)]
    ending.append(paused.create_operation("monitor", lifecycle=Lifecycle.fails(after=10)))
    later = [paused.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=100)) for _ in range(2)]
    inputs = [paused.url_for(op) for op in [*ending, *later]]
    path, state = lines_file(tmp_path, *inputs), tmp_path / "wait-all.state"
    argv = command(paused, str(path), "--state", str(state), "--state-interval", interval)

    first = subprocess.Popen(argv, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        wait_for(state.exists, "the state file is written")
        paused.advance(10)
        printed = read_lines(first, 4)
        wait_for(lambda: state.read_text().count('"exitCode"') == 4, "the four ends are in the state file")
        first.send_signal(signal.SIGKILL)
    finally:
        first.kill()
        first.wait(timeout=_PATIENCE)
    assert first.returncode == -signal.SIGKILL
    killed_at = max(r.seq for r in paused.requests())
    paused.advance(100)

    second = subprocess.run(argv, env=ENV, capture_output=True, text=True, timeout=_PATIENCE, check=False)

    resumed = second.stdout.splitlines()
    reported = [json.loads(line)["input"] for line in [*printed, *resumed]]
    assert sorted(reported) == sorted(inputs)  # every input exactly once over the two runs
    assert sorted(json.loads(line)["input"] for line in resumed) == sorted(inputs[4:])
    assert [reads_of(paused, op, after=killed_at) for op in ending] == [0, 0, 0, 0]  # not read again
    assert "\x1b" not in second.stdout  # piped: JSON lines only, no live summary, no summary line
    assert second.returncode == 1  # the worst outcome over the whole set: the failure the first run saw
    assert_no_token(state.read_text() + second.stdout + second.stderr)


def test_a_rerun_after_everything_ended_reads_nothing_and_exits_with_the_recorded_worst(
    paused: EmulatorServer, tmp_path: Path
) -> None:
    ok = paused.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=0))
    canceled = paused.create_operation("monitor", lifecycle=Lifecycle.canceled(after=0))
    path = lines_file(tmp_path, paused.url_for(ok), paused.url_for(canceled))
    state = tmp_path / "state"
    cli = Cli(paused.base_url)

    first = cli("wait-all", str(path), *FAST, "--state", str(state))
    before = max(r.seq for r in paused.requests())
    again = cli("wait-all", str(path), *FAST, "--state", str(state))

    assert (first.code, len(first.out.splitlines())) == (4, 2)
    assert (again.code, again.out) == (4, "")  # nothing printed twice, nothing read
    assert max(r.seq for r in paused.requests()) == before


def test_a_timed_out_operation_keeps_its_token_and_the_next_run_waits_on_it_again(
    paused: EmulatorServer, tmp_path: Path
) -> None:
    slow = paused.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=50))
    ok = paused.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=0))
    path, state = lines_file(tmp_path, paused.url_for(slow), paused.url_for(ok)), tmp_path / "state"
    cli = Cli(paused.base_url)

    first = cli("wait-all", str(path), *FAST, "--timeout", "0.3", "--state", str(state))
    header, *records = (json.loads(line) for line in state.read_text().splitlines())
    paused.advance(50)
    again = cli("wait-all", str(path), *FAST, "--state", str(state))

    assert first.code == 3
    assert header["opstatus"] == "wait-all-state"
    assert {"i": 1, "exitCode": 0} in records
    assert [record["token"][:6] for record in records if record["i"] == 0] == ["opst1."]
    assert [json.loads(line)["input"] for line in again.out.splitlines()] == [paused.url_for(slow)]
    assert again.code == 0


def test_the_state_file_holds_no_credential_only_its_owner_reads_it_and_no_temporary_file_is_left(
    paused: EmulatorServer, tmp_path: Path
) -> None:
    running = paused.create_operation("monitor", lifecycle=Lifecycle.never_finishes())
    ok = paused.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=0))
    path, state = lines_file(tmp_path, paused.url_for(running), paused.url_for(ok)), tmp_path / "state"

    Cli(paused.base_url)("wait-all", str(path), *FAST, "--timeout", "0.3", "--state", str(state))

    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    assert TOKEN not in state.read_text()
    assert TOKEN[8:24] not in state.read_text()
    assert not list(tmp_path.glob(".state.*.tmp"))  # the atomic rewrite leaves no temporary file


def test_a_last_line_cut_short_by_a_kill_is_ignored_and_that_operation_is_waited_on_again(
    paused: EmulatorServer, tmp_path: Path
) -> None:
    ops = [paused.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=0)) for _ in range(2)]
    path, state = lines_file(tmp_path, *(paused.url_for(op) for op in ops)), tmp_path / "state"
    cli = Cli(paused.base_url)
    cli("wait-all", str(path), *FAST, "--state", str(state))
    header, first, _ = state.read_text().splitlines()
    state.write_text(f"{header}\n{first}\n" + '{"i": 1, "exitC')  # the second end's append, cut short

    again = cli("wait-all", str(path), *FAST, "--state", str(state))

    assert again.code == 0
    assert [json.loads(line)["input"] for line in again.out.splitlines()] == [paused.url_for(ops[1])]


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("not json at all\n", "is damaged: line 1 is not JSON"),
        ('{"opstatus": "something-else", "version": 1}\n', "it is not a wait-all state file"),
        ("[1, 2]\n", "line 1 is not a JSON object"),
        ("HEADER\n" + '{"i": 7, "exitCode": 0}\n', "line 2: 'i' is not the index of an input line"),
        ("HEADER\n" + '{"i": 0, "token": "Bearer abc"}\n', "line 2: 'token' is not a continuation token"),
        ("HEADER\n" + '{"i": 0, "exitCode": 130}\n', "line 2 holds neither a 'token' nor an 'exitCode'"),
        (
            "HEADER\n" + '{"i": 0, "token": "opst1.e30"}\n',
            "'token' is not a continuation token (continuation",
        ),
        ("HEADER\n" + "{broken\n" + '{"i": 0, "exitCode": 0}\n', "line 2 is not JSON"),
    ],
)
def test_a_damaged_state_file_is_a_usage_error_naming_the_file_and_the_fault(
    cli: Cli, emulator: EmulatorServer, tmp_path: Path, content: str, why: str
) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=0))
    path, state = lines_file(tmp_path, emulator.url_for(op)), tmp_path / "state"
    cli("wait-all", str(path), *FAST, "--state", str(state))
    header = state.read_text().splitlines()[0]
    state.write_text(content.replace("HEADER", header))

    ran = cli("wait-all", str(path), *FAST, "--state", str(state))

    assert ran.code == 2
    assert ran.out == ""  # nothing was waited on
    assert f"error: UsageError: the state file {state} " in ran.err
    assert why in ran.err


def test_a_state_file_of_other_input_lines_is_refused(
    cli: Cli, emulator: EmulatorServer, tmp_path: Path
) -> None:
    one, other = (
        emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=0)) for _ in range(2)
    )
    state = tmp_path / "state"
    cli("wait-all", str(lines_file(tmp_path, emulator.url_for(one))), *FAST, "--state", str(state))

    ran = cli("wait-all", str(lines_file(tmp_path, emulator.url_for(other))), *FAST, "--state", str(state))

    assert ran.code == 2
    assert f"the state file {state} was written for other input lines" in ran.err


def test_an_empty_state_file_starts_a_new_journal(cli: Cli, emulator: EmulatorServer, tmp_path: Path) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=0))
    state = tmp_path / "state"
    state.write_text("")

    ran = cli("wait-all", str(lines_file(tmp_path, emulator.url_for(op))), *FAST, "--state", str(state))

    assert ran.code == 0
    assert '{"i": 0, "exitCode": 0}' in state.read_text()


def test_interrupted_in_a_pipe_stdout_keeps_its_json_lines_and_the_summary_goes_to_stderr(
    paused: EmulatorServer, tmp_path: Path
) -> None:
    ended = paused.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=0))
    running = paused.create_operation("monitor", lifecycle=Lifecycle.never_finishes())
    path = lines_file(tmp_path, paused.url_for(ended), paused.url_for(running))
    process = subprocess.Popen(
        command(paused, str(path)),
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=default_sigint,
    )
    try:
        printed = read_lines(process, 1)
        process.send_signal(signal.SIGINT)
        rest, err = process.communicate(timeout=_PATIENCE)
    finally:
        process.kill()

    assert process.returncode == 130
    assert [json.loads(line)["input"] for line in printed] == [paused.url_for(ended)]
    assert rest == b""
    assert "2 operations: 1 succeeded, 1 still waiting; " in err.decode()
    assert "error: KeyboardInterrupt: stopped waiting" in err.decode()
    assert "Traceback" not in err.decode()


def test_stopped_with_ctrl_c_while_rewriting_every_tick_the_state_file_is_whole_and_resumes_the_rest(
    paused: EmulatorServer, tmp_path: Path
) -> None:
    ended = paused.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=0))
    running = paused.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=100))
    path, state = lines_file(tmp_path, paused.url_for(ended), paused.url_for(running)), tmp_path / "state"
    argv = command(paused, str(path), "--state", str(state), "--state-interval", "0.01")
    process = subprocess.Popen(
        argv, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=default_sigint
    )
    try:
        printed = read_lines(process, 1)
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=_PATIENCE)
    finally:
        process.kill()
    paused.advance(100)

    again = subprocess.run(argv, env=ENV, capture_output=True, text=True, timeout=_PATIENCE, check=False)

    assert process.returncode == 130
    assert [json.loads(line)["input"] for line in printed] == [paused.url_for(ended)]
    assert [json.loads(line)["input"] for line in again.stdout.splitlines()] == [paused.url_for(running)]
    assert again.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["operations.txt", "state"]  # no temporary file
