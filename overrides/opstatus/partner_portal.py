"""Cloud Partner Portal: the operations on an offer, and one operation with its publishing steps.

``GET /api/publishers/{publisherId}/offers/{offerId}/operations[/{operationId}]?api-version=2017-10-31``

The service sends one operation either as an object or as a one-element array (the docs show both);
both read as one :class:`Operation`. CPP hands back *relative* ``Location`` URLs:
``client.poller_from_url("/api/publishers/...")`` resolves them against ``base_url``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._client import ApiSpec, AsyncClient, SyncClient
from ._generated.partner_portal import polling as _polling
from ._generated.partner_portal.api.operations import operations_get as _status_get
from ._generated.partner_portal.api.operations import operations_list as _list_op
from ._generated.partner_portal.models import (
    ErrorBody,
    ErrorResponse,
    Message,
    OperationSummaryDefinition,
    Step,
)
from ._generated.partner_portal.models import Operation as _GeneratedOperation
from ._generated.partner_portal.models import OperationSummary as _GeneratedOperationSummary
from ._parsers import list_of, model

if TYPE_CHECKING:
    from ._poller import AsyncPoller, Poller, ProgressCallback

__all__ = [
    "AsyncPartnerPortalClient",
    "ErrorBody",
    "ErrorResponse",
    "Message",
    "Operation",
    "OperationSummary",
    "OperationSummaryDefinition",
    "PartnerPortalClient",
    "Step",
]


class Operation(_GeneratedOperation):
    """One operation on an offer, with its ``steps`` in order (each with status, messages, percent).

    ``status`` is CPP's own spelling (``running``, ``complete``, ``not started``...); ``error`` is a
    message string, or CPP's ``{code, message}`` object.
    """


class OperationSummary(_GeneratedOperationSummary):
    """One entry of an offer's operation list (it carries ``submission_state``, not always ``status``)."""


_API: ApiSpec[Operation] = ApiSpec(
    table=_polling,
    status_request=_status_get._get_kwargs,
    parse_status=model(Operation),
    status_model="Operation",
)
_parse_list = list_of(model(OperationSummary))


class PartnerPortalClient(SyncClient[Operation]):
    """Reads and waits for Cloud Partner Portal operations (sync).

    ``credential=`` any azure-core ``TokenCredential`` (scope ``https://cloudpartner.azure.com/.default``
    by default) or ``token=``; see :mod:`opstatus._client` for every constructor argument.
    """

    _API = _API

    def get_operation(self, *, publisher_id: str, offer_id: str, operation_id: str) -> Operation:
        """Read one operation once."""
        return self._get_status(
            {"publisher_id": publisher_id, "offer_id": offer_id, "operation_id": operation_id}
        )

    def list_operations(
        self, *, publisher_id: str, offer_id: str, filtered_status: str | None = None
    ) -> list[OperationSummary]:
        """All operations on the offer; ``filtered_status`` (sent as ``status=``) keeps only those.

        For example ``filtered_status="running"``.
        """
        url = self._url(
            _list_op._get_kwargs,
            {"publisher_id": publisher_id, "offer_id": offer_id},
            {"status": filtered_status},
        )
        return self._get(url, _parse_list, what="list[OperationSummary]")

    def poller(
        self,
        *,
        publisher_id: str,
        offer_id: str,
        operation_id: str,
        on_progress: ProgressCallback | None = None,
    ) -> Poller[Operation]:
        """A handle to wait for the operation; sends nothing until asked."""
        return self._poller(
            {"publisher_id": publisher_id, "offer_id": offer_id, "operation_id": operation_id}, on_progress
        )

    def wait(
        self,
        *,
        publisher_id: str,
        offer_id: str,
        operation_id: str,
        timeout: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Operation:
        """Wait until the operation is terminal; return it if it completed.

        ``on_progress`` events carry the steps and a combined percentage. Raises
        :class:`OperationFailedError` / :class:`OperationCanceledError`, or :class:`PollingTimeoutError`.
        """
        return self._wait(
            {"publisher_id": publisher_id, "offer_id": offer_id, "operation_id": operation_id},
            timeout=timeout,
            on_progress=on_progress,
        )


class AsyncPartnerPortalClient(AsyncClient[Operation]):
    """The async twin of :class:`PartnerPortalClient`."""

    _API = _API

    async def get_operation(self, *, publisher_id: str, offer_id: str, operation_id: str) -> Operation:
        """Read one operation once."""
        return await self._get_status(
            {"publisher_id": publisher_id, "offer_id": offer_id, "operation_id": operation_id}
        )

    async def list_operations(
        self, *, publisher_id: str, offer_id: str, filtered_status: str | None = None
    ) -> list[OperationSummary]:
        """All operations on the offer; see :meth:`PartnerPortalClient.list_operations`."""
        url = self._url(
            _list_op._get_kwargs,
            {"publisher_id": publisher_id, "offer_id": offer_id},
            {"status": filtered_status},
        )
        return await self._get(url, _parse_list, what="list[OperationSummary]")

    def poller(
        self,
        *,
        publisher_id: str,
        offer_id: str,
        operation_id: str,
        on_progress: ProgressCallback | None = None,
    ) -> AsyncPoller[Operation]:
        """A handle to wait for the operation; sends nothing until awaited."""
        return self._poller(
            {"publisher_id": publisher_id, "offer_id": offer_id, "operation_id": operation_id}, on_progress
        )

    async def wait(
        self,
        *,
        publisher_id: str,
        offer_id: str,
        operation_id: str,
        timeout: float | None = None,  # noqa: ASYNC109 - total wait budget (issue 4), as the sync twin
        on_progress: ProgressCallback | None = None,
    ) -> Operation:
        """Wait until the operation is terminal; see :meth:`PartnerPortalClient.wait`."""
        return await self._wait(
            {"publisher_id": publisher_id, "offer_id": offer_id, "operation_id": operation_id},
            timeout=timeout,
            on_progress=on_progress,
        )
