"""``python -m opstatus.emulator``: starts, prints the URLs to use, serves them, stops on a signal."""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest
from opstatus.emulator import API_KEYS, main
from opstatus.emulator._apis import profile_for

from tests.child_signals import default_sigint


def test_the_standalone_emulator_prints_its_urls_serves_demo_operations_and_stops_on_sigint() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "opstatus.emulator", "--port", "0", "--demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=default_sigint,
    )
    try:
        lines = []
        deadline = time.monotonic() + 20
        assert process.stdout is not None
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            lines.append(line)
            if "press Ctrl-C" in line or not line:
                break
        output = "".join(lines)
        origin = re.search(r"listening on (http://127\.0\.0\.1:\d+)", output)
        assert origin is not None, output
        demo_urls = re.findall(r"^\s+(http://\S+)$", output, flags=re.MULTILINE)
        commands = re.findall(r"^\s+(opstatus \S+ wait .+)$", output, flags=re.MULTILINE)

        keys = {header for api in API_KEYS if (header := profile_for(api).api_key_header) is not None}
        credentials = {"Authorization": "Bearer demo", **dict.fromkeys(sorted(keys), "demo")}
        responses = [httpx.get(url, headers=credentials) for url in demo_urls]

        assert re.search(rf"graph_billing +{re.escape(origin.group(1))}/v1\.0", output), output
        assert "export OPSTATUS_TOKEN=emulator" in output
        quickstarts = sum(profile_for(api).emulation.demo_quickstart for api in API_KEYS)
        # a success and a failure per API, from its description; plus the README quickstart's operation
        assert len(demo_urls) == len(commands) == 2 * len(API_KEYS) + quickstarts
        assert {response.status_code for response in responses} == {200}
        pasted = subprocess.run(
            [sys.executable, "-m", *shlex.split(commands[0])],  # as printed, after `python -m`
            env={**os.environ, "OPSTATUS_TOKEN": "emulator"},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert pasted.returncode == 0, pasted.stdout + pasted.stderr
        assert "monitor operation 713192d7-503f-477a-9cfe-4efc3ee2bd11: succeeded" in pasted.stdout
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=15)
    assert code == 0


def test_a_port_in_use_is_reported_with_exit_code_1(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        code = main(["--port", str(port)])

    assert code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


def test_an_out_of_range_port_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--port", "70000"])

    assert caught.value.code == 2
    assert "--port must be 0-65535" in capsys.readouterr().err
