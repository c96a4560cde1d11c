"""Peer contender for the "many operations" section: azure-mgmt-monitor 6.0.2 aio, the way its users wait.

azure-mgmt-monitor has no poller for private link scope operations, so a user writes a loop per
operation: `private_link_scope_operation_status.get(...)`, then `asyncio.sleep` for the answer's
`Retry-After` or the polling interval, until the status is terminal; `asyncio.gather` runs the loops.
The interval is the one the opstatus contenders use (`--interval`), for a like-for-like comparison.
azure-core's own RetryPolicy retries a 429 (sleeping its Retry-After) before raising; a loop whose
`get` raises gives up on that operation, as the issue's measurement counted it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from azure.core.exceptions import HttpResponseError

from tests.bench.many_protocol import ManyArgs, ManyRecord, parse_many_args
from tests.bench.peers.sdk_clients import azure_monitor_async_client
from tests.bench.targets import MONITOR_RESOURCE_GROUP, many_operation_id

_TERMINAL = {"Succeeded", "Failed", "Canceled"}


def _retry_after(response: Any) -> float | None:
    value = response.http_response.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


async def _main(args: ManyArgs) -> None:
    record = ManyRecord()
    async with azure_monitor_async_client(args.server) as client:
        operations = client.private_link_scope_operation_status

        async def one(index: int) -> None:
            delay: list[float | None] = [None]

            def keep_retry_after(response: Any) -> None:
                delay[0] = _retry_after(response)

            while True:
                try:
                    status = await operations.get(
                        async_operation_id=many_operation_id(index),
                        resource_group_name=MONITOR_RESOURCE_GROUP,
                        enforce_https=False,
                        raw_response_hook=keep_retry_after,
                    )
                except HttpResponseError as error:
                    record.failed(index, error)
                    return
                if status.status in _TERMINAL:
                    record.done(index)
                    return
                await asyncio.sleep(delay[0] or args.interval)

        await asyncio.gather(*(one(index) for index in range(args.operations)))
    record.emit(transport="azure-core aiohttp")


if __name__ == "__main__":
    asyncio.run(_main(parse_many_args()))
