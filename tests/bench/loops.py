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


async def time_async_paired(
    call: Callable[[], Awaitable[object]],
    *,
    switch: Callable[[bool], None],
    pairs: int,
    in_flight: int,
    calls: int,
    warmup: int,
    budget_s: float,
) -> tuple[Sample, Sample]:
    """Blocks of distinct and of repeated reads, alternating in one process: (distinct, repeated).

    ``switch(True)`` makes ``call`` read distinct operations, ``switch(False)`` the one repeated. Each
    of the ``pairs`` pairs runs one block of each (:func:`time_async_concurrent`, ``calls`` calls or
    ``budget_s``), the first of a pair alternating, and each side's samples are summed. Two processes
    of one program differ by several per cent in CPU per call on this kind of machine (memory layout,
    what else runs on the host), more than the difference measured here; blocks seconds apart in one
    process see the same process and nearly the same load.
    """
    for distinct in (True, False):
        switch(distinct)
        await asyncio.gather(*(call() for _ in range(warmup)))
    totals = {True: [0, 0.0, 0.0], False: [0, 0.0, 0.0]}
    for index in range(pairs):
        for distinct in (True, False) if index % 2 == 0 else (False, True):
            switch(distinct)
            sample = await time_async_concurrent(
                call, in_flight=in_flight, calls=calls, warmup=0, budget_s=budget_s
            )
            total = totals[distinct]
            total[0] += sample.calls
            total[1] += sample.wall_s
            total[2] += sample.cpu_s
    switch(True)
    distinct_total, repeated_total = totals[True], totals[False]
    return (
        Sample(calls=int(distinct_total[0]), wall_s=distinct_total[1], cpu_s=distinct_total[2]),
        Sample(calls=int(repeated_total[0]), wall_s=repeated_total[1], cpu_s=repeated_total[2]),
    )


def emit(
    samples: dict[str, Sample], *, paired_repeated: dict[str, Sample] | None = None, **extra: Any
) -> None:
    """Print the samples as the single JSON line the runner reads from a contender's stdout.

    ``paired_repeated``: in a paired run, the repeated blocks' samples (``samples`` holds the distinct ones).
    """
    payload = {name: asdict(sample) for name, sample in samples.items()}
    if paired_repeated:
        extra["paired_repeated"] = {name: asdict(sample) for name, sample in paired_repeated.items()}
    print(json.dumps({"samples": payload, **extra}), file=sys.stdout, flush=True)
