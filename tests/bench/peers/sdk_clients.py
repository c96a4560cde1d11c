"""How the official SDKs are pointed at the local responder, exactly as a user would configure them.

- azure-mgmt-monitor 6.0.2: `MonitorManagementClient(credential, subscription_id, base_url=...)`
  (sync, requests underneath) and its `.aio` twin (aiohttp underneath), with a fake TokenCredential.
  azure-core refuses bearer tokens over plain http unless the call passes `enforce_https=False`.
- msgraph-sdk: async only. `GraphServiceClient(request_adapter=...)` with a GraphRequestAdapter whose
  `base_url` is the responder's `/v1.0`, authenticated by kiota's AzureIdentityAuthenticationProvider
  over the same fake credential, with 127.0.0.1 as an allowed host (kiota allows http to localhost).
"""

from __future__ import annotations

import time
from typing import Any

from azure.core.credentials import AccessToken
from azure.mgmt.monitor import MonitorManagementClient
from azure.mgmt.monitor.aio import MonitorManagementClient as AsyncMonitorManagementClient
from kiota_authentication_azure.azure_identity_authentication_provider import (
    AzureIdentityAuthenticationProvider,
)
from msgraph import GraphRequestAdapter, GraphServiceClient

from tests.bench.targets import MONITOR_SUBSCRIPTION, TOKEN


class FakeCredential:
    """azure-core TokenCredential protocol, no I/O: a fixed token valid for an hour."""

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        return AccessToken(TOKEN, int(time.time()) + 3600)

    def close(self) -> None:
        return None


class FakeAsyncCredential:
    """azure-core AsyncTokenCredential protocol, no I/O."""

    async def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        return AccessToken(TOKEN, int(time.time()) + 3600)

    async def close(self) -> None:
        return None

    async def __aenter__(self) -> FakeAsyncCredential:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        return None


def azure_monitor_sync_client(server: str) -> Any:
    return MonitorManagementClient(FakeCredential(), MONITOR_SUBSCRIPTION, base_url=server)


def azure_monitor_async_client(server: str) -> Any:
    return AsyncMonitorManagementClient(FakeAsyncCredential(), MONITOR_SUBSCRIPTION, base_url=server)


def graph_client(server: str) -> Any:
    auth = AzureIdentityAuthenticationProvider(
        FakeAsyncCredential(), scopes=["https://graph.microsoft.com/.default"], allowed_hosts=["127.0.0.1"]
    )
    adapter = GraphRequestAdapter(auth)
    adapter.base_url = f"{server}/v1.0"
    return GraphServiceClient(request_adapter=adapter)
