"""Azure Monitor (ARM): the status of a private link scope asynchronous operation.

``GET /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/microsoft.insights/
privateLinkScopeOperationStatuses/{asyncOperationId}?api-version=2019-10-17-preview``

Everything here is declaration: which generated pieces make up this API, and the typed methods.
The behaviour lives in :mod:`opstatus._client`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._client import ApiSpec, AsyncClient, SyncClient
from ._generated.monitor import polling as _polling
from ._generated.monitor.api.async_operations import private_link_scope_operation_status_get as _status_get
from ._generated.monitor.models import (
    CloudError,
    CloudErrorBody,
    ErrorAdditionalInfo,
    ErrorAdditionalInfoInfo,
    ErrorResponseCommon,
)
from ._generated.monitor.models import OperationStatus as _GeneratedOperationStatus
from ._parsers import model

if TYPE_CHECKING:
    from ._poller import AsyncPoller, Poller, ProgressCallback

__all__ = [
    "AsyncMonitorClient",
    "CloudError",
    "CloudErrorBody",
    "ErrorAdditionalInfo",
    "ErrorAdditionalInfoInfo",
    "ErrorResponseCommon",
    "MonitorClient",
    "OperationStatus",
]


class OperationStatus(_GeneratedOperationStatus):
    """The status of an ARM asynchronous operation (``status`` is ARM's own spelling, e.g. ``InProgress``).

    Timestamps without a zone are read as UTC; members the spec does not name stay in
    ``additional_properties``; ``error`` is the operation's own error once it failed.
    """


_API: ApiSpec[OperationStatus] = ApiSpec(
    table=_polling,
    status_request=_status_get._get_kwargs,
    parse_status=model(OperationStatus),
    status_model="OperationStatus",
)


class MonitorClient(SyncClient[OperationStatus]):
    """Reads and waits for Azure Monitor private link scope operations (sync).

    ``credential=`` any azure-core ``TokenCredential`` (scope ``https://management.azure.com/.default``
    by default) or ``token=``; see :mod:`opstatus._client` for every constructor argument.
    """

    _API = _API

    def get_operation_status(
        self, *, subscription_id: str, resource_group_name: str, async_operation_id: str
    ) -> OperationStatus:
        """Read the operation's status once."""
        return self._get_status(
            {
                "subscription_id": subscription_id,
                "resource_group_name": resource_group_name,
                "async_operation_id": async_operation_id,
            }
        )

    def poller(
        self,
        *,
        subscription_id: str,
        resource_group_name: str,
        async_operation_id: str,
        on_progress: ProgressCallback | None = None,
    ) -> Poller[OperationStatus]:
        """A handle to wait for the operation; sends nothing until asked."""
        return self._poller(
            {
                "subscription_id": subscription_id,
                "resource_group_name": resource_group_name,
                "async_operation_id": async_operation_id,
            },
            on_progress,
        )

    def wait(
        self,
        *,
        subscription_id: str,
        resource_group_name: str,
        async_operation_id: str,
        timeout: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> OperationStatus:
        """Wait until the operation is terminal; return its final status if it succeeded.

        Raises :class:`OperationFailedError` / :class:`OperationCanceledError` (with ARM's error),
        :class:`PollingTimeoutError` after ``timeout`` seconds (default: the polling policy's).
        """
        return self._wait(
            {
                "subscription_id": subscription_id,
                "resource_group_name": resource_group_name,
                "async_operation_id": async_operation_id,
            },
            timeout=timeout,
            on_progress=on_progress,
        )


class AsyncMonitorClient(AsyncClient[OperationStatus]):
    """The async twin of :class:`MonitorClient` (an ``AsyncTokenCredential``, ``async with``)."""

    _API = _API

    async def get_operation_status(
        self, *, subscription_id: str, resource_group_name: str, async_operation_id: str
    ) -> OperationStatus:
        """Read the operation's status once."""
        return await self._get_status(
            {
                "subscription_id": subscription_id,
                "resource_group_name": resource_group_name,
                "async_operation_id": async_operation_id,
            }
        )

    def poller(
        self,
        *,
        subscription_id: str,
        resource_group_name: str,
        async_operation_id: str,
        on_progress: ProgressCallback | None = None,
    ) -> AsyncPoller[OperationStatus]:
        """A handle to wait for the operation; sends nothing until awaited."""
        return self._poller(
            {
                "subscription_id": subscription_id,
                "resource_group_name": resource_group_name,
                "async_operation_id": async_operation_id,
            },
            on_progress,
        )

    async def wait(
        self,
        *,
        subscription_id: str,
        resource_group_name: str,
        async_operation_id: str,
        timeout: float | None = None,  # noqa: ASYNC109 - total wait budget (issue 4), as the sync twin
        on_progress: ProgressCallback | None = None,
    ) -> OperationStatus:
        """Wait until the operation is terminal; see :meth:`MonitorClient.wait`."""
        return await self._wait(
            {
                "subscription_id": subscription_id,
                "resource_group_name": resource_group_name,
                "async_operation_id": async_operation_id,
            },
            timeout=timeout,
            on_progress=on_progress,
        )
