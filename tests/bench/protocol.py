"""The command line every contender process speaks (stdlib only: peer scripts use it too).

A contender is a script that knows how to make one status call with one client library. The runner
starts it as `<python> -m <module> --mode sync|async|concurrent --apis a,b --server URL ...`; the
script builds its client per API, runs the matching loop from tests.bench.loops and prints one JSON
line (loops.emit). A contender that does not support an API or mode says so in "skipped".
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from dataclasses import dataclass

from tests.bench.loops import (
    Sample,
    emit,
    time_async_concurrent,
    time_async_paired,
    time_async_sequential,
    time_sync,
)
from tests.bench.targets import read_distinct, use_distinct_operations

MODES = ("sync", "async", "concurrent")

SyncCall = Callable[[], object]
AsyncCall = Callable[[], Awaitable[object]]
# Given (api, server base URL): a context manager that owns the client and yields the call.
SyncFactory = Callable[[str, str], AbstractContextManager[SyncCall]]
AsyncFactory = Callable[[str, str], AbstractAsyncContextManager[AsyncCall]]


@dataclass(frozen=True)
class ContenderArgs:
    mode: str
    apis: tuple[str, ...]
    server: str
    calls: int
    warmup: int
    budget_s: float
    in_flight: int
    distinct: int = 0
    paired: int = 0


def parse_args(argv: list[str] | None = None) -> ContenderArgs:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=MODES, required=True)
    parser.add_argument("--apis", required=True, help="comma-separated API keys")
    parser.add_argument("--server", required=True, help="responder base URL (loopback)")
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--budget", type=float, default=5.0, help="seconds per API, then stop")
    parser.add_argument("--in-flight", type=int, default=1000)
    parser.add_argument(
        "--distinct", type=int, default=0, help="monitor: cycle through N operations (0: one, repeated)"
    )
    parser.add_argument(
        "--paired",
        type=int,
        default=0,
        help="concurrent, with --distinct: N pairs of distinct and repeated blocks in this process",
    )
    ns = parser.parse_args(argv)
    if not ns.server.startswith(("http://127.0.0.1:", "http://localhost:")):
        parser.error("benchmarks only talk to loopback servers")
    return ContenderArgs(
        mode=ns.mode,
        apis=tuple(a for a in ns.apis.split(",") if a),
        server=ns.server,
        calls=ns.calls,
        warmup=ns.warmup,
        budget_s=ns.budget,
        in_flight=ns.in_flight,
        distinct=ns.distinct,
        paired=ns.paired,
    )


def run_contender(
    *,
    sync_factory: SyncFactory | None,
    async_factory: AsyncFactory | None,
    supported_apis: tuple[str, ...],
    argv: list[str] | None = None,
) -> None:
    """Parse the command line, time every requested API this contender supports, print the JSON line."""
    args = parse_args(argv)
    use_distinct_operations(args.distinct, paired=args.paired > 0)
    samples: dict[str, Sample] = {}
    paired_repeated: dict[str, Sample] = {}
    skipped: list[str] = []
    for api in args.apis:
        if api not in supported_apis:
            skipped.append(api)
            continue
        if args.mode == "sync":
            if sync_factory is None:
                skipped.append(api)
                continue
            with sync_factory(api, args.server) as call:
                samples[api] = time_sync(call, calls=args.calls, warmup=args.warmup, budget_s=args.budget_s)
        else:
            if async_factory is None:
                skipped.append(api)
                continue
            if _pairs(args, api):
                samples[api], paired_repeated[api] = asyncio.run(_run_paired(async_factory, api, args))
            else:
                samples[api] = asyncio.run(_run_async(async_factory, api, args))
    emit(samples, paired_repeated=paired_repeated, skipped=skipped)


def _pairs(args: ContenderArgs, api: str) -> bool:
    """Whether this API's timing is a paired one (only monitor has distinct operations)."""
    return args.paired > 0 and args.distinct > 1 and api == "monitor" and args.mode == "concurrent"


async def _run_paired(factory: AsyncFactory, api: str, args: ContenderArgs) -> tuple[Sample, Sample]:
    async with factory(api, args.server) as call:
        return await time_async_paired(
            call,
            switch=read_distinct,
            pairs=args.paired,
            in_flight=args.in_flight,
            calls=args.calls,
            warmup=args.warmup,
            budget_s=args.budget_s,
        )


async def _run_async(factory: AsyncFactory, api: str, args: ContenderArgs) -> Sample:
    async with factory(api, args.server) as call:
        if args.mode == "async":
            return await time_async_sequential(
                call, calls=args.calls, warmup=args.warmup, budget_s=args.budget_s
            )
        return await time_async_concurrent(
            call, in_flight=args.in_flight, calls=args.calls, warmup=args.warmup, budget_s=args.budget_s
        )
