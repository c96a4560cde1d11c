"""Server text is data: no control character a server sends reaches the terminal raw, on any channel.

A status value, an error code and message, a step name and a 429 body carry ESC [2J, OSC 0, OSC 8,
BEL, BS, DEL, the 8-bit CSI U+009B and a bidi override. Through a pipe, stdout and stderr hold no
control or format character but the newline; in a real pty the live display, the report and the
``error:`` line show them escaped (``\\x1b[2J``), never raw; ``--json`` keeps the exact values for a
JSON reader and writes them as ``\\uXXXX``. Hypothesis tries arbitrary text in every field.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator

import attrs
import pexpect  # type: ignore[import-untyped]  # no stubs on PyPI's types- packages in uv.lock
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opstatus._progress import ProgressEvent, RetryNotice, StepProgress
from opstatus._state import OperationState
from opstatus.cli import run
from opstatus.cli._live import MAX_STEPS, LiveView
from opstatus.cli._visible import UNSAFE, json_text, visible
from rich.console import Console

from .hostile_server import (
    CPP_IDS,
    MONITOR_IDS,
    HostileServer,
    cpp_operation,
    cpp_step,
    monitor_status,
)

HOSTILE = (
    "\x1b[2J\x1b]0;pwned\x07\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\"
    "\x08\x7f\x9b31m\u202egnp.exe[red]markup[/red]\x85\u2028"
)
"""Clear screen, window title, hyperlink, BEL, BS, DEL, 8-bit CSI, bidi override, NEL, LS; markup."""

RAW = ("\x1b[2J", "\x1b]0;", "\x1b]8;", "\x07", "\x08", "\x7f", "\x9b", "\u202e", "\x85", "\u2028")
"""What a terminal would obey: none may be written raw (rich's own cursor moves are not among them)."""


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    with HostileServer() as server:
        yield server


ENV = {k: v for k, v in os.environ.items() if not k.startswith("OPSTATUS_")} | {"OPSTATUS_TOKEN": "t"}


def unsafe_in(text: str) -> list[str]:
    """Every control or format character in ``text`` but the newline."""
    return [char for char in UNSAFE.findall(text) if char != "\n"]


def pty(server: HostileServer, *argv: str, timeout: float = 30) -> tuple[int, str, float]:
    """Runs the command in a pty: exit code, all it wrote, and the seconds from its first output (the
    live display starts before the first read) to its end, so start-up time is left out."""
    env = ENV | {"TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "opstatus", *argv, "--base-url", server.base_url],
        env=env,
        dimensions=(40, 120),
        encoding="utf-8",
        codec_errors="replace",
        timeout=timeout,
    )
    child.expect(r"\S")
    started, first = time.monotonic(), child.before + child.after
    child.expect(pexpect.EOF)
    child.close()
    took = time.monotonic() - started
    return child.exitstatus, first + child.before, took


def piped(server: HostileServer, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "opstatus", *argv, "--base-url", server.base_url],
        env=ENV,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


# --- the sanitiser ------------------------------------------------------------------------------------


def test_every_control_escape_and_bidi_character_is_rendered_visibly() -> None:
    assert visible("a\x1b[2Jb\x07\x9b\u202e\n") == "a\\x1b[2Jb\\x07\\x9b\\u202e\\x0a"
    assert visible("line\n", keep_newlines=True) == "line\n"
    assert visible("café ✓ 👩‍💻 [red]x[/red]") == "café ✓ 👩‍💻 [red]x[/red]"  # text, ZWJ and markup stay
    assert visible("\U000e0041\ud800") == "\\U000e0041\\ud800"  # tag characters, lone surrogates


def test_the_mask_covers_every_control_and_format_character_of_this_python() -> None:
    import unicodedata

    keep = {"\u200c", "\u200d"}  # zero-width (non-)joiner: emoji and several scripts need them
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in {"Cc", "Cf", "Cs", "Zl", "Zp"}
        and chr(code) not in keep
        and not UNSAFE.fullmatch(chr(code))
    ]
    assert missed == [], "add these to _visible._RANGES (a newer Unicode than the table's)"


def test_json_keeps_the_values_and_escapes_what_a_terminal_would_obey() -> None:
    text = json_text({"message": HOSTILE, "emoji": "\U0001f600", "tag": "\U000e0041"})

    assert unsafe_in(text) == []
    assert json.loads(text) == {"message": HOSTILE, "emoji": "\U0001f600", "tag": "\U000e0041"}
    assert "\\u009b" in text
    assert "\U0001f600" in text  # printable characters stay readable


