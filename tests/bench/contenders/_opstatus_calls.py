"""How each opstatus client makes the one status call per API (shared by both opstatus contenders)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager

import httpx
import opstatus

from tests.bench.protocol import AsyncCall, AsyncFactory, SyncCall
from tests.bench.targets import (
    GRAPH_OPERATION,
    MONITOR_OPERATION,
    MONITOR_RESOURCE_GROUP,
    MONITOR_SUBSCRIPTION,
    PARTNER_OFFER,
    PARTNER_OPERATION,
    PARTNER_PUBLISHER,
    TOKEN,
    api_base_url,
    next_monitor_operation,
)


@contextmanager
def sync_call(api: str, server: str) -> Iterator[SyncCall]:
    base_url = api_base_url(server, api)
    if api == "monitor":
        with opstatus.MonitorClient(token=TOKEN, base_url=base_url) as monitor:
            yield lambda: monitor.get_operation_status(
                subscription_id=MONITOR_SUBSCRIPTION,
                resource_group_name=MONITOR_RESOURCE_GROUP,
                async_operation_id=MONITOR_OPERATION,
            )
    elif api == "partner_portal":
        with opstatus.PartnerPortalClient(token=TOKEN, base_url=base_url) as partner:
            yield lambda: partner.get_operation(
                publisher_id=PARTNER_PUBLISHER, offer_id=PARTNER_OFFER, operation_id=PARTNER_OPERATION
            )
    elif api == "graph_billing":
        with opstatus.GraphBillingClient(token=TOKEN, base_url=base_url) as graph:
            yield lambda: graph.get_operation(operation_id=GRAPH_OPERATION)
    else:
        raise ValueError(f"unknown api {api!r}")


def async_factory(
    http_client: Callable[[], httpx.AsyncClient] | None,
) -> AsyncFactory:
    """An async call factory; `http_client` builds the httpx.AsyncClient to pass (None: the default)."""

    @asynccontextmanager
    async def async_call(api: str, server: str) -> AsyncIterator[AsyncCall]:
        # A client passed in is the caller's to close (opstatus leaves it open), so close it here.
        if http_client is None:
            async with _async_client(api, server, None) as call:
                yield call
        else:
            async with http_client() as given, _async_client(api, server, given) as call:
                yield call

    return async_call


@asynccontextmanager
async def _async_client(api: str, server: str, client: httpx.AsyncClient | None) -> AsyncIterator[AsyncCall]:
    base_url = api_base_url(server, api)
    if api == "monitor":
        operation = next_monitor_operation()
        async with opstatus.AsyncMonitorClient(token=TOKEN, base_url=base_url, http_client=client) as monitor:
            yield lambda: monitor.get_operation_status(
                subscription_id=MONITOR_SUBSCRIPTION,
                resource_group_name=MONITOR_RESOURCE_GROUP,
                async_operation_id=operation(),
            )
    elif api == "partner_portal":
        async with opstatus.AsyncPartnerPortalClient(
            token=TOKEN, base_url=base_url, http_client=client
        ) as partner:
            yield lambda: partner.get_operation(
                publisher_id=PARTNER_PUBLISHER, offer_id=PARTNER_OFFER, operation_id=PARTNER_OPERATION
            )
    elif api == "graph_billing":
        async with opstatus.AsyncGraphBillingClient(
            token=TOKEN, base_url=base_url, http_client=client
        ) as graph:
            yield lambda: graph.get_operation(operation_id=GRAPH_OPERATION)
    else:
        raise ValueError(f"unknown api {api!r}")
