"""Contender: msgraph-sdk 1.65.0 (async only; httpx + kiota middleware underneath), graph_billing only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from tests.bench.peers.sdk_clients import graph_client
from tests.bench.protocol import AsyncCall, run_contender
from tests.bench.targets import GRAPH_OPERATION


@asynccontextmanager
async def async_call(api: str, server: str) -> AsyncIterator[AsyncCall]:
    client = graph_client(server)
    operation = client.reports.partners.billing.operations.by_operation_id(GRAPH_OPERATION)

    async def call() -> object:
        return await operation.get()

    try:
        yield call
    finally:
        await client.request_adapter._http_client.aclose()


if __name__ == "__main__":
    run_contender(sync_factory=None, async_factory=async_call, supported_apis=("graph_billing",))
