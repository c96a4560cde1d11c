"""``wait-all --state``: the periodic rewrite runs off the event loop, and loses no completion.

The disk is gated, not slowed: ``os.fsync`` and ``os.replace`` are wrapped so that a rewrite stops
at a chosen point until the test lets it go, and the test reads the file there, as the next run would
read it after a ``kill -9`` at that moment (a kill loses nothing the kernel was given; the file on disk
is all the next run sees). No test sleeps or measures time; the waits are hang guards only.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from opstatus.cli._exit import ExitCode
from opstatus.cli._wait_all_journal import JournalWriter
from opstatus.cli._wait_all_state import StateFile

_PATIENCE = 30.0
"""Seconds a gate or a test waits for the other side before failing (a hang guard, never asserted on)."""

LINES = ["https://management.azure.com/op-0", "https://management.azure.com/op-1", "op-2"]


def token(index: int, version: int = 0) -> str:
    """A real continuation token (the journal checks them when it reads the file)."""
    from opstatus._continuation import encode

    url = f"https://management.azure.com/subscriptions/s/operations/op-{index}?v={version}"
    return encode(api="monitor", url=url, first_seen=1_700_000_000.0)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Gate:
    """Holds one call of ``os.fsync`` or ``os.replace`` (the next one made off the main thread) until
    ``release``: ``reached`` is set when the call arrives, after the real call for ``os.replace``
    (the file is renamed then; before it for ``os.fsync``). A call on the main thread, where the test
    plays the event loop, fails the test: the rewrite must not run there."""

    def __init__(self, real: Callable[..., object], *, after: bool) -> None:
        self._real, self._after = real, after
        self.reached, self._released = threading.Event(), threading.Event()
        self.calls: list[str] = []
        self.misplaced: list[str] = []

    def __call__(self, *args: object) -> object:
        if threading.current_thread() is threading.main_thread():
            self.misplaced.append(threading.current_thread().name)
            raise AssertionError("the rewrite ran on the event loop's thread")
        self.calls.append(threading.current_thread().name)
        result = self._real(*args) if self._after else None
        self.reached.set()
        if not self._released.wait(_PATIENCE):
            raise AssertionError("the test never released the gate")
        return result if self._after else self._real(*args)

    def release(self) -> None:
        self._released.set()

    def wait_reached(self) -> None:
        assert self.reached.wait(_PATIENCE), "the rewrite never got there"


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "wait-all.state"


@pytest.fixture
def started(state_path: Path) -> Iterator[tuple[StateFile, Clock]]:
    """A journal of three waiting operations, written once (on the caller's thread, as a run starts)."""
    clock = Clock()
    state = StateFile.open(str(state_path), LINES, interval=5.0, clock=clock)
    state.save({0: token(0), 1: token(1), 2: token(2)})
    yield state, clock
    state.close()


def gate(monkeypatch: pytest.MonkeyPatch, name: str) -> Gate:
    held = Gate(getattr(os, name), after=name == "replace")
    monkeypatch.setattr(os, name, held)
    return held


def as_next_run_reads_it(path: Path) -> StateFile:
    """What a run started now (after a kill -9 of the one writing) would resume from."""
    return StateFile.open(str(path), LINES)


def rewrite_fresh_tokens_until_fsync(state: StateFile, clock: Clock, fsync: Gate) -> None:
    """At t=5 (the interval passed), start the periodic rewrite with tokens 0-2 at version 1, and
    wait until the worker holds it at the gated fsync."""
    clock.now = 5.0
    state.save_if_due(lambda: {0: token(0, 1), 1: token(1, 1), 2: token(2, 1)})
    fsync.wait_reached()


def wait_until(predicate: Callable[[], bool], what: str) -> None:
    done = threading.Event()
    for _ in range(int(_PATIENCE / 0.01)):
        if predicate():
            return
        done.wait(0.01)
    raise AssertionError(f"never: {what}")


def test_the_event_loop_keeps_running_while_a_periodic_rewrite_is_held_at_its_fsync(
    started: tuple[StateFile, Clock], monkeypatch: pytest.MonkeyPatch, state_path: Path
) -> None:
    state, clock = started
    fsync = gate(monkeypatch, "fsync")
    order: list[str] = []

    async def run() -> None:
        clock.now = 5.0
        state.save_if_due(lambda: {0: token(0, 1), 1: token(1, 1), 2: token(2, 1)})
        order.append("save_if_due returned")
        assert await asyncio.to_thread(fsync.reached.wait, _PATIENCE)
        for _ in range(3):  # the loop runs other coroutines while the rewrite waits at its fsync
            await asyncio.sleep(0)
            order.append(f"tick, rewriting={state.rewriting}")
        fsync.release()

    asyncio.run(run())
    wait_until(lambda: not state.rewriting, "the rewrite ends")

    assert fsync.misplaced == []
    assert fsync.calls == ["opstatus-state-rewrite"]
    assert order == ["save_if_due returned", *["tick, rewriting=True"] * 3]
    assert as_next_run_reads_it(state_path).tokens == {0: token(0, 1), 1: token(1, 1), 2: token(2, 1)}


def test_a_completion_recorded_during_a_rewrite_survives_a_kill_right_after_the_rename(
    started: tuple[StateFile, Clock], monkeypatch: pytest.MonkeyPatch, state_path: Path
) -> None:
    state, clock = started
    fsync, replace = gate(monkeypatch, "fsync"), gate(monkeypatch, "replace")
    rewrite_fresh_tokens_until_fsync(state, clock, fsync)  # snapshot: 1 waits

    state.record_end(1, ExitCode.SUCCEEDED)  # after the snapshot, before the rename
    fsync.release()
    replace.wait_reached()  # renamed; the writer is held right after it: kill -9 now
    killed = state_path.read_text()
    replace.release()

    assert (fsync.misplaced, replace.misplaced) == ([], [])
    resumed = as_next_run_reads_it(state_path)
    assert resumed.ended == {1: ExitCode.SUCCEEDED}
    assert resumed.tokens == {0: token(0, 1), 2: token(2, 1)}  # the rewrite's fresh tokens
    records = [json.loads(line) for line in killed.splitlines()[1:]]
    assert records[-2:] == [{"i": 2, "token": token(2, 1)}, {"i": 1, "exitCode": 0}]  # the late line


def test_a_completion_recorded_during_a_rewrite_survives_a_kill_before_the_rename(
    started: tuple[StateFile, Clock], monkeypatch: pytest.MonkeyPatch, state_path: Path
) -> None:
    state, clock = started
    fsync = gate(monkeypatch, "fsync")
    rewrite_fresh_tokens_until_fsync(state, clock, fsync)

    state.record_end(2, ExitCode.FAILED)
    killed = as_next_run_reads_it(state_path)  # the old file, written before the rewrite began
    fsync.release()

    assert fsync.misplaced == []
    assert (killed.ended, killed.tokens) == ({2: ExitCode.FAILED}, {0: token(0), 1: token(1)})


def test_completions_after_a_background_rewrite_are_appended_to_the_new_file(
    started: tuple[StateFile, Clock], monkeypatch: pytest.MonkeyPatch, state_path: Path
) -> None:
    state, clock = started
    fsync = gate(monkeypatch, "fsync")
    rewrite_fresh_tokens_until_fsync(state, clock, fsync)
    state.record_end(0, ExitCode.SUCCEEDED)
    fsync.release()
    wait_until(lambda: not state.rewriting, "the rewrite ends")

    state.record_end(1, ExitCode.CANCELED)

    assert fsync.misplaced == []
    resumed = as_next_run_reads_it(state_path)
    assert resumed.ended == {0: ExitCode.SUCCEEDED, 1: ExitCode.CANCELED}
    assert resumed.tokens == {2: token(2, 1)}


def test_one_rewrite_at_a_time_a_due_one_waits_for_the_one_in_flight_and_none_queues_up(
    started: tuple[StateFile, Clock], monkeypatch: pytest.MonkeyPatch, state_path: Path
) -> None:
    state, clock = started
    fsync = gate(monkeypatch, "fsync")
    asked: list[float] = []

    def tokens() -> dict[int, str]:
        asked.append(clock.now)
        return {0: token(0, int(clock.now)), 1: token(1), 2: token(2)}

    clock.now = 5.0
    state.save_if_due(tokens)
    fsync.wait_reached()
    for now in (10.0, 15.0, 20.0):  # due again, three times, while the first is held
        clock.now = now
        state.save_if_due(tokens)
    assert asked == [5.0]
    fsync.release()
    wait_until(lambda: not state.rewriting, "the rewrite ends")
    monkeypatch.undo()
    state.save_if_due(tokens)  # the next tick after it ended: one more, with the tokens of now
    wait_until(lambda: not state.rewriting, "the second rewrite ends")

    assert asked == [5.0, 20.0]
    assert fsync.calls == ["opstatus-state-rewrite"]
    assert as_next_run_reads_it(state_path).tokens[0] == token(0, 20)


def test_closing_after_a_rewrite_is_let_go_leaves_the_rewritten_file_and_no_temporary_file(
    started: tuple[StateFile, Clock], monkeypatch: pytest.MonkeyPatch, state_path: Path
) -> None:
    state, clock = started
    fsync = gate(monkeypatch, "fsync")
    rewrite_fresh_tokens_until_fsync(state, clock, fsync)
    fsync.release()

    state.close()  # waits for it

    assert not state.rewriting
    assert as_next_run_reads_it(state_path).tokens == {0: token(0, 1), 1: token(1, 1), 2: token(2, 1)}
    assert [p.name for p in state_path.parent.iterdir()] == [state_path.name]


def test_a_rewrite_stuck_past_the_closing_bound_is_dropped_and_the_old_file_keeps_every_completion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal"
    writer = JournalWriter(path, settle_seconds=0.0)
    writer.rewrite(lambda: "header\n")
    fsync = gate(monkeypatch, "fsync")
    assert writer.start_rewrite(lambda: lambda: "header\nsnapshot\n")
    fsync.wait_reached()
    writer.append("late\n")

    writer.close()  # the rewrite is still held at its fsync: closing does not wait for it past the bound
    fsync.release()
    wait_until(lambda: not writer.busy, "the dropped rewrite ends")

    assert path.read_text() == "header\nlate\n"
    assert [p.name for p in tmp_path.iterdir()] == ["journal"]  # its temporary file was removed


def test_a_failed_background_rewrite_is_raised_on_the_loop_and_the_old_file_keeps_taking_appends(
    tmp_path: Path,
) -> None:
    path = tmp_path / "journal"
    writer = JournalWriter(path)
    writer.rewrite(lambda: "header\n")

    def broken() -> str:
        raise OSError(28, "No space left on device")

    assert writer.start_rewrite(lambda: broken)
    wait_until(lambda: not writer.busy, "the rewrite fails")
    writer.append("after\n")

    with pytest.raises(Exception, match=f"cannot write the state file {path}: No space left on device"):
        writer.start_rewrite(lambda: lambda: "header\n")
    assert path.read_text() == "header\nafter\n"
    assert writer.start_rewrite(lambda: lambda: "header\nafter\n")  # raised once; the next one runs
    writer.close()


def test_a_line_appended_while_the_very_first_rewrite_runs_in_the_background_lands_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal"
    writer = JournalWriter(path)
    fsync = gate(monkeypatch, "fsync")
    assert writer.start_rewrite(lambda: lambda: "header\n")  # no file yet: nothing to append to
    fsync.wait_reached()
    writer.append("late\n")
    fsync.release()
    wait_until(lambda: not writer.busy, "the rewrite ends")
    writer.append("after\n")
    writer.close()

    assert path.read_text() == "header\nlate\nafter\n"