# --- through a pipe: stdout and stderr ----------------------------------------------------------------


def test_piped_a_hostile_status_step_name_and_messages_reach_no_stream_raw(hostile: HostileServer) -> None:
    hostile.serve(
        cpp_operation(status=HOSTILE, steps=[cpp_step(HOSTILE, status=HOSTILE)], messages=[HOSTILE])
    )

    done = piped(hostile, "partner-portal", "wait", *CPP_IDS, "--timeout", "1", "--interval", "0.2")

    assert done.returncode == 3, done.stderr
    assert unsafe_in(done.stdout) == []
    assert unsafe_in(done.stderr) == []
    assert "\\x1b[2J" in done.stdout  # shown, escaped: the progress lines and the report
    assert "[red]markup[/red]" in done.stdout  # markup literal


def test_piped_a_hostile_error_code_and_message_reach_no_stream_raw(hostile: HostileServer) -> None:
    hostile.serve(monitor_status(status="Failed", code=HOSTILE, message=HOSTILE))

    done = piped(hostile, "monitor", "wait", *MONITOR_IDS, "--interval", "0.1")

    assert done.returncode == 1, done.stderr
    assert unsafe_in(done.stdout) == []
    assert unsafe_in(done.stderr) == []
    [error] = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert error.startswith("error: \\x1b[2J\\x1b]0;pwned\\x07")


def test_piped_a_hostile_429_and_error_body_reach_no_stream_raw(hostile: HostileServer) -> None:
    body = {"error": {"code": HOSTILE, "message": HOSTILE}}
    hostile.serve(body, status=429, headers={"Retry-After": "0"})

    throttled = piped(hostile, "monitor", "wait", *MONITOR_IDS, "--interval", "0.1")
    hostile.serve(b"<html>\x1b[2J\x9b\x07 bad gateway</html>", status=400)
    refused = piped(hostile, "monitor", "get", *MONITOR_IDS)

    assert throttled.returncode == 5, throttled.stderr
    assert refused.returncode == 5, refused.stderr
    for done in (throttled, refused):
        assert unsafe_in(done.stdout) == []
    assert unsafe_in(done.stderr) == []
    assert "throttled (429" in throttled.stdout  # the progress line of each retried read
    assert "\\x1b[2J" in refused.stderr  # the body excerpt under the error line


def test_json_output_parses_to_the_exact_values_and_holds_no_raw_control(hostile: HostileServer) -> None:
    hostile.serve(monitor_status(status="Failed", code=HOSTILE, message=HOSTILE))

    done = piped(hostile, "monitor", "wait", *MONITOR_IDS, "--interval", "0.1", "--json")

    assert done.returncode == 1
    assert unsafe_in(done.stdout) == []
    assert unsafe_in(done.stderr) == []
    document = json.loads(done.stdout)  # a failed operation's document is the operation itself
    assert (document["status"], document["error"]["code"], document["error"]["message"]) == (
        "Failed",
        HOSTILE,
        HOSTILE,
    )


# --- in a real terminal: the live display, the report, the error line -------------------------------


def test_in_a_terminal_the_live_display_shows_hostile_steps_escaped(hostile: HostileServer) -> None:
    steps = [cpp_step("Validate", status="complete", percent=100), cpp_step(HOSTILE, status=HOSTILE)]
    hostile.serve(cpp_operation(status="running", steps=steps))

    code, raw, _ = pty(hostile, "partner-portal", "wait", *CPP_IDS, "--timeout", "1.5", "--interval", "0.2")

    assert code == 3, raw
    assert [seq for seq in RAW if seq in raw] == []
    assert "\\x1b[2J\\x1b]0;pwned" in raw  # drawn, escaped, by the live display


def test_in_a_terminal_a_failed_operation_s_report_and_error_line_show_hostile_text_escaped(
    hostile: HostileServer,
) -> None:
    hostile.serve(monitor_status(status=HOSTILE, code=HOSTILE, message=HOSTILE))
    code, running, _ = pty(hostile, "monitor", "wait", *MONITOR_IDS, "--timeout", "1", "--interval", "0.2")
    hostile.serve(monitor_status(status="Failed", code=HOSTILE, message=HOSTILE))
    failed_code, failed, _ = pty(hostile, "monitor", "wait", *MONITOR_IDS, "--interval", "0.2")

    assert (code, failed_code) == (3, 1)
    for raw in (running, failed):
        assert [seq for seq in RAW if seq in raw] == []
    assert re.search(r"error: \\x1b\[2J\\x1b\]0;pwned\\x07", failed)


