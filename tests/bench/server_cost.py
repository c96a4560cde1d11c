"""Why the timing figures use the bench responder: one raw httpx GET against each server.

The same bare `httpx.Client` GET + json.loads (the section-2 baseline) is timed against the bench
responder and against the real emulator (tests.bench.emulator_server, its own process), interleaved
over rounds. The difference is the server's own per-request cost, which would otherwise be added to
every client's figure and shrink every ratio toward 1.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from statistics import median
from typing import Any

import httpx

from tests.bench.loops import time_sync
from tests.bench.processes import (
    REPO_ROOT,
    VENV_PYTHON,
    BenchProcessError,
    child_env,
    readline_with_timeout,
    stop_process,
)
from tests.bench.targets import TOKEN, raw_url


@contextmanager
def running_emulator(*, start_timeout_s: float = 60.0) -> Iterator[str]:
    """Start the emulator process; yield the status URL of its one running monitor operation."""
    proc = subprocess.Popen(
        [str(VENV_PYTHON), "-m", "tests.bench.emulator_server"],
        cwd=REPO_ROOT,
        env=child_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = readline_with_timeout(proc, start_timeout_s).strip()
        if not line.startswith("http://127.0.0.1:"):
            raise BenchProcessError(f"emulator printed {line!r} instead of a loopback status URL")
        yield line
    finally:
        stop_process(proc)


def measure(*, responder: str, rounds: int, calls: int) -> dict[str, Any]:
    per_call: dict[str, list[float]] = {"bench responder": [], "opstatus emulator": []}
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with running_emulator() as emulator_url, httpx.Client(headers=headers) as client:
        urls = {"bench responder": raw_url(responder, "monitor"), "opstatus emulator": emulator_url}
        for name, url in urls.items():  # both must answer 200 with JSON before anything is timed
            response = client.get(url)
            if response.status_code != 200:
                raise BenchProcessError(f"{name} answered {response.status_code}: {response.text[:300]}")
            json.loads(response.content)
        for _ in range(rounds):
            for name, url in urls.items():

                def call(url: str = url) -> object:
                    return json.loads(client.get(url).content)

                sample = time_sync(call, calls=calls, warmup=10, budget_s=10.0)
                per_call[name].append(sample.wall_us_per_call)
    return {
        "rounds": rounds,
        "calls": calls,
        "median_wall_us": {name: median(values) for name, values in per_call.items()},
    }
