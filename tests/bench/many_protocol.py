"""The command line and output of a "many operations" contender (stdlib only: the peer script uses it).

`<python> -m <module> --server URL --operations N --interval P [--style gather|set] [--fast]`: wait on
operations 0..N-1 (tests.bench.targets.many_operation_id) of the monitor subscription, every one read
at the same fixed polling interval P, and print one JSON line: when each completion was reported
(`time.monotonic()`, the clock the responder stamps with), how many waits gave up and why, and the
process's wall time, CPU time and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ManyArgs:
    server: str
    operations: int
    interval: float
    style: str
    fast: bool


def parse_many_args(argv: list[str] | None = None) -> ManyArgs:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True, help="responder base URL (loopback)")
    parser.add_argument("--operations", type=int, required=True)
    parser.add_argument("--interval", type=float, required=True, help="polling interval, seconds")
    parser.add_argument("--style", choices=("gather", "set"), default="gather")
    parser.add_argument("--fast", action="store_true", help="let opstatus use aiohttp (opstatus[fast])")
    ns = parser.parse_args(argv)
    if not ns.server.startswith(("http://127.0.0.1:", "http://localhost:")):
        parser.error("benchmarks only talk to loopback servers")
    return ManyArgs(ns.server, ns.operations, ns.interval, ns.style, ns.fast)


@dataclass
class ManyRecord:
    """What one contender process saw: completion reports and the waits that ended otherwise."""

    detected: list[tuple[int, float]] = field(default_factory=list)
    gave_up: Counter[str] = field(default_factory=Counter)
    started_wall: float = field(default_factory=time.perf_counter)
    started_cpu: float = field(default_factory=time.process_time)

    def done(self, index: int) -> None:
        self.detected.append((index, time.monotonic()))

    def failed(self, index: int, error: BaseException) -> None:
        self.gave_up[type(error).__name__] += 1

    def emit(self, **extra: Any) -> None:
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux
        payload = {
            "detected": self.detected,
            "gave_up": dict(self.gave_up),
            "wall_s": time.perf_counter() - self.started_wall,
            "cpu_s": time.process_time() - self.started_cpu,
            "peak_rss_mb": peak_kb / 1024,
            **extra,
        }
        sys.stdout.write(json.dumps(payload) + "\n")
        sys.stdout.flush()
