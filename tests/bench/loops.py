"""Timing loops shared by every contender process (stdlib only: peer scripts import it too).

Each loop runs a warm-up, then times a bounded number of calls, bounded also by a wall-clock budget,
and returns one Sample: calls made, wall seconds, process CPU seconds (all threads). Per-call figures
are Sample.wall_s / calls. A contender process prints its samples as one JSON line (see emit()).
"""

from __future__ import annotations

import asyncio
import gc
import json
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Sample:
    """One timed stretch of calls in one process."""

    calls: int
    wall_s: float
    cpu_s: float

    @property
    def wall_us_per_call(self) -> float:
        return self.wall_s / self.calls * 1e6

    @property
    def cpu_us_per_call(self) -> float:
        return self.cpu_s / self.calls * 1e6

    @property
    def calls_per_s(self) -> float:
        return self.calls / self.wall_s


def time_sync(call: Callable[[], object], *, calls: int, warmup: int, budget_s: float) -> Sample:
    """Time `calls` sequential calls (fewer if `budget_s` runs out first; at least one)."""
    for _ in range(warmup):
        call()
    gc.collect()
    deadline = time.perf_counter() + budget_s
    cpu0, wall0 = time.process_time(), time.perf_counter()
    done = 0
    while done < calls:
        call()
        done += 1
        if time.perf_counter() > deadline:
            break
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return Sample(calls=done, wall_s=wall, cpu_s=cpu)


async def time_async_sequential(
    call: Callable[[], Awaitable[object]], *, calls: int, warmup: int, budget_s: float
) -> Sample:
    """Time `calls` awaited one after the other on the running loop."""
    for _ in range(warmup):
        await call()
    gc.collect()
    deadline = time.perf_counter() + budget_s
    cpu0, wall0 = time.process_time(), time.perf_counter()
    done = 0
    while done < calls:
        await call()
        done += 1
        if time.perf_counter() > deadline:
            break
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return Sample(calls=done, wall_s=wall, cpu_s=cpu)


async def time_async_concurrent(
    call: Callable[[], Awaitable[object]],
    *,
    in_flight: int,
    calls: int,
    warmup: int,
    budget_s: float,
) -> Sample:
    """Keep `in_flight` calls running at once until `calls` are done (or the budget runs out).

    `in_flight` worker tasks each await one call after another, so the number of outstanding calls
    stays constant; each worker stops taking new calls once the budget has passed, so the run ends
    at most one call latency after the budget. Any call error aborts the run (no silent failures).
    """
    warm = [call() for _ in range(warmup)]
    await asyncio.gather(*warm)
    gc.collect()
    deadline = time.perf_counter() + budget_s
    remaining = calls
    done = 0

    async def worker() -> None:
        nonlocal remaining, done
        while remaining > 0 and time.perf_counter() < deadline:
            remaining -= 1
            await call()
            done += 1

    cpu0, wall0 = time.process_time(), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(in_flight)))
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return Sample(calls=done, wall_s=wall, cpu_s=cpu)


def emit(samples: dict[str, Sample], **extra: Any) -> None:
    """Print the samples as the single JSON line the runner reads from a contender's stdout."""
    payload = {name: asdict(sample) for name, sample in samples.items()}
    print(json.dumps({"samples": payload, **extra}), file=sys.stdout, flush=True)
