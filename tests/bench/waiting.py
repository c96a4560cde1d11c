"""Waiting on a virtual clock: how many status reads, and how late the end is noticed.

The real opstatus Poller runs against a fake status fetch and an injected clock + sleep, so a 1-hour
operation takes milliseconds and nothing sleeps. The operation reports running until `duration`
virtual seconds have passed, then succeeded; detection delay = virtual time when result() returns
minus `duration`. Jitter comes from a seeded RNG; each case runs over several seeds (median and worst
reported). With Retry-After, every sleep is checked against what the server asked, clamped to the
caller's PollingPolicy floor and cap.
"""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass
from statistics import median
from typing import Any

DURATIONS_S: tuple[float, ...] = (2.0, 30.0, 300.0, 3600.0)


@dataclass
class _VirtualClock:
    now: float = 0.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@dataclass(frozen=True)
class WaitRun:
    requests: int
    detection_delay_s: float
    sleeps: tuple[float, ...]


def run_once(
    *,
    duration_s: float,
    seed: int,
    retry_after_s: float | None = None,
    policy_kwargs: dict[str, Any] | None = None,
) -> WaitRun:
    """One wait for an operation of `duration_s` virtual seconds, through opstatus's real Poller."""
    from opstatus._policy import PollingPolicy
    from opstatus._poller import Poller
    from opstatus._status import StatusReader, StatusResponse

    table = importlib.import_module("opstatus._generated.monitor.polling").TABLE
    clock = _VirtualClock()
    sleeps: list[float] = []
    requests = 0

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock.sleep(seconds)

    def fetch(remaining: float | None) -> StatusResponse[dict[str, str]]:
        nonlocal requests
        requests += 1
        if requests > 100_000:
            raise RuntimeError("the poller did not stop: more than 100,000 status reads")
        body = {"status": "Succeeded" if clock.now >= duration_s else "InProgress"}
        return StatusResponse(body=body, resource=body, retry_after=retry_after_s, request_id=None)

    poller = Poller(
        fetch=fetch,
        reader=StatusReader.from_table(table),
        status_url="http://127.0.0.1/bench/operation",
        policy=PollingPolicy(**(policy_kwargs or {})),
        clock=clock.clock,
        sleep=sleep,
        wall_clock=clock.clock,
        rng=random.Random(seed).random,
    )
    poller.result()
    return WaitRun(requests=requests, detection_delay_s=clock.now - duration_s, sleeps=tuple(sleeps))


def default_policy_table(*, seeds: int) -> list[dict[str, Any]]:
    """Per duration: requests and detection delay (median and worst over seeds), default policy."""
    rows: list[dict[str, Any]] = []
    for duration in DURATIONS_S:
        runs = [run_once(duration_s=duration, seed=seed) for seed in range(seeds)]
        delays = [run.detection_delay_s for run in runs]
        requests = [run.requests for run in runs]
        rows.append(
            {
                "duration_s": duration,
                "requests_median": median(requests),
                "requests_max": max(requests),
                "delay_median_s": median(delays),
                "delay_max_s": max(delays),
                "delay_allowed_s": max(1.0, 0.2 * duration),
            }
        )
    return rows


# (label, Retry-After the server sends, PollingPolicy overrides, the wait the caller should see)
RETRY_AFTER_CASES: tuple[tuple[str, float, dict[str, Any], float], ...] = (
    ("server asks 5 s, default policy", 5.0, {}, 5.0),
    ("server asks 0 s, floor 2 s", 0.0, {"min_delay": 2.0}, 2.0),
    ("server asks 600 s, cap 60 s", 600.0, {"max_delay": 60.0}, 60.0),
)


def retry_after_table(*, seeds: int, duration_s: float = 300.0) -> list[dict[str, Any]]:
    """Every sleep compared with the clamped Retry-After (an exact match is what the goal asks)."""
    rows: list[dict[str, Any]] = []
    for label, asked, policy_kwargs, expected in RETRY_AFTER_CASES:
        runs = [
            run_once(duration_s=duration_s, seed=seed, retry_after_s=asked, policy_kwargs=policy_kwargs)
            for seed in range(seeds)
        ]
        sleeps = [s for run in runs for s in run.sleeps]
        exact = sum(1 for s in sleeps if abs(s - expected) < 1e-9)
        rows.append(
            {
                "case": label,
                "duration_s": duration_s,
                "expected_sleep_s": expected,
                "sleeps": len(sleeps),
                "sleeps_exact": exact,
                "sleep_min_s": min(sleeps) if sleeps else None,
                "sleep_max_s": max(sleeps) if sleeps else None,
                "requests_median": median(run.requests for run in runs),
                "delay_median_s": median(run.detection_delay_s for run in runs),
            }
        )
    return rows


def measure(*, seeds: int) -> dict[str, Any]:
    return {
        "seeds": seeds,
        "default": default_policy_table(seeds=seeds),
        "retry_after": retry_after_table(seeds=seeds),
    }
