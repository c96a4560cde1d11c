"""Contender for the "many operations" section: opstatus waiting on N monitor operations at once.

`--style gather`: `asyncio.gather` of N `AsyncMonitorClient.wait()` calls, each its own schedule (what
a user writes today). `--style set`: one `opstatus.AsyncOperationSet` (default settings) holding N
pollers, sharing the subscription's read budget. Both use one client whose polling policy is a fixed
interval (`PollingPolicy(min_delay=P, max_delay=P)`, default jitter), the interval the peer contender
sleeps too. Without `--fast` aiohttp is hidden, as in a plain `pip install opstatus`.
"""

from __future__ import annotations

import sys

if "--fast" not in sys.argv:
    sys.modules["aiohttp"] = None  # type: ignore[assignment]  # importing it now raises ImportError

import asyncio

import opstatus

from tests.bench.many_protocol import ManyArgs, ManyRecord, parse_many_args
from tests.bench.targets import (
    MONITOR_RESOURCE_GROUP,
    MONITOR_SUBSCRIPTION,
    TOKEN,
    many_operation_id,
)


async def _gather(client: opstatus.AsyncMonitorClient, args: ManyArgs, record: ManyRecord) -> None:
    async def one(index: int) -> None:
        try:
            await client.wait(
                subscription_id=MONITOR_SUBSCRIPTION,
                resource_group_name=MONITOR_RESOURCE_GROUP,
                async_operation_id=many_operation_id(index),
            )
        except opstatus.OpStatusError as error:
            record.failed(index, error)
        else:
            record.done(index)

    await asyncio.gather(*(one(index) for index in range(args.operations)))


async def _set(client: opstatus.AsyncMonitorClient, args: ManyArgs, record: ManyRecord) -> dict[str, int]:
    async with opstatus.AsyncOperationSet() as ops:
        for index in range(args.operations):
            poller = client.poller(
                subscription_id=MONITOR_SUBSCRIPTION,
                resource_group_name=MONITOR_RESOURCE_GROUP,
                async_operation_id=many_operation_id(index),
            )
            ops.add(poller, label=str(index))
        async for outcome in ops:
            if outcome.ok:
                record.done(int(outcome.label))
            else:
                assert outcome.error is not None
                record.failed(int(outcome.label), outcome.error)
        return {"client_reads": ops.reads, "client_throttles": ops.throttles}


async def _main(args: ManyArgs) -> None:
    policy = opstatus.PollingPolicy(min_delay=args.interval, max_delay=args.interval)
    record = ManyRecord()
    async with opstatus.AsyncMonitorClient(token=TOKEN, base_url=args.server, polling=policy) as client:
        if args.fast and client.transport_name != "aiohttp":
            raise RuntimeError(f"opstatus[fast] is not in use here: transport {client.transport_name!r}")
        extra: dict[str, int] = {}
        if args.style == "gather":
            await _gather(client, args, record)
        else:
            extra = await _set(client, args, record)
        record.emit(transport=client.transport_name, **extra)


if __name__ == "__main__":
    asyncio.run(_main(parse_many_args()))