# --- any text at all ---------------------------------------------------------------------------------

ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)


def _serve_json(server: HostileServer, body: object) -> None:
    try:
        server.serve(json.dumps(body, ensure_ascii=False).encode("utf-8"))
    except UnicodeEncodeError:  # a lone surrogate: sent as the JSON escape a server would use
        server.serve(json.dumps(body).encode("ascii"))


def _run(server: HostileServer, *argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    run([*argv, "--base-url", server.base_url], stdout=out, stderr=err, environ={"OPSTATUS_TOKEN": "t"})
    return out.getvalue() + err.getvalue()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(status=ANY_TEXT, name=ANY_TEXT, step_status=ANY_TEXT, message=ANY_TEXT)
def test_any_server_text_in_a_report_reaches_no_stream_raw(
    hostile: HostileServer, status: str, name: str, step_status: str, message: str
) -> None:
    _serve_json(
        hostile, cpp_operation(status=status, steps=[cpp_step(name, status=step_status)], messages=[message])
    )

    assert unsafe_in(_run(hostile, "partner-portal", "get", *CPP_IDS)) == []
    assert unsafe_in(_run(hostile, "partner-portal", "get", *CPP_IDS, "--json")) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=ANY_TEXT, message=ANY_TEXT)
def test_any_server_text_in_an_error_reaches_no_stream_raw(
    hostile: HostileServer, code: str, message: str
) -> None:
    _serve_json(hostile, monitor_status(status="Failed", code=code, message=message))

    assert unsafe_in(_run(hostile, "monitor", "wait", *MONITOR_IDS, "--interval", "0.1")) == []
    assert unsafe_in(_run(hostile, "monitor", "wait", *MONITOR_IDS, "--interval", "0.1", "--json")) == []


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(ANY_TEXT, min_size=5, max_size=5))
def test_any_server_text_in_a_live_frame_is_drawn_escaped(texts: list[str]) -> None:
    status, name, step_status, message, reason = texts
    step = StepProgress(name=name, state=OperationState.UNKNOWN, raw_status=step_status, percent=50.0)
    event = ProgressEvent(
        state=OperationState.RUNNING, raw_status=status, percent=10.0, message=message, elapsed=1.0,
        steps=(step, step), requests=2,
    )  # fmt: skip
    retry = RetryNotice(attempt=2, max_attempts=4, delay=1.0, reason=reason, throttled=True)
    view = LiveView(label="op", stream=_Terminal())
    view.update(event)
    view.update(attrs.evolve(event, retry=retry))
    frame = io.StringIO()
    # No colours and no cursor moves: anything that is a control character came from the data.
    Console(file=frame, width=100, color_system=None, force_terminal=False).print(view)

    assert unsafe_in(frame.getvalue()) == []


# --- a large answer does not starve the wait --------------------------------------------------------


@pytest.mark.parametrize("count", [1_500, 20_000])
def test_in_a_terminal_thousands_of_steps_draw_a_bounded_frame_and_the_wait_ends_on_time(
    hostile: HostileServer, count: int
) -> None:
    half = count // 2
    steps = [cpp_step(f"step number {n}", status="complete", percent=100) for n in range(half)] + [
        cpp_step(f"step number {n}", status="notStarted", percent=0) for n in range(half, count)
    ]
    hostile.serve(cpp_operation(status="running", steps=steps))
    hostile.reads = 0

    code, raw, took = pty(hostile, "partner-portal", "wait", *CPP_IDS, "--timeout", "2", "--interval", "0.2")

    assert code == 3, raw[-2000:]
    # The 2 s wait, plus at most one read's parsing past the deadline (about 1 s for 20,000 steps on
    # a loaded 2-core machine: the engine's cost, the same through a pipe), plus slack. Before the
    # bounded frame: 7.5 s for 1,500 steps, still running at 40 s for 20,000.
    assert took < 6, took
    # The display did not starve the reads: before, 1,500 steps got 2 reads in 7.5 s. A 20,000-step
    # answer costs the engine about 1 s a read on a loaded 2-core machine, so only one is sure there.
    assert hostile.reads >= (2 if count <= 1_500 else 1)
    drawn = set(re.findall(r"step number (\d+)", raw))
    assert 0 < len(drawn) <= MAX_STEPS  # a bounded window around the current step, whatever the count
    assert f"step number {half}" in raw  # the current step is in it
    assert re.search(rf"\+ {count - half - (MAX_STEPS - 1)} more steps", raw)
    assert re.search(rf"… {half - 1} earlier steps", raw)
