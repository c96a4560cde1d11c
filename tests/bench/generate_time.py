"""Wall time of `make generate` (specs -> generated/), and whether it changed anything.

Runs the real target in the checkout (generation is deterministic, so a clean tree stays clean; the
report says if generated/ changed). The command is injectable so the smoke test can exercise the
code path without regenerating.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Sequence
from statistics import median
from typing import Any

from tests.bench.processes import REPO_ROOT, BenchProcessError

MAKE_GENERATE: tuple[str, ...] = ("make", "--no-print-directory", "generate")


def _generated_status() -> str:
    done = subprocess.run(
        ["git", "status", "--porcelain", "--", "generated"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.stdout


def measure(
    *, rounds: int, command: Sequence[str] = MAKE_GENERATE, timeout_s: float = 300.0
) -> dict[str, Any]:
    before = _generated_status()
    seconds: list[float] = []
    for _ in range(rounds):
        start = time.perf_counter()
        try:
            done = subprocess.run(
                list(command), cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout_s, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise BenchProcessError(f"{' '.join(command)} did not finish within {timeout_s} s") from exc
        seconds.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise BenchProcessError(f"{' '.join(command)} failed:\n{done.stderr.strip()[-3000:]}")
    return {
        "command": " ".join(command),
        "rounds": rounds,
        "median_s": median(seconds),
        "all_s": seconds,
        "generated_changed": _generated_status() != before,
    }
