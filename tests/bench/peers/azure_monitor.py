"""Contender: azure-mgmt-monitor 6.0.2 (sync: requests; aio: aiohttp), monitor API only."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

from tests.bench.peers.sdk_clients import azure_monitor_async_client, azure_monitor_sync_client
from tests.bench.protocol import AsyncCall, SyncCall, run_contender
from tests.bench.targets import MONITOR_OPERATION, MONITOR_RESOURCE_GROUP, next_monitor_operation


@contextmanager
def sync_call(api: str, server: str) -> Iterator[SyncCall]:
    with azure_monitor_sync_client(server) as client:
        operations = client.private_link_scope_operation_status

        def call() -> object:
            return operations.get(
                async_operation_id=MONITOR_OPERATION,
                resource_group_name=MONITOR_RESOURCE_GROUP,
                enforce_https=False,
            )

        yield call


@asynccontextmanager
async def async_call(api: str, server: str) -> AsyncIterator[AsyncCall]:
    async with azure_monitor_async_client(server) as client:
        operations = client.private_link_scope_operation_status
        operation = next_monitor_operation()

        async def call() -> object:
            return await operations.get(
                async_operation_id=operation(),
                resource_group_name=MONITOR_RESOURCE_GROUP,
                enforce_https=False,
            )

        yield call


if __name__ == "__main__":
    run_contender(sync_factory=sync_call, async_factory=async_call, supported_apis=("monitor",))
