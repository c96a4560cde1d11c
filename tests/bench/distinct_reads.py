"""Reads of distinct operations against reads of one repeated operation, `fast` against raw aiohttp.

Issue 22's per-read goals, measured alone (the official section lives in `make bench`): at 1,000 reads
in flight, a read of an operation never read before must cost at most 1.10x a read of one operation
read over and over, and opstatus with `opstatus[fast]` (aiohttp, picked out of the box) must serve at
least 0.75x raw aiohttp's calls/s, on both rows.

    .venv/bin/python -m tests.bench.distinct_reads [--rounds 7] [--calls 8000] [--baseline DIR]
    .venv/bin/python -m tests.bench.distinct_reads --instructions [--baseline DIR]

Each round runs every (contender, row) pair once, in a shuffled order, each in a fresh process against
the same responder (tests.bench.responder, which answers every monitor status path); figures are
medians over rounds, and ratios are medians of the ratios within each round (the two sides of a ratio
ran minutes apart at most, under the same load). Rows:

* ``repeated``: every read is of one operation (what the other bench sections and a single poller do);
* ``distinct``: every read, warm-up included, is of an operation not read before in that process
  (10,000 operation ids, one per read: ``--calls`` plus the warm-up must not exceed that).

Contenders: ``opstatus`` (``AsyncMonitorClient(token=..., base_url=...)``, which picks its aiohttp
transport by itself: checked), ``raw_aiohttp`` (one ``ClientSession``, a GET of the formatted URL and
``json.loads``, as tests/bench/contenders/raw_aiohttp.py), and with ``--baseline DIR`` the opstatus of
another checkout (``DIR/overrides`` put first on ``PYTHONPATH``, e.g. from
``git archive main overrides generated | tar -x -C DIR``) as ``baseline``.

On a loaded machine one round's calls/s swing by 2x, so ``--instructions`` counts what does not depend
on load: the CPU instructions of one read, under valgrind's cachegrind (``--cache-sim=no``), as the
difference between a run of 3,000 reads and one of 1,000 over 2,000 (300 in flight: at 1,000 the
valgrind-slowed reads would run into their own timeouts; 200 warm-up reads each).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
from collections.abc import Awaitable
from pathlib import Path
from statistics import median
from typing import Any

from tests.bench.loops import time_async_concurrent
from tests.bench.targets import (
    MONITOR_API_VERSION,
    MONITOR_OPERATION,
    MONITOR_RESOURCE_GROUP,
    MONITOR_SUBSCRIPTION,
    TOKEN,
)

DISTINCT_OPERATIONS = 10_000
ROWS = ("repeated", "distinct")


def operation_ids(row: str, count: int) -> list[str]:
    """The operation id of each read, in order: one id for ``repeated``, a new one per read otherwise."""
    if row == "repeated":
        return [MONITOR_OPERATION] * count
    if count > DISTINCT_OPERATIONS:
        raise ValueError(
            f"{count} reads would repeat some of the {DISTINCT_OPERATIONS:,} distinct operations"
        )
    return [f"{index:08x}-503f-477a-9cfe-4efc3ee2bd12" for index in range(count)]


def _raw_url(server: str, operation: str) -> str:
    return (
        f"{server}/subscriptions/{MONITOR_SUBSCRIPTION}/resourceGroups/{MONITOR_RESOURCE_GROUP}"
        f"/providers/microsoft.insights/privateLinkScopeOperationStatuses/{operation}"
        f"?api-version={MONITOR_API_VERSION}"
    )


async def _measure(
    contender: str, row: str, server: str, calls: int, warmup: int, in_flight: int
) -> dict[str, Any]:
    ids = iter(operation_ids(row, calls + warmup + in_flight))
    if contender == "raw_aiohttp":
        import aiohttp

        headers = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}
        async with aiohttp.ClientSession(headers=headers) as session:

            async def raw_call() -> object:
                async with session.get(_raw_url(server, next(ids))) as response:
                    response.raise_for_status()
                    return json.loads(await response.read())

            sample = await time_async_concurrent(
                raw_call, in_flight=in_flight, calls=calls, warmup=warmup, budget_s=60.0
            )
        return {"calls": sample.calls, "wall_s": sample.wall_s, "cpu_s": sample.cpu_s}

    import opstatus

    async with opstatus.AsyncMonitorClient(token=TOKEN, base_url=server) as client:
        if client.transport_name != "aiohttp":
            raise RuntimeError(f"opstatus[fast] is not in use: transport {client.transport_name!r}")

        def opstatus_call() -> Awaitable[object]:
            return client.get_operation_status(
                subscription_id=MONITOR_SUBSCRIPTION,
                resource_group_name=MONITOR_RESOURCE_GROUP,
                async_operation_id=next(ids),
            )

        sample = await time_async_concurrent(
            opstatus_call, in_flight=in_flight, calls=calls, warmup=warmup, budget_s=60.0
        )
    return {"calls": sample.calls, "wall_s": sample.wall_s, "cpu_s": sample.cpu_s, "file": opstatus.__file__}


def _worker(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contender", required=True)
    parser.add_argument("--row", choices=ROWS, required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--calls", type=int, required=True)
    parser.add_argument("--warmup", type=int, required=True)
    parser.add_argument("--in-flight", type=int, required=True)
    ns = parser.parse_args(argv)
    if not ns.server.startswith("http://127.0.0.1:"):
        parser.error("benchmarks only talk to loopback servers")
    result = asyncio.run(_measure(ns.contender, ns.row, ns.server, ns.calls, ns.warmup, ns.in_flight))
    print(json.dumps(result), flush=True)


def _run(contender: str, row: str, server: str, args: argparse.Namespace) -> dict[str, Any]:
    from tests.bench.processes import REPO_ROOT, child_env, run_json

    env = child_env()
    if contender == "baseline":
        env["PYTHONPATH"] = f"{Path(args.baseline).resolve() / 'overrides'}{os.pathsep}{REPO_ROOT}"
    argv = [
        sys.executable,
        "-m",
        "tests.bench.distinct_reads",
        "--worker",
        "--contender",
        "raw_aiohttp" if contender == "raw_aiohttp" else "opstatus",
        "--row",
        row,
        "--server",
        server,
        "--calls",
        str(args.calls),
        "--warmup",
        str(args.warmup),
        "--in-flight",
        str(args.in_flight),
    ]
    return run_json(argv, timeout_s=180.0, env=env)


def _ratio_lines(samples: dict[tuple[str, str], list[dict[str, Any]]], contenders: list[str]) -> list[str]:
    def per_round(top: tuple[str, str], bottom: tuple[str, str], measure: str) -> list[float]:
        return [
            _measure_of(a, measure) / _measure_of(b, measure)
            for a, b in zip(samples[top], samples[bottom], strict=True)
        ]

    lines = []
    for name in (c for c in contenders if c != "raw_aiohttp"):
        cpu = per_round((name, "distinct"), (name, "repeated"), "cpu_us")
        wall = per_round((name, "distinct"), (name, "repeated"), "wall_us")
        lines.append(
            f"{name}: distinct / repeated, CPU per read {median(cpu):.3f}x, wall per read {median(wall):.3f}x"
            f" (rounds {min(cpu):.2f}-{max(cpu):.2f}x by CPU; goal <= 1.10x)"
        )
        for row in ROWS:
            speed = per_round((name, row), ("raw_aiohttp", row), "calls_per_s")
            lines.append(
                f"{name} / raw aiohttp, {row}: calls/s {median(speed):.3f}x "
                f"(rounds {min(speed):.2f}-{max(speed):.2f}x; goal >= 0.75x)"
            )
    raw_cpu = per_round(("raw_aiohttp", "distinct"), ("raw_aiohttp", "repeated"), "cpu_us")
    lines.append(f"raw_aiohttp: distinct / repeated, CPU per read {median(raw_cpu):.3f}x")
    return lines


def _measure_of(sample: dict[str, Any], measure: str) -> float:
    if measure == "calls_per_s":
        return float(sample["calls"] / sample["wall_s"])
    seconds = sample["cpu_s"] if measure == "cpu_us" else sample["wall_s"]
    return float(seconds / sample["calls"] * 1e6)


def _instructions(contender: str, row: str, server: str, baseline: str | None) -> float:
    """Instructions per read of (contender, row): cachegrind's total for 3,000 reads less 1,000's."""
    import shutil
    import subprocess
    import tempfile

    from tests.bench.processes import REPO_ROOT, child_env

    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("--instructions needs valgrind on PATH")
    env = child_env()
    if contender == "baseline" and baseline is not None:
        env["PYTHONPATH"] = f"{Path(baseline).resolve() / 'overrides'}{os.pathsep}{REPO_ROOT}"
    totals = []
    with tempfile.TemporaryDirectory() as scratch:
        for calls in (1000, 3000):
            out = Path(scratch) / f"{calls}.out"
            argv = [valgrind, "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={out}"]
            argv += [sys.executable, "-m", "tests.bench.distinct_reads", "--worker", "--row", row]
            argv += ["--contender", "raw_aiohttp" if contender == "raw_aiohttp" else "opstatus"]
            argv += ["--server", server, "--calls", str(calls), "--warmup", "200", "--in-flight", "300"]
            subprocess.run(argv, cwd=REPO_ROOT, env=env, check=True, capture_output=True, timeout=900)
            summary = next(line for line in out.read_text().splitlines() if line.startswith("summary:"))
            totals.append(int(summary.split()[1]))
    return (totals[1] - totals[0]) / 2000


def _instruction_report(contenders: list[str], baseline: str | None) -> None:
    from tests.bench.processes import running_responder

    counts: dict[tuple[str, str], float] = {}
    with running_responder() as server:
        for contender in contenders:
            for row in ROWS:
                counts[contender, row] = _instructions(contender, row, server, baseline)
                print(f"{contender:<12} {row:<9} {counts[contender, row] / 1000:8.1f}k instructions a read")
    for name in (c for c in contenders if c != "raw_aiohttp"):
        distinct = counts[name, "distinct"] / counts[name, "repeated"]
        print(f"{name}: distinct / repeated {distinct:.3f}x instructions a read (goal <= 1.10x)")
        for row in ROWS:
            ratio = counts[name, row] / counts["raw_aiohttp", row]
            print(f"{name} / raw aiohttp, {row}: {ratio:.3f}x instructions")
    raw = counts["raw_aiohttp", "distinct"] / counts["raw_aiohttp", "repeated"]
    print(f"raw_aiohttp: distinct / repeated {raw:.3f}x instructions a read")


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        _worker(argv[1:])
        return
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--calls", type=int, default=8000)
    parser.add_argument("--warmup", type=int, default=500)
    parser.add_argument("--in-flight", type=int, default=1000)
    parser.add_argument("--baseline", help="a checkout (with overrides/ and generated/) to run as 'baseline'")
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--instructions", action="store_true", help="count instructions (valgrind), not time")
    args = parser.parse_args(argv)
    operation_ids("distinct", args.calls + args.warmup + args.in_flight)  # refuses too many reads early

    from tests.bench.processes import running_responder

    contenders = ["opstatus", "raw_aiohttp"] + (["baseline"] if args.baseline else [])
    if args.instructions:
        _instruction_report(contenders, args.baseline)
        return
    pairs = [(contender, row) for contender in contenders for row in ROWS]
    samples: dict[tuple[str, str], list[dict[str, Any]]] = {pair: [] for pair in pairs}
    shuffle = random.Random(args.seed)
    loads = [os.getloadavg()[0]]
    with running_responder() as server:
        for number in range(1, args.rounds + 1):
            order = pairs[:]
            shuffle.shuffle(order)
            for contender, row in order:
                samples[contender, row].append(_run(contender, row, server, args))
            loads.append(os.getloadavg()[0])
            print(
                f"round {number}/{args.rounds} done, 1-min load {loads[-1]:.2f}", file=sys.stderr, flush=True
            )

    print(
        f"{args.rounds} interleaved rounds, {args.calls:,} timed reads each (after {args.warmup:,} warm-up), "
        f"{args.in_flight:,} in flight, monitor; 1-min load {min(loads):.2f}-{max(loads):.2f}"
    )
    print(f"{'contender':<12} {'row':<9} {'calls/s':>9} {'CPU µs/read':>12} {'wall µs/read':>13}")
    for contender, row in pairs:
        rounds = samples[contender, row]
        print(
            f"{contender:<12} {row:<9} {median(_measure_of(s, 'calls_per_s') for s in rounds):>9,.0f} "
            f"{median(_measure_of(s, 'cpu_us') for s in rounds):>12.1f} "
            f"{median(_measure_of(s, 'wall_us') for s in rounds):>13.1f}"
        )
    for line in _ratio_lines(samples, contenders):
        print(line)


if __name__ == "__main__":
    main()
