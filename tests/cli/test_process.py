"""The command as a real process: console script, pipes (not a terminal), the emulator, the demo."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from opstatus.emulator import EmulatorServer, Lifecycle, Phase

from tests.api_catalog import KEYS

from .conftest import FAST, TOKEN, Cli, assert_no_token, ids

PYTHON = sys.executable
CONSOLE_SCRIPT = Path(sys.executable).parent / "opstatus"


def opstatus(*argv: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OPSTATUS_TOKEN": TOKEN}
    done = subprocess.run(
        [PYTHON, "-m", "opstatus.cli", *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert_no_token(done.stdout + done.stderr)
    return done


def test_console_script_is_installed_and_answers_version() -> None:
    done = subprocess.run(
        [str(CONSOLE_SCRIPT), "--version"], capture_output=True, text=True, timeout=30, check=False
    )

    assert done.returncode == 0
    assert done.stdout == "opstatus 0.1.0\n"


def test_through_a_pipe_progress_is_plain_lines_and_the_error_goes_to_stderr(
    emulator: EmulatorServer,
) -> None:
    op = emulator.create_operation(
        "monitor",
        lifecycle=Lifecycle.fails(after=2, code="Conflict", message="Another operation is in progress."),
    )

    done = opstatus("monitor", "wait", *ids(op), *FAST, "--base-url", emulator.base_url)

    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert re.fullmatch(rf"\[ *\d+\.\ds\] monitor operation {op.id}: running \(Running\)", lines[0])
    assert lines[-3:-1] == [
        f"monitor operation {op.id}: failed (Failed)",
        "  error   Conflict: Another operation is in progress.",
    ]
    assert done.stderr == "error: Conflict: Another operation is in progress.\n"


def test_json_through_a_pipe_is_parseable_as_a_whole(emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle(phases=(Phase(seconds=2, percent=50),)))

    done = opstatus("monitor", "wait", *ids(op), *FAST, "--json", "--quiet", "--base-url", emulator.base_url)

    assert done.returncode == 0
    assert json.loads(done.stdout)["status"] == "Succeeded"
    assert done.stderr == ""


def test_emulator_subcommand_runs_the_emulator_until_sigterm() -> None:
    process = subprocess.Popen(
        [PYTHON, "-m", "opstatus.cli", "emulator", "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline()]
        while lines[-1] and not lines[-1].startswith("press Ctrl-C"):
            lines.append(process.stdout.readline())
        assert re.fullmatch(
            r"opstatus emulator listening on http://127\.0\.0\.1:\d+ \(clock: wall\)\n", lines[0]
        )
        # The emulator installs its SIGTERM handler just after printing that line: give it a moment.
        time.sleep(0.5)
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=15)
    assert code == 0


def test_emulator_subcommand_passes_its_arguments_on(cli: Cli) -> None:
    ran = cli("emulator", "--port", "70000", base_url=False)

    assert ran.code == 2
    assert "opstatus emulator: error: --port must be 0-65535, not 70000" in ran.err


def test_emulator_subcommand_help_names_itself(cli: Cli) -> None:
    ran = cli("emulator", "--help", base_url=False)

    assert ran.code == 0
    assert ran.out.startswith("usage: opstatus emulator")


def test_missing_extras_print_the_exact_install_hint() -> None:
    script = textwrap.dedent(
        """
        import io, json, sys
        sys.modules["starlette"] = None
        from opstatus.cli import run
        results = {}
        for command in ("emulator", "demo"):
            err = io.StringIO()
            code = run([command], stdout=io.StringIO(), stderr=err, environ={})
            results[command] = [code, err.getvalue()]
        print(json.dumps(results))
        """
    )
    done = subprocess.run([PYTHON, "-c", script], capture_output=True, text=True, timeout=30, check=True)

    results = json.loads(done.stdout)
    assert results["emulator"] == [
        2,
        "error: MissingExtraError: the emulator needs starlette: pip install 'opstatus[emulator]'\n",
    ]
    assert results["demo"] == [
        2,
        "error: MissingExtraError: the demo needs starlette: pip install 'opstatus[cli,emulator]'\n",
    ]


def test_importing_opstatus_loads_neither_the_cli_nor_rich() -> None:
    script = textwrap.dedent(
        """
        import json, sys
        import httpx, attrs
        before = {name for name in sys.modules if name == "rich" or name.startswith("rich.")}
        import opstatus
        opstatus.MonitorClient, opstatus.PartnerPortalClient, opstatus.GraphBillingClient
        added = {name for name in sys.modules if name == "rich" or name.startswith("rich.")} - before
        cli = sorted(name for name in sys.modules if name.startswith("opstatus.cli"))
        import opstatus.cli
        live = "opstatus.cli._live" in sys.modules
        print(json.dumps({"rich_added": sorted(added), "cli": cli, "live_after_cli_import": live}))
        """
    )
    done = subprocess.run([PYTHON, "-c", script], capture_output=True, text=True, timeout=30, check=True)

    # httpx itself imports rich when its own CLI's packages are installed; opstatus adds nothing.
    assert json.loads(done.stdout) == {"rich_added": [], "cli": [], "live_after_cli_import": False}


def test_the_demo_runs_end_to_end_and_summarises_every_api() -> None:
    started = time.monotonic()
    done = opstatus("demo", "--speed", "10", timeout=90)
    took = time.monotonic() - started

    assert done.returncode == 0, done.stdout + done.stderr
    summary = done.stdout[done.stdout.index("\nsummary\n") :].splitlines()
    rows = {line.split()[0]: line for line in summary[3:-1]}  # one row per API, however many there are
    assert set(rows) == set(KEYS)
    assert re.match(r"  partner_portal +\S+ +succeeded +0 ", rows["partner_portal"])
    assert re.match(r"  graph_billing +\S+ +succeeded +0 ", rows["graph_billing"])
    assert re.match(r"  monitor +\S+ +failed +1 ", rows["monitor"])
    assert "every command exited as expected; emulator stopped" in summary[-1]
    assert "step 3/3 Live: complete 100%" in done.stdout
    assert "sas token  REDACTED" in done.stdout
    assert not re.search(r"demo-[A-Za-z0-9_-]{20,}", done.stdout + done.stderr)  # the demo's own token
    assert took < 60
