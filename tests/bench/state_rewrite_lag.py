"""How long ``wait-all --state``'s periodic rewrite stalls the event loop (a probe, not a unit test).

    .venv/bin/python -m tests.bench.state_rewrite_lag [--ops 10000] [--rewrites 10]

It builds what ``wait-all`` holds: one :class:`opstatus.AsyncOperationSet` of ``--ops`` distinct
monitor operations (pollers from status URLs: their continuation tokens are real, nothing is read)
and a :class:`StateFile` in a temporary directory, first saved as a run starts. Then, on the event
loop, the command's own tick (``_wait_all._TICK`` seconds: ``save_if_due`` with the set's tokens)
runs next to a probe coroutine that sleeps 1 ms over and over and records how late each wake-up is.
The longest lateness is the longest stall: time in which ``wait-all`` would have sent no read and
read no answer. It prints the longest stall, the 99th percentile and the median, the longest garbage
collection in that time (it stalls the loop too, whoever set it off), and the file's line count.
Run it on main and on a branch to compare (the script only uses ``save_if_due`` and ``close``).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import tempfile
import time
from pathlib import Path

import opstatus
from opstatus.cli._wait_all import _TICK
from opstatus.cli._wait_all_state import StateFile

_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"
_PROBE_SLEEP = 0.001


def _status_url(index: int) -> str:
    return (
        f"http://127.0.0.1:9/subscriptions/{_SUBSCRIPTION}/providers/Microsoft.Insights/locations/"
        f"westus/operationStatuses/op-{index:06d}?api-version=2021-01-01"
    )


async def _probe(stop: asyncio.Event, lateness: list[float]) -> None:
    while not stop.is_set():
        asked = time.perf_counter()
        await asyncio.sleep(_PROBE_SLEEP)
        lateness.append(time.perf_counter() - asked - _PROBE_SLEEP)


class _Pauses:
    """Where a stall may come from: the longest ``save_if_due`` call (the rewrite's part on the loop)
    and the longest garbage collection (a gc.callbacks hook: it stalls the loop whoever set it off)."""

    def __init__(self) -> None:
        self.on_loop, self.collecting, self._started = 0.0, 0.0, 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.collecting = max(self.collecting, time.perf_counter() - self._started)


async def _measure(
    ops: int, rewrites: int, interval: float, directory: Path, pauses: _Pauses
) -> tuple[list[float], int]:
    client = opstatus.AsyncMonitorClient(base_url="http://127.0.0.1:9", token="not-sent")
    waiting = opstatus.AsyncOperationSet(max_in_flight=32)
    for index in range(ops):
        waiting.add(client.poller_from_url(_status_url(index)), label=str(index))

    def tokens() -> dict[int, str]:
        return {int(label): token for label, token in waiting.continuation_tokens().items()}

    lines = [_status_url(index) for index in range(ops)]
    state = StateFile.open(str(directory / "wait-all.state"), lines, interval=interval)
    state.save(tokens())  # as a run starts, before any read: not measured
    gc.collect()
    gc.callbacks.append(pauses)
    stop, lateness = asyncio.Event(), list[float]()
    probe = asyncio.ensure_future(_probe(stop, lateness))
    started = time.perf_counter()
    try:
        while time.perf_counter() - started < rewrites * interval + _TICK:
            before = time.perf_counter()
            state.save_if_due(tokens)
            pauses.on_loop = max(pauses.on_loop, time.perf_counter() - before)
            await asyncio.sleep(_TICK)
    finally:
        stop.set()
        await probe
        gc.callbacks.remove(pauses)
        state.close()
        await waiting.aclose()
        await client.aclose()
    written = (directory / "wait-all.state").read_text().count("\n")
    return lateness, written


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n", 1)[0])
    parser.add_argument("--ops", type=int, default=10_000)
    parser.add_argument("--rewrites", type=int, default=10)
    parser.add_argument("--interval", type=float, default=1.0, help="--state-interval (seconds)")
    args = parser.parse_args()
    pauses = _Pauses()
    with tempfile.TemporaryDirectory() as directory:
        lateness, lines = asyncio.run(
            _measure(args.ops, args.rewrites, args.interval, Path(directory), pauses)
        )
    ordered = sorted(lateness)
    p99 = ordered[int(len(ordered) * 0.99)]
    print(
        f"{args.ops} operations, a rewrite every {args.interval:g} s for {args.rewrites} intervals: "
        f"longest loop stall {max(lateness) * 1000:.1f} ms, p99 {p99 * 1000:.2f} ms, "
        f"median {statistics.median(lateness) * 1000:.2f} ms over {len(lateness)} probe wake-ups; "
        f"longest save_if_due call {pauses.on_loop * 1000:.1f} ms; "
        f"longest garbage collection meanwhile {pauses.collecting * 1000:.1f} ms; the file has {lines} lines"
    )


if __name__ == "__main__":
    main()
