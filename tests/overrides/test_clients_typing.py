"""Static typing of the public surface, checked by ``mypy --strict`` (``make typecheck``) and run by pytest.

Real azure-identity credentials must be accepted by the sync and async clients, and every method's
return type must be the API's public model. Nothing here sends a request or asks a credential for a token.
"""

from __future__ import annotations

from typing import assert_type

import opstatus
from azure.identity import ClientSecretCredential
from azure.identity.aio import ClientSecretCredential as AsyncClientSecretCredential
from opstatus import AsyncPoller, Poller
from opstatus.graph_billing import (
    ExportSuccessOperation,
    FailedOperation,
    Manifest,
    OperationBase,
    RunningOperation,
)
from opstatus.monitor import OperationStatus
from opstatus.partner_portal import Operation, OperationSummary

GraphOperation = ExportSuccessOperation | FailedOperation | RunningOperation | OperationBase


def test_azure_identity_credentials_fit_the_clients() -> None:
    sync_credential = ClientSecretCredential("tenant", "client", "not-a-secret")
    async_credential = AsyncClientSecretCredential("tenant", "client", "not-a-secret")
    opstatus.MonitorClient(credential=sync_credential).close()
    opstatus.AsyncMonitorClient(credential=async_credential)
    opstatus.AsyncPartnerPortalClient(credential=sync_credential)  # a sync credential also works in async


def test_pollers_are_typed_by_the_apis_model() -> None:
    with (
        opstatus.MonitorClient(token="t") as monitor,
        opstatus.PartnerPortalClient(token="t") as portal,
        opstatus.GraphBillingClient(token=lambda: "t") as graph,
    ):
        assert_type(
            monitor.poller(subscription_id="s", resource_group_name="rg", async_operation_id="op"),
            Poller[OperationStatus],
        )
        assert_type(portal.poller(publisher_id="p", offer_id="o", operation_id="x"), Poller[Operation])
        assert_type(graph.poller(operation_id="x"), Poller[GraphOperation])
        assert_type(graph.resume(graph.poller(operation_id="x").continuation_token()), Poller[GraphOperation])
    poller = opstatus.AsyncGraphBillingClient(token="t").poller(operation_id="x")
    assert_type(poller, AsyncPoller[GraphOperation])


def _typed_only(
    monitor: opstatus.MonitorClient, portal: opstatus.PartnerPortalClient, graph: opstatus.GraphBillingClient
) -> None:
    """Never called (it would send requests); mypy checks the return types."""
    assert_type(
        monitor.get_operation_status(subscription_id="s", resource_group_name="rg", async_operation_id="op"),
        OperationStatus,
    )
    assert_type(
        monitor.wait(subscription_id="s", resource_group_name="rg", async_operation_id="op"), OperationStatus
    )
    assert_type(portal.get_operation(publisher_id="p", offer_id="o", operation_id="x"), Operation)
    assert_type(portal.list_operations(publisher_id="p", offer_id="o"), list[OperationSummary])
    operation = graph.get_operation(operation_id="x")
    assert_type(operation, GraphOperation)
    assert_type(graph.get_manifest(manifest_id="m"), Manifest)
    assert_type(graph.get_manifest_for(operation), Manifest)


async def _async_typed_only(graph: opstatus.AsyncGraphBillingClient) -> None:
    """Never called; mypy checks that the async twins return the same types."""
    operation = await graph.wait(operation_id="x", timeout=60)
    assert_type(operation, ExportSuccessOperation)  # the succeeded member: read without isinstance
    assert_type(operation.resource_location_navigation_link, str | None)
    assert_type(await graph.get_manifest_for(operation), Manifest)
    assert_type(await graph.poller(operation_id="x").result(timeout=5), GraphOperation)


def test_azure_core_credentials_are_opstatus_credential_protocols() -> None:
    from azure.core.credentials import TokenCredential as AzureTokenCredential
    from azure.core.credentials_async import AsyncTokenCredential as AzureAsyncTokenCredential

    def sync_fits(credential: AzureTokenCredential) -> opstatus.TokenCredential:
        return credential  # mypy --strict checks the structural fit

    def async_fits(credential: AzureAsyncTokenCredential) -> opstatus.AsyncTokenCredential:
        return credential

    sync_credential = ClientSecretCredential("tenant", "client", "not-a-secret")
    assert sync_fits(sync_credential) is sync_credential
    async_credential = AsyncClientSecretCredential("tenant", "client", "not-a-secret")
    assert async_fits(async_credential) is async_credential
